"""The verdict: fits per archetype, confidence in the call, provisional calls.

Everything runs the real rule base through the real experta engine; the
settings and defining traits are the shipped ones in knowledge/.
"""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orgdesign import recommend
from orgdesign.engine.reasoner import get_reasoner
from orgdesign.engine.verdict import Verdict, fit_of, trait_matches
from orgdesign.profile import Profile
from orgdesign.questions import UNKNOWN

from .test_properties import PROFILES

REASONER = get_reasoner()
KNOWLEDGE = REASONER.knowledge
SETTINGS = KNOWLEDGE.inference

# The least a defining trait moves its archetype's fit when it goes from
# present to absent (docs/DESIGN.md states it). The fit cannot fall below 0,
# so a fit already lower than this can only fall to 0.
DEFINING_TRAIT_EFFECT = 0.15

# For each archetype's defining trait: answers under which it is present, and
# answers under which it is absent, all else equal. Test data, written from
# the traits' texts in knowledge/archetypes.yaml.
DEFINING_CASES = {
    "nascent": {
        "where_ml_happens": ({"ml_activity": ("ad_hoc",)}, {"ml_activity": ("central_division",)}),
        "expertise": ({"ml_expertise": "little"}, {"ml_expertise": "strong"}),
        "production": ({"models_in_production": "none"}, {"models_in_production": "many"}),
    },
    "research_and_development": {
        "where_ml_happens": ({"ml_activity": ("rnd_lab",)}, {"ml_activity": ("product_teams",)}),
        "reporting_line": ({"ml_reports_to": "rnd_head"}, {"ml_reports_to": "product_engineering_lead"}),
    },
    "product_embedded": {
        "where_ml_happens": ({"ml_activity": ("product_teams",)}, {"ml_activity": ("rnd_lab",)}),
        "reporting_line": ({"ml_reports_to": "product_engineering_lead"}, {"ml_reports_to": "rnd_head"}),
    },
    "independent_division": {
        "where_ml_happens": ({"ml_activity": ("central_division",)}, {"ml_activity": ("product_teams",)}),
        "reporting_line": ({"ml_reports_to": "senior_leadership"}, {"ml_reports_to": "rnd_head"}),
    },
    "ml_first": {
        "where_ml_happens": ({"ml_activity": ("company_wide",)}, {"ml_activity": ("rnd_lab",)}),
        "sponsor": ({"executive_sponsor": "ceo"}, {"executive_sponsor": "business_unit"}),
        "ml_core": ({"ml_is_core_product": "yes", "models_in_production": "few"},
                    {"ml_is_core_product": "no", "models_in_production": "few"}),
    },
}


def fits(answers):
    return REASONER.infer(Profile("t", answers)).verdict.fits


def test_every_defining_trait_in_knowledge_has_a_case():
    declared = {a: {t["trait"] for t in e["defining_traits"]} for a, e in KNOWLEDGE.archetypes.items()}
    assert declared == {a: set(traits) for a, traits in DEFINING_CASES.items()}


def test_defining_weights_leave_the_supporting_share():
    for archetype, weights in KNOWLEDGE.defining_weights().items():
        assert sum(weights.values()) + SETTINGS["support_weight"] == pytest.approx(1.0), archetype


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PROFILES, st.sampled_from([(a, t) for a, traits in DEFINING_CASES.items() for t in traits]))
def test_a_defining_trait_moves_its_archetype_by_a_stated_amount(profile, case):
    archetype, trait = case
    present, absent = DEFINING_CASES[archetype][trait]
    with_trait = fits({**profile.answers, **present})[archetype]
    without_trait = fits({**profile.answers, **absent})[archetype]
    assert with_trait - without_trait >= min(DEFINING_TRAIT_EFFECT, with_trait) - 1e-9, (archetype, trait)


def test_correlated_evidence_counts_once():
    # Three factors on one trait are worth the strongest of them, not their MYCIN sum.
    assert trait_matches([("where", 0.6), ("where", 0.5), ("where", 0.4)]) == {"where": 0.6}
    one = fit_of([("where", 0.6)], {"where": 0.75}, 0.25)
    many = fit_of([("where", 0.6), ("where", 0.5), ("where", 0.4)], {"where": 0.75}, 0.25)
    assert one == many == pytest.approx(0.45)


def test_supporting_traits_add_at_most_their_share():
    supporting = [(f"trait{i}", 0.9) for i in range(10)]
    assert fit_of(supporting, {"where": 0.75}, 0.25) <= 0.25


@pytest.mark.parametrize("separation", [0.0, 0.01, 0.03, 0.05])
def test_a_near_tie_is_never_a_confident_call(separation):
    verdict = Verdict({"a": 0.9, "b": round(0.9 - separation, 4)}, ["a", "b"], 0.0, SETTINGS)
    assert verdict.confidence() < 0.6
    assert verdict.provisional


