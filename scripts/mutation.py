"""Mutation testing of the core, one module at a time, with the tests that aim at it.

Usage: python scripts/mutation.py [MODULE ...]            (default: every module below)
       python scripts/mutation.py --sample N MODULE ...   (N of each module's mutants, drawn at random)
       python scripts/mutation.py --recheck MODULE ...    (survivors again, with today's tests)

For each module a scratch copy of the checkout gets a [mutmut] section that
mutates that module alone and runs only its tests, so mutmut's first run
(which records which test calls which function) takes seconds rather than
the half hour the whole suite takes with mutmut's hooks in every function.
Results are kept in out/mutation/<module>/ and tallied by
scripts/mutation_scores.py.

--recheck runs each survivor of an earlier run again, alone, in a fresh
pytest process, against the module's tests as they are in the checkout now
(the checkout's tests, data and other modules are copied over the scratch
copy's; it refuses when the module itself changed since its run, and when
the tests fail without any mutant): the check for tests written to kill
survivors, and for mutants whose code runs once per process, before any
test, where mutmut's record of which test calls what cannot see them. Its
verdicts go to out/mutation/<module>/recheck.json. Run it through `make mutation` (low CPU priority,
one test process).
"""
import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SCRATCH = REPO / "out" / "mutation-scratch"
SAMPLE_SEED = 20261202
RESULTS = REPO / "out" / "mutation"

