"""`orgdesign lint` end to end: exit codes, FILE:LINE output, JSON, counter-example profiles."""
import json
import re
import shutil

import pytest
import yaml
from click.testing import CliRunner

from orgdesign.cli import main

from .conftest import computed_once, shared
from .test_lint_cases import REPO


def copy_rule_base(tmp_path):
    shutil.copytree(REPO / "rules", tmp_path / "rules")
    shutil.copytree(REPO / "knowledge", tmp_path / "knowledge")
    return tmp_path / "rules", tmp_path / "knowledge"


def lint(*args):
    return CliRunner().invoke(main, ["lint", *args])


@pytest.fixture(scope=shared("session"))
def shipped_lint_text(tmp_path_factory):
    """The text lint prints for the shipped rule base (the full proof, and a small engine check): once per test run."""
    def compute(folder):
        out = folder / "out"
        result = lint("--check-engine", "25", "--out", str(out))
        return result.exit_code, result.stdout, result.stderr, out.exists()

    exit_code, output, errors, wrote_counter_examples = computed_once(tmp_path_factory, "shipped-lint", compute)
    assert exit_code == 0, output + errors
    assert not wrote_counter_examples, "a clean rule base leaves no counter-example folder"
    # How long it took is said on standard error, so that standard output is the same on every run.
    assert re.fullmatch(r"took completeness [\d.]+ s, engine agreement [\d.]+ s\n", errors), errors
    return output


def test_shipped_rule_base_is_clean(shipped_lint_text):
    # The fixture's run (the full proof, run once) exited 0 and wrote no counter-example.
    assert shipped_lint_text.startswith("clean: ") and "[" not in shipped_lint_text
    combinations = re.search(r"cover all ([\d,]+) answer combinations", shipped_lint_text)
    assert int(combinations.group(1).replace(",", "")) > 10 ** 13


def test_text_summary(shipped_lint_text):
    assert re.fullmatch(r"clean: \d+ rules\ncompleteness: \d+ situations \(\d+ classes of verdict x \d+ question groups\) "
                        r"cover all [\d,]+ answer combinations \([\d,]+ once equivalent answers are merged\)\n"
                        r"engine agreement: 25 of 25 random profiles \(seed \d+\) agree\n", shipped_lint_text), shipped_lint_text


def test_the_json_report_holds_no_timing():
    from orgdesign.lint.findings import LintReport

    report = LintReport(findings=[], figures={"rules": 3, "completeness": {"situations": 9, "seconds": 6.5},
                                              "engine_agreement": {"profiles": 5, "seconds": 0.3}})
    assert report.to_json()["figures"] == {"rules": 3, "completeness": {"situations": 9}, "engine_agreement": {"profiles": 5}}
    assert report.timings() == {"completeness": 6.5, "engine_agreement": 0.3}


def test_findings_are_listed_once_each_by_file_then_line_file_wide_ones_first():
    from orgdesign.lint.findings import Finding, LintReport

    late = Finding("references", "rules/a.yaml", 12, "an unknown answer", "did you mean `rnd_lab`?")
    early = Finding("schema", "rules/a.yaml", 3, "a missing field")
    file_wide = Finding("unused", "rules/a.yaml", None, "a question no rule reads")
    first_line = Finding("cycles", "rules/a.yaml", 1, "a rule feeding itself")
    other_file = Finding("dead", "rules/0.yaml", 40, "a rule that never fires")
    report = LintReport()
    # The same finding twice in one batch, and again in a later one, is listed once.
    report.add([late, early, late, file_wide])
    report.add([first_line, other_file, early])
    assert report.sorted_findings() == [other_file, file_wide, first_line, early, late]
    # A hint follows the message; a finding without one ends at its message.
    assert [f.to_text() for f in (late, early, file_wide)] == [
        "rules/a.yaml:12: [references] an unknown answer; did you mean `rnd_lab`?",
        "rules/a.yaml:3: [schema] a missing field",
        "rules/a.yaml: [unused] a question no rule reads"]


def test_findings_exit_1_with_file_and_line(tmp_path):
    rules, knowledge = copy_rule_base(tmp_path)
    path = rules / "evidence" / "where_ml_happens.yaml"
    text = path.read_text()
    path.write_text(text.replace("contains: rnd_lab\n", "contains: rnd_labs\n", 1))
    line = text[: text.index("contains: rnd_lab\n")].count("\n") + 1
    result = lint("--rules", str(rules), "--knowledge", str(knowledge))
    assert result.exit_code == 1
    assert f"{path}:{line}: [references] `rnd_labs` is not a valid answer to `ml_activity`; did you mean `rnd_lab`?" in result.output
    assert result.output.rstrip().endswith("1 finding(s)\ncompleteness: skipped until the findings above are fixed")


