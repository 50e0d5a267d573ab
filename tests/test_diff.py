"""`orgdesign diff`: two interviews of a client and what they change."""
import json

import pytest

from click.testing import CliRunner

from orgdesign import load_profile, recommend
from orgdesign.cli import main
from orgdesign.diff import changed_sections

from .conftest import EXAMPLES

NASCENT = EXAMPLES / "nascent-logistics.yaml"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def next_year(tmp_path):
    """The nascent example a year on: ML moved into product teams, with models live."""
    text = NASCENT.read_text()
    for old, new in (("ml_activity: [ad_hoc]", "ml_activity: [product_teams]"),
                     ("ml_reports_to: nobody", "ml_reports_to: product_engineering_lead"),
                     ("models_in_production: none", "models_in_production: few"),
                     ("interviewed_on: 2026-11-20", "interviewed_on: 2027-11-20")):
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "acme-2027.yaml"
    path.write_text(text)
    return path


def test_text_shows_answers_archetype_and_design_choices(tmp_path, reasoner):
    later = next_year(tmp_path)
    before = recommend(load_profile(NASCENT, reasoner), reasoner)
    after = recommend(load_profile(later, reasoner), reasoner)
    result = run("diff", NASCENT, later)
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[:2] == [f"Before: {NASCENT} (Acme Logistics GmbH, interviewed 2026-11-20)",
                         f"After:  {later} (Acme Logistics GmbH, interviewed 2027-11-20)"]
    assert lines[3:7] == ["Answers changed (3):",
                          "  ml_activity: [ad_hoc] -> [product_teams]",
                          "  ml_reports_to: nobody -> product_engineering_lead",
                          "  models_in_production: none -> few"]
    old, new = before["archetype"], after["archetype"]
    assert new["id"] == "product_embedded"
    assert (f"Archetype: {old['name']} (nascent) -> {new['name']} (product_embedded); "
            f"confidence {old['confidence']:.2f} -> {new['confidence']:.2f}") in lines
    changed = [d for d in before["design_choices"]
               if before["design_choices"][d]["recommendation"] != after["design_choices"][d]["recommendation"]]
    assert f"Design choices ({len(changed)} changed):" in lines
    for dimension in changed:
        old_choice, new_choice = before["design_choices"][dimension], after["design_choices"][dimension]
        assert any(line.startswith(f"  {old_choice['name']}: recommendation {old_choice['recommendation']} -> "
                                   f"{new_choice['recommendation']}") for line in lines)


def test_json_between_two_examples(reasoner):
    a, b = EXAMPLES / "mixed-retail.yaml", EXAMPLES / "product-embedded-fintech.yaml"
    result = run("diff", a, b, "--json")
    assert result.exit_code == 0
    diff = json.loads(result.output)
    pa, pb = load_profile(a, reasoner), load_profile(b, reasoner)
    ra, rb = recommend(pa, reasoner), recommend(pb, reasoner)
    differing = [q for q in pa.answers if pa.answer(q) != pb.answer(q)]
    assert [c["question"] for c in diff["answers"]] == differing and differing
    assert diff["archetype"]["before"]["confidence"] == ra["archetype"]["confidence"]
    assert diff["archetype"]["after"]["id"] == rb["archetype"]["id"]
    expected = {d for d in ra["design_choices"]
                if {k: ra["design_choices"][d][k] for k in ("recommendation", "current", "gap")}
                != {k: rb["design_choices"][d][k] for k in ("recommendation", "current", "gap")}}
    assert {c["item"] for c in diff["changes"] if c["section"] == "design_choices"} == expected
    assert not any(_keys_named("fact", c) for c in diff["changes"])


def _keys_named(name, value):
    if isinstance(value, dict):
        return name in value or any(_keys_named(name, v) for v in value.values())
    if isinstance(value, list):
        return any(_keys_named(name, v) for v in value)
    return False


def test_same_profile_twice_is_no_change():
    result = run("diff", NASCENT, NASCENT)
    assert result.exit_code == 0
    assert "Answers: no change" in result.output and "Advice: no change" in result.output