# Module -> the tests that state its behaviour. Tests that run `python -m
# orgdesign` in a new process are left out: that process runs unmutated code.
MODULES = {
    "orgdesign/paths.py": ["tests/test_outputs.py", "tests/test_batch_freshness.py"],
    "orgdesign/atomic_write.py": ["tests/test_outputs.py", "tests/hostile/test_outputs.py", "tests/hostile/test_inputs.py"],
    "orgdesign/report/escaping.py": ["tests/test_properties.py", "tests/test_report.py", "orgdesign/report/escaping.py"],
    "orgdesign/orgchart/quoting.py": ["tests/test_orgchart_render.py", "tests/test_diagrams.py", "orgdesign/orgchart/quoting.py"],
    "orgdesign/batch/freshness.py": ["tests/test_batch_freshness.py", "tests/test_batch.py"],
    "orgdesign/questions.py": ["tests/test_profile_checks.py", "tests/test_answer_forms.py", "tests/test_interview_writer.py",
                               "tests/test_hostile_inputs.py::test_bad_input", "orgdesign/questions.py"],
    "orgdesign/outputs.py": ["tests/test_outputs.py", "tests/test_hostile_inputs.py::test_bad_input", "tests/hostile/test_outputs.py",
                             "tests/test_cli.py", "tests/test_orgchart_render.py", "tests/test_roadmap.py", "tests/test_report.py"],
    "orgdesign/lint/dead_rules.py": ["tests/test_lint_cases.py"],
    "orgdesign/lint/engine_agreement.py": ["tests/test_direct_evaluator.py"],
    "orgdesign/profile.py": ["tests/test_profile_checks.py", "tests/test_profile_errors.py", "tests/test_client_names.py",
                             "tests/test_answer_forms.py", "tests/test_hostile_inputs.py::test_bad_input",
                             "tests/test_cli.py", "tests/test_interview_writer.py",
                             "tests/test_explain_what_if.py::test_why_not_smallest_is_minimal"],
    "orgdesign/yaml_source.py": ["tests/test_parsed_cache.py", "tests/test_profile_checks.py", "tests/test_profile_errors.py",
                                 "tests/test_hostile_inputs.py", "tests/test_cli.py", "tests/test_lint_cases.py",
                                 "tests/hostile/test_inputs.py", "tests/test_interview_writer.py"],
    "orgdesign/orgchart/model.py": ["tests/test_orgchart_graph.py", "tests/test_diagrams.py", "tests/test_orgchart_render.py",
                                    "tests/test_client_names.py"],
    "orgdesign/lint/completeness.py": ["tests/test_lint_completeness.py", "tests/test_lint_cli.py"],
    "orgdesign/engine/certainty.py": ["tests/test_certainty.py", "orgdesign/engine/certainty.py"],
    "orgdesign/engine/conditions.py": ["tests/test_explain_cli.py", "tests/test_interview_skip.py", "tests/test_lint_cases.py",
                                       "tests/test_explain_derivation.py", "tests/test_rule_compilation.py", "tests/test_rule_cases.py"],
    "orgdesign/engine/direct_evaluator.py": ["tests/test_direct_evaluator.py", "orgdesign/engine/direct_evaluator.py"],
    "orgdesign/engine/experta_compat.py": ["tests/test_engine_matcher.py"],
    "orgdesign/engine/matcher.py": ["tests/test_engine_matcher.py"],
    "orgdesign/engine/reasoner.py": ["tests/test_recommendation_json.py", "tests/test_examples.py", "tests/test_rule_compilation.py",
                                     "tests/test_outputs.py"],
    "orgdesign/engine/rulebook.py": ["tests/test_rule_compilation.py", "tests/test_rule_cases.py", "tests/test_lint_cases.py",
                                     "tests/test_hostile_inputs.py::test_bad_input",
                                     "tests/test_recommendation_json.py::test_headline_engine_concludes_what_the_full_engine_does",
                                     "tests/test_recommendation_json.py::test_verdict_engine_reaches_the_full_engines_verdict"],
    "orgdesign/engine/trace.py": ["tests/test_explain_derivation.py", "tests/test_direct_evaluator.py",
                                  "tests/test_recommendation_json.py"],
    "orgdesign/engine/verdict.py": ["tests/test_verdict.py", "orgdesign/engine/verdict.py"],
    "orgdesign/engine/compiler.py": ["tests/test_rule_compilation.py", "tests/test_rule_cases.py", "tests/test_examples.py",
                                     "tests/test_direct_evaluator.py::test_a_rule_joining_two_facts_fires_for_each_pair_in_the_order_experta_does"],
    "orgdesign/roadmap/stages.py": ["tests/test_roadmap.py", "tests/test_chart_and_plan_agree.py", "orgdesign/roadmap/stages.py"],
    "orgdesign/roadmap/__init__.py": ["tests/test_roadmap.py", "tests/test_chart_and_plan_agree.py", "tests/test_roadmap_charts.py"],
    "orgdesign/roadmap/charts.py": ["tests/test_roadmap.py", "tests/test_chart_and_plan_agree.py", "tests/test_roadmap_charts.py"],
    "orgdesign/roadmap/owners.py": ["tests/test_roadmap.py", "tests/test_chart_and_plan_agree.py", "tests/test_roadmap_charts.py",
                                    "orgdesign/roadmap/owners.py"],
    "orgdesign/roadmap/report_view.py": ["tests/test_roadmap.py", "tests/test_report.py"],
}
# The linter's other checks are stated by the planted-defect tests and the
# clean run of every check short of the proof. The tests that run the
# completeness proof (20 s of fixtures, paid again by every mutant) are for
# completeness.py alone.
LINT_TESTS = ["tests/test_lint_cases.py", "tests/test_lint_cli.py::test_the_json_report_holds_no_timing",
              "tests/test_lint_cli.py::test_findings_exit_1_with_file_and_line", "tests/test_lint_cli.py::test_json_format",
              "tests/test_lint_cli.py::test_findings_are_listed_once_each_by_file_then_line_file_wide_ones_first",
              "tests/test_lint_cli.py::test_files_that_do_not_load_are_one_finding_each_and_nothing_runs_past_them",
              "tests/test_lint_cli.py::test_knowledge_that_breaks_its_schema_stops_lint_before_the_checks_that_reason_over_it"]