def test_a_clear_strong_call_is_confident_and_unknowns_lower_it():
    clear = Verdict({"a": 0.9, "b": 0.2}, ["a", "b"], 0.0, SETTINGS)
    unsure = Verdict({"a": 0.9, "b": 0.2}, ["a", "b"], 0.4, SETTINGS)
    weak = Verdict({"a": 0.3, "b": 0.0}, ["a", "b"], 0.0, SETTINGS)
    assert clear.confidence() == 1.0 and not clear.provisional
    assert unsure.confidence() == pytest.approx(0.6)
    assert weak.confidence() < clear.confidence()


def test_mixed_compares_the_fits_a_reader_sees():
    # Both pairs are 0.15 apart; both are mixed, whatever the float error.
    first = Verdict({"a": 0.6357, "b": 0.4857}, ["a", "b"], 0.0, SETTINGS)
    second = Verdict({"a": 0.4, "b": 0.25}, ["a", "b"], 0.0, SETTINGS)
    beyond = Verdict({"a": 0.4, "b": 0.2499}, ["a", "b"], 0.0, SETTINGS)
    assert first.mixed_with == "b" and second.mixed_with == "b" and beyond.mixed_with is None


def test_a_runner_up_with_no_fit_is_not_a_mix():
    assert Verdict({"a": 0.1, "b": 0.0}, ["a", "b"], 0.0, SETTINGS).mixed_with is None


def test_ml_first_over_an_independent_division_is_a_refinement_not_a_mix():
    refines = {"ml_first": ("independent_division",)}
    verdict = Verdict({"ml_first": 0.8, "independent_division": 0.75}, ["independent_division", "ml_first"],
                      0.0, SETTINGS, refines)
    assert verdict.top == "ml_first" and verdict.mixed_with is None
    # The other way round it is a mix: a division is not an ML-first company.
    other = Verdict({"ml_first": 0.75, "independent_division": 0.8}, ["independent_division", "ml_first"],
                    0.0, SETTINGS, refines)
    assert other.mixed_with == "ml_first"


ML_FIRST = {"ml_activity": ("company_wide", "central_division"), "executive_sponsor": "ceo", "ml_is_core_product": "yes",
            "ml_reports_to": "ceo", "models_in_production": "core_to_business", "employees": 400}


def test_removing_the_ceo_sponsor_from_an_ml_first_client_matters():
    before = REASONER.infer(Profile("t", ML_FIRST)).verdict
    after = REASONER.infer(Profile("t", {**ML_FIRST, "executive_sponsor": "none"})).verdict
    assert before.top == "ml_first"
    assert before.fits["ml_first"] - after.fits["ml_first"] >= 0.4
    assert after.confidence() < before.confidence()


def test_ml_moving_from_a_division_into_product_teams_is_no_longer_a_division():
    insurer = {"industry": "insurance", "employees": 8000, "ml_activity": ("product_teams",),
               "ml_reports_to": "product_engineering_lead", "executive_sponsor": "senior_leadership",
               "data_engineering": "within_ml_team", "roles_present": ("ml_engineer", "ml_product_manager")}
    assert REASONER.infer(Profile("t", insurer)).verdict.top == "product_embedded"


def test_an_ml_vendor_reporting_to_the_ceo_is_not_called_product_embedded():
    vendor = {"industry": "software", "ml_is_core_product": "yes", "executive_sponsor": "ceo", "ml_reports_to": "ceo",
              "ml_activity": ("product_teams", "central_division"), "employees": 150}
    assert REASONER.infer(Profile("t", vendor)).verdict.top == "ml_first"


def test_mostly_unknown_answers_give_a_provisional_call_with_questions_to_confirm():
    sparse = recommend(Profile("t", {"employees": 300, "ml_activity": ("ad_hoc", "product_teams")}), REASONER)
    archetype = sparse["archetype"]
    assert archetype["provisional"] and archetype["confidence"] < 0.6
    assert archetype["confirm_first"], "a provisional call names the answers to confirm"
    assert set(archetype["confirm_first"]) <= set(KNOWLEDGE.questions.ids)
    # The top archetype's defining answer that is unknown is among them.
    assert "ml_reports_to" in archetype["confirm_first"]


