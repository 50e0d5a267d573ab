"""Characters that no client string carries into an output as they are.

Bidirectional controls (right-to-left overrides and isolates) let a name
display as something other than what it holds, in a chart, a report or a
spreadsheet. Every output's escaping function passes client text through
``without_bidi_controls``, which shows each one as U+FFFD, visibly.

>>> without_bidi_controls("Acme\\u202eoC")
'Acme\\ufffdoC'
"""
import re

_BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def without_bidi_controls(text):
    return _BIDI_CONTROLS.sub("\ufffd", text)
