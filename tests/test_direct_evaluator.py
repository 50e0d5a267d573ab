"""The direct evaluator agrees with the experta engine (the differential test).

The comparison is made here, field by field, rather than by the product's
own comparator (``lint.engine_agreement``): a comparator that stopped
reporting differences would otherwise make this test pass too.  The
comparator is tested separately, against planted disagreements.
"""
import pytest

from orgdesign import load_profile
from orgdesign.engine.direct_evaluator import DirectEvaluator
from orgdesign.lint.engine_agreement import check_engine_agreement, compare_engines
from orgdesign.lint.random_profiles import random_answer_sets
from orgdesign.profile import Profile

from .conftest import EXAMPLES

SEED = 20261127


def experta_and_direct(reasoner, evaluator, answers):
    """What each engine concluded on these answers: (trace, verdict) twice."""
    profile = Profile("Differential test", answers, {})
    by_experta = reasoner.infer(profile)
    by_direct = evaluator.infer_profile(profile)
    return [(run.trace.to_json(), vars(run.verdict)) for run in (by_experta, by_direct)]


def assert_engines_agree(reasoner, answer_sets):
    evaluator = DirectEvaluator(reasoner)
    for answers in answer_sets:
        (experta_trace, experta_verdict), (direct_trace, direct_verdict) = experta_and_direct(reasoner, evaluator, answers)
        assert direct_trace["firings"] == experta_trace["firings"], answers
        assert direct_trace["facts"] == experta_trace["facts"], answers
        assert direct_verdict == experta_verdict, answers
    # The profiles must exercise the whole rule base, not just its unknown corner.
    tops = {evaluator.infer(a).verdict.top for a in answer_sets}
    assert tops == set(reasoner.knowledge.archetype_ids())


def test_agrees_with_experta_on_random_profiles(reasoner):
    # 75 reach every archetype; the sweep below (make sweep, CI) runs 2,000.
    assert_engines_agree(reasoner, random_answer_sets(reasoner.knowledge, 75, seed=SEED))


@pytest.mark.sweep
def test_agrees_with_experta_on_2000_random_profiles(reasoner):
    assert_engines_agree(reasoner, random_answer_sets(reasoner.knowledge, 2000, seed=SEED))


class PlantedBug(DirectEvaluator):
    """A direct evaluator that goes wrong on the answer sets given, in the way given."""

    def __init__(self, reasoner, wrong_on, damage):
        super().__init__(reasoner)
        self.wrong_on, self.damage = wrong_on, damage

    def infer(self, answers, verdict=None):
        result = super().infer(answers, verdict)
        if answers in self.wrong_on:
            self.damage(result)
        return result


def lose_last_firing(result):
    result.trace.firings.pop()


def shift_a_belief(result):
    verdict = result.trace.verdict
    verdict.fits = {**verdict.fits, verdict.ranking[-1]: verdict.fits[verdict.ranking[-1]] + 0.01}


def swap_the_ranking(result):
    verdict = result.trace.verdict
    verdict.ranking = [verdict.ranking[1], verdict.ranking[0], *verdict.ranking[2:]]


def claim_a_mixed_verdict(result):
    verdict = result.trace.verdict
    verdict.mixed_with = None if verdict.mixed_with else verdict.ranking[1]


def change_the_penalty(result):
    result.trace.verdict.penalty += 0.05


def rename_a_fact(result):
    fact = next(f for f in result.trace.facts.values() if f.type == "design_choice")
    fact.fields = {**fact.fields, "position": fact.fields["position"] + "_changed"}


DAMAGES = [lose_last_firing, shift_a_belief, swap_the_ranking, claim_a_mixed_verdict, change_the_penalty, rename_a_fact]


# Every kind of difference in one process; forked workers (how lint runs it) once.
@pytest.mark.parametrize("damage, processes", [(damage, 1) for damage in DAMAGES] + [(lose_last_firing, 2)],
                         ids=[d.__name__ for d in DAMAGES] + ["lose_last_firing in 2 processes"])
def test_comparator_reports_exactly_the_planted_disagreements(reasoner, damage, processes):
    answer_sets = random_answer_sets(reasoner.knowledge, 12, seed=7)
    wrong_on = [answer_sets[3], answer_sets[8]]
    assert compare_engines(reasoner, DirectEvaluator(reasoner), answer_sets, processes) == []
    reported = compare_engines(reasoner, PlantedBug(reasoner, wrong_on, damage), answer_sets, processes)
    # Workers may report in another order; each planted case exactly once.
    assert sorted(answer_sets.index(answers) for answers in reported) == [3, 8]


