"""The staged roadmap tells the hiring plan's story, and its charts grow towards the recommended one.

For every example and for random valid profiles (500 behind the `sweep`
marker): the roadmap starts now and has at least two stages; every action
has an owner, an effort and a stage, no earlier than the hire of its owner
or the actions it depends on; an action that appoints a role lands in the
stage the plan hires it; each stage chart is connected, keeps everybody on
staff, shows exactly the hires of its stage and the earlier ones, keeps
every node of the recommended chart it once drew, and the last one is the
recommended chart. Each risk has a likelihood, an impact and a stage.
"""
import json

import pytest
from click.testing import CliRunner

from orgdesign import load_profile, recommend
from orgdesign.cli import main
from orgdesign.lint.completeness import org_chart_gaps, roadmap_gaps
from orgdesign.lint.random_profiles import random_answer_sets
from orgdesign.profile import Profile
from orgdesign.questions import UNKNOWN

from .conftest import EXAMPLES, example_paths, shared

QUICK_PROFILES = 30
SWEEP_PROFILES = 500
LEVELS = ("low", "medium", "high")


def hire_stages(rec, knowledge):
    """Plan number -> stage index, worked out here from the quarters and the stage horizons."""
    ids = [s["id"] for s in rec["roadmap"]]
    ends = [knowledge.roadmap_stages[s]["horizon_months"][1] for s in ids]
    return {h["number"]: next((i for i, end in enumerate(ends) if end >= 3 * h["quarter"]), len(ids) - 1)
            for h in rec["hiring"]["plan"]}


def check_roadmap(rec, profile, knowledge):
    stages = rec["roadmap"]
    ids = [s["id"] for s in stages]
    assert roadmap_gaps(rec) == []
    assert ids == list(knowledge.roadmap_stages)[:len(ids)] and len(ids) >= 2
    index = {s: i for i, s in enumerate(ids)}
    by_hire = hire_stages(rec, knowledge)
    present = profile.answer("roles_present")
    present = set() if present == UNKNOWN else set(present) - {"none"}

    # Actions: owner, effort, stage; the order agrees with the hiring plan.
    actions = {a["id"]: a for a in rec["actions"]}
    assert [index[a["stage"]] for a in rec["actions"]] == sorted(index[a["stage"]] for a in rec["actions"])
    for action in rec["actions"]:
        assert action["effort"] in ("small", "medium", "large")
        assert action["owner"] and action["owner_name"]
        stage = index[action["stage"]]
        if action["owner_status"] == "present":
            assert action["owner"] in present
        elif action["owner_status"] == "to_hire":
            assert action["owner"] not in present
            hire = rec["hiring"]["plan"][action["owner_hire"] - 1]
            assert hire["role"] == action["owner"] and by_hire[hire["number"]] <= stage, \
                f"{action['id']} in stage {stage} is owned by hire {hire['number']}, who joins later"
        else:
            assert action["owner"] in knowledge.roadmap_leads
        for dependency in action["depends_on"]:
            assert index[actions[dependency]["stage"]] <= stage
        appoints = knowledge.action_plan.get(action["id"], {}).get("hires")
        first = next((h for h in rec["hiring"]["plan"] if h["role"] == appoints), None)
        if first is not None:
            assert stage == by_hire[first["number"]], f"{action['id']} and hire {first['number']} tell two stories"
    assert sorted(a["id"] for s in stages for a in s["actions"]) == sorted(actions)
    assert sorted(n for s in stages for n in s["hires"]) == [h["number"] for h in rec["hiring"]["plan"]]

    # Charts: connected, nobody on staff lost, hires only from their stage on, growing towards the recommended chart.
    recommended = {n["id"] for n in rec["org_chart"]["nodes"]}
    assert stages[-1]["chart"]["nodes"] == rec["org_chart"]["nodes"]
    assert stages[-1]["chart"]["edges"] == rec["org_chart"]["edges"]
    drawn_before, staffed_before = set(), 0
    for number, stage in enumerate(stages):
        chart = stage["chart"]
        nodes = {n["id"]: n for n in chart["nodes"]}
        assert org_chart_gaps(chart) == [] and "company" in nodes
        roles = [n for n in nodes.values() if n["kind"] == "role"]
        assert {n["role"] for n in roles if n["status"] == "present"} == present
        if number < len(stages) - 1:
            for role_id in {h["role"] for h in rec["hiring"]["plan"]}:
                due = sum(1 for h in rec["hiring"]["plan"] if h["role"] == role_id and by_hire[h["number"]] <= number)
                shown = sum(n["planned_hires"] or 0 for n in roles if n["role"] == role_id)
                assert shown == due, f"stage {number + 1} shows {shown} {role_id} hires, the plan {due}"
        drawn = set(nodes) & recommended
        assert drawn_before <= drawn, f"stage {number + 1} drops {sorted(drawn_before - drawn)}"
        staffed = sum(1 for n in roles if n["status"] == "present") + sum(n["planned_hires"] or 0 for n in roles)
        assert staffed >= staffed_before
        drawn_before, staffed_before = drawn, staffed

    # Risks: placed on the map and addressed in a stage.
    for number, risk in enumerate(rec["risks"], start=1):
        assert risk["number"] == number and risk["likelihood"] in LEVELS and risk["impact"] in LEVELS
        assert risk["stage"] in index
    return rec


