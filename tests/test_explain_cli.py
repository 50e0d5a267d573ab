"""`orgdesign explain` through CliRunner, the real `dot`, and a real process."""
import json
import os
import re
import subprocess
import sys
import xml.dom.minidom

import pytest
from click.testing import CliRunner

from orgdesign.cli import main

from .conftest import EXAMPLES, REPO, shared

MIXED = str(EXAMPLES / "mixed-retail.yaml")


def flat(text):
    """The text with line wrapping undone, for checking sentences."""
    return " ".join(text.split())


def run(*args):
    return CliRunner().invoke(main, ["explain", *args])


@pytest.fixture(scope=shared("module"))
def mixed_text():
    result = run(MIXED)
    assert result.exit_code == 0, result.output
    return result.output


def test_text_reads_like_a_justification(mixed_text):
    lines = mixed_text.splitlines()
    assert lines[0] == "Harbor & Pine Retail Group: how we reached our recommendation"
    prose = flat(mixed_text)
    assert ("most resembles the Product-embedded ML archetype: its answers fit it 0.71 on a scale from 0 to 1, "
            "and our confidence in that call is 0.83") in prose
    strongest = mixed_text.split("strongest first:\n")[1].split("\n\n")[0]
    factors = [float(f) for f in re.findall(r"^\d+\. .*?\(([+-]\d\.\d\d)\)", strongest, re.M)]
    assert factors and factors == sorted(factors, reverse=True) and factors[0] == 1.00
    assert "ML sits inside product teams (+0.70)" in strongest
    assert "[source: article; our inference]" in prose          # inference rules say so
    assert "To whom do the people doing ML report? Today: Product or engineering lead." in prose