def test_lint_engine_check_writes_each_disagreement_as_a_profile(reasoner, tmp_path):
    from orgdesign import load_profile

    answer_sets = random_answer_sets(reasoner.knowledge, 6, seed=0)
    evaluator = PlantedBug(reasoner, [answer_sets[4]], lose_last_firing)
    findings, figures = check_engine_agreement(reasoner, evaluator, 6, seed=0, out_dir=tmp_path)
    assert figures["profiles"] == 6 and figures["disagreements"] == 1
    assert [f.check for f in findings] == ["engine-agreement"]
    written = tmp_path / "engine-disagreement-1.yaml"
    assert findings[0].path == str(written)
    # The profile written reproduces the disagreement: it holds the very answers.
    assert load_profile(written, reasoner).answers == answer_sets[4]


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


@pytest.fixture
def evaluator_losing_a_firing(monkeypatch):
    """A direct evaluator that loses one firing on every profile, so it disagrees with experta everywhere."""
    real_infer = DirectEvaluator.infer

    def losing_a_firing(self, answers, verdict=None):
        result = real_infer(self, answers, verdict)
        lose_last_firing(result)
        return result

    monkeypatch.setattr(DirectEvaluator, "infer", losing_a_firing)


def test_lint_reports_a_disagreement_with_file_and_profile(reasoner, tmp_path, evaluator_losing_a_firing):
    """`lint --check-engine` end to end, with a direct evaluator that loses one firing on every profile."""
    from orgdesign.lint import run_lint

    report = run_lint(check_engine=8, out_dir=tmp_path, completeness=False, rule_cases=False)
    assert report.figures["engine_agreement"]["disagreements"] == 8
    findings = [f for f in report.findings if f.check == "engine-agreement"]
    # The first five are written out as profiles that reproduce them.
    assert [f.path for f in findings] == [str(tmp_path / f"engine-disagreement-{n}.yaml") for n in range(1, 6)]
    assert not report.clean
    message = "the direct evaluator and the experta engine reach different conclusions on this profile"
    hint = "report this as a bug in orgdesign/engine/direct_evaluator.py"
    assert all((f.line, f.message, f.hint) == (1, message, hint) for f in findings)
    assert {k: v for k, v in report.figures["engine_agreement"].items() if k != "seconds"} == {
        "profiles": 8, "seed": 0, "disagreements": 8}
    # Each written profile is one of the random profiles lint drew, ready to rerun.
    drawn = random_answer_sets(reasoner.knowledge, 8, 0)
    written = [load_profile(tmp_path / f"engine-disagreement-{number}.yaml", reasoner) for number in range(1, 6)]
    as_drawn = [{q: profile.answer(q) for q in drawn[0]} for profile in written]
    assert all(answers in drawn for answers in as_drawn) and len({str(a) for a in as_drawn}) == 5
    # Each is named after its file, so a consultant who opens one knows which finding it belongs to.
    assert [profile.client for profile in written] == [f"engine disagreement {n}" for n in range(1, 6)]


def test_without_an_output_folder_a_disagreement_names_its_answers(reasoner, evaluator_losing_a_firing):
    import time

    started = time.perf_counter()
    findings, figures = check_engine_agreement(reasoner, DirectEvaluator(reasoner), 2, seed=5)
    elapsed = time.perf_counter() - started
    # The time the check reports is its own, in hundredths of a second.
    assert 0 <= figures["seconds"] <= elapsed + 0.005 and figures["seconds"] == round(figures["seconds"], 2)
    assert figures["seconds"] > 0 or elapsed < 0.005
    drawn = random_answer_sets(reasoner.knowledge, 2, 5)
    assert [f.path for f in findings] == [str(reasoner.rules_dir / "rulebase.yaml")] * 2
    prefix = "the direct evaluator and the experta engine reach different conclusions on this profile: "
    assert sorted(f.message for f in findings) == sorted(prefix + str(answers) for answers in drawn)
    assert figures["disagreements"] == 2 and figures["profiles"] == 2 and figures["seed"] == 5


def ml_first_verdict(reasoner):
    from orgdesign.engine.compiler import Verdict

    beliefs = {a: 0.0 for a in reasoner.knowledge.archetype_ids()}
    beliefs["ml_first"] = 0.8
    return Verdict(beliefs, list(beliefs), 0.0, reasoner.knowledge.inference)


