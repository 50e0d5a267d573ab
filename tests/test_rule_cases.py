"""The cases written beside each rule (`tests: fires / quiet`) hold.

A case lists some answers; the rest are unknown. `fires` cases must make the
rule fire, `quiet` cases must not. Every rule must have at least one firing
case, so every rule is shown to fire for some profile.
"""
import pytest

from orgdesign.engine.reasoner import get_reasoner

RULES = get_reasoner().rulebook.rules


def fired_rules(reasoner, make_profile, answers):
    inference = reasoner.infer(make_profile(answers))
    return {firing.rule for firing in inference.trace.firings}


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_cases(rule, reasoner, make_profile):
    cases = rule.tests or {}
    assert cases.get("fires"), f"{rule.id} ({rule.path}:{rule.line}) has no `fires` case"
    for answers in cases["fires"]:
        assert rule.id in fired_rules(reasoner, make_profile, answers), f"{rule.id} should fire on {answers}"
    for answers in cases.get("quiet", []):
        assert rule.id not in fired_rules(reasoner, make_profile, answers), f"{rule.id} should not fire on {answers}"
