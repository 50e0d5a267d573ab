"""The one place where text becomes part of a Graphviz label.

Every label in the chart is an HTML-like label (``<...>`` in DOT).  Inside
one, only XML markup is special, so escaping the five XML characters is
enough: quotes, backslashes and ``\\n``-style sequences stay literal.  Text
must never reach DOT source any other way.
"""
import re

from ..text_safety import without_bidi_controls

_XML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}
# Control characters are not allowed in XML at all; a line break would end
# the label's line, so both become a plain space.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def escape_label_text(text):
    """``text`` made safe to place inside an HTML-like Graphviz label.

    >>> escape_label_text('Acme "R&D" <Labs> \\\\ Co')
    'Acme &quot;R&amp;D&quot; &lt;Labs&gt; \\\\ Co'
    >>> escape_label_text("two\\nlines")
    'two lines'
    """
    text = without_bidi_controls(_CONTROL.sub(" ", str(text)))
    return "".join(_XML.get(char, char) for char in text)
