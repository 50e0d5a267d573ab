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
            raise click.ClickException(for_terminal(str(err), one_line=True)) from None
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