def test_roles_and_org_chart_lines_are_compared_once_present():
    before = {"roles": [{"id": "ml_engineer", "name": "ML engineer", "count": 2, "fact": "f-3",
                         "why": [{"text": "Needed.", "fact": "f-2", "rule": "roles.a"}]}],
              "org_chart": {"nodes": [{"id": "cto"}, {"id": "ml_lead"}],
                            "edges": [{"from": "ml_lead", "to": "cto", "line": "dotted"}]},
              "trace": {"facts": [1]}}
    after = {"roles": [{"id": "ml_engineer", "name": "ML engineer", "count": 3, "fact": "f-9",
                        "why": [{"text": "Still needed.", "fact": "f-8", "rule": "roles.b"}]},
                       {"id": "mlops_engineer", "name": "MLOps engineer", "count": 1}],
             "org_chart": {"nodes": [{"id": "ml_lead"}, {"id": "cto"}],
                           "edges": [{"from": "ml_lead", "to": "cto", "line": "solid"}]},
             "trace": {"facts": [2]}}
    changes = changed_sections(before, after)
    assert [(c["section"], c["item"], c["change"]) for c in changes] == [
        ("roles", "ml_engineer", "changed"), ("roles", "mlops_engineer", "added"),
        ("org_chart.edges", "ml_lead -> cto", "changed")]
    assert changes[0]["fields"] == {"count": {"before": 2, "after": 3}}
    assert changes[2]["fields"] == {"line": {"before": "dotted", "after": "solid"}}


def test_a_bad_profile_is_an_error(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("profile_version: 1\nclient: {name: X}\nanswers: {industry: shipping}\n")
    result = run("diff", NASCENT, bad)
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {bad}:3: `shipping` is not a valid answer to `industry`")


PROVENANCE = {"fact", "facts", "rule", "rules", "source", "inference"}


def without_provenance(value):
    """A value as a reader compares it: where it came from left out (it changes with firing order)."""
    if isinstance(value, dict):
        return {k: without_provenance(v) for k, v in value.items() if k not in PROVENANCE}
    if isinstance(value, list):
        return [without_provenance(v) for v in value]
    return value


def expected_item_changes(before, after, key):
    """Added, removed and changed items between two lists, matched by ``key``."""
    old, new = {key(i): i for i in before}, {key(i): i for i in after}
    return ({k for k in new if k not in old}, {k for k in old if k not in new},
            {k for k in old.keys() & new.keys() if without_provenance(old[k]) != without_provenance(new[k])})


def reported(changes, section):
    return [{c["item"] for c in changes if c["section"] == section and c["change"] == kind}
            for kind in ("added", "removed", "changed")]


@pytest.mark.parametrize("before_name, after_name", [("nascent-logistics", "mixed-retail"),
                                                     ("ml-first-startup", "rnd-manufacturing"),
                                                     ("unknowns-insurance", "independent-division-bank")])
def test_roles_and_chart_changes_between_real_recommendations(reasoner, before_name, after_name):
    before, after = (recommend(load_profile(EXAMPLES / f"{n}.yaml", reasoner), reasoner) for n in (before_name, after_name))
    changes = changed_sections(before, after)
    roles = expected_item_changes(before["roles"], after["roles"], lambda r: r["id"])
    assert reported(changes, "roles")[:2] == list(roles[:2])
    # An item reported changed really differs (beyond provenance); one the same is never reported.
    assert reported(changes, "roles")[2] <= roles[2]
    nodes = expected_item_changes(before["org_chart"]["nodes"], after["org_chart"]["nodes"], lambda n: n["id"])
    assert reported(changes, "org_chart.nodes")[:2] == list(nodes[:2])
    assert reported(changes, "org_chart.nodes")[2] <= nodes[2]
    edges = expected_item_changes(before["org_chart"]["edges"], after["org_chart"]["edges"], lambda e: f"{e['from']} -> {e['to']}")
    assert reported(changes, "org_chart.edges")[:2] == list(edges[:2])
    assert reported(changes, "org_chart.edges")[2] <= edges[2]
    assert any(roles) and any(nodes) and any(edges)