def test_confirm_first_answers_really_change_the_call():
    answers = {"ml_activity": ("product_teams", "central_division"), "executive_sponsor": "business_unit"}
    recommendation = recommend(Profile("t", answers), REASONER)
    top = recommendation["archetype"]["id"]
    from orgdesign.explain.alternatives import AnswerSpace

    space = AnswerSpace(REASONER)
    for question in recommendation["archetype"]["confirm_first"]:
        tops = {REASONER.infer(Profile("t", {**answers, question: value})).verdict.top
                for value in space.alternatives(question, answers.get(question, "unknown"))}
        defining = question in REASONER.infer(Profile("t", answers)).verdict.defining_unknown
        assert defining or tops - {top}, question


def test_a_clear_call_is_not_provisional_and_lists_nothing_to_confirm(reasoner):
    from orgdesign.profile import load_profile
    from .conftest import EXAMPLES

    bank = recommend(load_profile(EXAMPLES / "independent-division-bank.yaml", reasoner.knowledge), reasoner)
    assert not bank["archetype"]["provisional"] and bank["archetype"]["confirm_first"] == []


def test_fits_are_not_probabilities_and_ranking_carries_them():
    recommendation = recommend(Profile("t", ML_FIRST), REASONER)
    ranking = recommendation["archetype"]["ranking"]
    assert [r["fit"] for r in ranking] == sorted((r["fit"] for r in ranking), reverse=True)
    assert all(0 <= r["fit"] <= 1 and r["fit_words"] for r in ranking)
    assert "confidence" not in ranking[0] and "belief" not in ranking[0]


def test_confidence_uses_its_scale_over_random_profiles(random_recommendations):
    # 300 random profiles (seed 7), inferred once per session in conftest.
    confidences, near_ties = [], []
    for case in random_recommendations:
        confidences.append(case.confidence)
        if case.separation <= 0.05:
            near_ties.append(case.confidence)
    assert min(confidences) < 0.3 and max(confidences) > 0.9
    # Every tenth of the scale is used.
    assert len({min(9, int(c * 10)) for c in confidences}) == 10
    assert near_ties and max(near_ties) < 0.6


@pytest.mark.parametrize("question, weak, strong, archetype", [
    # The source ties these to archetypes: industry (R&D in manufacturing, nascent in logistics),
    # size (divisions in large firms), data access (ML-first has the best data access).
    ("industry", "logistics", "manufacturing", "research_and_development"),
    ("employees", 30, 20000, "independent_division"),
    ("data_access", "poor", "pervasive", "ml_first"),
])
def test_industry_size_and_data_access_matter_where_the_source_says(question, weak, strong, archetype):
    base = {"ml_activity": ("rnd_lab", "central_division", "company_wide"), "executive_sponsor": "senior_leadership"}
    assert fits({**base, question: strong})[archetype] > fits({**base, question: weak})[archetype]


def test_saying_none_for_roles_is_an_answer_not_an_unknown(make_profile):
    for written in ([], ["none"]):
        profile = make_profile({"roles_present": written})
        assert profile.answers["roles_present"] == ("none",)
        assert "roles_present" not in profile.unknown_answers()


# -- the verdict as knowledge/inference.yaml states it (found by mutation testing) -------------
def _factors(top_cf=1.0, runner_up=None, runner_up_cf=0.0):
    """One supporting trait for the first archetype (and a runner-up): fits from the supporting share alone."""
    ids = list(KNOWLEDGE.archetype_ids())
    factors = {a: [] for a in ids}
    factors[ids[0]] = [("a_supporting_trait", top_cf)]
    if runner_up:
        factors[runner_up] = [("a_supporting_trait", runner_up_cf)]
    return factors


KNOWN = {q.id: "known" for q in KNOWLEDGE.questions}
WEIGHTS = SETTINGS["unknown_penalty"]["weights"]
CAP = SETTINGS["unknown_penalty"]["cap"]


@pytest.mark.parametrize("question", sorted(WEIGHTS))
def test_each_unknown_core_answer_lowers_confidence_by_its_stated_weight(question):
    known = KNOWLEDGE.verdict_from(_factors(), KNOWN)
    unsure = KNOWLEDGE.verdict_from(_factors(), {**KNOWN, question: UNKNOWN})
    assert known.penalty == 0 and unsure.penalty == pytest.approx(WEIGHTS[question])
    assert unsure.confidence() == pytest.approx(known.confidence() * (1 - WEIGHTS[question]), abs=1e-4)


def test_an_unknown_answer_inference_yaml_gives_no_weight_costs_nothing():
    assert KNOWLEDGE.verdict_from(_factors(), {**KNOWN, "a_question_with_no_weight": UNKNOWN}).penalty == 0


def test_unknown_answers_together_stop_at_the_stated_cap():
    everything_unknown = {q: UNKNOWN for q in KNOWN}
    assert sum(WEIGHTS.values()) > CAP   # else the cap would not be reached
    assert KNOWLEDGE.verdict_from(_factors(), everything_unknown).penalty == pytest.approx(CAP)
    lower = {**SETTINGS, "unknown_penalty": {**SETTINGS["unknown_penalty"], "cap": 0.1}}
    verdict = Verdict.from_factors(_factors(), everything_unknown, lower, KNOWLEDGE.defining_weights())
    assert verdict.penalty == pytest.approx(0.1)


