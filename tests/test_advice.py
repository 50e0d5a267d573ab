"""The advice layer end to end: real profiles, the real engine, the JSON keys
roles / hiring / practices / risks / actions."""
import pytest

from orgdesign import load_profile, recommend

from .conftest import example_paths, shared

# The org-chart node ids shared with the org-chart builder (orgdesign/orgchart).
ORG_CHART_NODES = {"company", "leadership", "engineering", "product_teams", "rnd", "ml_team", "ml_division",
                   "ml_research", "ml_engineering", "ml_product", "data_engineering", "data_platform",
                   "business_lines", "ml_community", "ad_hoc_ml"}


@pytest.fixture(scope=shared("module"))
def examples(reasoner):
    return {p.name: (load_profile(p, reasoner), recommend(load_profile(p, reasoner), reasoner)) for p in example_paths()}


def test_hiring_plan_has_exactly_planned_hires(examples):
    checked = 0
    for name, (profile, rec) in examples.items():
        planned = profile.answer("planned_ml_hires")
        if planned == "unknown":
            continue
        checked += 1
        assert len(rec["hiring"]["plan"]) == planned, name
        assert [h["number"] for h in rec["hiring"]["plan"]] == list(range(1, planned + 1))
    assert checked >= 5


@pytest.mark.parametrize("planned", [0, 1, 20])
def test_hiring_plan_size_follows_the_budget(reasoner, make_profile, planned):
    rec = recommend(make_profile({"ml_activity": ["central_division"], "ml_reports_to": "senior_leadership",
                                  "planned_ml_hires": planned}), reasoner)
    plan = rec["hiring"]["plan"]
    assert len(plan) == planned
    for hire in plan:
        # Beyond the concluded sequence the plan walks it again, and names the earlier hire it repeats.
        if hire["repeat_of"]:
            assert hire["repeat_of"] < hire["number"]
            assert hire["role"] == plan[hire["repeat_of"] - 1]["role"]
    assert len(rec["hiring"]["interviews"]) == len({h["role"] for h in plan})


def test_unknown_budget_gives_the_whole_sequence(examples):
    _, rec = examples["unknowns-insurance.yaml"]
    assert rec["hiring"]["planned_hires"] == "unknown"
    assert len(rec["hiring"]["plan"]) == rec["hiring"]["sequence_length"] > 0
    assert "size_hiring_budget" in [a["id"] for a in rec["actions"]]


def test_hires_report_to_a_unit_of_the_recommended_chart(examples):
    for name, (_, rec) in examples.items():
        nodes = {n["id"] for n in rec["org_chart"]["nodes"]}
        for hire in rec["hiring"]["plan"]:
            assert hire["reports_to"] in ORG_CHART_NODES, (name, hire)
            assert f"role.{hire['reports_to']}.{hire['role']}" in nodes, (name, hire)


def test_first_hires_follow_the_situation(examples):
    roles = lambda name: [h["role"] for h in examples[name][1]["hiring"]["plan"]]  # noqa: E731
    # A nascent company with limited data: engineer, then a data engineer.
    assert roles("nascent-logistics.yaml") == ["ml_engineer", "data_engineer", "ml_engineer"]
    # A lab with researchers but no engineer hires an engineer first.
    assert roles("rnd-manufacturing.yaml")[0] == "ml_engineer"
    # A division running many models without an MLOps engineer is told to staff one
    # first, and the plan starts with it.
    assert roles("independent-division-bank.yaml")[0] == "mlops_engineer"


def test_roles_carry_priority_presence_skills_and_reasons(examples):
    for name, (profile, rec) in examples.items():
        present = profile.answer("roles_present")
        assert rec["roles"], name
        for role in rec["roles"]:
            assert role["priority"] in (1, 2, 3)
            assert role["present"] == (None if present == "unknown" else role["id"] in present)
            assert set(role["skills"]) == {"software_engineering", "ml_expertise", "communication"}
            assert role["background"] and role["why"] and role["rule"] and role["source"]
        priorities = [r["priority"] for r in rec["roles"]]
        assert priorities == sorted(priorities)


def test_every_archetype_weakness_is_a_risk_with_mitigation(examples, reasoner):
    for name, (_, rec) in examples.items():
        archetype = reasoner.knowledge.archetypes[rec["archetype"]["id"]]
        risks = {r["id"]: r for r in rec["risks"]}
        for weakness in archetype["weaknesses"]:
            assert weakness["id"] in risks, (name, weakness["id"])
            assert risks[weakness["id"]]["mitigation"] == weakness["mitigation"]
        assert all(r["level"] in ("high", "medium", "low") for r in rec["risks"])
        assert all(r["likelihood"] in ("high", "medium", "low") and r["impact"] in ("high", "medium", "low")
                   for r in rec["risks"])


