"""Check: every rule carries test cases, and they hold.

A rule's ``tests:`` lists answer sets on which it must fire (at least one)
and ones on which it must stay quiet.  Lint checks that the cases name real
questions and answers, then runs them with the direct evaluator (only the
rules that can decide the one under test), so a broken case is caught
without waiting for the test suite.
"""
from ..engine.direct_evaluator import DirectEvaluator
from ..errors import allowed_list, did_you_mean
from ..questions import UNKNOWN
from .findings import Finding
from .locations import rule_line
from .rule_logic import upstream_rules


def check_rule_cases_present(context):
    """Every rule has a ``tests:`` block with at least one ``fires`` case."""
    findings = []
    for rule in context.rules:
        cases = rule.tests if isinstance(rule.tests, dict) else {}
        if not cases.get("fires"):
            what = "no `tests:` cases" if not cases else "no `fires` case"
            findings.append(Finding("rule-tests", rule.path, rule_line(context, rule, "tests"), f"rule `{rule.id}` has {what}",
                                    "add `tests: {fires: [{question: answer, ...}], quiet: [...]}` with answers on which it must and must not fire"))
    return findings


def check_rule_cases_hold(context, evaluator):
    """Each case names real questions and answers, and the rule fires (or not) as it says."""
    findings = []
    evaluators = {}   # upstream rule ids -> an evaluator of just those (rules of one layer often share them)
    for rule in context.rules:
        cases = rule.tests if isinstance(rule.tests, dict) else {}
        if not cases:
            continue
        upstream = frozenset(upstream_rules(context.book, rule))
        if upstream == {rule.id} and not rule.fact_tests:
            fires = _fires_on_answers(rule)   # nothing else can decide it: its answer tests alone do
        elif 2 * len(upstream) > len(context.rules):
            # Most of the rule base decides it (every rule before the verdict, say): the whole rule
            # base, built once, gives the same answer, since the rest cannot feed its conditions.
            fires = _fires_in(evaluator, rule)
        else:
            if upstream not in evaluators:
                evaluators[upstream] = DirectEvaluator(evaluator.reasoner, only=upstream)
            fires = _fires_in(evaluators[upstream], rule)
        for kind, must_fire in (("fires", True), ("quiet", False)):
            for index, case in enumerate(cases.get(kind) or []):
                findings += _run_case(context, fires, rule, kind, index, case, must_fire)
    return findings


def _fires_on_answers(rule):
    """A rule that tests answers only fires exactly when all its tests hold (an unknown answer satisfies none)."""
    return lambda answers: all(test.holds(answers.get(test.question, UNKNOWN)) for test in rule.answer_tests)


def _fires_in(evaluator, rule):
    return lambda answers: rule.id in evaluator.infer(answers).fired


def _run_case(context, fires, rule, kind, index, case, must_fire):
    line = rule_line(context, rule, "tests", kind, index)
    answers, problem = _case_answers(context.knowledge, case)
    if problem:
        return [Finding("rule-tests", rule.path, line, f"rule `{rule.id}`, {kind} case {index + 1}: {problem[0]}", problem[1])]
    fired = fires(answers)
    if fired == must_fire:
        return []
    verb = "does not fire" if must_fire else "fires"
    return [Finding("rule-tests", rule.path, line, f"rule `{rule.id}` {verb} on its {kind} case {index + 1}: {case}",
                    "correct the rule or the case")]


def _case_answers(knowledge, case):
    if not isinstance(case, dict):
        return None, ("a case is a mapping of question id to answer", "write e.g. {industry: retail}")
    answers = {}
    for question_id, raw in case.items():
        if question_id not in knowledge.questions:
            return None, (f"unknown question `{question_id}`", did_you_mean(question_id, knowledge.questions.ids) or allowed_list(knowledge.questions.ids))
        value, problem = knowledge.questions[question_id].normalise(raw)
        if problem:
            return None, problem
        answers[question_id] = value
    return answers, None
