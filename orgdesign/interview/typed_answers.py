"""What a consultant types at a question prompt, turned into a canonical answer.

Forgiving where it costs nothing: a choice may be typed as its number, its
value id or its label, in any letter case; yes/no as y, yes, n or no;
numbers with thousands separators (``1,200``).  Anything else raises
``InvalidAnswer`` with a sentence saying what to type instead.

>>> from orgdesign.questions import Question
>>> roles = Question("roles", "Which roles?", "", "multi_choice", ("none", "ml_engineer", "data_engineer"),
...                  ("Nobody", "ML engineer", "Data engineer"))
>>> read_typed_answer(roles, "3, ML engineer")
('ml_engineer', 'data_engineer')
"""
import re

from ..errors import did_you_mean, shorten
from ..questions import UNKNOWN

# ASCII digits only: str.isdigit() and \d also accept superscripts such as ²,
# which int() then refuses; and at most 30 of them, far beyond any answer and
# far below the 4,300 digits at which int() refuses to read a number at all.
_WHOLE_NUMBER = re.compile(r"^[+-]?([0-9]{1,30}|[0-9]{1,3}(,[0-9]{3}){1,9})$")
_SMALL_NUMBER = re.compile(r"^[0-9]{1,4}$")
_YES_NO_WORDS = {"y": "yes", "yes": "yes", "n": "no", "no": "no"}


class InvalidAnswer(ValueError):
    """Typed text that is not an answer to the question; ``str()`` explains why."""


def read_typed_answer(question, text):
    """The canonical answer for ``text`` typed at ``question``'s prompt."""
    text = text.strip()
    if text.lower() == UNKNOWN:
        return UNKNOWN
    return _READERS[question.type](question, text)


def _read_integer(question, text):
    if not _WHOLE_NUMBER.match(text.replace(" ", "")):
        raise InvalidAnswer(f"`{shorten(text)}` is not a whole number; {range_text(question)}.")
    value = int(text.replace(" ", "").replace(",", ""))
    if question.minimum is not None and value < question.minimum or question.maximum is not None and value > question.maximum:
        raise InvalidAnswer(f"{value:,} is out of range; {range_text(question)}.")
    return value


def range_text(question):
    """``type a whole number from 1 to 10,000,000``, for hints and error messages."""
    low, high = question.minimum, question.maximum
    if low is not None and high is not None:
        return f"type a whole number from {low:,} to {high:,}"
    if low is not None:
        return f"type a whole number of at least {low:,}"
    return "type a whole number"


def _read_yes_no(question, text):
    word = _YES_NO_WORDS.get(text.lower())
    if word is None and _SMALL_NUMBER.match(text) and 1 <= int(text) <= 2:
        word = ("yes", "no")[int(text) - 1]
    if word is None:
        raise InvalidAnswer(f"`{shorten(text)}` is not yes or no; type y or n.")
    return word


def _read_choice(question, text):
    return _pick(question, text)


def _read_multi_choice(question, text):
    picked = [_pick(question, item) for item in _split_items(question, text)]
    if not picked:
        raise InvalidAnswer(f"no choice given; {choice_hint(question)}.")
    value, problem = question.normalise(picked)
    if problem:
        raise InvalidAnswer(f"{problem[0]}; {problem[1]}.")
    return value


def _split_items(question, text):
    """Items separated by commas; an item that is no label may also be split on spaces (``2 4``)."""
    items = []
    for part in (p.strip() for p in re.split(r"[,;]", text)):
        if not part:
            continue
        if " " in part and _match(question, part) is None:
            items.extend(part.split())
        else:
            items.append(part)
    return items


def _pick(question, item):
    value = _match(question, item)
    if value is not None:
        return value
    if _SMALL_NUMBER.match(item):
        raise InvalidAnswer(f"there is no choice {item}; {choice_hint(question)}.")
    close = did_you_mean(item.lower(), question.values)
    raise InvalidAnswer(f"`{shorten(item)}` is not one of the choices{' (' + close + ')' if close else ''}; {choice_hint(question)}.")


def _match(question, item):
    if _SMALL_NUMBER.match(item):
        number = int(item)
        return question.values[number - 1] if 1 <= number <= len(question.values) else None
    lowered = item.lower()
    for value, label in zip(question.values, question.labels):
        if lowered in (value.lower(), label.lower()):
            return value
    return None


def choice_hint(question):
    """How to answer a choice question, for hints and error messages."""
    count = len(question.values)
    several = " (several allowed, separated by commas)" if question.type == "multi_choice" else ""
    return f"type a number from 1 to {count} or a value such as `{question.values[min(1, count - 1)]}`{several}"


_READERS = {
    "integer": _read_integer,
    "yes_no": _read_yes_no,
    "choice": _read_choice,
    "multi_choice": _read_multi_choice,
}
