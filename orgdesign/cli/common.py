"""Helpers shared by the command modules."""
import functools

import click

from ..errors import OrgDesignError
from ..outputs import to_json  # noqa: F401  (re-exported for the command modules)
from ..text_safety import for_terminal


def say(text="", err=False, nl=True):
    """Print ``text``: every line the command line prints goes through here, and the one terminal filter."""
    click.echo(for_terminal(text), err=err, nl=nl)


def reports_errors(command):
    """Turn domain errors into ``Error: ...`` and exit 1, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except OrgDesignError as err:
            several = getattr(err, "errors", None)
            if several:
                # A profile with several mistakes: one `Error:` line each, as a linter lists them.
                for error in several[:-1]:
                    click.echo("Error: " + for_terminal(OrgDesignError.__str__(error), one_line=True), err=True)
                err = several[-1]
            raise click.ClickException(for_terminal(OrgDesignError.__str__(err), one_line=True)) from None
        except OSError as err:
            # A file problem no check foresaw (a folder vanishing mid-run, say) still reads as one line.
            where = f"{err.filename}: " if err.filename else ""
            raise click.ClickException(for_terminal(f"{where}{err.strerror or err}", one_line=True)) from None

    return wrapper


def rules_options(command):
    """``--rules DIR`` and ``--knowledge DIR``: use another rule base."""
    command = click.option("--knowledge", "knowledge_dir", type=click.Path(file_okay=False, exists=True),
                           help="Knowledge folder to use instead of the shipped one.")(command)
    command = click.option("--rules", "rules_dir", type=click.Path(file_okay=False, exists=True),
                           help="Rule folder to use instead of the shipped one.")(command)
    return command


class _OutputOption(click.Option):
    """``-o/--output``, with older spellings (``--out``) accepted but left out of the help."""

    def __init__(self, *args, hidden_aliases=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.hidden_aliases = tuple(hidden_aliases)

    def get_help_record(self, ctx):
        shown = self.opts
        self.opts = [name for name in shown if name not in self.hidden_aliases]
        try:
            return super().get_help_record(ctx)
        finally:
            self.opts = shown


def output_option(dest, help, path_type=None, **kwargs):
    """The one output option every command shares: ``-o FILE|DIR`` / ``--output FILE|DIR``.

    It names a file or a folder, as the command writes; ``--out`` is kept as a
    hidden alias so scripts written before the option was renamed keep working.
    """
    return click.option("-o", "--output", "--out", dest, cls=_OutputOption, hidden_aliases=("--out",),
                        type=path_type or click.Path(), help=help, **kwargs)


def write_text_output(path, text, inputs):
    """Write a command's text output to ``path`` atomically, never over a file the run read."""
    from pathlib import Path

    from ..atomic_write import write_text_atomic
    from ..outputs import refuse_overwriting_inputs

    target = Path(path)
    refuse_overwriting_inputs([target], inputs)
    if not target.parent.is_dir():
        raise OrgDesignError("the folder does not exist", str(target.parent),
                             hint="create it first or choose another -o/--output")
    write_text_atomic(target, text)
