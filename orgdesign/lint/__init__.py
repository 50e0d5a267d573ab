"""`orgdesign lint`: verifies the rule base and the knowledge it reads.

``run_lint(rules_dir, knowledge_dir)`` loads everything it can, runs each
check (one module each) and returns a ``LintReport`` of findings, each with
its file and line, plus the figures the checks measured.  The checks that
reason about rule behaviour (dead rules, redundancy, conflicts, cycles,
completeness) run only once the files load, since a rule that does not
parse cannot be reasoned about.
"""
from pathlib import Path

from ..paths import default_knowledge_dir, default_rules_dir
from .answer_space import AnswerSpace
from .ask_if import check_ask_if
from .collections import reference_collections
from .conflicts import check_conflicts
from .context import load_context
from .cycles import check_cycles
from .exclusions import check_exclusions
from .dead_rules import check_dead_rules
from .findings import Finding, LintReport
from .knowledge_age import check_knowledge_age
from .redundancy import check_redundancy
from .references import check_references
from .rule_tests import check_rule_cases_hold, check_rule_cases_present
from .schema_check import check_schemas
from .single_facts import check_single_facts
from .unused_questions import check_unused_questions

__all__ = ["Finding", "LintReport", "run_lint"]

# Findings that mean the engine cannot be built (or built as written).
BLOCKING_CHECKS = ("load", "schema", "references")
SKIPPED = "skipped until the findings above are fixed"


def run_lint(rules_dir=None, knowledge_dir=None, check_engine=0, out_dir=None, completeness=True, rule_cases=True):
    """Lint a rule base; ``check_engine=N`` also compares the two engines on N random profiles.

    ``completeness=False`` and ``rule_cases=False`` leave out the two slowest
    checks (running every rule's cases, the completeness proof).
    """
    context = load_context(rules_dir or default_rules_dir(), knowledge_dir or default_knowledge_dir())
    report = LintReport()
    collections = reference_collections(context.knowledge, context.rulebase_document)
    schema_findings = check_schemas(context, collections)
    flagged = {(f.path, f.line) for f in schema_findings}
    # A loader that stopped at a value the schema check also reports there says it less precisely: one finding a line.
    report.add(f for f in context.load_findings if (f.path, f.line) not in flagged)
    report.add(schema_findings)
    report.add(f for f in check_references(context, collections) if (f.path, f.line) not in flagged)
    if context.knowledge is None or context.book is None:
        report.figures["completeness"] = SKIPPED
        return report
    report.add(check_ask_if(context))
    report.add(check_knowledge_age(context))
    report.figures["rules"] = len(context.rules)
    if any(f.check in BLOCKING_CHECKS and _inside(f.path, context.knowledge_dir) for f in report.findings):
        # The checks below reason over the answer space the knowledge defines (its questions and
        # size bands); knowledge that breaks its schema (a band ending at a word) would crash them.
        report.figures["completeness"] = SKIPPED
        return report
    space = AnswerSpace(context.knowledge, context.rules)
    dead_findings, dead = check_dead_rules(context, space)
    report.add(dead_findings)
    report.add(check_redundancy(context, space, dead))
    report.add(check_conflicts(context, space, dead))
    report.add(check_exclusions(context, space, dead))
    report.add(check_cycles(context))
    report.add(check_single_facts(context))
    report.add(check_unused_questions(context))
    report.add(check_rule_cases_present(context))
    if context.book.problems or any(f.check in BLOCKING_CHECKS for f in report.findings):
        # The engine cannot be built from files with these errors; the
        # behavioural checks below wait until they are fixed.
        report.figures["completeness"] = SKIPPED
        if check_engine:
            report.figures["engine_agreement"] = SKIPPED
        return report
    if not (rule_cases or completeness or check_engine):
        # Nothing left that needs an engine: building one would only cost time.
        return report
    from ..engine.direct_evaluator import DirectEvaluator
    from ..engine.reasoner import get_reasoner

    reasoner = get_reasoner(str(Path(context.knowledge_dir)), str(Path(context.rules_dir)))
    evaluator = DirectEvaluator(reasoner)
    try:
        if rule_cases:
            report.add(check_rule_cases_hold(context, evaluator))
        if completeness:
            _check_completeness(report, context, evaluator, space, dead, out_dir)
    except RuntimeError as err:
        # The evaluator gives up when rules keep asserting new facts.
        report.add([Finding("cycle", context.book.path, 1, str(err), "see the cycle findings above")])
        return report
    if check_engine:
        from .engine_agreement import check_engine_agreement

        findings, figures = check_engine_agreement(reasoner, evaluator, check_engine, out_dir=out_dir)
        report.add(findings)
        report.figures["engine_agreement"] = figures
    return report


def _inside(path, folder):
    return Path(folder).resolve() in Path(path).resolve().parents


def _check_completeness(report, context, evaluator, space, dead, out_dir):
    from .completeness import check_completeness

    findings, figures, fired, explored = check_completeness(context, evaluator, space, out_dir)
    report.add(findings)
    report.figures["completeness"] = figures
    if figures.get("situations", 0) and "incomplete_situations" in figures:
        report.add(Finding("dead-rule", rule.path, rule.line,
                           f"rule `{rule.id}` never fires: no answers and no verdict let its conditions hold together",
                           "correct its conditions, or delete it")
                   for rule in context.rules if rule.id in explored and rule.id not in fired and rule.id not in dead)
