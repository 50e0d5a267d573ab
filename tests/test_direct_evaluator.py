"""The direct evaluator agrees with the experta engine (the differential test)."""
import time

from orgdesign.engine.direct_evaluator import DirectEvaluator
from orgdesign.lint.engine_agreement import compare_engines, default_processes
from orgdesign.lint.random_profiles import random_answer_sets

PROFILES = 2000


def test_agrees_with_experta_on_random_profiles(reasoner):
    answer_sets = random_answer_sets(reasoner.knowledge, PROFILES, seed=20261127)
    started = time.perf_counter()
    disagreements = compare_engines(reasoner, DirectEvaluator(reasoner), answer_sets, default_processes())
    assert disagreements == []
    # The profiles must exercise the rule base, not just its unknown corner.
    tops = {DirectEvaluator(reasoner).infer(a).verdict.top for a in answer_sets[:300]}
    assert tops == set(reasoner.knowledge.archetype_ids())
    print(f"{PROFILES} profiles compared in {time.perf_counter() - started:.1f} s")


def test_recommendation_from_direct_inference_matches_experta(reasoner, make_profile):
    from orgdesign.advice.recommendation import build_recommendation

    profile = make_profile({"ml_activity": ["central_division", "product_teams"], "executive_sponsor": "ceo", "employees": 20000})
    direct = build_recommendation(DirectEvaluator(reasoner).infer_profile(profile), reasoner)
    assert direct == build_recommendation(reasoner.infer(profile), reasoner)


def test_imposed_verdict_drives_later_layers(reasoner):
    from orgdesign.engine.compiler import Verdict

    beliefs = {a: 0.0 for a in reasoner.knowledge.archetype_ids()}
    beliefs["research_and_development"] = 0.7
    result = DirectEvaluator(reasoner).infer({"ml_activity": ("none",)}, verdict=Verdict(beliefs, list(beliefs), 0.0, reasoner.knowledge.inference))
    positions = {f["dimension"]: f["position"] for f in result.facts_of_type("design_choice")}
    assert positions["model_ownership"] == "rarely_deployed"
