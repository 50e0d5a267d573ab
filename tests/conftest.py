"""Shared fixtures: the real reasoner, real YAML, real files."""
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from orgdesign import get_reasoner
from orgdesign.profile import Profile, parse_profile

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"


def _under_mutmut():
    """The mutant mutmut has set for this process ("stats" while it records which test calls what)."""
    import os

    return os.environ.get("MUTANT_UNDER_TEST", "")


def _forget_built_reasoners():
    """Drop every reasoner and parsed rule file this process keeps, so the next is built by the code as it is now."""
    from orgdesign import yaml_source
    from orgdesign.engine import reasoner as reasoner_module

    reasoner_module._CACHE.clear()
    yaml_source._SHARED.clear()


# The linter's modules a reasoner is built with (rule_base_validation checks
# the rule files with them); no other lint module can change a reasoner.
_LINT_MODULES_A_REASONER_USES = ("orgdesign.lint.schema_check.", "orgdesign.lint.schemas.", "orgdesign.lint.collections.")


def _mutant_can_change_a_reasoner(mutant):
    return not mutant.startswith("orgdesign.lint.") or mutant.startswith(_LINT_MODULES_A_REASONER_USES)


def pytest_configure(config):
    """Under mutation testing, build every reasoner afresh.

    mutmut runs each mutant's tests in a process forked from one that has
    already run the tests, so a reasoner cached there would carry an engine
    compiled by unmutated code, and mutants of the compiler, the rule book
    or the knowledge loading would survive untested. A mutant of a lint
    check cannot change a reasoner, so it keeps the one built (2 s a mutant).
    """
    if _under_mutmut() and _mutant_can_change_a_reasoner(_under_mutmut()):
        _forget_built_reasoners()


@pytest.fixture(autouse=True)
def _each_test_builds_its_own_reasoner_while_mutmut_records():
    """While mutmut records which tests call which function, every test builds the reasoner itself.

    mutmut runs a mutant only against the tests that called the mutated
    function in that recording. Built once per process, the reasoner's
    compilation would be charged to whichever test came first, and a mutant
    of the compiler would be run against that one test alone.
    """
    if _under_mutmut() == "stats":
        _forget_built_reasoners()
    yield


def shared(scope):
    """A fixture scope for results several tests check: ``scope`` normally, each test's own while mutmut records.

    mutmut runs a mutant only against the tests it recorded calling the
    mutated function. A result computed once is charged to the first test
    that asked for it, so the other tests' checks would never meet the
    mutants of the code behind it. (A dynamic scope: pytest calls it once.)
    """
    def scope_now(fixture_name, config):
        return "function" if _under_mutmut() == "stats" else scope
    return scope_now


class _TodaysReasoner:
    """While mutmut records: whatever reasoner ``get_reasoner()`` gives at the moment of each use.

    The autouse fixture above has each test build its own; fixtures of any
    scope that hold this object reach that one through it.
    """

    def __getattr__(self, name):
        return getattr(get_reasoner(), name)


@pytest.fixture(scope="session")
def reasoner():
    return _TodaysReasoner() if _under_mutmut() == "stats" else get_reasoner()


def computed_once(tmp_path_factory, name, compute):
    """``compute(folder)`` once per test run, however many xdist workers need it.

    The first worker to ask computes it (in ``folder``, a directory every
    worker of this run shares) and pickles the result; the others wait on a
    lock and read it.  Each run has a fresh base folder, so nothing is reused
    from an earlier run.  For the few expensive results several test files
    share (a full lint proof, hundreds of recommendations).
    """
    import fcntl
    import os
    import pickle

    if _under_mutmut() == "stats":
        return compute(tmp_path_factory.mktemp(name))   # every test that asks is recorded calling the code (see shared)
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent   # the run's folder, above each worker's own
    stored = root / f"{name}.pickle"
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if stored.exists():
            return pickle.loads(stored.read_bytes())
        folder = root / name
        folder.mkdir(exist_ok=True)
        value = compute(folder)
        stored.write_bytes(pickle.dumps(value))
        return value


