"""Shared fixtures: the real reasoner, real YAML, real files."""
from pathlib import Path

import pytest
import yaml

from orgdesign import get_reasoner
from orgdesign.profile import parse_profile

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"


@pytest.fixture(scope="session")
def reasoner():
    return get_reasoner()


# Random valid profiles several tests check properties over (advice, targets, confidence).
RANDOM_PROFILES, RANDOM_SEED = 300, 7


@pytest.fixture(scope="session")
def random_recommendations(reasoner):
    """300 random valid profiles (lint's generator, seed 7), each inferred and recommended once per session.

    A list of ``(profile, inference, recommendation)``; the recommendation is
    what ``recommend()`` returns for the profile.  Tests that use it carry
    ``xdist_group("random_recommendations")``, so one worker builds it.
    """
    from orgdesign.advice.recommendation import build_recommendation
    from orgdesign.api import Recommendation
    from orgdesign.lint.random_profiles import random_answer_sets
    from orgdesign.profile import Profile

    results = []
    for number, answers in enumerate(random_answer_sets(reasoner.knowledge, RANDOM_PROFILES, seed=RANDOM_SEED)):
        profile = Profile(f"random {number}", answers)
        inference = reasoner.infer(profile)
        results.append((profile, inference, Recommendation(profile, build_recommendation(inference, reasoner), reasoner)))
    return results


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


@pytest.fixture(scope="session")
def planted_proof(tmp_path_factory):
    """`orgdesign lint` (the full completeness proof) once on a copy of the rule base with three planted defects.

    The proof is the slowest check, so the defects only it finds share one run
    (tests using this fixture carry ``xdist_group("planted_proof")`` so one
    worker runs it): model_ownership has no rule for an ml_first target (a
    gap), a rule there needs a verdict mixed with itself (never fires), and
    the nascent chart's data-engineering team loses its manager (a unit hangs
    loose).  Each defect touches a different target, so no finding hides
    another.
    """
    import shutil
    from types import SimpleNamespace

    from click.testing import CliRunner

    from orgdesign.cli import main

    from .test_lint_cases import rule

    root = tmp_path_factory.mktemp("planted-proof")
    rules, knowledge, out = root / "rules", root / "knowledge", root / "counter"
    shutil.copytree(REPO / "rules", rules)
    shutil.copytree(REPO / "knowledge", knowledge)
    ownership = rules / "design" / "model_ownership.yaml"
    text = ownership.read_text()
    ownership.write_text(text[: text.index("  - id: design.model_ownership.ml_first")]
                         + rule("self_mixed", "- fact: archetype\n  where: {id: nascent, mixed_with: nascent}",
                                "- design_choice: {dimension: model_ownership, position: build_and_run_end_to_end}"))
    chart = rules / "orgchart" / "nascent.yaml"
    line = "      - reporting_line: {unit: data_engineering, reports_to: engineering, line: solid}\n"
    assert chart.read_text().count(line) == 1
    chart.write_text(chart.read_text().replace(line, ""))
    result = CliRunner().invoke(main, ["lint", "--rules", str(rules), "--knowledge", str(knowledge), "--out", str(out)])
    return SimpleNamespace(rules=rules, knowledge=knowledge, out=out, exit_code=result.exit_code, output=result.output,
                           ownership=ownership)
