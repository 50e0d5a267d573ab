"""The answer values worth trying in a what-if: one per behaviour the rules can tell apart.

Two values of a question are equivalent when every rule condition on that
question judges them alike; trying both could never change a conclusion
differently.  So each question offers one representative per class of
values, which keeps what-if searches small (e.g. 63 possible role sets
collapse to the handful the rules distinguish).
"""
from dataclasses import dataclass
from itertools import combinations

from ..questions import UNKNOWN


@dataclass(frozen=True)
class Change:
    question: str
    value: object


class AnswerSpace:
    def __init__(self, reasoner):
        self.questions = reasoner.knowledge.questions
        self.tests = {}
        for rule in reasoner.rulebook.rules:
            for test in rule.answer_tests:
                self.tests.setdefault(test.question, []).append(test)

    def tested_questions(self):
        return [q.id for q in self.questions if q.id in self.tests]

    def alternatives(self, question_id, current, include_unknown=False):
        """Representative values of ``question_id`` that the rules judge unlike ``current``."""
        tests = self.tests.get(question_id, [])
        signature = lambda value: tuple(t.holds(value) for t in tests)  # noqa: E731
        seen = {signature(current)}
        chosen = []
        for value in self._values_by_closeness(question_id, current):
            key = signature(value)
            if key not in seen:
                seen.add(key)
                chosen.append(value)
        # `unknown` is always tried on its own: even where the rules cannot tell
        # it from some value, a reader asks about it by name.
        if include_unknown and current != UNKNOWN:
            chosen.append(UNKNOWN)
        return chosen

    def _values_by_closeness(self, question_id, current):
        question = self.questions[question_id]
        if question.type == "multi_choice":
            return _subsets_nearest_first(question.values, current)
        if question.type == "integer":
            return self._numbers(question, current)
        return list(question.allowed_values())

    def _numbers(self, question, current):
        # The edges of every tested range, and one past each, cover every class.
        edges = {question.minimum or 0}
        for test in self.tests.get(question.id, []):
            ranges = [(low, high) for _, low, high in test.bands]
            if test.operator == "between":
                ranges.append(test.operand)
            for low, high in ranges:
                edges.update(v for v in (low, high, None if low is None else low - 1, None if high is None else high + 1)
                             if v is not None)
        low, high = question.minimum, question.maximum
        values = sorted(v for v in edges if (low is None or v >= low) and (high is None or v <= high))
        # The class representative is the value nearest today's answer.
        if isinstance(current, int):
            values.sort(key=lambda v: (abs(v - current), v))
        return values


def _subsets_nearest_first(values, current):
    """Every legal answer to a multi-choice question, fewest edits from ``current`` first."""
    today = set(current) if isinstance(current, tuple) else set()
    options = [v for v in values if v != "none"]
    subsets = [("none",)] if "none" in values else []
    for size in range(1, len(options) + 1):
        subsets += [tuple(c) for c in combinations(options, size)]
    order = {v: i for i, v in enumerate(values)}
    return sorted(subsets, key=lambda s: (len(today ^ set(s)), len(s), [order[v] for v in s]))


def edit_size(current, value):
    """How big a change is: items added or dropped for multi-choice answers, else 1.

    >>> edit_size(("product_teams", "central_division"), ("central_division",))
    1
    >>> edit_size("ceo", "senior_leadership")
    1
    """
    if isinstance(current, tuple) and isinstance(value, tuple):
        return len(set(current) ^ set(value))
    return 1


def describe_change(describer, change, current):
    """``add Central ML division`` / ``Senior leadership (instead of Product or engineering lead)``."""
    question = describer.knowledge.questions[change.question]
    if isinstance(current, tuple) and isinstance(change.value, tuple) and set(current) & set(change.value):
        added = tuple(v for v in change.value if v not in current)
        dropped = tuple(v for v in current if v not in change.value)
        parts = [f"{verb} {describer.value_label(change.question, items)}"
                 for verb, items in (("add", added), ("drop", dropped)) if items]
        return f"{question.text} {'; '.join(parts)}"
    return (f"{question.text} {describer.value_label(change.question, change.value)} "
            f"(instead of {describer.value_label(change.question, current)})")


def change_phrase(describer, change, current):
    """The new answer in a few words: ``“Senior leadership”`` or ``“Inside product teams” dropped``."""
    quote = lambda items: f"\u201c{describer.value_label(change.question, items)}\u201d"  # noqa: E731
    if isinstance(current, tuple) and isinstance(change.value, tuple) and set(current) & set(change.value):
        added = tuple(v for v in change.value if v not in current)
        dropped = tuple(v for v in current if v not in change.value)
        parts = [f"{quote(items)} {verb}" for verb, items in (("added", added), ("dropped", dropped)) if items]
        return " and ".join(parts)
    return quote(change.value)
