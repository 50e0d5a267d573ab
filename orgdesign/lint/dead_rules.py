"""Check: rules that can never fire.

A rule is dead when its answer tests of one question exclude each other,
when its fact conditions exclude each other, or when it needs a fact that no
live rule (nor the engine) ever asserts.  The last is repeated until nothing
changes, since a rule that only a dead rule could feed is dead too.  The
completeness check adds the rules that never fire in any situation it
explores.
"""
from .findings import Finding
from .locations import rule_line
from .rule_logic import assertion_can_match, empty_question, facts_exclude


def check_dead_rules(context, space):
    findings, dead = [], set()
    for rule in context.rules:
        question = empty_question(space, rule)
        if question is not None:
            dead.add(rule.id)
            findings.append(Finding("dead-rule", rule.path, rule_line(context, rule, "when"),
                                    f"rule `{rule.id}` can never fire: its tests of `{question}` contradict each other",
                                    "remove or correct one of the tests"))
        elif facts_exclude(context.book, rule.fact_tests, rule.fact_tests):
            dead.add(rule.id)
            findings.append(Finding("dead-rule", rule.path, rule_line(context, rule, "when"),
                                    f"rule `{rule.id}` can never fire: its fact conditions contradict each other",
                                    "remove or correct one of the conditions"))
    changed = True
    while changed:
        changed = False
        for rule in context.rules:
            if rule.id in dead:
                continue
            missing = _unfed_condition(context, rule, dead)
            if missing is not None:
                dead.add(rule.id)
                changed = True
                findings.append(Finding("dead-rule", rule.path, rule_line(context, rule, "when"),
                                        f"rule `{rule.id}` can never fire: it needs {missing.describe()}, which no rule asserts",
                                        "add a rule upstream that concludes it, or correct the condition"))
    return findings, dead


def _unfed_condition(context, rule, dead):
    for test in rule.fact_tests:
        if test.negated or context.book.fact_types.get(test.fact_type, {}).get("asserted_by") == "engine":
            continue
        fed = any(other.id not in dead and other.id != rule.id and any(assertion_can_match(a, test) for a in other.then)
                  for other in context.book.asserting(test.fact_type))
        if not fed:
            return test
    return None
