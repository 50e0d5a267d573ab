"""The `orgdesign` command line: one click group, one module per command.

Each command loads its inputs, calls the library once and renders the
result; domain errors become ``Error: FILE:LINE: ...`` with exit code 1.
Command modules import the heavy parts of orgdesign inside their bodies, so
`orgdesign --help` and a cold `recommend` load only what they use.
"""
import click

from .. import __version__
from .batch import batch
from .diff import diff
from .explain import explain
from .interview import interview
from .lint import lint
from .recommend import recommend
from .render import render
from .serve import serve

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}


class _FilteredGroup(click.Group):
    """Click's own usage errors quote what was typed: they pass the terminal filter too."""

    def make_context(self, *args, **kwargs):
        with _filtered_messages():
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx):
        with _filtered_messages():
            return super().invoke(ctx)


class _filtered_messages:
    def __enter__(self):
        return self

    def __exit__(self, kind, error, _traceback):
        if isinstance(error, click.ClickException):
            from ..text_safety import for_terminal

            error.message = for_terminal(error.message, one_line=True)
        return False


@click.group(cls=_FilteredGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "-V", "--version", prog_name="orgdesign")
def main():
    """Design a machine-learning organisation from a client interview.

    Every command writes where -o/--output says (a file or a folder, as
    the command writes) and prints otherwise; `orgdesign COMMAND --help`
    shows each one's examples.

    \b
    Examples:
      orgdesign interview -o acme.yaml
      orgdesign recommend acme.yaml -o out/acme
      orgdesign explain acme.yaml --why-not ml_first
      orgdesign render acme.yaml --format png -o acme.png
      orgdesign diff acme-2025.yaml acme.yaml
      orgdesign batch examples/ -o out/portfolio
      orgdesign lint
      orgdesign serve examples/
    """


for command in (interview, recommend, explain, render, batch, diff, lint, serve):
    main.add_command(command)