def test_an_imposed_verdict_and_target_are_what_the_combination_step_concludes(reasoner):
    """lint's proof imposes a verdict and a target on the later layers: both must reach them, as the combination's own facts."""
    from orgdesign.engine.direct_evaluator import COMBINE_RULE_ID

    verdict = ml_first_verdict(reasoner)
    target = {"id": "ml_first", "why": "(imposed by lint)"}
    inference = DirectEvaluator(reasoner).infer_profile(Profile("Imposed", {"ml_activity": ("none",)}, {}),
                                                        verdict=verdict, forced=[("target", target)])
    assert inference.verdict is verdict
    [combine] = [f for f in inference.trace.firings if f.rule == COMBINE_RULE_ID]
    concluded = [inference.trace.facts[i] for i in combine.asserted]
    assert [(f.type, f.fields, f.origin) for f in concluded] == [
        ("archetype", verdict.fact_fields(), {"firing": combine.seq, "rule": COMBINE_RULE_ID}),
        ("target", target, {"firing": combine.seq, "rule": COMBINE_RULE_ID})]
    # Later layers read them: nothing else concludes a target, and the design follows an ML-first verdict
    # (the nascent answers alone would give `build_and_run_end_to_end`).
    assert [f.fields for f in inference.facts_of_type("target")] == [target]
    positions = {f.fields["dimension"]: f.fields["position"] for f in inference.facts_of_type("design_choice")}
    assert positions["model_ownership"] != "build_and_run_end_to_end"


def test_an_evaluator_of_some_rules_runs_those_alone_in_rule_base_order(reasoner):
    """lint runs a rule's upstream alone (`only=`): any order of ids given, the rules fire as the rule base lists them."""
    answers = {"industry": "software", "ml_activity": ("product_teams", "central_division"), "employees": 20000}
    everything = DirectEvaluator(reasoner).infer(answers).fired
    chosen = [rule for rule in everything if rule.startswith("evidence.")][:3]
    assert len(chosen) == 3
    some = DirectEvaluator(reasoner, only=list(reversed(chosen))).infer(answers)
    assert some.fired == chosen + ["engine.combine_evidence"]


def test_the_firing_limit_stops_a_run_that_needs_one_firing_more(reasoner, monkeypatch):
    """The direct evaluator counts firings as the experta engine does, combination included, and stops with a reason."""
    from orgdesign.engine import direct_evaluator

    answers = {"industry": "software", "ml_activity": ("product_teams",)}
    needed = len(DirectEvaluator(reasoner).infer(answers).fired)
    assert needed == len(reasoner.infer(Profile("Limit", answers, {})).trace.firings)
    monkeypatch.setattr(direct_evaluator, "MAX_FIRINGS", needed)
    assert len(DirectEvaluator(reasoner).infer(answers).fired) == needed
    monkeypatch.setattr(direct_evaluator, "MAX_FIRINGS", needed - 1)
    with pytest.raises(RuntimeError, match=f"did not settle after {needed - 1} firings; look for rules that feed each other"):
        DirectEvaluator(reasoner).infer(answers)


JOIN_RULE = """
  - id: practices.planted.join
    title: A rule joining two kinds of fact
    description: Planted by the differential test.
    rationale: Binds a hire and a role home, of which a profile has several each.
    source: [article]
    when:
      - fact: hire
      - fact: role_home
    then:
      - practice: {practice: probabilistic_planning, why: "Planted join."}
"""


def test_a_rule_joining_two_facts_fires_for_each_pair_in_the_order_experta_does(tmp_path):
    """No shipped rule binds two facts of which several exist; a planted one must still fire pair by pair as experta fires it.

    Which pair fires first is decided by the facts' numbers, newest first
    (``RuleOrderStrategy``); the direct evaluator must order its agenda alike.
    """
    import shutil

    from orgdesign.engine.reasoner import Reasoner

    REPO = EXAMPLES.parent
    shutil.copytree(REPO / "rules", tmp_path / "rules")
    with open(tmp_path / "rules" / "advice" / "practices.yaml", "a", encoding="utf-8") as rules:
        rules.write(JOIN_RULE)
    reasoner = Reasoner(REPO / "knowledge", tmp_path / "rules")
    profile = load_profile(EXAMPLES / "mixed-retail.yaml", reasoner)
    (experta_trace, experta_verdict), (direct_trace, direct_verdict) = experta_and_direct(reasoner, DirectEvaluator(reasoner),
                                                                                         profile.answers)
    joins = [f["matched"] for f in experta_trace["firings"] if f["rule"] == "practices.planted.join"]
    assert len(joins) >= 4 and len({m[0] for m in joins}) >= 2 and len({m[1] for m in joins}) >= 2
    assert direct_trace["firings"] == experta_trace["firings"]
    assert direct_trace["facts"] == experta_trace["facts"]