# Random valid profiles several tests check properties over (advice, targets, confidence).
RANDOM_PROFILES, RANDOM_SEED = 300, 7


@dataclass
class RandomCase:
    profile: object
    recommendation: dict       # what recommend() returns for the profile, as a plain dict
    confidence: float          # the verdict's confidence in its top archetype
    separation: float          # the verdict's lead of the top archetype over the runner-up


@pytest.fixture(scope=shared("session"))
def random_recommendations(reasoner, tmp_path_factory):
    """300 random valid profiles (lint's generator, seed 7), inferred and recommended once per test run."""
    def compute(_):
        from orgdesign.advice.recommendation import build_recommendation
        from orgdesign.lint.random_profiles import random_answer_sets

        cases = []
        for answers in random_answer_sets(reasoner.knowledge, RANDOM_PROFILES, seed=RANDOM_SEED):
            inference = reasoner.infer(Profile("random", answers))
            cases.append((answers, build_recommendation(inference, reasoner), inference.verdict.confidence(),
                          inference.verdict.separation))
        return cases

    return [RandomCase(Profile(f"random {number}", answers), recommendation, confidence, separation)
            for number, (answers, recommendation, confidence, separation)
            in enumerate(computed_once(tmp_path_factory, "random-recommendations", compute))]


def profile_text(answers, client="Test Client"):
    """A profile file's text with these answers (the others left out, so unknown)."""
    return yaml.safe_dump({"profile_version": 1, "client": {"name": client}, "answers": answers}, sort_keys=False)


@pytest.fixture
def make_profile(reasoner):
    def make(answers, client="Test Client"):
        return parse_profile(profile_text(answers, client), reasoner.knowledge)

    return make


def example_paths():
    return sorted(EXAMPLES.glob("*.yaml"))


@pytest.fixture(scope=shared("session"))
def planted_proof(tmp_path_factory):
    """`orgdesign lint` (the full completeness proof) once on a copy of the rule base with three planted defects.

    The proof is the slowest check, so the defects only it finds share one run
    (once per test run, see ``computed_once``): model_ownership has no rule
    for an ml_first target (a gap), a rule there needs a verdict mixed with itself (never fires), and
    the nascent chart at the several-teams scale gets a research unit with no
    manager (a unit hangs loose).  Each defect touches a different target, so no finding hides
    another.
    """
    from types import SimpleNamespace

    return SimpleNamespace(**computed_once(tmp_path_factory, "planted-proof", _planted_proof))


def _planted_proof(root):
    import shutil

    from click.testing import CliRunner

    from orgdesign.cli import main

    from .test_lint_cases import rule

    rules, knowledge, out = root / "rules", root / "knowledge", root / "counter"
    shutil.copytree(REPO / "rules", rules)
    shutil.copytree(REPO / "knowledge", knowledge)
    ownership = rules / "design" / "model_ownership.yaml"
    text = ownership.read_text()
    ownership.write_text(text[: text.index("  - id: design.model_ownership.ml_first")]
                         + rule("self_mixed", "- fact: archetype\n  where: {id: nascent, mixed_with: nascent}",
                                "- design_choice: {dimension: model_ownership, position: build_and_run_end_to_end}"))
    # Only at one chart scale, so the proof reports (and searches profiles for) few situations.
    chart = rules / "orgchart" / "nascent.yaml"
    chart.write_text(chart.read_text() + rule(
        "loose_unit", "- fact: target\n  where: {id: nascent}\n- fact: org_scale\n  where: {id: several_teams}",
        "- org_unit: {id: ml_research}").replace("design.model_ownership.loose_unit", "orgchart.nascent.loose_unit"))
    result = CliRunner().invoke(main, ["lint", "--rules", str(rules), "--knowledge", str(knowledge), "--out", str(out)])
    return dict(rules=rules, knowledge=knowledge, out=out, exit_code=result.exit_code, output=result.output,
                ownership=ownership)
