"""The condition vocabulary of rule files, as small testable objects.

A rule's ``when`` list holds two kinds of condition:

``AnswerTest``  tests one interview answer::

    - answer: industry
      one_of: [oil_and_gas, manufacturing]

``FactTest``    requires (or, under ``not:``, forbids) a fact asserted by an
                earlier rule::

    - fact: archetype
      where: {id: ml_first}

An ``unknown`` answer satisfies no test except ``unknown: true``, also under
``not:``: not knowing the industry is no evidence that it is not oil and gas.
"""
from dataclasses import dataclass

from ..questions import UNKNOWN

ANSWER_OPERATORS = ("equals", "one_of", "between", "band", "in_bands", "contains", "contains_any", "only", "unknown")
MULTI_ONLY = ("contains", "contains_any", "only")
NUMERIC_ONLY = ("between", "band", "in_bands")


@dataclass(frozen=True)
class AnswerTest:
    question: str
    operator: str
    operand: object          # canonical: tuples for lists, (lo, hi) for between
    negated: bool = False
    bands: tuple = ()        # ((id, min, max), ...) for band tests, resolved at load

    @property
    def key(self):
        return (self.question, self.operator, self.operand, self.negated)

    def holds(self, value):
        if self.operator == "unknown":
            return ((value == UNKNOWN) == bool(self.operand)) != self.negated
        if value == UNKNOWN:
            return False
        return self._base(value) != self.negated

    def _base(self, value):
        op, operand = self.operator, self.operand
        if op == "equals":
            return value == operand
        if op == "one_of":
            return value in operand
        if op == "between":
            low, high = operand
            return (low is None or value >= low) and (high is None or value <= high)
        if op in ("band", "in_bands"):
            return any((low is None or value >= low) and (high is None or value <= high) for _, low, high in self.bands)
        if op == "contains":
            return operand in value
        if op == "contains_any":
            return any(item in value for item in operand)
        if op == "only":
            return set(value) == set(operand)
        raise ValueError(f"unknown operator {op}")

    def describe(self):
        """The test in plain words, e.g. ``industry is one of oil_and_gas, manufacturing``."""
        text = _DESCRIPTIONS[self.operator](self)
        return f"not ({text})" if self.negated else text


def _band_text(test):
    return f"{test.question} is in band {', '.join(b[0] for b in test.bands)}" + _band_ranges(test.bands)


def _band_ranges(bands):
    ranges = []
    for _, low, high in bands:
        ranges.append(f"{low}+" if high is None else f"{low}-{high}")
    return f" ({', '.join(ranges)})"


def _list(values):
    return ", ".join(str(v) for v in values)


_DESCRIPTIONS = {
    "equals": lambda t: f"{t.question} is {t.operand}",
    "one_of": lambda t: f"{t.question} is one of {_list(t.operand)}",
    "between": lambda t: f"{t.question} is between {t.operand[0] if t.operand[0] is not None else '-inf'} and "
    f"{t.operand[1] if t.operand[1] is not None else 'inf'}",
    "band": _band_text,
    "in_bands": _band_text,
    "contains": lambda t: f"{t.question} includes {t.operand}",
    "contains_any": lambda t: f"{t.question} includes any of {_list(t.operand)}",
    "only": lambda t: f"{t.question} is exactly [{_list(t.operand)}]",
    "unknown": lambda t: f"{t.question} is {'unknown' if t.operand else 'known'}",
}


@dataclass(frozen=True)
class FactTest:
    fact_type: str
    where: tuple             # ((field, allowed values tuple), ...)
    negated: bool = False

    def matches(self, fields):
        return all(fields.get(name) in allowed for name, allowed in self.where)

    def describe(self):
        parts = [f"{name} {'=' if len(allowed) == 1 else 'in'} {_list(allowed)}" for name, allowed in self.where]
        text = f"a {self.fact_type} fact" + (f" with {', '.join(parts)}" if parts else "")
        return f"no {text[2:]}" if self.negated else text
