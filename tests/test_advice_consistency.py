"""The advice agrees with itself and states client facts only from answers.

Checked on the examples and on random valid profiles; lint's exclusions and
knowledge-age checks are tried on planted defects.
"""
import shutil
from pathlib import Path

import pytest

from orgdesign import load_profile, recommend
from orgdesign.lint.answer_space import AnswerSpace
from orgdesign.lint.context import load_context
from orgdesign.lint.exclusions import check_exclusions, exclusion_gaps
from orgdesign.lint.knowledge_age import check_knowledge_age

from .conftest import shared

REPO = Path(__file__).resolve().parent.parent
EVERY_TEAM = {"probabilistic_planning", "portfolio_of_approaches", "measure_inputs", "quick_end_to_end_pipelines",
              "educate_leadership"}
@pytest.fixture(scope=shared("module"))
def recommendations(reasoner, random_recommendations):
    profiles = [load_profile(p, reasoner) for p in sorted((REPO / "examples").glob("*.yaml"))]
    # The random ones come from conftest (300, seed 7, recommended once per test run).
    return [(p, recommend(p, reasoner)) for p in profiles] + [(case.profile, case.recommendation) for case in random_recommendations]


def test_no_profile_gets_advice_knowledge_declares_exclusive(recommendations, reasoner):
    for profile, rec in recommendations:
        assert exclusion_gaps(rec, reasoner.knowledge) == [], profile.client


def test_a_role_to_staff_first_is_never_also_called_worth_it_later(recommendations):
    for profile, rec in recommendations:
        for role in rec["roles"]:
            if role["priority"] == 1:
                assert not any("worth it once" in w["text"] for w in role["why"]), (profile.client, role["id"])


def test_existing_pipelines_are_mentioned_only_to_clients_who_said_they_have_them(recommendations):
    for profile, rec in recommendations:
        texts = [w["text"] for r in rec["roles"] for w in r["why"]] + [w["text"] for a in rec["actions"] for w in a["why"]]
        if any("engineering already runs the data pipelines" in t for t in texts):
            assert profile.answer("data_engineering") == "shared_with_engineering", profile.client


def test_payoff_is_called_invisible_only_when_little_is_in_production(recommendations):
    for profile, rec in recommendations:
        texts = [w["text"] for a in rec["actions"] for w in a["why"]] + [w["text"] for p in rec["practices"] for w in p["why"]]
        assert not any("cannot yet see the payoff" in t for t in texts), profile.client
        if any("Little of your ML work is in production" in t for t in texts):
            assert profile.answer("models_in_production") in ("none", "few"), profile.client


def test_practices_for_every_ml_team_reach_every_client(recommendations):
    for profile, rec in recommendations:
        assert EVERY_TEAM <= {p["id"] for p in rec["practices"]}, profile.client


def _lint_copy(tmp_path):
    rules, knowledge = tmp_path / "rules", tmp_path / "knowledge"
    shutil.copytree(REPO / "rules", rules)
    shutil.copytree(REPO / "knowledge", knowledge)
    return rules, knowledge


def test_lint_proves_the_shipped_exclusions():
    context = load_context(REPO / "rules", REPO / "knowledge")
    assert check_exclusions(context, AnswerSpace(context.knowledge, context.rules)) == []


@pytest.mark.parametrize("excludes, expected", [
    # Both fire for a client with no sponsor and no model in production.
    ("[find_executive_sponsor]", "can fire for the same client"),
    ("[\"practices:no_such_practice\"]", "no known advice"),
])
def test_lint_finds_a_planted_exclusion_defect(tmp_path, excludes, expected):
    rules, knowledge = _lint_copy(tmp_path)
    path = knowledge / "actions.yaml"
    text = path.read_text()
    text = text.replace("excludes: [staff_ml_infrastructure]", f"excludes: {excludes}")
    path.write_text(text)
    context = load_context(rules, knowledge)
    findings = check_exclusions(context, AnswerSpace(context.knowledge, context.rules))
    assert findings and all(expected in f.message for f in findings)


