"""The CLIPS translation (benchmarks/clips_rules.py) reaches experta's conclusions.

The benchmark only reports speed ratios when the engines agree, so a rule
base or verdict change that the translation does not follow would silently
cost the benchmark its CLIPS column; this test says so first.  Skipped when
clipspy (the `bench` extra) is not installed.
"""
import re

import pytest

pytest.importorskip("clips")

from benchmarks.clips_rules import _rule_name, translate  # noqa: E402
from benchmarks.engines import ClipsEngine, ExpertaEngine  # noqa: E402
from benchmarks.profiles import write_profiles  # noqa: E402
from orgdesign import load_profile  # noqa: E402

from .conftest import example_paths  # noqa: E402

RANDOM_PROFILES = 50


@pytest.fixture(scope="module")
def engines(reasoner):
    return ExpertaEngine(reasoner), ClipsEngine(reasoner)


def _disagreements(engines, profiles):
    experta, clips = engines
    # Exact equality: fits and confidences are rounded the same way in both.
    return [p.path for p in profiles
            if experta.conclusions(experta.run(p)) != clips.conclusions(clips.run(p))]


def test_agrees_on_examples_and_random_profiles(reasoner, engines, tmp_path):
    paths = example_paths() + write_profiles(tmp_path, RANDOM_PROFILES, reasoner.knowledge, seed=20261202)
    profiles = [load_profile(p, reasoner) for p in paths]
    assert _disagreements(engines, profiles) == []


def test_agrees_on_the_target_rule_cases(reasoner, engines, make_profile):
    # The target layer's one-fact policy rests on rule-level saliences and
    # `not: {fact: target}`; each of its cases picks a different winner.
    cases = [answers for rule in reasoner.rulebook.rules if rule.layer == "target"
             for kind in ("fires", "quiet") for answers in (rule.tests or {}).get(kind, [])]
    assert cases
    assert _disagreements(engines, [make_profile(answers) for answers in cases]) == []


def test_rules_fire_in_the_rule_base_order(reasoner):
    # By salience (a rule's own `salience:` before its layer's), then by
    # position: compiler.RuleOrderStrategy's order, with no ties left to CLIPS.
    book = reasoner.rulebook
    declared = re.findall(r"\(defrule (\S+)\n  \(declare \(salience (-?\d+)\)\)", translate(book, reasoner.knowledge))
    saliences = [int(s) for _, s in declared]
    assert len(set(saliences)) == len(saliences) == len(book.rules) + 1
    fired = [name for name, _ in sorted(declared, key=lambda d: -int(d[1]))]
    keyed = [(spec.salience, order, _rule_name(spec.id)) for order, spec in enumerate(book.rules)]
    keyed.append((book.combine_salience, len(book.rules), "engine-combine-evidence"))
    assert fired == [name for _, _, name in sorted(keyed, key=lambda k: (-k[0], k[1]))]


def test_round_to_matches_python_round(engines):
    clips = engines[1]
    # Halves at the 5th decimal, stored just below or above, and exact ties.
    for value in (0.17625, 0.03075, 0.00005, 0.00015, 0.12345, 2.675, 0.5, -0.00005, 0.0):
        for digits in (4, 10):
            got = clips.env.eval(f"(round-to {value!r} {float(10 ** digits)!r})")
            assert got == round(value, digits), (value, digits)
