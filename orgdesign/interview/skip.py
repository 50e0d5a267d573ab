"""Skip logic: the `ask_if` conditions of the question bank.

A question with ``ask_if`` is asked only when its condition can still hold
given the answers so far.  The condition is data in knowledge/questions.yaml,
written in a small vocabulary that mirrors the rule conditions:

``{answer: QUESTION, OPERATOR: OPERAND}`` tests one earlier answer.  The
operators are ``equals`` and ``one_of`` (choice, yes/no and number
questions), ``contains``, ``contains_any`` and ``only`` (multi-choice) and
``between: [low, high]`` (numbers, ``null`` for an open end), each with the
meaning it has in rule files.  Prefix any of them with ``not_`` to negate it,
e.g. ``{answer: ml_activity, not_only: [none]}``.

``{all: [CONDITION, ...]}`` and ``{any: [CONDITION, ...]}`` combine
conditions.

``skipped_answer: VALUE`` beside ``ask_if`` is the answer a skipped question
implies (no ML work means no models in production).  It is recorded instead
of ``unknown``, so a question left out on purpose neither lowers the
confidence nor shows up among the unknown answers that matter.  Without it a
skipped question counts as unknown.

A question is skipped only when its condition is known to be false: a test
on an unknown, unanswered or skipped answer is undecided, and an undecided
condition asks the question, because not knowing is no reason to leave it
out.  Nothing here is evaluated as code; conditions are parsed into small
objects and checked against the bank (``check_skip_conditions``, also used by
``orgdesign lint``).
"""
from dataclasses import dataclass

from ..engine.conditions import AnswerTest
from ..errors import RuleBaseError, allowed_list, did_you_mean
from ..questions import UNKNOWN

BASE_OPERATORS = ("equals", "one_of", "contains", "contains_any", "only", "between")
OPERATORS = BASE_OPERATORS + tuple("not_" + op for op in BASE_OPERATORS)
COMBINATORS = ("all", "any")
_LIST_OPERANDS = ("one_of", "contains_any", "only")
_MULTI_ONLY = ("contains", "contains_any", "only")


@dataclass(frozen=True)
class AnswerCondition:
    """One test on one earlier answer; undecided (None) when that answer is unknown."""

    test: AnswerTest

    def evaluate(self, answers):
        value = answers.get(self.test.question, UNKNOWN)
        if value == UNKNOWN:
            return None
        return self.test.holds(value)

    def why_false(self, answers):
        opposite = AnswerTest(self.test.question, self.test.operator, self.test.operand,
                              not self.test.negated, self.test.bands)
        return opposite.describe()

    def questions(self):
        return (self.test.question,)


@dataclass(frozen=True)
class Combination:
    """``all`` or ``any`` of several conditions, in three-valued logic."""

    kind: str
    parts: tuple

    def evaluate(self, answers):
        results = [part.evaluate(answers) for part in self.parts]
        if self.kind == "all":
            return False if False in results else (None if None in results else True)
        return True if True in results else (None if None in results else False)

    def why_false(self, answers):
        failing = [part.why_false(answers) for part in self.parts if part.evaluate(answers) is False]
        return failing[0] if self.kind == "all" else " and ".join(failing)

    def questions(self):
        return tuple(dict.fromkeys(q for part in self.parts for q in part.questions()))


def is_asked(condition, answers):
    """Whether a question with this condition (None: unconditional) is asked."""
    return condition is None or condition.evaluate(answers) is not False


def load_skip_conditions(knowledge):
    """``{question id: condition}`` for every question with ``ask_if``; stops at the first problem."""
    conditions, _, problems = _parse_all(knowledge)
    if problems:
        raise problems[0]
    return conditions


def load_skipped_answers(knowledge):
    """``{question id: canonical answer}`` implied by skipping, from ``skipped_answer``."""
    _, implied, problems = _parse_all(knowledge)
    if problems:
        raise problems[0]
    return implied


def check_skip_conditions(knowledge):
    """Every problem in the bank's ``ask_if`` entries, as ``RuleBaseError``s with file and line.

    Checks that each condition uses the vocabulary above, names a question
    that exists and is asked earlier, and tests only values that question can
    take; and that each ``skipped_answer`` stands beside an ``ask_if`` and is
    a valid answer.  An empty list means the skip logic is sound.
    """
    return _parse_all(knowledge)[2]


def _parse_all(knowledge):
    document = knowledge.documents["questions"]
    bank = knowledge.questions
    conditions, implied, problems = {}, {}, []
    for index, (question, entry) in enumerate(zip(bank, document.data["questions"])):
        if "skipped_answer" in entry:
            value, problem = _implied_answer(question, entry["skipped_answer"])
            if problem:
                problems.append(document.error(f"`skipped_answer` of `{question.id}`: {problem[0]}",
                                               "questions", index, "skipped_answer", hint=problem[1],
                                               error_class=RuleBaseError))
            implied[question.id] = value
        if question.ask_if is None:
            continue
        parser = _ConditionParser(bank, index, document, ("questions", index, "ask_if"))
        condition = parser.parse(question.ask_if, ())
        problems.extend(parser.problems)
        if not parser.problems:
            conditions[question.id] = condition
    return conditions, implied, problems


