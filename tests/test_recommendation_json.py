"""The recommendation JSON keeps the keys DESIGN.md promises, and is reproducible."""
import json
import os
import subprocess
import sys

import pytest

from orgdesign import load_profile, recommend

from .conftest import EXAMPLES

TOP_KEYS = {"profile_version", "client", "rulebase", "archetype", "design_choices", "roles", "hiring",
            "practices", "risks", "org_chart", "trace"}


def test_keys(reasoner):
    result = recommend(load_profile(EXAMPLES / "rnd-manufacturing.yaml", reasoner), reasoner)
    assert TOP_KEYS <= set(result)
    assert result["client"] == "Nordwerk Industrial AG"
    assert result["rulebase"]["digest"].startswith("sha256:") and result["rulebase"]["version"]
    archetype = result["archetype"]
    assert {"id", "name", "confidence", "provisional", "confirm_first", "runner_up", "mixed_with", "ranking"} <= set(archetype)
    assert [r["id"] for r in archetype["ranking"]][0] == archetype["id"]
    assert len(archetype["ranking"]) == 5 and all({"id", "name", "fit"} <= set(r) and 0 <= r["fit"] <= 1
                                                  for r in archetype["ranking"])
    assert 0 <= archetype["confidence"] <= 1
    assert {"id", "name", "same_as_today", "why"} <= set(result["target"])
    assert all(c["stance"] in ("recommended", "trade_off") for c in result["design_choices"].values())
    assert {"nodes", "edges"} <= set(result["org_chart"])
    assert {"facts", "firings"} <= set(result["trace"])
    json.dumps(result)


def test_design_choice_current_state_and_gap(reasoner):
    result = recommend(load_profile(EXAMPLES / "independent-division-bank.yaml", reasoner), reasoner)
    model = result["design_choices"]["model_ownership"]
    assert model["recommendation"] == "hand_off_but_maintain"
    assert model["current"] == "handed_to_engineering"
    assert model["gap"] is True
    data = result["design_choices"]["data_ownership"]
    assert data["current"] == "within_ml_team" and data["gap"] is False
    assert data["rule"] == "design.data_ownership.independent_division"


@pytest.mark.parametrize("example", ["nascent-logistics.yaml", "unknowns-insurance.yaml"])
def test_trace_links_archetype_to_its_evidence(reasoner, example):
    result = recommend(load_profile(EXAMPLES / example, reasoner), reasoner)
    facts = {f["id"]: f for f in result["trace"]["facts"]}
    firings = {f["seq"]: f for f in result["trace"]["firings"]}
    archetype_fact = facts[result["archetype"]["fact"]]
    combine = firings[archetype_fact["origin"]["firing"]]
    assert combine["rule"] == "engine.combine_evidence"
    evidence = [m for m in combine["matched"] if facts[m]["type"] == "evidence"]
    unknown = [m for m in combine["matched"] if facts[m]["type"] == "answer"]
    assert evidence and len(evidence) + len(unknown) == len(combine["matched"])
    # Every unknown answer that lowers the confidence is a premise of the combination step.
    assert {f"answer:{q['question']}" for q in result["unknown_answers"] if q["weight"]} == set(unknown)
    for fact_id in evidence:
        firing = firings[facts[fact_id]["origin"]["firing"]]
        assert all(m.startswith("answer:") for m in firing["matched"])