def test_knowledge_that_breaks_its_schema_stops_lint_before_the_checks_that_reason_over_it(tmp_path):
    rules, knowledge = copy_rule_base(tmp_path)
    bands = knowledge / "size_bands.yaml"
    text = bands.read_text()
    bands.write_text(text.replace("    min: 10000\n    max: null\n", "    min: 10000\n    max: lots\n", 1))
    line = text[: text.index("    min: 10000\n    max: null\n")].count("\n") + 2
    result = lint("--rules", str(rules), "--knowledge", str(knowledge))
    assert result.exit_code == 1
    assert result.output == (f"{bands}:{line}: [schema] `employees[3].max`: must be integer or null, not 'lots'\n"
                             "1 finding(s)\ncompleteness: skipped until the findings above are fixed\n")


@pytest.mark.parametrize("broken, expected", [
    (lambda rules, knowledge: (rules / "rulebase.yaml").unlink(), "{rules}/rulebase.yaml: [load] no such rule base file; check the path"),
    (lambda rules, knowledge: (knowledge / "notes.yaml").unlink(), "{knowledge}/notes.yaml: [load] no such knowledge file; check the path"),
    (lambda rules, knowledge: (rules / "rulebase.yaml").write_text(
        (rules / "rulebase.yaml").read_text().replace("    folder: evidence\n", "    folder: evidnce\n", 1)),
     "{rules}/rulebase.yaml:13: [load] the folder of layer `evidence`, `evidnce`, does not exist; create it, or correct the name"),
], ids=["no rulebase.yaml", "a knowledge file missing", "a layer folder missing"])
def test_files_that_do_not_load_are_one_finding_each_and_nothing_runs_past_them(tmp_path, broken, expected):
    rules, knowledge = copy_rule_base(tmp_path)
    broken(rules, knowledge)
    result = lint("--rules", str(rules), "--knowledge", str(knowledge))
    assert result.exit_code == 1
    assert result.output == (expected.format(rules=rules, knowledge=knowledge)
                             + "\n1 finding(s)\ncompleteness: skipped until the findings above are fixed\n")


def test_json_format(tmp_path):
    rules, knowledge = copy_rule_base(tmp_path)
    path = knowledge / "archetypes.yaml"
    path.write_text(path.read_text().replace("    traits:\n", "    trait:\n", 1))
    result = lint("--rules", str(rules), "--knowledge", str(knowledge), "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["clean"] is False
    checks = {(f["check"], f["message"], f["hint"]) for f in report["findings"]}
    assert ("schema", "`archetypes[0]`: unknown key `trait`", "did you mean `traits`?") in checks
    assert all(f["file"] == str(path) and f["line"] for f in report["findings"])


def test_gap_gives_a_counter_example_profile_that_recommend_reads(planted_proof):
    """model_ownership loses its rule for an ml_first target (see conftest's planted_proof)."""
    rules, knowledge = planted_proof.rules, planted_proof.knowledge
    assert planted_proof.exit_code == 1
    line = (rules / "rulebase.yaml").read_text().splitlines().index("completeness:") + 1
    found = re.search(re.escape(f"{rules / 'rulebase.yaml'}:{line}: [completeness] for target ml_first")
                      + r"( \(\d+ situations\))?, the recommendation has no position on model_ownership; profile written to (\S+);",
                      planted_proof.output)
    assert found, planted_proof.output
    profile = found.group(2)
    recommended = CliRunner().invoke(main, ["recommend", profile, "--json", "--rules", str(rules), "--knowledge", str(knowledge)])
    assert recommended.exit_code == 0, recommended.output
    recommendation = json.loads(recommended.output)
    assert recommendation["target"]["id"] == "ml_first"
    assert "model_ownership" not in recommendation["design_choices"]
    text = open(profile).read()
    assert yaml.safe_load(text)["profile_version"] == 1
    # Written like a profile a consultant would write: version, client, then every answer in the interview's order.
    from orgdesign.engine.reasoner import get_reasoner

    order = [q.id for q in get_reasoner(str(knowledge), str(rules)).knowledge.questions]
    assert re.findall(r"^(\w+):", text, flags=re.M) == ["profile_version", "client", "answers"]
    assert re.findall(r"^  (\w+):", text, flags=re.M) == ["name"] + order


def test_check_engine_on_demand(shipped_lint_text):
    assert "engine agreement: 25 of 25 random profiles (seed 0) agree" in shipped_lint_text