def test_lint_warns_about_knowledge_older_than_the_stated_limit():
    context = load_context(REPO / "rules", REPO / "knowledge")
    assert check_knowledge_age(context, this_year=2026) == []
    aged = check_knowledge_age(context, this_year=2040)
    assert aged and all("years ago" in f.message for f in aged)
    assert {Path(f.path).name for f in aged} >= {"notes.yaml", "hiring.yaml"}


ML_ROLES = {"ml_product_manager", "mlops_engineer", "data_engineer", "ml_engineer", "ml_researcher", "data_scientist"}


def test_answers_are_called_contradictory_exactly_when_they_are(recommendations):
    """The conflict rules, restated in plain Python over the answers: no false alarm, none missed."""
    for profile, rec in recommendations:
        in_production, ownership = profile.answer("models_in_production"), profile.answer("model_ownership_today")
        roles, headcount = profile.answer("roles_present"), profile.answer("ml_headcount")
        expected = set()
        if in_production in ("few", "many", "core_to_business") and ownership == "not_deployed":
            expected.add("answer_conflicts.production_but_not_deployed")
        if in_production == "none" and ownership in ("handed_to_engineering", "ml_team_deploys_and_maintains", "users_operate"):
            expected.add("answer_conflicts.deployed_but_none_in_production")
        if headcount == 0 and roles != "unknown" and ML_ROLES & set(roles):
            expected.add("answer_conflicts.roles_but_no_headcount")
        assert {c["rule"] for c in rec["answer_conflicts"]} == expected, profile.client


def test_the_interview_finds_the_conflicts_the_engine_concludes(recommendations, reasoner):
    """The interview checks the conflict rules on the answers alone; it must find what the report will list."""
    from orgdesign.advice.answer_conflicts import answer_conflicts

    reached = 0
    for profile, rec in recommendations:
        found = answer_conflicts(reasoner.rulebook, profile.answers)
        assert found == [{"questions": c["questions"], "text": c["text"]} for c in rec["answer_conflicts"]], profile.client
        reached += bool(found)
    assert reached > 10   # the random profiles do contradict themselves now and then


def test_advice_given_together_that_knowledge_declares_exclusive_is_reported(reasoner):
    """The check behind the test above must see both kinds of advice, actions and practices, when a report holds both sides."""
    knowledge = reasoner.knowledge
    clashing = {"actions": [{"id": "plan_first_hires"}, {"id": "first_end_to_end_win"}, {"id": "staff_ml_infrastructure"}],
                "practices": [{"id": "structured_process_for_coordination"}],
                "hiring": {"attraction": [{"id": "learning_culture"}]}}
    assert exclusion_gaps(clashing, knowledge) == [
        "gives both actions:first_end_to_end_win and actions:staff_ml_infrastructure, which knowledge/ declares exclusive",
        "gives both actions:plan_first_hires and practices:structured_process_for_coordination, which knowledge/ declares exclusive"]
    # Either side alone is no gap.
    assert exclusion_gaps({"actions": clashing["actions"][:2], "practices": [], "hiring": {}}, knowledge) == []
    assert exclusion_gaps({"actions": [], "practices": clashing["practices"]}, knowledge) == []


def test_an_attraction_lever_declared_exclusive_is_checked_in_the_hiring_section(tmp_path):
    """Levers live under `hiring.attraction` in a recommendation; an exclusion naming one must find it there."""
    from orgdesign.knowledge import KnowledgeBase

    shutil.copytree(REPO / "knowledge", tmp_path / "knowledge")
    hiring = tmp_path / "knowledge" / "hiring.yaml"
    text = hiring.read_text(encoding="utf-8")
    anchor = "  - id: learning_culture\n    name: \"A learning culture\"\n"
    assert anchor in text
    hiring.write_text(text.replace(anchor, anchor + "    excludes: [\"actions:plan_first_hires\"]\n"), encoding="utf-8")
    knowledge = KnowledgeBase(tmp_path / "knowledge")
    both = {"actions": [{"id": "plan_first_hires"}], "hiring": {"attraction": [{"id": "learning_culture"}]}}
    assert exclusion_gaps(both, knowledge) == [
        "gives both attraction:learning_culture and actions:plan_first_hires, which knowledge/ declares exclusive"]
    assert exclusion_gaps({"actions": [{"id": "plan_first_hires"}], "hiring": None}, knowledge) == []