def test_identical_across_processes_with_different_hash_seeds():
    outputs = set()
    for seed in ("1", "2", "3"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        done = subprocess.run([sys.executable, "-m", "orgdesign", "recommend", str(EXAMPLES / "mixed-retail.yaml"), "--json"],
                              capture_output=True, text=True, env=env, check=True)
        outputs.add(done.stdout)
    assert len(outputs) == 1


def test_headline_engine_concludes_what_the_full_engine_does(reasoner, tmp_path):
    """The smaller engine behind `batch --summary-only` agrees with the full one."""
    check_headline_engine(reasoner, tmp_path, 50)


@pytest.mark.sweep
def test_headline_engine_agrees_on_a_thousand_random_profiles(reasoner, tmp_path):
    check_headline_engine(reasoner, tmp_path, 1000)


def check_headline_engine(reasoner, tmp_path, count):
    from benchmarks.profiles import write_profiles
    from orgdesign.advice.recommendation import build_headline

    write_profiles(tmp_path, count, reasoner.knowledge, seed=5)
    paths = sorted(tmp_path.glob("*.yaml")) + sorted(EXAMPLES.glob("*.yaml"))
    for path in paths:
        profile = load_profile(path, reasoner)
        full = build_headline(reasoner.infer(profile), reasoner)
        assert build_headline(reasoner.infer_headline(profile), reasoner) == full, path.name
    headline_rules = reasoner._headline_engine.compiled.book.rules
    assert {r.layer for r in headline_rules} == {"evidence", "target", "design"}


def test_verdict_engine_reaches_the_full_engines_verdict(reasoner, tmp_path):
    """The evidence-only engine explain's what-if search confirms with agrees with the full one."""
    from benchmarks.profiles import write_profiles

    write_profiles(tmp_path, 60, reasoner.knowledge, seed=11)
    for path in sorted(tmp_path.glob("*.yaml")) + sorted(EXAMPLES.glob("*.yaml")):
        profile = load_profile(path, reasoner)
        full, small = reasoner.infer(profile).verdict, reasoner.infer_verdict(profile).verdict
        assert (small.top, small.fits, small.confidence(), small.provisional, small.mixed_with) == \
               (full.top, full.fits, full.confidence(), full.provisional, full.mixed_with), path.name
    assert {r.layer for r in reasoner._verdict_engine.compiled.book.rules} == {"evidence"}


NODE_KEYS = {"id", "kind", "label", "head", "container", "unit", "role", "status", "planned_hires", "ml_staff",
             "ml_hires", "employees", "facts", "rules"}
EDGE_KEYS = {"from", "to", "line", "note", "facts", "rules"}


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_chart_node_and_line_has_the_keys_design_md_documents(reasoner, path):
    profile = load_profile(path, reasoner)
    rec = recommend(profile, reasoner)
    for chart in (rec["org_chart"], *(stage["chart"] for stage in rec["roadmap"])):
        assert chart["root"] == "company" and chart["title"] and chart["legend"]
        for node in chart["nodes"]:
            assert set(node) == NODE_KEYS, node["id"]
            if node["kind"] == "role":
                assert node["unit"] and node["role"] and node["container"] is False
                assert node["status"] in ("present", "to_hire", "later", "unknown")
                assert isinstance(node["planned_hires"], int)
                assert node["id"] == f"role.{node['unit']}.{node['role']}"
            else:
                assert node["role"] is None and node["status"] is None
        for edge in chart["edges"]:
            assert set(edge) == EDGE_KEYS and edge["line"] in ("solid", "dotted")


def test_with_the_roles_on_staff_unknown_a_role_outside_the_plan_is_drawn_as_unknown(reasoner, make_profile):
    rec = recommend(make_profile({"ml_activity": ["central_division"], "ml_reports_to": "senior_leadership",
                                  "planned_ml_hires": 1, "ml_headcount": 12}), reasoner)
    statuses = {n["role"]: n["status"] for n in rec["org_chart"]["nodes"] if n["kind"] == "role"}
    hired = {h["role"] for h in rec["hiring"]["plan"]}
    assert set(statuses.values()) <= {"to_hire", "unknown"} and "unknown" in statuses.values()
    assert all(statuses[role] == "to_hire" for role in hired)


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_the_trace_links_every_firing_to_its_rule_and_every_fact_to_its_firing(reasoner, path):
    """The trace's JSON as DESIGN.md documents it: what a reader (or explain) follows from a conclusion to the answers."""
    rec = recommend(load_profile(path, reasoner), reasoner)
    facts = {f["id"]: f for f in rec["trace"]["facts"]}
    assert all(set(f) == {"id", "type", "fields", "origin"} for f in facts.values())
    answers = [f for f in facts.values() if f["type"] == "answer"]
    assert answers and all(f["origin"] == {"answer": f["fields"]["question"]} and f["id"] == f"answer:{f['fields']['question']}"
                           for f in answers)
    firings = rec["trace"]["firings"]
    assert [f["seq"] for f in firings] == list(range(1, len(firings) + 1))
    located = reasoner.rulebook.rules
    lines = {r.id: (r.path, r.line) for r in located}
    for firing in firings:
        assert set(firing) == {"seq", "rule", "file", "line", "matched", "asserted"}
        assert firing["matched"] and set(firing["matched"]) <= set(facts)
        for fact_id in firing["asserted"]:
            # A rule that concludes again what it concluded before names the fact its first firing made.
            origin = facts[fact_id]["origin"]
            assert origin["rule"] == firing["rule"] and origin["firing"] <= firing["seq"]
            assert fact_id in firings[origin["firing"] - 1]["asserted"]
        if firing["rule"] in lines:
            path, line = lines[firing["rule"]]
            assert path.endswith(firing["file"]) and firing["line"] == line
    assert {f["id"] for f in facts.values() if f["type"] != "answer"} == {a for f in firings for a in f["asserted"]}
    # The engine's own combination step is located at the settings it follows.
    combine = next(f for f in firings if f["rule"] == "engine.combine_evidence")
    inference_yaml = (EXAMPLES.parent / "knowledge" / "inference.yaml").read_text().splitlines()
    assert (combine["file"], combine["line"]) == ("knowledge/inference.yaml", inference_yaml.index("combination:") + 1)


def test_a_profile_built_in_code_with_some_answers_reads_the_rest_as_unknown(reasoner, make_profile):
    """`Profile.answer` calls a question left out unknown; the rules must too, as its file (the rest left out) is read."""
    from orgdesign.profile import Profile

    from_file = make_profile({"industry": "software", "ml_activity": ["product_teams"]})
    in_code = Profile(from_file.client, {"industry": "software", "ml_activity": ("product_teams",)})
    by_file, by_code = recommend(from_file, reasoner), recommend(in_code, reasoner)
    # A headcount and a company size both unknown give the chart its middle scale.
    assert by_code["org_chart"] == by_file["org_chart"]
    assert by_code["trace"] == by_file["trace"]
