"""The answer space: every value a question can take, and which values no rule tells apart.

Integers are taken by band (the band's lowest number stands for the band),
split further where a ``between:`` test cuts a band.  Multi-choice answers
are every non-empty subset (``none`` only alone).  ``unknown`` is in every
domain.  Two values are equivalent when every answer test of every rule
(and of the question bank's ``ask_if``) gives the same result on both.
"""
import itertools
import math

from ..questions import UNKNOWN


class AnswerSpace:
    def __init__(self, knowledge, rules):
        self.knowledge = knowledge
        self.tests = {}
        for rule in rules:
            for test in rule.answer_tests:
                self.tests.setdefault(test.question, set()).add(test)
        self.domains = {q.id: self._domain(q) for q in knowledge.questions}
        self.classes = {q: self._classes(q) for q in self.domains}

    def satisfying(self, question_id, tests):
        """The domain values of a question on which every one of ``tests`` holds."""
        return [v for v in self.domains[question_id] if all(t.holds(v) for t in tests)]

    def band_count(self, question_id):
        """How many answers the question has when integers are counted by band (unknown included)."""
        question = self.knowledge.questions[question_id]
        if question.type == "integer" and self.knowledge.bands_for(question_id):
            return len(self.knowledge.bands_for(question_id)) + 1
        return len(self.domains[question_id])

    def combinations(self):
        """Raw answer combinations (integers by band) and equivalence-class combinations."""
        raw = math.prod(self.band_count(q) for q in self.domains)
        classes = math.prod(len(c) for c in self.classes.values())
        return raw, classes

    def _classes(self, question_id):
        """Representatives, one per class, in domain order."""
        tests = sorted(self.tests.get(question_id, ()), key=repr)
        seen = {}
        for value in self.domains[question_id]:
            seen.setdefault(tuple(t.holds(value) for t in tests), value)
        return list(seen.values())

    def _domain(self, question):
        if question.type == "yes_no":
            values = ["yes", "no"]
        elif question.type == "choice":
            values = list(question.values)
        elif question.type == "multi_choice":
            values = _subsets(question.values)
        else:
            values = self._integer_points(question)
        return values + [UNKNOWN]

    def _integer_points(self, question):
        low = question.minimum if question.minimum is not None else 0
        high = question.maximum
        points = {low}
        for band in self.knowledge.bands_for(question.id):
            points.add(band["min"])
            if band["max"] is not None:
                points.add(band["max"] + 1)
        for test in self.tests.get(question.id, ()):
            if test.operator == "between":
                first, last = test.operand
                points.update(p for p in (first, None if last is None else math.floor(last) + 1) if p is not None)
            elif test.operator in ("equals", "one_of"):
                for value in test.operand if test.operator == "one_of" else (test.operand,):
                    points.update((value, value + 1))
        return sorted(int(math.ceil(p)) for p in points if p >= low and (high is None or p <= high))


def _subsets(values):
    alone = [v for v in values if v == "none"]
    others = [v for v in values if v != "none"]
    subsets = [tuple(c) for n in range(1, len(others) + 1) for c in itertools.combinations(others, n)]
    return subsets + [tuple(alone)] if alone else subsets