def random_profiles(reasoner, count, seed):
    return [Profile(f"random {i}", answers) for i, answers in
            enumerate(random_answer_sets(reasoner.knowledge, count, seed=seed))]


@pytest.fixture(scope=shared("module"))
def example_recommendations(reasoner):
    return {path.stem: (recommend(load_profile(path, reasoner), reasoner), load_profile(path, reasoner))
            for path in example_paths()}


@pytest.mark.parametrize("path", example_paths(), ids=lambda p: p.stem)
def test_each_example_has_a_roadmap_that_tells_the_plans_story(path, reasoner, example_recommendations):
    rec, profile = example_recommendations[path.stem]
    check_roadmap(rec, profile, reasoner.knowledge)


def test_an_example_whose_target_differs_gets_three_stages_that_move_the_lines(example_recommendations):
    rec, _ = example_recommendations["mixed-retail"]
    assert not rec["target"]["same_as_today"]
    assert [s["id"] for s in rec["roadmap"]] == ["now", "next", "target"]
    first, second = rec["roadmap"][0]["chart"], rec["roadmap"][1]["chart"]
    # Stage 1 keeps today's units; stage 2 has moved the lines into the division's teams.
    assert "product_teams" in {n["id"] for n in first["nodes"]}
    assert "product_teams" not in {n["id"] for n in second["nodes"]}
    assert {"ml_engineering", "ml_research"} <= {n["id"] for n in second["nodes"]}
    assert {r["level"] for r in rec["risks"]} != {"medium"}


def test_the_fintech_product_manager_is_appointed_when_the_plan_hires_one(example_recommendations):
    rec, _ = example_recommendations["product-embedded-fintech"]
    pm = next(h for h in rec["hiring"]["plan"] if h["role"] == "ml_product_manager")
    appoint = next(a for a in rec["actions"] if a["id"] == "hire_ml_product_manager")
    assert pm["quarter"] > 1 and appoint["stage"] == "next"
    assert rec["actions"][0]["id"] != "hire_ml_product_manager"


def test_a_nascent_roadmap_starts_with_an_early_win_on_todays_chart(example_recommendations):
    rec, _ = example_recommendations["nascent-logistics"]
    first = rec["roadmap"][0]
    assert first["goal_id"] == "early_win" and first["rule"] == "roadmap.now.nascent" and not first["inference"]
    assert "first_end_to_end_win" in [a["id"] for a in first["actions"]]
    assert "ad_hoc_ml" in {n["id"] for n in first["chart"]["nodes"]}