LINT_PROOF_TESTS = ["tests/test_lint_cases.py::test_a_rule_needing_an_impossible_verdict_is_found_by_the_proof"]
# Checks that also serve the advice's own consistency tests.
MODULES["orgdesign/lint/exclusions.py"] = LINT_TESTS + ["tests/test_advice_consistency.py"]
MODULES["orgdesign/lint/knowledge_age.py"] = LINT_TESTS + ["tests/test_advice_consistency.py"]
# The answer space the dead-rule, redundancy and conflict checks search (and the proof covers) has tests of its own.
MODULES["orgdesign/lint/answer_space.py"] = LINT_TESTS + [
    "tests/test_lint_completeness.py::test_answer_space_counts_every_combination",
    "tests/test_lint_completeness.py::test_values_no_rule_tells_apart_share_a_class",
    "tests/test_lint_completeness.py::test_number_tests_cut_the_bands_where_they_change_and_stay_inside_each_question_s_limits"]
# run_lint itself ends in the proof and the engine comparison: its selection keeps the tests that run them.
MODULES["orgdesign/lint/__init__.py"] = LINT_TESTS + LINT_PROOF_TESTS + [
    "tests/test_lint_cli.py", "tests/test_lint_completeness.py::test_proof_finds_a_unit_that_hangs_loose_from_the_chart",
    "tests/test_direct_evaluator.py::test_lint_reports_a_disagreement_with_file_and_profile"]
# The random answer sets are the engine-agreement check's input, stated by their own tests.
MODULES["orgdesign/lint/random_profiles.py"] = ["tests/test_random_profiles.py"]
for _path in sorted((REPO / "orgdesign" / "lint").glob("*.py")):
    MODULES.setdefault(_path.relative_to(REPO).as_posix(), LINT_TESTS)
DESELECT = ["tests/test_cli.py::test_real_process", "tests/test_orgchart_render.py::test_missing_dot_in_a_real_process",
            "tests/test_batch.py::test_ctrl_c_stops_cleanly_and_keeps_the_summary_of_what_finished",
            "tests/test_properties.py::test_any_valid_profile_gets_one_archetype",
            "tests/test_recommendation_json.py::test_identical_across_processes_with_different_hash_seeds",
            "tests/test_hostile_inputs.py::test_bad_input_in_a_real_process"]
COPIED = ["orgdesign", "tests", "knowledge", "rules", "examples", "diagrams", "benchmarks", "scripts", "docs",
          "README.md", "setup.cfg", "pyproject.toml"]


def deselected(module):
    """The tests left out of a module's run: real processes everywhere; the proof outside completeness.py and run_lint."""
    proving = ("orgdesign/lint/completeness.py", "orgdesign/lint/__init__.py")
    proof = LINT_PROOF_TESTS if module.startswith("orgdesign/lint/") and module not in proving else []
    return DESELECT + proof


# mutmut stops a mutant after (estimated seconds + constant) x multiplier x 2
# of CPU time (defaults 1 and 15), the estimate taken from its tests'
# durations. The default gives each of the proof's mutants that loop for
# ever (a search that no longer narrows) a quarter of an hour. A multiplier
# of 2 alone stopped sound mutants inside the proof's 8-second fixture (its
# tests are quick calls on it, and the estimate seems to leave the fixture
# out). A constant of 20 with a multiplier of 2 allows 80 s of CPU and more:
# ten times the fixture, minutes rather than a quarter of an hour.
TIMEOUT = {"orgdesign/lint/completeness.py": {"timeout_constant": 20, "timeout_multiplier": 2}}


def mutmut_section(module, tests):
    lines = ["[mutmut]", "source_paths = orgdesign/", f"only_mutate = {module}",
             *[f"{key} = {value}" for key, value in TIMEOUT.get(module, {}).items()],
             "also_copy =", *[f"    {p}" for p in COPIED if p not in ("orgdesign", "tests", "setup.cfg", "pyproject.toml")],
             "pytest_add_cli_args_test_selection =", *[f"    {t}" for t in tests],
             "pytest_add_cli_args =", "    -p no:cacheprovider", *[f"    --deselect={t}" for t in deselected(module)]]
    return "\n".join(lines) + "\n"


