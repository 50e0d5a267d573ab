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


class ProfileErrors(ProfileError):
    """Several mistakes in one profile, all found in one pass (in file order).

    The first one is this error's own message, path and line, so code that
    reads one error still works; ``errors`` holds them all, and ``str()``
    gives one line per mistake, as a linter prints them.
    """

    def __init__(self, errors):
        first = errors[0]
        super().__init__(first.message, first.path, first.line, first.hint)
        self.errors = list(errors)

    def __str__(self):
        return "\n".join(OrgDesignError.__str__(error) for error in self.errors)


class RuleBaseError(OrgDesignError):
    """A rule or knowledge file does not validate."""


# Longest value an error message repeats in full; longer ones are cut with
# an ellipsis, so a 500 KB value gives a readable line, not a 500 KB one.
MAX_SHOWN = 60


def shorten(text, limit=MAX_SHOWN):
    """``text`` (any value, as ``str``), cut to ``limit`` characters with an ellipsis.

    >>> shorten("x" * 100, 10)
    'xxxxxxxxx…'
    """
    text = str(text)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def shown(value, limit=MAX_SHOWN):
    """``repr(value)`` for a message, cut to ``limit`` characters with an ellipsis.

    >>> shown("many"), shown("y" * 100, 8)
    ("'many'", "'yyyyyy…")
    """
    return shorten(repr(value[:limit] if isinstance(value, str) else value), limit)


def did_you_mean(word, choices):
    """A ``did you mean `x`?`` hint, or None when nothing is close.

    >>> did_you_mean("ml_activty", ["ml_activity", "industry"])
    'did you mean `ml_activity`?'
    """
    if len(str(word)) > 2 * MAX_SHOWN:
        return None  # nothing is close to a value that long, and comparing would take seconds
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f"did you mean `{close[0]}`?" if close else None


def allowed_list(choices, limit=20):
    """A readable list of allowed values for an error hint."""
    choices = [str(c) for c in choices]
    shown = ", ".join(choices[:limit])
    if len(choices) > limit:
        shown += f", ... ({len(choices) - limit} more)"
    return f"allowed: {shown}"