def _implied_answer(question, raw):
    if question.ask_if is None:
        return None, ("it needs an `ask_if` beside it", "add the condition under which the question is asked")
    value, problem = question.normalise(raw)
    if problem is None and value == UNKNOWN:
        problem = ("`unknown` is what a skipped question records anyway", "remove `skipped_answer`")
    return value, problem


class _ConditionParser:
    def __init__(self, bank, asker_index, document, key_path):
        self.bank = bank
        self.asker = bank.questions[asker_index]
        self.earlier = bank.ids[:asker_index]
        self.document = document
        self.key_path = key_path
        self.problems = []

    def problem(self, message, where, hint=None):
        self.problems.append(self.document.error(f"`ask_if` of `{self.asker.id}`: {message}",
                                                 *self.key_path, *where, hint=hint, error_class=RuleBaseError))

    def parse(self, raw, where):
        if isinstance(raw, dict) and len(raw) == 1 and next(iter(raw)) in COMBINATORS:
            kind, items = next(iter(raw.items()))
            if not isinstance(items, list) or not items:
                self.problem(f"`{kind}:` takes a non-empty list of conditions", where + (kind,))
                return None
            parts = tuple(self.parse(item, where + (kind, i)) for i, item in enumerate(items))
            return Combination(kind, parts)
        if isinstance(raw, dict) and "answer" in raw:
            return self.parse_answer_test(raw, where)
        self.problem("a condition is `{answer: QUESTION, OPERATOR: VALUE}`, `{all: [...]}` or `{any: [...]}`", where,
                     hint="e.g. `ask_if: {answer: ml_activity, not_only: [none]}`")
        return None

    def parse_answer_test(self, raw, where):
        question_id = raw["answer"]
        if question_id not in self.bank:
            self.problem(f"unknown question `{question_id}`", where + ("answer",),
                         hint=did_you_mean(question_id, self.bank.ids) or allowed_list(self.earlier))
            return None
        if question_id not in self.earlier:
            self.problem(f"`{question_id}` is not asked before `{self.asker.id}`, so it cannot decide whether to ask it",
                         where + ("answer",), hint="test an earlier question, or move this question after it")
            return None
        operators = [key for key in raw if key != "answer"]
        if len(operators) != 1 or operators[0] not in OPERATORS:
            bad = next((key for key in operators if key not in OPERATORS), None)
            self.problem(f"a condition needs exactly one operator, found {operators or 'none'}", where,
                         hint=(did_you_mean(bad, OPERATORS) if bad else None) or allowed_list(OPERATORS))
            return None
        operator = operators[0]
        negated = operator.startswith("not_")
        base = operator[4:] if negated else operator
        operand = self.parse_operand(self.bank[question_id], base, raw[operator], where + (operator,))
        if operand is _INVALID:
            return None
        return AnswerCondition(AnswerTest(question_id, base, operand, negated))

    def parse_operand(self, question, base, operand, where):
        multi = question.type == "multi_choice"
        if base in _MULTI_ONLY and not multi:
            self.problem(f"`{base}` applies to multi-choice questions; `{question.id}` is {question.type}", where,
                         hint="use `equals` or `one_of`")
            return _INVALID
        if base in ("equals", "one_of") and multi:
            self.problem(f"`{base}` does not apply to the multi-choice question `{question.id}`", where,
                         hint="use `contains`, `contains_any` or `only`")
            return _INVALID
        if base == "between":
            return self.parse_range(question, operand, where)
        values = operand if base in _LIST_OPERANDS else [operand]
        if not isinstance(values, list) or not values:
            self.problem(f"`{base}` takes a list of values", where, hint="write the values as a list, e.g. `[none]`")
            return _INVALID
        canonical = []
        for value in values:
            if question.type == "integer":
                if isinstance(value, bool) or not isinstance(value, int):
                    self.problem(f"`{value!r}` is not a whole number", where)
                    return _INVALID
                canonical.append(value)
                continue
            normalised, problem = question.normalise(value)
            if problem or normalised == UNKNOWN:
                self.problem(problem[0] if problem else "`unknown` cannot be tested: unknown answers always ask",
                             where, hint=problem[1] if problem else None)
                return _INVALID
            canonical.append(normalised[0] if isinstance(normalised, tuple) else normalised)
        return tuple(canonical) if base in _LIST_OPERANDS else canonical[0]

    def parse_range(self, question, operand, where):
        if question.type != "integer":
            self.problem(f"`between` applies to number questions; `{question.id}` is {question.type}", where)
            return _INVALID
        if not (isinstance(operand, list) and len(operand) == 2
                and all(v is None or (isinstance(v, int) and not isinstance(v, bool)) for v in operand)):
            self.problem("`between` takes [low, high] whole numbers (null for an open end)", where)
            return _INVALID
        return tuple(operand)


_INVALID = object()
