"""The question bank: what each core answer may be, and its canonical form.

Canonical forms, used everywhere after loading:
- integer: ``int``; choice: the value id (``str``); yes/no: ``"yes"``/``"no"``;
- multi-choice: a tuple of value ids in the bank's order, without repeats;
- any question: the string ``"unknown"``.
"""
from dataclasses import dataclass

from .errors import allowed_list, did_you_mean, shorten, shown

UNKNOWN = "unknown"
QUESTION_TYPES = ("integer", "choice", "multi_choice", "yes_no")
YES_NO = ("yes", "no")


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    help: str
    type: str
    values: tuple = ()          # value ids, for choice and multi-choice questions
    labels: tuple = ()          # labels, aligned with values
    minimum: int = None
    maximum: int = None
    default: object = None
    ask_if: object = None
    optional: bool = False      # Enter alone may record unknown (the interview asks again otherwise)
    line: int = None

    def answer_label(self, value):
        """An answer as the consultant chose it: ``Product teams, Central division``, ``6,500``, ``yes``.

        >>> q = Question("r", "Who?", "", "choice", ("ceo", "nobody"), ("The CEO", "Nobody in particular"))
        >>> q.answer_label("ceo"), q.answer_label("unknown"), q.answer_label(("ceo", "nobody"))
        ('The CEO', 'unknown', 'The CEO, Nobody in particular')
        """
        if value == UNKNOWN:
            return UNKNOWN
        if isinstance(value, int) and not isinstance(value, bool):
            return f"{value:,}"
        labels = dict(zip(self.values, self.labels))
        if isinstance(value, tuple):
            return ", ".join(labels.get(v, v) for v in value)
        return labels.get(value, str(value))

    def allowed_values(self):
        if self.type == "yes_no":
            return YES_NO
        return self.values

    def normalise(self, raw):
        """Return ``(canonical value, None)`` or ``(None, (problem, hint))``."""
        if isinstance(raw, str) and raw.strip().lower() == UNKNOWN:
            return UNKNOWN, None
        return getattr(self, "_normalise_" + self.type)(raw)

    def _normalise_integer(self, raw):
        if isinstance(raw, bool) or not isinstance(raw, int):
            return None, (f"`{self.id}` must be a whole number, not {shown(raw)}", f"write a number such as {self.minimum or 0}, or `unknown`")
        if self.minimum is not None and raw < self.minimum or self.maximum is not None and raw > self.maximum:
            return None, (f"`{self.id}` is {raw}, outside {self.minimum}..{self.maximum}", "give a number in that range, or `unknown`")
        return raw, None

    def _normalise_yes_no(self, raw):
        if raw is True or raw is False:
            return ("yes" if raw else "no"), None
        if isinstance(raw, str) and raw.strip().lower() in YES_NO:
            return raw.strip().lower(), None
        return None, (f"`{self.id}` must be yes or no, not {shown(raw)}", "write yes, no or unknown")

    def _normalise_choice(self, raw):
        if isinstance(raw, str) and raw in self.values:
            return raw, None
        return None, self._bad_value(raw)

    def _normalise_multi_choice(self, raw):
        items = [raw] if isinstance(raw, str) else raw
        if items == [] and "none" in self.values:
            # An empty list is a real answer ("no such thing here"): say it as `none`.
            return ("none",), None
        if not isinstance(items, list) or not items:
            return None, (f"`{self.id}` must be a list of values", f"write e.g. [{self.values[0]}], or `unknown`; {allowed_list(self.values)}")
        for item in items:
            if not isinstance(item, str) or item not in self.values:
                return None, self._bad_value(item)
        chosen = set(items)
        if "none" in chosen and len(chosen) > 1:
            return None, (f"`{self.id}` lists `none` together with other values", "keep `none` alone, or remove it")
        return tuple(v for v in self.values if v in chosen), None

    def _bad_value(self, raw):
        hint = did_you_mean(raw, self.values)
        hint = f"{hint} {allowed_list(self.values)}" if hint else allowed_list(self.values)
        return f"`{shorten(raw)}` is not a valid answer to `{self.id}`", hint


class QuestionBank:
    """The ordered core questions, looked up by id."""

    def __init__(self, questions):
        self.questions = tuple(questions)
        self.by_id = {q.id: q for q in self.questions}

    def __iter__(self):
        return iter(self.questions)

    def __contains__(self, question_id):
        return question_id in self.by_id

    def __getitem__(self, question_id):
        return self.by_id[question_id]

    @property
    def ids(self):
        return tuple(self.by_id)