def test_text_indents_one_level_per_derivation_step(mixed_text):
    tree = mixed_text.split("(one indent per rule firing):\n")[1]
    bullets = [line for line in tree.splitlines() if line.lstrip().startswith("- ")]
    depths = {(len(line) - len(line.lstrip())) // 4 for line in bullets}
    assert depths == {0, 1, 2}
    assert "\n- Archetype: Product-embedded ML" in tree
    assert "\n    - Evidence: +0.70 for Product-embedded ML (where ML work happens)  [f-19]" in tree
    assert "\n        - answer ml_activity: Where does machine-learning work happen" in tree
    line = (REPO / "knowledge" / "inference.yaml").read_text().splitlines().index("combination:") + 1
    assert f"by: Combine the evidence for each archetype (engine.combine_evidence, knowledge/inference.yaml:{line}" in flat(tree)


def test_text_records_rule_base_and_profile_digests(mixed_text, reasoner):
    from orgdesign import load_profile

    footer = flat(mixed_text.split("\n-- \n")[1])
    assert f"Rule base {reasoner.version} ({reasoner.digest})" in footer
    assert load_profile(MIXED, reasoner).digest() in footer


def test_json_records_digests_and_is_stable():
    first, second = run(MIXED, "--format", "json"), run(MIXED, "--format", "json")
    assert first.exit_code == 0 and first.output == second.output
    data = json.loads(first.output)
    assert data["rulebase"]["digest"].startswith("sha256:") and data["profile_digest"].startswith("sha256:")
    assert {"conclusions", "sensitivity", "archetype"} <= set(data)


def test_same_output_across_processes_with_different_hash_seeds():
    outputs = set()
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        done = subprocess.run([sys.executable, "-m", "orgdesign", "explain", MIXED, "--why-not", "independent_division"],
                              capture_output=True, text=True, env=env, check=True)
        outputs.add(done.stdout)
    assert len(outputs) == 1


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_trace_identical_across_two_runs(path, reasoner):
    from orgdesign import load_profile

    profile = load_profile(path, reasoner)
    first = reasoner.infer(profile).trace.to_json()
    reasoner.infer(load_profile(EXAMPLES / "ml-first-startup.yaml", reasoner))   # something else in between
    assert reasoner.infer(profile).trace.to_json() == first


def test_how_one_conclusion():
    result = run(MIXED, "--how", "design_choices.data_ownership")
    assert result.exit_code == 0
    assert "\n- Design choice: Data ownership: Own data engineering and a voice in governance  [f-24]" in result.output
    assert "\n    - Target: Recommended target: Independent ML division  [f-23]" in result.output
    assert "\n        - Archetype: Product-embedded ML" in result.output
    assert "What would change" not in result.output


def test_how_an_answer_lists_the_rules_that_used_it():
    result = run(MIXED, "--how", "answer:ml_activity")
    assert result.exit_code == 0
    prose = flat(result.output)
    assert "How this answer was used:" in prose
    assert ("used by: A central ML division exists (evidence.independent_division.central_division, "
            "rules/evidence/where_ml_happens.yaml:124, firing 12), which concluded evidence +0.70 for "
            "Independent ML division (where ML work happens) [f-20]") in prose


def test_how_unknown_id_is_a_usage_error_with_choices():
    result = run(MIXED, "--how", "archetyp")
    assert result.exit_code == 2
    assert flat(result.output).endswith(
        "Error: Invalid value for --how: `archetyp` names no conclusion of this profile; did you mean `archetype`?")
    # Nothing close: the kinds of conclusion of every layer are offered, not ~50 names.
    result = run(MIXED, "--how", "zzz")
    assert result.exit_code == 2 and "a kind of conclusion (archetype, target, design_choice, org_unit" in flat(result.output)
    assert "role_need, roadmap)" in flat(result.output)


def test_why_not_text():
    result = run(MIXED, "--why-not", "independent_division")
    assert result.exit_code == 0
    prose = flat(result.output)
    assert "Why not Independent ML division? The answers fit it 0.45 against 0.71" in prose
    assert "did not fire, because it needs ml_reports_to is senior_leadership but the answer is" in prose
    assert "- To whom do the people doing ML report? Senior leadership (instead of Product or engineering lead)" in prose


def test_why_not_a_distant_archetype_names_its_defining_answers():
    result = run(str(EXAMPLES / "ml-first-startup.yaml"), "--why-not", "nascent")
    assert result.exit_code == 0
    prose = flat(result.output)
    assert "The smallest change that makes it the top archetype (2 answers" in prose
    assert "Where does machine-learning work happen in the company today? Nowhere (instead of Across the whole company)" in prose


def test_why_not_bad_archetype_is_usage_error():
    result = run(MIXED, "--why-not", "ml_frist")
    assert result.exit_code == 2
    assert "`ml_frist` is not an archetype id; did you mean `ml_first`?" in flat(result.output)


def test_gv_is_valid_dot_with_answers_rules_and_conclusions(tmp_path):
    result = run(MIXED, "--how", "archetype", "--format", "gv")
    assert result.exit_code == 0
    source = result.output
    assert '"answer.ml_activity" -> "firing-11"' in source
    assert '"firing-11" -> "firing-14" [label="+0.70 for Product-embedded ML (where ML work happens)"]' in source
    assert '"firing-14" -> "f-22"' in source
    done = subprocess.run(["dot", "-Tplain"], input=source, capture_output=True, text=True, check=True)
    assert done.stderr == "" and "answer.ml_activity" in done.stdout


def test_svg_written_atomically_and_never_over_the_profile(tmp_path):
    target = tmp_path / "why.svg"
    result = run(MIXED, "--format", "svg", "--how", "design_choice", "--out", str(target))
    assert result.exit_code == 0
    svg = xml.dom.minidom.parse(str(target))
    assert svg.documentElement.tagName == "svg"
    assert [p.name for p in tmp_path.iterdir()] == ["why.svg"]
    profile = tmp_path / "p.yaml"
    profile.write_text((EXAMPLES / "mixed-retail.yaml").read_text())
    refused = run(str(profile), "--format", "json", "--out", str(profile))
    assert refused.exit_code == 1 and "would overwrite the input file" in refused.output
    assert profile.read_text() == (EXAMPLES / "mixed-retail.yaml").read_text()


def test_graph_formats_refuse_why_not():
    result = run(MIXED, "--why-not", "ml_first", "--format", "svg")
    assert result.exit_code == 2


def test_help():
    result = run("-h")
    assert result.exit_code == 0
    assert "Explain the reasoning behind a client's recommendation." in result.output
    assert "orgdesign explain examples/mixed-retail.yaml --why-not independent_division" in result.output


def test_svg_keeps_hostile_client_names_literal(tmp_path, reasoner):
    from orgdesign import load_profile
    from orgdesign.explain import explain, render_svg
    from orgdesign.profile import Profile

    base = load_profile(MIXED, reasoner)
    name = 'Acme "R&D" <Labs> \\ Co\x07 ends \\'
    svg = render_svg(explain(Profile(name, base.answers), reasoner, how="archetype"))
    texts = [t.firstChild.data for t in xml.dom.minidom.parseString(svg).getElementsByTagName("text") if t.firstChild]
    assert flat(texts[0]) == 'Acme "R&D" <Labs> \\ Co ends \\: Product-embedded ML (confidence 0.83)'


def test_full_text_derives_verdict_and_design_choices_and_points_to_the_rest():
    result = run(MIXED)
    assert result.exit_code == 0
    prose = flat(result.output)
    assert "How the verdict and the design choices were derived" in prose
    assert "- Design choice: Data ownership: Own data engineering and a voice in governance" in result.output
    # Later layers are summarised with a way in, not derived at length.
    assert "Built on these, the rules go on to the org chart" in prose and "--how org_unit.company" in prose
    assert "- Org unit:" not in result.output
    assert run(MIXED, "--how", "org_unit.company").exit_code == 0
