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


@pytest.mark.parametrize("rule_id, question, inside, outside, base", [
    # `between: [0, 1]`: both ends belong to the range.
    ("actions.plan_first_hires", "ml_headcount", 1, 2, {"planned_ml_hires": 0}),
    # `band: small` (1-249 employees in knowledge/size_bands.yaml, min and max inclusive).
    ("evidence.ml_first.ml_startup", "employees", 249, 250, {"ml_is_core_product": "yes"}),
])
def test_a_range_or_band_holds_its_upper_bound(reasoner, make_profile, rule_id, question, inside, outside, base):
    assert rule_id in fired_rules(reasoner, make_profile, {**base, question: inside})
    assert rule_id not in fired_rules(reasoner, make_profile, {**base, question: outside})


def test_a_fact_condition_reads_with_one_value_as_equal_and_several_as_in(reasoner):
    """What the interview's `why rules` and explain's why-not show for a `fact:` condition."""
    rule = next(r for r in reasoner.rulebook.rules if r.id == "actions.gap.model_ownership.ml_team_deploys_and_maintains")
    (test,) = rule.fact_tests
    assert test.describe() == ("a design_choice fact with dimension = model_ownership, position in "
                               "engineers_own_deployed_models, hand_off_but_maintain, build_and_run_end_to_end")
    # Without `where:`, and negated (the target rules that wait for no target yet).
    assert [t.describe() for t in reasoner.rulebook.rule("orgchart.scale.nothing_known").fact_tests] == ["a target fact"]
    assert [t.describe() for t in reasoner.rulebook.rule("target.build.independent_division").fact_tests
            if t.negated] == ["no target fact"]


def test_a_band_condition_reads_with_its_bands_and_their_ranges(reasoner):
    """What explain's why-not, the interview's `why` and lint show for a band test: band ids, then the numbers."""
    rule = next(r for r in reasoner.rulebook.rules if r.id == "evidence.large_company")
    (test,) = [t for t in rule.answer_tests if t.question == "employees"]
    assert test.describe() == "employees is in band large, very_large (2000-9999, 10000+)"
