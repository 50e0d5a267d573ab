"""The random answer sets behind the engine-agreement check and the sweeps.

Two engines that agree on answer sets which never reach a band edge, never
leave a question unknown or never pick `none` alone have not been compared
where rules differ most. These tests state what orgdesign/lint/random_profiles.py
promises (module docstring): valid answers only, `unknown` about one time in
five, every band of every integer question and both its edges, multi-choice
answers that are non-empty subsets or `none` alone, and the same sets for the
same seed.
"""
from collections import Counter

import pytest

from orgdesign.lint.random_profiles import random_answer_sets
from orgdesign.questions import UNKNOWN

from .conftest import shared

COUNT = 2000


@pytest.fixture(scope=shared("module"))   # per test while mutmut records which test calls what
def sets(reasoner):
    return random_answer_sets(reasoner.knowledge, COUNT, seed=3)


def test_every_answer_is_one_the_question_allows(reasoner, sets):
    questions = list(reasoner.knowledge.questions)
    for answers in sets:
        assert list(answers) == [q.id for q in questions]
        for question in questions:
            value = answers[question.id]
            if value == UNKNOWN:
                continue
            if question.type == "yes_no":
                assert value in ("yes", "no")
            elif question.type == "choice":
                assert value in question.values
            elif question.type == "multi_choice":
                assert isinstance(value, tuple) and value and set(value) <= set(question.values)
                assert len(set(value)) == len(value)
                assert value == ("none",) or "none" not in value, (question.id, value)
            else:
                assert isinstance(value, int) and question.minimum <= value <= question.maximum, (question.id, value)


def test_about_one_answer_in_five_is_unknown_for_every_question(reasoner, sets):
    for question in reasoner.knowledge.questions:
        share = sum(answers[question.id] == UNKNOWN for answers in sets) / COUNT
        assert 0.16 < share < 0.24, (question.id, share)


def test_every_value_of_every_choice_is_drawn_and_none_alone_about_one_time_in_ten(reasoner, sets):
    for question in reasoner.knowledge.questions:
        known = [answers[question.id] for answers in sets if answers[question.id] != UNKNOWN]
        if question.type in ("yes_no", "choice"):
            assert set(known) == set(question.values), question.id
        elif question.type == "multi_choice":
            drawn = Counter(v for value in known for v in value)
            assert set(drawn) == set(question.values), question.id
            sizes = Counter(len(value) for value in known)
            assert sizes[1] and sizes[2] and sizes[3], (question.id, sizes)   # single values, pairs and more
            none_alone = sum(value == ("none",) for value in known) / len(known)
            assert 0.06 < none_alone < 0.14, (question.id, none_alone)
            # Apart from `none`, each value is in about 0.3 of the answers (more when the draw fell back to one).
            others = [v for v in question.values if v != "none"]
            for value in others:
                assert 0.25 < drawn[value] / len(known) < 0.45, (question.id, value, drawn[value] / len(known))


def test_every_band_of_every_integer_question_is_drawn_at_both_edges_and_inside(reasoner, sets):
    knowledge = reasoner.knowledge
    for question in knowledge.questions:
        if question.type != "integer":
            continue
        drawn = Counter(answers[question.id] for answers in sets if answers[question.id] != UNKNOWN)
        for band in knowledge.bands_for(question.id):
            low = max(band["min"], question.minimum)
            high = band["max"] if band["max"] is not None else None
            inside = [v for v in drawn if v >= low and (high is None or v <= high)]
            assert drawn[low], (question.id, band["id"], "lower edge")
            if high is not None:
                assert drawn[high], (question.id, band["id"], "upper edge")
                if high - low > 1:
                    assert any(low < v < high for v in inside), (question.id, band["id"], "inside")
            else:
                # An open top band: drawn from its lower edge up to ten times past it, never past the question's maximum.
                assert any(v > low for v in inside), (question.id, band["id"], "above its lower edge")
                assert max(inside) <= min(question.maximum, low * 10 + 10), (question.id, band["id"], max(inside))
            if high is not None and high - low > 1:
                # Each edge is drawn a quarter of the time, and the uniform draw of the other half may land on one too.
                expected = 0.5 + 0.5 * 2 / (high - low + 1)
                share = (drawn[low] + drawn[high]) / sum(drawn[v] for v in inside)
                assert abs(share - expected) < 0.1, (question.id, band["id"], share, expected)


def test_the_same_seed_draws_the_same_sets_and_another_seed_others(reasoner, sets):
    assert random_answer_sets(reasoner.knowledge, COUNT, seed=3) == sets
    assert random_answer_sets(reasoner.knowledge, 50, seed=4) != sets[:50]
    assert random_answer_sets(reasoner.knowledge, 50) == random_answer_sets(reasoner.knowledge, 50, seed=0)
