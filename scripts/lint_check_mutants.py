"""Each lint check disabled in turn (one edit to the code), with the planted-defect tests that must then fail.

Usage: python scripts/lint_check_mutants.py [CHECK ...]     (default: every check below)

For each check the script makes the edit, runs the tests named beside it,
prints CAUGHT (a test failed) or NOT CAUGHT, and puts the file back. Every
check must print CAUGHT; docs/mutation-testing.md lists the tests.
"""
import subprocess, sys
from pathlib import Path
REPO = Path(__file__).resolve().parent.parent
INIT = "orgdesign/lint/__init__.py"
COMP = "orgdesign/lint/completeness.py"
LC = "tests/test_lint_cases.py"
CASES = [
 ("load", INIT, "    report.add(context.load_findings)\n", "", ['tests/test_lint_cases.py::test_planted_defect_is_found[YAML syntax error]']),
 ("schema", INIT, "    report.add(schema_findings)\n", "", ['tests/test_lint_cases.py::test_planted_defect_is_found[rule key misspelt]', 'tests/test_lint_cases.py::test_planted_defect_is_found[rule without rationale]', 'tests/test_lint_cases.py::test_planted_defect_is_found[knowledge key misspelt]']),
 ("references", INIT, "    report.add(f for f in check_references(context, collections) if (f.path, f.line) not in flagged)\n", "", [LC, "-k", "unknown"]),
 ("ask-if", INIT, "    report.add(check_ask_if(context))\n", "", ['tests/test_lint_cases.py::test_planted_defect_is_found[skip condition on an unknown value]', 'tests/test_lint_cases.py::test_planted_defect_is_found[skip condition on a later question]']),
 ("knowledge-age", INIT, "    report.add(check_knowledge_age(context))\n", "", ['tests/test_lint_cases.py::test_planted_defect_is_found[knowledge older than the limit]']),
 ("dead-rule", INIT, "    report.add(dead_findings)\n", "", ['tests/test_lint_cases.py::test_planted_defect_is_found[contradictory answer tests]', 'tests/test_lint_cases.py::test_planted_defect_is_found[fact nothing asserts]', 'tests/test_lint_cases.py::test_planted_defect_is_found[fact conditions that exclude each other]', 'tests/test_lint_cases.py::test_planted_defect_is_found[a fact required and excluded]']),
 ("redundant", INIT, "    report.add(check_redundancy(context, space, dead))\n", "", [LC, "-k", "redundant"]),
 ("conflict", INIT, "    report.add(check_conflicts(context, space, dead))\n", "", [LC, "-k", "conflicting"]),
 ("exclusions", INIT, "    report.add(check_exclusions(context, space, dead))\n", "", ['tests/test_lint_cases.py::test_planted_defect_is_found[exclusive advice that can reach one client]', 'tests/test_lint_cases.py::test_planted_defect_is_found[exclusive advice naming no advice]']),
 ("cycle", INIT, "    report.add(check_cycles(context))\n", "", [LC, "-k", "feeding"]),
 ("single-fact", INIT, "    report.add(check_single_facts(context))\n", "", ['tests/test_lint_cases.py::test_planted_defect_is_found[a second target after a higher-salience one]']),
 ("unused-question", INIT, "    report.add(check_unused_questions(context))\n", "", ['tests/test_lint_cases.py::test_planted_defect_is_found[a question no rule reads]']),
 ("rule-tests present", INIT, "    report.add(check_rule_cases_present(context))\n", "", ['tests/test_lint_cases.py::test_planted_defect_is_found[rule without tests]']),
 ("rule-tests hold", INIT, "            report.add(check_rule_cases_hold(context, evaluator))\n", "            pass\n", ['tests/test_lint_cases.py::test_planted_defect_is_found[rule case that does not hold]']),
 ("completeness gap (design)", COMP, "    if checked(\"design_choices\") and missing:\n", "    if False:\n",
  ["tests/test_lint_cli.py::test_gap_gives_a_counter_example_profile_that_recommend_reads"]),
 ("chart connectivity", COMP, "        gaps += org_chart_gaps(recommendation.get(\"org_chart\") or {})\n", "        pass\n",
  ["tests/test_lint_completeness.py::test_proof_finds_a_unit_that_hangs_loose_from_the_chart"]),
 ("dead rule by the proof", INIT, "    if figures.get(\"situations\", 0) and \"incomplete_situations\" in figures:\n", "    if False:\n",
  [LC + "::test_a_rule_needing_an_impossible_verdict_is_found_by_the_proof"]),
 ("engine disagreement", INIT, "        report.add(findings)\n        report.figures[\"engine_agreement\"] = figures\n", "        report.figures[\"engine_agreement\"] = figures\n",
  ["tests/test_direct_evaluator.py", "-k", "lint_reports_a_disagreement"]),
]
only = sys.argv[1:]
for name, path, old, new, tests in CASES:
    if only and name not in only:
        continue
    file = REPO / path
    text = file.read_text()
    assert text.count(old) == 1, (name, "anchor")
    file.write_text(text.replace(old, new))
    try:
        done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-n", "0", "-p", "no:cacheprovider", *tests],
                              cwd=REPO, capture_output=True, text=True)
        last = done.stdout.strip().splitlines()[-1]
        print(f"{name}: {'CAUGHT' if done.returncode == 1 else 'NOT CAUGHT'} ({last})", flush=True)
    finally:
        file.write_text(text)
