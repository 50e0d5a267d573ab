"""Escaping for the Markdown report, done in one place.

Every value a Markdown template prints passes through ``markdown_text``
(the Jinja environment's ``finalize`` hook), so a client name such as
``<script>`` or ``*Acme*`` appears as literal text in any Markdown viewer.
Values are folded onto one line, so they cannot start a list or heading of
their own; the templates never print a value at the start of a line.
Template text itself is trusted and is never escaped.
"""
import re

from ..text_safety import without_bidi_controls

# CommonMark lets any ASCII punctuation be escaped with a backslash; these are
# the characters that can start markup, HTML, entities, links or table cells.
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#+!|~&])")


class MarkdownSafe(str):
    """Markdown the templates built themselves; printed without escaping."""


def markdown_text(value):
    """One value as inert Markdown text on a single line.

    >>> markdown_text("<script>alert(1)</script> *Acme* | Co")
    '\\\\<script\\\\>alert(1)\\\\</script\\\\> \\\\*Acme\\\\* \\\\| Co'
    >>> markdown_text("two\\nlines")
    'two lines'
    >>> markdown_text(0.5)
    '0.5'
    """
    if value is None:
        return ""
    if isinstance(value, MarkdownSafe):
        return value
    text = without_bidi_controls(" ".join(str(value).split()))
    return _SPECIAL.sub(r"\\\1", text)
