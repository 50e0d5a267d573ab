"""Check: rules subsumed by another rule with the same conclusion.

Rule A is redundant when rule B asserts exactly the same facts and B's
conditions hold whenever A's do: A then only repeats B (and, for evidence,
counts the same observation twice).
"""
from .findings import Finding
from .rule_logic import answers_imply, fact_tests_imply


def check_redundancy(context, space, dead):
    findings = []
    rules = [r for r in context.rules if r.id not in dead]
    by_conclusion = {}
    for rule in rules:
        by_conclusion.setdefault(_conclusion(rule), []).append(rule)
    order = {rule.id: index for index, rule in enumerate(context.rules)}
    for group in by_conclusion.values():
        for narrow in group:
            for wide in group:
                if narrow is wide or not _subsumes(space, wide, narrow):
                    continue
                if _subsumes(space, narrow, wide) and order[narrow.id] < order[wide.id]:
                    continue  # equivalent rules: report only the later one
                findings.append(Finding("redundant-rule", narrow.path, narrow.line,
                                        f"rule `{narrow.id}` is redundant: `{wide.id}` ({wide.path}:{wide.line}) concludes the same "
                                        "whenever it fires", "delete it, or make its conclusion differ"))
                break
    return findings


def _subsumes(space, wide, narrow):
    return answers_imply(space, narrow, wide) and fact_tests_imply(narrow.fact_tests, wide.fact_tests)


def _conclusion(rule):
    return tuple(sorted((a.fact_type, tuple(sorted(a.fields, key=lambda f: f[0]))) for a in rule.then))
