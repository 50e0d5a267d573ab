"""Helpers shared by the command modules."""
import functools

import click

from ..errors import OrgDesignError
from ..outputs import to_json  # noqa: F401  (re-exported for the command modules)


def reports_errors(command):
    """Turn domain errors into ``Error: ...`` and exit 1, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except OrgDesignError as err:
            raise click.ClickException(str(err)) from None

    return wrapper


def rules_options(command):
    """``--rules DIR`` and ``--knowledge DIR``: use another rule base."""
    command = click.option("--knowledge", "knowledge_dir", type=click.Path(file_okay=False, exists=True),
                           help="Knowledge folder to use instead of the shipped one.")(command)
    command = click.option("--rules", "rules_dir", type=click.Path(file_okay=False, exists=True),
                           help="Rule folder to use instead of the shipped one.")(command)
    return command