def test_every_design_gap_becomes_an_action(examples):
    gaps_seen = 0
    for name, (_, rec) in examples.items():
        gaps = {d for d, c in rec["design_choices"].items() if c["gap"] is True}
        gap_actions = {a["dimension"] for a in rec["actions"] if a["id"].startswith("close_gap_")}
        assert gap_actions == gaps, name
        gaps_seen += len(gaps)
    assert gaps_seen >= 3


def test_every_example_has_three_actions_and_practices(examples):
    for name, (_, rec) in examples.items():
        assert len(rec["actions"]) >= 3, name
        # Actions run stage by stage (the roadmap), the most urgent first within a stage.
        stages = [s["id"] for s in rec["roadmap"]]
        order = [(stages.index(a["stage"]), a["rank"]) for a in rec["actions"]]
        assert order == sorted(order)
        assert any(p["id"] == "probabilistic_planning" for p in rec["practices"])


def test_interview_loops_validate_strengths_and_check_a_minimum_bar(examples):
    for name, (_, rec) in examples.items():
        for loop in rec["hiring"]["interviews"]:
            kinds = [c["kind"] for c in loop["checks"]]
            assert "strength" in kinds and "minimum_bar" in kinds, (name, loop["role"])
            assert kinds == sorted(kinds, key=lambda k: k != "strength")
            assert all(c["assessments"] for c in loop["checks"])


def test_engineering_first_raises_the_researcher_bar(reasoner, make_profile):
    rec = recommend(make_profile({"ml_activity": ["product_teams"], "ml_reports_to": "product_engineering_lead",
                                  "planned_ml_hires": 8}), reasoner)
    loops = {loop["role"]: [c["id"] for c in loop["checks"]] for loop in rec["hiring"]["interviews"]}
    assert "researcher_production_engineering" in loops["ml_researcher"]


def test_attraction_levers_are_chosen_for_the_client(examples):
    levers = lambda name: {l["id"] for l in examples[name][1]["hiring"]["attraction"]}  # noqa: E731
    assert "interesting_data" in levers("ml-first-startup.yaml")
    assert "excellent_colleagues" in levers("independent-division-bank.yaml")
    assert "learning_culture" in levers("nascent-logistics.yaml")
    assert "cutting_edge_work" not in levers("nascent-logistics.yaml")


def test_every_advice_item_traces_to_a_firing(examples):
    for name, (_, rec) in examples.items():
        firings = {f["seq"]: f for f in rec["trace"]["firings"]}
        facts = {f["id"]: f for f in rec["trace"]["facts"]}
        reasons = [w for r in rec["roles"] for w in r["why"]] + rec["hiring"]["plan"]
        reasons += [w for item in rec["practices"] + rec["risks"] + rec["actions"] for w in item["why"]]
        reasons += [c for loop in rec["hiring"]["interviews"] for c in loop["checks"]]
        for reason in reasons:
            fact = facts[reason["fact"]]
            assert firings[fact["origin"]["firing"]]["rule"] == reason["rule"], name
            assert reason["source"], reason



def test_every_advice_entry_in_knowledge_is_concluded_by_some_rule(reasoner):
    concluded = {}
    for rule in reasoner.rulebook.rules:
        for assertion in rule.then:
            for field, value in assertion.fields:
                concluded.setdefault((assertion.fact_type, field), set()).add(value)
    knowledge = reasoner.knowledge
    assert set(knowledge.practices) == concluded[("practice", "practice")]
    assert set(knowledge.actions) == concluded[("action", "action")]
    assert set(knowledge.attraction_levers) == concluded[("attraction", "lever")]
    assert set(knowledge.interview_checks) == concluded[("interview_focus", "check")]
    assert set(knowledge.weaknesses) == concluded[("risk", "weakness")]
    assert concluded[("risk", "likelihood")] | concluded[("risk", "impact")] <= set(knowledge.risk_levels)
    assert concluded[("risk_factor", "level")] == {"high", "low"}  # a factor moves a side off its default
    assert concluded[("role_home", "unit")] <= ORG_CHART_NODES
    hired = concluded[("hire", "role")]
    assert hired == set(knowledge.roles) - {"data_scientist"}
    assert hired <= set(knowledge.hiring_roles)
