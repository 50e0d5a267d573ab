"""Characters that no client string carries into an output or a terminal as they are.

Two places apply these rules, each once:

- ``client_line`` and ``client_text`` clean what a client profile holds when
  it is read (names, notes): control characters (NUL, backspace, escape,
  form feed, C1 controls...), lone surrogates and the non-characters
  U+FFFE/U+FFFF become U+FFFD, visibly, so no report, chart or graph file
  is ever handed a character that breaks it (GraphML is XML, which has no
  way to write U+0001) or that `dot` refuses;
- ``for_terminal`` filters every line the command line prints, so an error
  message quoting a hostile key cannot clear the screen, plant a hyperlink,
  move the cursor or forge a line such as "Wrote out/report.html".

Bidirectional controls (right-to-left overrides and isolates) let a name
display as something other than what it holds; every output's escaping
function still passes client text through ``without_bidi_controls``.

>>> without_bidi_controls("Acme\\u202eoC")
'Acme\\ufffdoC'
>>> client_line("Acme\\nWrote out/report.html\\x1b[2J")
'Acme Wrote out/report.html\\ufffd[2J'
>>> client_text("line one\\r\\nline two\\x08")
'line one\\nline two\\ufffd'
>>> for_terminal("Error: `\\x1b]8;;http://x\\x07key`", one_line=True)
'Error: `\\ufffd]8;;http://x\\ufffdkey`'
"""
import re

REPLACEMENT = "\ufffd"
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_BIDI_CONTROLS = re.compile(f"[{_BIDI}]")
# C0 but tab and newline, DEL, C1, lone surrogates, and the non-characters
# (U+FDD0..U+FDEF, U+FFFE, U+FFFF) that XML and Graphviz refuse.
_UNSAFE = f"\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff{_BIDI}"
_UNSAFE_IN_TEXT = re.compile(f"[{_UNSAFE}]")
_LINE_BREAKS = re.compile("\r\n|[\r\x85\u2028\u2029]")
_NEWLINE_OR_TAB = re.compile("[\n\t]")


def without_bidi_controls(text):
    return _BIDI_CONTROLS.sub(REPLACEMENT, text)


def client_text(text):
    """Multi-line client text (a note): line breaks kept as ``\\n``, tabs kept, other controls shown as U+FFFD."""
    return _UNSAFE_IN_TEXT.sub(REPLACEMENT, _LINE_BREAKS.sub("\n", text))


def client_line(text):
    """One line of client text (a name): as ``client_text``, with line breaks and tabs turned into spaces."""
    return _NEWLINE_OR_TAB.sub(" ", client_text(text))


def for_terminal(text, one_line=False):
    """``text`` safe to print: no escape sequences or other controls; ``one_line`` also folds line breaks."""
    text = client_text(text)
    return _NEWLINE_OR_TAB.sub(" ", text) if one_line else text