def prepare(module, tests):
    scratch = SCRATCH / module.replace("/", ".")
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    for name in COPIED:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, scratch / name, ignore=shutil.ignore_patterns("__pycache__", ".hypothesis"))
        else:
            shutil.copy2(source, scratch / name)
    config = (scratch / "setup.cfg").read_text()
    config = config[: config.index("[mutmut]")] if "[mutmut]" in config else config
    (scratch / "setup.cfg").write_text(config + mutmut_section(module, tests))
    return scratch


# Lint checks that neither parse files nor validate rule bases: their mutants
# cannot change what orgdesign's disk caches hold (see mutation_environment).
# schema_check, schemas and collections validate rule bases; context reads them.
CACHE_SAFE = {f"orgdesign/lint/{name}.py" for name in (
    "answer_space", "ask_if", "conflicts", "cycles", "dead_rules", "exclusions", "findings", "knowledge_age", "locations",
    "random_profiles", "redundancy", "references", "rule_logic", "rule_tests", "single_facts", "unused_questions")}


def mutation_environment(module=None):
    """The environment mutants run in: no cache on disk outlives a mutant.

    orgdesign keeps parsed YAML, compiled templates and the digests of
    validated rule bases under $XDG_CACHE_HOME. Read there, a mutant of the
    parser or the validation would be handed the unmutated result; written
    there, it would hand its own to the next mutant (and to the user's real
    runs). A cache folder that cannot be created only costs time (every cache
    treats it so), so point them at one below a file. A module in CACHE_SAFE
    cannot change what the caches hold, so its mutants share a cache of their
    own in the scratch copy (never the user's): a third off every lint test.
    """
    cache = SCRATCH / module.replace("/", ".") / "cache" if module in CACHE_SAFE else "/dev/null/orgdesign-mutation-no-cache"
    environment = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    # Compiled bytecode (and pytest's rewritten tests) may be kept: it is keyed
    # by each file's size and time, so a mutant's file is never read stale, and
    # without it every fresh process of --recheck compiles the whole package again.
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    return environment


def run(module, sample=None):
    scratch = prepare(module, MODULES[module])
    chosen = []
    if sample:
        chosen = sampled_mutants(scratch, module, sample)
        if not chosen:
            return 1
    done = subprocess.run([sys.executable, "-m", "mutmut", "run", "--max-children", "1", *chosen], cwd=scratch,
                          env=mutation_environment(module))
    results = RESULTS / module.replace("/", ".")
    shutil.rmtree(results, ignore_errors=True)
    meta = scratch / "mutants" / (module + ".meta")
    if meta.exists():
        results.mkdir(parents=True)
        shutil.copy2(meta, results / "result.meta")
        survivors = subprocess.run([sys.executable, "-m", "mutmut", "results"], cwd=scratch, capture_output=True, text=True,
                                   env=mutation_environment(module))
        (results / "survivors.txt").write_text(survivors.stdout)
        if chosen:
            # The draw, so that scripts/mutation_scores.py can say the score is a sample's.
            (results / "sample.txt").write_text("".join(name + "\n" for name in chosen))
    return done.returncode