def test_the_supporting_share_is_the_one_inference_yaml_states():
    top = next(iter(KNOWLEDGE.archetype_ids()))
    assert KNOWLEDGE.verdict_from(_factors(), KNOWN).fits[top] == SETTINGS["support_weight"]
    doubled = {**SETTINGS, "support_weight": 2 * SETTINGS["support_weight"]}
    assert Verdict.from_factors(_factors(), KNOWN, doubled, KNOWLEDGE.defining_weights()).fits[top] == 2 * SETTINGS["support_weight"]


def test_an_archetype_without_defining_traits_is_judged_on_supporting_evidence():
    verdict = Verdict.from_factors(_factors(), KNOWN, SETTINGS, {})
    assert verdict.fits[verdict.top] == SETTINGS["support_weight"]


def test_the_knowledge_refinements_reach_the_verdict():
    assert "independent_division" in KNOWLEDGE.refinements().get("ml_first", ())
    factors = {a: [] for a in KNOWLEDGE.archetype_ids()}
    factors["ml_first"] = [("a_supporting_trait", 1.0)]
    factors["independent_division"] = [("a_supporting_trait", 0.9)]
    verdict = KNOWLEDGE.verdict_from(factors, KNOWN)
    assert verdict.top == "ml_first" and verdict.runner_up == "independent_division"
    assert verdict.separation <= SETTINGS["mixed_margin"] and verdict.mixed_with is None
    factors["nascent"], factors["ml_first"] = factors["ml_first"], []
    assert KNOWLEDGE.verdict_from(factors, KNOWN).mixed_with == "independent_division"   # no refinement: a mix


@pytest.mark.parametrize("mixed", [True, False], ids=["mixed", "clear"])
def test_the_archetype_fact_rules_read_is_the_verdict(mixed):
    """Rules (and explain) see the top archetype, its fit, the confidence and the mix as the verdict has them."""
    from orgdesign.lint.random_profiles import random_answer_sets

    for answers in random_answer_sets(KNOWLEDGE, 200, seed=3):
        inference = REASONER.infer(Profile("random", answers))
        if (inference.verdict.mixed_with is not None) == mixed:
            break
    verdict = inference.verdict
    assert (verdict.mixed_with is not None) == mixed
    facts = [f.fields for f in inference.trace.facts.values() if f.type == "archetype"]
    assert facts == [{"id": verdict.top, "fit": verdict.fits[verdict.top], "confidence": verdict.confidence(),
                      "mixed_with": verdict.mixed_with or "none"}]


def test_only_the_top_archetype_has_a_confidence():
    verdict = KNOWLEDGE.verdict_from(_factors(), KNOWN)
    others = [a for a in KNOWLEDGE.archetype_ids() if a != verdict.top]
    assert verdict.confidence(verdict.top) == verdict.confidence() > 0
    assert {verdict.confidence(a) for a in others} == {0.0}


@pytest.mark.parametrize("setting", ["full_separation", "full_fit"])
def test_the_confidence_scale_is_the_one_inference_yaml_states(setting):
    fits = {"a": 0.5, "b": 0.35}   # 0.15 apart (short of a full separation), a fit below a full one
    stated = Verdict(fits, ["a", "b"], 0.0, SETTINGS).confidence()
    stricter = {**SETTINGS, "confidence": {**SETTINGS["confidence"], setting: 2 * SETTINGS["confidence"][setting]}}
    assert Verdict(fits, ["a", "b"], 0.0, stricter).confidence() < stated


def test_with_a_single_archetype_there_is_no_runner_up_and_no_mix():
    verdict = Verdict({"a": 0.5}, ["a"], 0.0, SETTINGS)
    assert verdict.top == "a" and verdict.runner_up is None and verdict.mixed_with is None
    assert verdict.separation == 0.5


def test_an_unknown_defining_answer_makes_the_call_provisional():
    confident = Verdict({"a": 0.9, "b": 0.2}, ["a", "b"], 0.0, SETTINGS)
    assert not confident.provisional
    unknown = Verdict({"a": 0.9, "b": 0.2}, ["a", "b"], 0.0, SETTINGS, defining_unknown=["ml_activity"])
    assert unknown.provisional and unknown.defining_unknown == ("ml_activity",)


def test_a_fit_never_passes_one_whatever_the_weights():
    assert fit_of([("where", 1.0), ("size", 1.0)], {"where": 1.0}, 0.5) == 1.0
