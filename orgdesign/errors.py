"""One exception family for everything a user can get wrong.

The command line turns an ``OrgDesignError`` into ``Error: FILE:LINE: what is
wrong; how to fix it`` and exit code 1, never a traceback.
"""
import difflib


class OrgDesignError(Exception):
    """A problem with an input file (profile, rule or knowledge file)."""

    def __init__(self, message, path=None, line=None, hint=None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.hint = hint

    def __str__(self):
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        text = f"{where}{self.message}"
        if self.hint:
            text += f"; {self.hint}"
        return text


class ProfileError(OrgDesignError):
    """A client profile does not validate."""


class RuleBaseError(OrgDesignError):
    """A rule or knowledge file does not validate."""


def did_you_mean(word, choices):
    """A ``did you mean `x`?`` hint, or None when nothing is close.

    >>> did_you_mean("ml_activty", ["ml_activity", "industry"])
    'did you mean `ml_activity`?'
    """
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f"did you mean `{close[0]}`?" if close else None


def allowed_list(choices, limit=20):
    """A readable list of allowed values for an error hint."""
    choices = [str(c) for c in choices]
    shown = ", ".join(choices[:limit])
    if len(choices) > limit:
        shown += f", ... ({len(choices) - limit} more)"
    return f"allowed: {shown}"