def test_poor_data_access_raises_the_likelihood_that_models_wait_for_data(reasoner, make_profile):
    base = {"ml_activity": ["product_teams"], "ml_reports_to": "product_engineering_lead"}
    likelihood = {}
    for access in ("poor", "good"):
        rec = recommend(make_profile({**base, "data_access": access}), reasoner)
        likelihood[access] = next(r for r in rec["risks"] if r["id"] == "data_and_compute_lag")["likelihood"]
    assert likelihood == {"poor": "high", "good": "low"}


def test_random_profiles_get_roadmaps_that_tell_the_plans_story(reasoner):
    for profile in random_profiles(reasoner, QUICK_PROFILES, seed=1717):
        check_roadmap(recommend(profile, reasoner), profile, reasoner.knowledge)


@pytest.mark.sweep
def test_500_random_profiles_get_roadmaps_that_tell_the_plans_story(reasoner):
    lengths = set()
    for profile in random_profiles(reasoner, SWEEP_PROFILES, seed=2027):
        lengths.add(len(check_roadmap(recommend(profile, reasoner), profile, reasoner.knowledge)["roadmap"]))
    assert lengths == {2, 3}  # the sweep reaches both small and large gaps


def test_recommend_writes_a_chart_per_stage_and_a_roadmap_section(tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["recommend", str(EXAMPLES / "mixed-retail.yaml"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    rec = json.loads((out / "recommendation.json").read_text())
    for stage in rec["roadmap"]:
        assert (out / f"orgchart-stage-{stage['number']}.gv").is_file()
        assert (out / f"orgchart-stage-{stage['number']}.svg").read_text().lstrip().startswith("<?xml")
    html = (out / "report.html").read_text()
    section = html[html.index('<section id="roadmap">'):]
    assert section.count('href="orgchart-stage-') == len(rec["roadmap"])
    assert section.count("<svg") == len(rec["roadmap"])
    assert 'class="risk-map"' in section
    markdown = (out / "report.md").read_text()
    assert "| Likelihood \\ impact | low | medium | high |" in markdown
    assert "[orgchart-stage-3.svg](orgchart-stage-3.svg)" in markdown


def test_explain_derives_a_stage_from_the_answers():
    result = CliRunner().invoke(main, ["explain", str(EXAMPLES / "mixed-retail.yaml"), "--how", "roadmap.next"])
    assert result.exit_code == 0, result.output
    assert "roadmap.grow" in result.output and "answer ml_ambition" in result.output


@pytest.mark.sweep  # a whole lint run with gaps to search (about a minute): the proof finds them
def test_lint_finds_profiles_left_without_a_first_stage(tmp_path):
    from .test_lint_cli import copy_rule_base, lint

    rules, knowledge = copy_rule_base(tmp_path)
    path = rules / "roadmap" / "stages.yaml"
    text = path.read_text()
    start = text.index("  - id: roadmap.now.research_and_development")
    path.write_text(text[:start] + text[text.index("  - id: roadmap.now.established"):])
    result = lint("--rules", str(rules), "--knowledge", str(knowledge), "--out", str(tmp_path / "counter"))
    assert result.exit_code == 1
    assert "[completeness] for verdict research_and_development" in result.output
    assert "has a roadmap that starts at stage `next`, not `now`" in result.output


def test_the_roadmap_knowledge_names_only_known_things_and_has_no_cycle(reasoner):
    knowledge = reasoner.knowledge
    assert set(knowledge.action_plan) == set(knowledge.actions), "every action needs an owner, an effort and its waits"
    for action_id, plan in knowledge.action_plan.items():
        assert plan["effort"] in knowledge.roadmap_efforts
        assert plan["owner"][-1] in knowledge.roadmap_leads, f"{action_id}: the owner list must end with a lead"
        assert all(o in knowledge.roles or o in knowledge.roadmap_leads for o in plan["owner"])
        assert plan.get("hires") is None or plan["hires"] in knowledge.roles
        assert set(plan.get("depends_on", [])) <= set(knowledge.actions)

    def reaches(start, goal, seen=()):
        return any(d == goal or (d not in seen and reaches(d, goal, seen + (d,)))
                   for d in knowledge.action_plan[start].get("depends_on", []))

    assert not [a for a in knowledge.action_plan if reaches(a, a)]
    assert set(knowledge.risk_actions) == set(knowledge.weaknesses)
    assert all(set(entry["actions"]) <= set(knowledge.actions) for entry in knowledge.risk_actions.values())
    for goal in knowledge.roadmap_goals.values():
        assert goal["structure"] in ("today", "recommended") and goal["text"].endswith(".")


def test_a_rerun_with_fewer_stages_leaves_no_chart_of_a_stage_that_is_gone(tmp_path):
    out = tmp_path / "out"
    runner = CliRunner()
    assert runner.invoke(main, ["recommend", str(EXAMPLES / "mixed-retail.yaml"), "--out", str(out)]).exit_code == 0
    assert (out / "orgchart-stage-3.svg").is_file()
    (out / "orgchart-stage-30.txt").write_text("not ours")
    result = runner.invoke(main, ["recommend", str(EXAMPLES / "product-embedded-fintech.yaml"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.glob("orgchart-stage-*")) == [
        "orgchart-stage-1.gv", "orgchart-stage-1.svg", "orgchart-stage-2.gv", "orgchart-stage-2.svg", "orgchart-stage-30.txt"]


def _owner_texts(rec):
    return {o["id"]: o["text"] for o in rec["roadmap_owners"]}


def test_every_lead_that_owns_an_action_is_said_to_be_someone_this_client_has(reasoner, make_profile):
    nobody = {"ml_activity": ["ad_hoc"], "ml_reports_to": "nobody", "executive_sponsor": "none",
              "ml_headcount": 0, "roles_present": ["none"]}
    staffed = {**nobody, "executive_sponsor": "ceo", "ml_headcount": 3, "roles_present": ["data_scientist"]}
    for answers in (nobody, staffed):
        rec = recommend(make_profile(answers), reasoner)
        leads = {a["owner"] for a in rec["actions"] if a["owner_status"] == "lead"}
        assert leads and set(_owner_texts(rec)) == leads
    assert "Nobody works on ML" in _owner_texts(recommend(make_profile(nobody), reasoner))["ml_lead"]
    texts = _owner_texts(recommend(make_profile(staffed), reasoner))
    assert texts["ml_lead"].startswith("Whoever leads your ML work today")
    if "leadership" in texts:
        assert texts["leadership"] == "Your executive sponsor of ML."


def test_without_the_answers_the_leads_keep_their_general_wording(reasoner, make_profile):
    rec = recommend(make_profile({"ml_activity": ["ad_hoc"]}), reasoner)
    general = {lead_id: lead["text"] for lead_id, lead in reasoner.knowledge.roadmap_leads.items()}
    assert _owner_texts(rec) and all(text == general[lead] for lead, text in _owner_texts(rec).items())


def test_the_report_says_who_the_leads_are_once(tmp_path, example_recommendations):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["recommend", str(EXAMPLES / "nascent-logistics.yaml"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    rec, _ = example_recommendations["nascent-logistics"]
    sponsor_text = _owner_texts(rec)["leadership"]
    assert sponsor_text.startswith("Nobody sponsors ML today")  # the example answers executive_sponsor: none
    for name in ("report.md", "report.html"):
        text = (out / name).read_text()
        assert text.count("Owners who are not an ML role:") == 1
        assert text.count(sponsor_text) == 1
    assert "\n\n### Stage 1," in (out / "report.md").read_text()


def test_only_stage_charts_the_tool_wrote_are_removed_and_a_failed_removal_says_so(tmp_path, monkeypatch):
    """Stale stage charts go; a link, a folder, or the profile being read under such a name stay."""
    from pathlib import Path

    out = tmp_path / "out"
    out.mkdir()
    runner = CliRunner()
    elsewhere = tmp_path / "elsewhere.svg"
    elsewhere.write_text("someone else's")
    (out / "orgchart-stage-7.svg").symlink_to(elsewhere)
    (out / "orgchart-stage-8.svg").mkdir()
    profile = out / "orgchart-stage-9.gv"
    profile.write_text((EXAMPLES / "product-embedded-fintech.yaml").read_text())
    (out / "orgchart-stage-6.gv").write_text("a stale chart")
    result = runner.invoke(main, ["recommend", str(profile), "-o", str(out)])
    assert result.exit_code == 0, result.output
    left = {p.name for p in out.glob("orgchart-stage-*")}
    assert "orgchart-stage-6.gv" not in left
    assert {"orgchart-stage-7.svg", "orgchart-stage-8.svg", "orgchart-stage-9.gv"} <= left
    assert elsewhere.read_text() == "someone else's"

    stale = out / "orgchart-stage-5.svg"
    stale.write_text("a stale chart")
    real_unlink = Path.unlink

    def refuse_the_stale_chart(path, *args, **kwargs):
        if path.name == stale.name:
            raise PermissionError(13, "Permission denied")
        return real_unlink(path, *args, **kwargs)

    monkeypatch.setattr(Path, "unlink", refuse_the_stale_chart)
    result = runner.invoke(main, ["recommend", str(EXAMPLES / "product-embedded-fintech.yaml"), "-o", str(out)])
    assert result.exit_code == 1
    assert result.output == (f"Error: {stale}: cannot remove the chart of a stage this roadmap no longer has "
                             "(Permission denied); remove the file by hand\n")


URGENCY_WORDS = {0: "one of the most urgent actions", 1: "less urgent than the first actions"}


def check_why_now(rec, knowledge):
    """Each action's "why now" tells its placement truly: urgency first, then each thing that moved it, in order.

    An action appointing a role follows that hire and says so instead.
    """
    names = [s["name"] for s in rec["roadmap"]]
    most_urgent = min(a["rank"] for a in rec["actions"])
    for action in rec["actions"]:
        if knowledge.action_plan.get(action["id"], {}).get("hires"):
            assert action["stage_why"].startswith("the "), action["stage_why"]
            continue
        steps = action["rank"] - most_urgent
        urgent = names[min(steps, len(names) - 1)]
        clauses = action["stage_why"].split("; ")
        if len(clauses) == 1:
            assert clauses[0] == f"{URGENCY_WORDS.get(steps, 'among the least urgent actions')}, so {urgent}"
            assert action["stage_name"] == urgent
            continue
        assert clauses[0] == f"on urgency alone it would be in {urgent}", action["stage_why"]
        # Every further reason moved the action: each names a stage other than the one before it.
        stages = [urgent] + [clause.split()[-1] for clause in clauses[1:]]
        assert all(a != b for a, b in zip(stages, stages[1:])), action["stage_why"]
        assert stages[-1] == action["stage_name"]


@pytest.mark.parametrize("path", example_paths(), ids=lambda p: p.stem)
def test_each_actions_why_now_tells_how_it_was_placed(path, example_recommendations, reasoner):
    check_why_now(example_recommendations[path.stem][0], reasoner.knowledge)


def test_random_profiles_get_a_true_why_now_for_every_action(reasoner):
    for profile in random_profiles(reasoner, QUICK_PROFILES, seed=1717):
        check_why_now(recommend(profile, reasoner), reasoner.knowledge)


def test_an_action_waits_for_what_it_depends_on(reasoner, make_profile):
    profile = make_profile({"employees": 233, "industry": "telecommunications", "ml_is_core_product": "yes",
                            "ml_activity": ["central_division"], "ml_reports_to": "rnd_head", "models_in_production": "many",
                            "roles_present": ["ml_engineer"], "ml_headcount": 4, "planned_ml_hires": 0,
                            "ml_ambition": "explore_and_research"})
    rec = recommend(profile, reasoner)
    stage_of = {a["id"]: [s["id"] for s in rec["roadmap"]].index(a["stage"]) for a in rec["actions"]}
    action = next(a for a in rec["actions"] if a["id"] == "task_focused_staff_in_product_areas")
    assert "hire_ml_product_manager" in action["depends_on"]
    assert stage_of[action["id"]] > min(action["rank"] - min(a["rank"] for a in rec["actions"]), len(rec["roadmap"]) - 1)
    assert "it waits for “Appoint an ML product manager”" in action["stage_why"]
    assert all(stage_of[d] <= stage_of[a["id"]] for a in rec["actions"] for d in a["depends_on"])


def test_an_action_that_settles_the_structure_comes_last(example_recommendations):
    rec, _ = example_recommendations["mixed-retail"]
    action = next(a for a in rec["actions"] if a["id"] == "close_gap_engineering_vs_research")
    assert action["stage"] == rec["roadmap"][-1]["id"]
    assert "it settles how the recommended structure works, so Target" in action["stage_why"]


def test_a_rule_base_that_concludes_no_stage_says_why_there_is_no_roadmap(tmp_path, reasoner):
    """lint proves every profile gets stages; a rule base without its roadmap rules must still say what happened."""
    import shutil

    from orgdesign.engine.reasoner import Reasoner

    shutil.copytree(EXAMPLES.parent / "rules", tmp_path / "rules")
    for path in (tmp_path / "rules" / "roadmap").glob("*.yaml"):
        path.unlink()
    without = Reasoner(EXAMPLES.parent / "knowledge", tmp_path / "rules")
    rec = recommend(load_profile(EXAMPLES / "mixed-retail.yaml", without), without)
    assert (rec["roadmap"], rec["roadmap_owners"], rec["roadmap_note"]) == (
        [], [], "No roadmap stage was concluded for these answers.")
    # With its roadmap rules, the note is null: there is nothing to explain.
    shipped = recommend(load_profile(EXAMPLES / "mixed-retail.yaml", reasoner), reasoner)
    assert shipped["roadmap"] and shipped["roadmap_note"] is None


def test_the_last_stage_ends_at_the_recommended_structure_whatever_its_goal_says(tmp_path):
    """Knowledge whose last goal keeps today's structure: the last stage still draws, and says, the recommended one."""
    import re
    import shutil

    from orgdesign.engine.reasoner import Reasoner

    shutil.copytree(EXAMPLES.parent / "knowledge", tmp_path / "knowledge")
    goals = tmp_path / "knowledge" / "roadmap.yaml"
    text, count = re.subn(r"(  - id: strengthen\n(?:    .*\n)*?    structure: )recommended", r"\1today", goals.read_text())
    assert count == 1
    goals.write_text(text)
    reasoner = Reasoner(tmp_path / "knowledge", EXAMPLES.parent / "rules")
    rec = recommend(load_profile(EXAMPLES / "rnd-manufacturing.yaml", reasoner), reasoner)
    *_, last = rec["roadmap"]
    assert last["goal_id"] == "strengthen"
    assert last["structure"] == "recommended" and last["chart"]["nodes"] == rec["org_chart"]["nodes"]


def test_each_risk_is_placed_at_the_earliest_stage_that_addresses_it_and_each_action_carries_its_plan(reasoner):
    """DESIGN.md: a risk's stage is the earliest holding an action that addresses it (the last when none);
    an action carries the effort knowledge/roadmap.yaml plans for it, and its placement is always our inference."""
    knowledge = reasoner.knowledge
    placed_early = unaddressed = 0
    efforts = set()
    for path in example_paths():
        rec = recommend(load_profile(path, reasoner), reasoner)
        stages = [s["id"] for s in rec["roadmap"]]
        stage_of = {a["id"]: a["stage"] for a in rec["actions"]}
        for action in rec["actions"]:
            assert action["stage_inference"] is True
            assert action["effort"] == knowledge.action_plan.get(action["id"], {}).get("effort", action["effort"])
        efforts |= {a["effort"] for a in rec["actions"]}
        for number, risk in enumerate(rec["risks"], start=1):
            listed = knowledge.risk_actions.get(risk["id"], {}).get("actions", [])
            addressing = [a for a in listed if a in stage_of]
            assert (risk["number"], risk["addressed_by"]) == (number, addressing), (path.name, risk["id"])
            expected = min((stage_of[a] for a in addressing), key=stages.index) if addressing else stages[-1]
            assert (risk["stage"], risk["stage_name"]) == (expected, knowledge.roadmap_stages[expected]["name"])
            placed_early += bool(addressing) and expected != stages[-1]
            unaddressed += not addressing
    assert placed_early and unaddressed   # the examples reach both cases
    assert len(efforts) >= 2               # and actions of more than one size


@pytest.mark.parametrize("answers, situations", [
    ({"ml_headcount": 1, "roles_present": ["none"]}, ["ml_staff"]),          # one person doing ML is staff, whatever the roles say
    ({"ml_headcount": 0, "roles_present": ["data_scientist"]}, ["ml_staff"]),
    ({"roles_present": ["none"]}, ["no_ml_staff"]),
    ({"ml_headcount": 0}, ["no_ml_staff"]),
    ({"executive_sponsor": "business_unit"}, ["sponsor"]),
])
def test_a_lead_is_worded_for_the_staff_and_sponsor_the_answers_show(answers, situations):
    from orgdesign.roadmap.owners import client_situations

    class Answers:
        def answer(self, question):
            return answers.get(question, UNKNOWN)

    assert sorted(client_situations(Answers())) == situations


def test_only_the_leads_that_own_an_action_are_named_each_in_the_words_the_answers_support(reasoner):
    from orgdesign.roadmap.owners import roadmap_owners

    class Answers:
        def answer(self, question):
            return {"executive_sponsor": "none"}.get(question, UNKNOWN)

    owners = roadmap_owners([{"owner": "leadership", "owner_status": "lead"}, {"owner": "ml_engineer", "owner_status": "to_hire"}],
                            Answers(), reasoner.knowledge)
    assert owners == [{"id": "leadership", "name": "Senior leadership",
                       "text": "Nobody sponsors ML today, so this is the senior leader you ask to become its sponsor."}]


def test_the_reports_roadmap_names_units_actions_and_stages_as_the_client_reads_them(reasoner, example_recommendations):
    """The report's roadmap prints names where the recommendation holds ids: a hire's unit, an action's dependencies, a risk's stage."""
    from orgdesign.roadmap import RISK_MAP_LEVELS
    from orgdesign.roadmap.report_view import roadmap_view

    depending = 0
    for name, (rec, _) in example_recommendations.items():
        view = roadmap_view(rec, {"orgchart-stage-1.svg": "<svg xmlns='http://www.w3.org/2000/svg'><g/></svg>"})
        units = {n["id"]: n["label"] for n in rec["org_chart"]["nodes"]}
        action_names = {a["id"]: a["name"] for a in rec["actions"]}
        plan = {h["number"]: h for h in rec["hiring"]["plan"]}
        assert view["note"] == rec.get("roadmap_note") and view["levels"] == RISK_MAP_LEVELS, name
        for stage, shown in zip(rec["roadmap"], view["stages"]):
            assert shown["moves_lines"] == (stage["structure"] == "recommended"), name
            # Every planned hire reports to a unit on the chart, shown by the unit's name.
            assert [h["reports_to"] for h in shown["hires"]] == [units[plan[n]["reports_to"]] for n in stage["hires"]], name
            for action, shown_action in zip(stage["actions"], shown["actions"]):
                assert shown_action["depends_on"] == [action_names[d] for d in action["depends_on"]], name
                depending += bool(action["depends_on"])
        assert view["stages"][-1]["moves_lines"], name
        assert "Organisation chart at the end of stage 1" in view["stages"][0]["chart_markup"], name
        numbers = {s["id"]: s["number"] for s in rec["roadmap"]}
        for risk, shown in zip([r for r in rec["risks"] if "number" in r], view["risks"]):
            assert shown["stage_number"] == numbers[risk["stage"]], name
            assert shown["rules"] == list(dict.fromkeys([risk["likelihood_rule"], risk["impact_rule"]])), name
    assert depending
    # A rule base that plans no stage: the section prints the note saying why.
    rec = next(iter(example_recommendations.values()))[0]
    assert roadmap_view({**rec, "roadmap": [], "roadmap_note": "no stage planned"})["note"] == "no stage planned"
