"""The `orgdesign` command line: one click group, one module per command.

Each command loads its inputs, calls the library once and renders the
result; domain errors become ``Error: FILE:LINE: ...`` with exit code 1.
"""
import click

from .. import __version__
from .recommend import recommend
from .lint import lint

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "-V", "--version", prog_name="orgdesign")
def main():
    """Design a machine-learning organisation from a client interview.

    \b
    Example:
      orgdesign recommend examples/nascent-logistics.yaml
      orgdesign recommend examples/nascent-logistics.yaml --json
    """


main.add_command(recommend)
main.add_command(lint)
