"""Comments a consultant wrote into a profile by hand, kept across interview saves.

The interview rewrites the whole profile at every answer, in its own layout.
A whole-line comment written by hand (``# confirmed with the CTO``) is
remembered with the key it stands above, and written again above that key
in the new text; one above a key that no longer exists goes to the end.
Comments the writer itself makes (the header, "not answered yet", "not asked,
because ...") are not hand comments: they are made afresh at each save.

>>> old = "# Client profile written by `orgdesign interview`.\\nprofile_version: 1\\nanswers:\\n  # ask Jo\\n  employees: 3\\n"
>>> print(with_hand_comments("profile_version: 1\\nanswers:\\n  employees: 4\\n", old), end="")
profile_version: 1
answers:
  # ask Jo
  employees: 4
"""
import re

_KEY_LINE = re.compile(r"^( *)([A-Za-z_][A-Za-z0-9_]*):")
_GENERATED_ANCHOR = re.compile(r"^( *)# ([A-Za-z_][A-Za-z0-9_]*): (?:not answered yet|not asked, because)")
_GENERATED_HEADER = re.compile(r"^# (?:Client profile written by `orgdesign interview`|\d+ of \d+ questions answered)")
_END = ("<end>",)


def with_hand_comments(new_text, old_text):
    """``new_text`` with the hand comments of ``old_text`` put back above their keys."""
    kept = hand_comments(old_text)
    if not kept:
        return new_text
    lines = []
    for line, path in _lines_with_paths(new_text.splitlines()):
        if path is not None and path in kept:
            lines += kept.pop(path)
        lines.append(line)
    for comments in kept.values():  # their keys are gone; the words are not lost
        lines += comments
    return "\n".join(lines) + "\n"


def hand_comments(text):
    """``{key path: [comment lines]}``: each run of hand comments, by the key below it."""
    kept, pending = {}, []
    for line, path in _lines_with_paths(text.splitlines()):
        if path is None:
            stripped = line.strip()
            if stripped.startswith("#") and not _GENERATED_HEADER.match(stripped):
                pending.append(line)
            continue
        if pending:
            kept.setdefault(path, []).extend(pending)
            pending = []
    if pending:
        kept.setdefault(_END, []).extend(pending)
    return kept


def _lines_with_paths(lines):
    """Each line with the key path it opens (``("answers", "employees")``), or None."""
    top = None
    for line in lines:
        match = _KEY_LINE.match(line) or _GENERATED_ANCHOR.match(line)
        if match is None:
            yield line, None
            continue
        indent, key = match.groups()
        if not indent:
            top = key
            yield line, (key,)
        else:
            yield line, (top, key)