def sampled_mutants(scratch, module, size):
    """``size`` of the module's mutants, drawn at random with a fixed seed (the same draw on every machine).

    mutmut names a module's mutants only once it has made them, so a first run
    asks for a mutant that does not exist: it makes them all, records which
    test calls what, and stops without testing any. Every mutant is as likely
    to be drawn, so the share killed estimates the module's score.
    """
    subprocess.run([sys.executable, "-m", "mutmut", "run", "--max-children", "1", "no-such-mutant"], cwd=scratch,
                   env=mutation_environment(module), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    meta = scratch / "mutants" / (module + ".meta")
    if not meta.exists():
        print(f"{module}: mutmut made no mutants", file=sys.stderr)
        return []
    names = sorted(json.loads(meta.read_text())["exit_code_by_key"])
    return sorted(random.Random(SAMPLE_SEED).sample(names, min(size, len(names))))


def survivors(module):
    listing = RESULTS / module.replace("/", ".") / "survivors.txt"
    names = []
    for line in listing.read_text().splitlines():
        name, _, status = line.strip().rpartition(": ")
        if status in ("survived", "no tests"):  # "no tests": no selected test called it while mutmut recorded
            names.append(name)
    return names


def _refresh(mutants, module):
    """Today's tests, data and code into the scratch copy, all but the mutated module (which holds the mutants)."""
    ignore = shutil.ignore_patterns("__pycache__", ".hypothesis")
    for name in COPIED:
        source, target = REPO / name, mutants / name
        if name == "orgdesign":
            for path in source.rglob("*"):
                relative = path.relative_to(REPO)
                if path.is_file() and "__pycache__" not in relative.parts and relative.as_posix() != module:
                    (mutants / relative).parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(path, mutants / relative)
        elif source.is_dir():
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(source, target, ignore=ignore)
        elif name not in ("setup.cfg", "pyproject.toml"):
            shutil.copy2(source, target)


def recheck(module):
    """Each survivor alone in a fresh pytest process with the tests of the checkout: ``{mutant: "killed"|"survived"}``."""
    scratch = SCRATCH / module.replace("/", ".")
    mutants = scratch / "mutants"
    if (scratch / module).read_bytes() != (REPO / module).read_bytes():
        # Its mutants are of the old code: tests written for the new code would "kill" them all.
        sys.exit(f"{module} changed since its run: run it again (make mutation MUTATION_MODULES={module})")
    _refresh(mutants, module)
    tests = MODULES[module]
    deselect = [f"--deselect={t}" for t in deselected(module)]
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "-p", "no:xdist", "-p", "no:randomly",
               *deselect, *tests]
    # The tests must pass on the unmutated code first, or every failure below would count as a kill.
    baseline = subprocess.run(command, cwd=mutants, env={**mutation_environment(module), "MUTANT_UNDER_TEST": ""},
                              capture_output=True, text=True)
    if baseline.returncode:
        sys.exit(f"{module}: the selected tests fail without any mutant, so a recheck would prove nothing:\n"
                 + baseline.stdout[-3000:])
    record = RESULTS / module.replace("/", ".") / "recheck.json"
    # A kill recorded by an interrupted recheck stands (tests are only ever added); survivors are tried again.
    earlier = json.loads(record.read_text()) if record.exists() else {}
    verdicts = {name: "killed" for name, verdict in earlier.items() if verdict == "killed"}
    names = [name for name in survivors(module) if name not in verdicts]
    for number, name in enumerate(names, start=1):
        done = subprocess.run(command, cwd=mutants, env={**mutation_environment(module), "MUTANT_UNDER_TEST": name},
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        verdicts[name] = "survived" if done.returncode == 0 else "killed"
        print(f"  {number}/{len(names)} {verdicts[name]:8} {name}", flush=True)
        record.write_text(json.dumps(verdicts, indent=1, sort_keys=True) + "\n")   # after each, so Ctrl-C keeps them
    return verdicts


def main(arguments):
    check_again = arguments[:1] == ["--recheck"]
    sample = int(arguments[1]) if arguments[:1] == ["--sample"] else None
    modules = arguments[1:] if check_again else arguments[2:] if sample else arguments
    for module in modules or MODULES:
        print(f"== {module}", flush=True)
        recheck(module) if check_again else run(module, sample)


if __name__ == "__main__":
    main(sys.argv[1:])
