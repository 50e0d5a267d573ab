"""Writes an interview's profile as readable YAML, atomically.

The layout follows the question bank, so the file reads like the interview:
every core question appears in order, as an answer or as a comment saying
why it has none yet (not answered yet, or not asked).  Yes/no answers are
written ``yes``/``no`` as consultants type them; every other text goes
through PyYAML's emitter so that quoting is always right and the file loads
back to the same profile.
"""
import yaml

from ..atomic_write import write_text_atomic
from ..profile import PROFILE_VERSION
from ..yaml_source import MAX_BYTES, reads_as_text
from .hand_comments import with_hand_comments

_INFINITE_WIDTH = 10**9
# Characters YAML 1.1 reads as line breaks: left unescaped they would fold into spaces.
_LINE_BREAKS = ("\n", "\x85", "\u2028", "\u2029")


def profile_yaml(profile, bank, skip_reasons=None):
    """The text of the profile file; ``skip_reasons`` maps skipped question ids to why."""
    skip_reasons = skip_reasons or {}
    lines = _header(profile, bank, skip_reasons)
    lines += [f"profile_version: {PROFILE_VERSION}", "client:", f"  name: {_scalar(profile.client)}"]
    if profile.interviewed_on:
        lines.append(f"  interviewed_on: {profile.interviewed_on}")
    if profile.consultant:
        lines.append(f"  consultant: {_scalar(profile.consultant)}")
    lines.append("answers:")
    for question in bank:
        if question.id not in profile.missing:
            comment = f"  # not asked, because {skip_reasons[question.id]}" if question.id in skip_reasons else ""
            lines.append(f"  {question.id}: {_answer(question, profile.answers[question.id])}{comment}")
        elif question.id in skip_reasons:
            lines.append(f"  # {question.id}: not asked, because {skip_reasons[question.id]}")
        else:
            lines.append(f"  # {question.id}: not answered yet")
    if profile.notes:
        lines.append("notes:")
        lines += [f"  {q.id}: {_scalar(profile.notes[q.id])}" for q in bank if q.id in profile.notes]
    if any(profile.names.values()):
        lines.append("names:")
        for kind, entries in profile.names.items():
            if entries:
                lines.append(f"  {kind}:")
                lines += [f"    {_scalar(item_id)}: {_scalar(name)}" for item_id, name in entries.items()]
    return "\n".join(lines) + "\n"


def save_profile(path, profile, bank, skip_reasons=None, keep_comments=False):
    """Write the profile file; ``keep_comments`` keeps the hand comments of the file saved before."""
    text = profile_yaml(profile, bank, skip_reasons)
    if keep_comments:
        text = with_hand_comments(text, _previous_text(path))
    write_text_atomic(path, text)


def _previous_text(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return handle.read(MAX_BYTES)
    except OSError:
        return ""


def _header(profile, bank, skip_reasons):
    asked = [q for q in bank.ids if q not in skip_reasons]
    pending = [q for q in asked if q in profile.missing]
    lines = ["# Client profile written by `orgdesign interview`."]
    if pending:
        lines.append(f"# {len(asked) - len(pending)} of {len(asked)} questions answered; "
                     "continue with `orgdesign interview --resume` and this file.")
    return lines


def _answer(question, value):
    if question.type == "yes_no" and value in ("yes", "no"):
        return value    # read back as a YAML boolean, which the profile loader turns into yes/no again
    if isinstance(value, tuple):
        return "[" + ", ".join(_scalar(item) for item in value) + "]"
    return _scalar(value)


def _scalar(value):
    """``value`` as one line of YAML: plain when that reads back the same, double-quoted otherwise."""
    text = yaml.safe_dump(value, allow_unicode=True, width=_INFINITE_WIDTH, default_flow_style=True)
    text = text.removesuffix("\n...\n").removesuffix("\n")
    # PyYAML's emitter quotes what YAML 1.1 would misread; our reader follows
    # YAML 1.2 (see yaml_source), where plain `1e3` is a number: quote that too.
    unquoted = isinstance(value, str) and not text.startswith(("'", '"')) and not reads_as_text(text)
    if unquoted or any(brk in text for brk in _LINE_BREAKS) or text.startswith(("|", ">")):
        text = yaml.safe_dump(value, allow_unicode=True, width=_INFINITE_WIDTH, default_style='"')
        text = text.removesuffix("\n")
    return text
