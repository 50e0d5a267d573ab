"""Check: the question bank's ``ask_if`` skip conditions.

The interview owns the skip logic; when it offers its validator
(``orgdesign.interview.check_interview_bank``) lint reports that validator's
problems.  Until then this module checks the one-test form itself:
``ask_if: {answer: QUESTION, OPERATOR: OPERAND}`` asks a question only when an
earlier answer passes a test.  The operator is one of the rule vocabulary's
answer tests, or one prefixed with ``not_``; the question must come earlier
in the bank, and the operand must be a valid answer (or band) of it.
"""
from ..engine.conditions import ANSWER_OPERATORS, MULTI_ONLY, NUMERIC_ONLY
from ..errors import allowed_list, did_you_mean
from .findings import Finding, finding_from_error

OPERATORS = ANSWER_OPERATORS + tuple(f"not_{op}" for op in ANSWER_OPERATORS)


def check_ask_if(context):
    if context.knowledge is None:
        return []
    validator = _interview_validator()
    if validator is not None:
        return [finding_from_error("ask-if", problem) for problem in validator(context.knowledge)]
    return _check_one_test_conditions(context)


def _interview_validator():
    try:
        from ..interview import check_interview_bank
    except ImportError:
        return None
    return check_interview_bank


def _check_one_test_conditions(context):
    document = context.knowledge_documents.get("questions")
    if document is None:
        return []
    findings = []
    bank = context.knowledge.questions
    for index, entry in enumerate(document.data.get("questions") or []):
        condition = entry.get("ask_if") if isinstance(entry, dict) else None
        if condition is None:
            continue
        where = ("questions", index, "ask_if")

        def finding(message, *sub, hint=None):
            return Finding("ask-if", document.path, document.line_of(*where, *sub), f"`{entry.get('id')}` ask_if: {message}", hint)

        if not isinstance(condition, dict) or "answer" not in condition:
            findings.append(finding("must be a mapping with `answer:` and one test", hint="e.g. {answer: ml_activity, not_only: [none]}"))
            continue
        asked_before = bank.ids[: bank.ids.index(entry["id"])] if entry.get("id") in bank else ()
        target = condition["answer"]
        if target not in bank:
            findings.append(finding(f"unknown question `{target}`", "answer", hint=did_you_mean(target, bank.ids) or allowed_list(bank.ids)))
            continue
        if target not in asked_before:
            findings.append(finding(f"depends on `{target}`, which is not asked before it", "answer",
                                    hint="a skip condition can only test an earlier question; move one of them"))
        operators = [k for k in condition if k != "answer"]
        if len(operators) != 1 or operators[0] not in OPERATORS:
            bad = next((k for k in operators if k not in OPERATORS), None)
            findings.append(finding(f"needs exactly one test, found {operators or 'none'}",
                                    hint=(did_you_mean(bad, OPERATORS) if bad else None) or allowed_list(OPERATORS)))
            continue
        findings += _check_operand(bank[target], operators[0], condition[operators[0]], context.knowledge, finding)
    return findings


def _check_operand(question, operator, operand, knowledge, finding):
    base = operator[4:] if operator.startswith("not_") else operator
    if base in MULTI_ONLY and question.type != "multi_choice" or base in NUMERIC_ONLY and question.type != "integer":
        return [finding(f"`{operator}` does not apply to `{question.id}`, a {question.type} question", operator)]
    if base == "unknown":
        return [] if isinstance(operand, bool) else [finding("`unknown:` takes true or false", operator)]
    if base == "between":
        return [] if isinstance(operand, list) and len(operand) == 2 else [finding("`between:` takes [low, high]", operator)]
    if base in ("band", "in_bands"):
        bands = [b["id"] for b in knowledge.bands_for(question.id)]
        names = operand if isinstance(operand, list) else [operand]
        return [finding(f"`{n}` is not a band of `{question.id}`", operator, hint=did_you_mean(n, bands) or allowed_list(bands))
                for n in names if n not in bands]
    values = operand if isinstance(operand, list) else [operand]
    findings = []
    for value in values:
        if question.type == "integer":
            if isinstance(value, bool) or not isinstance(value, int):
                findings.append(finding(f"`{value!r}` is not a number", operator))
            continue
        normalised, problem = question.normalise(value)
        if problem or normalised == "unknown":
            findings.append(finding(problem[0] if problem else "use `unknown: true` for an unknown answer", operator,
                                    hint=problem[1] if problem else None))
    return findings
