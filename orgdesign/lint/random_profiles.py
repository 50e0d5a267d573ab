"""Seeded random answer sets over the whole question bank.

Used by the engine-agreement check: each answer is `unknown` about one time
in five, integers are drawn band by band so every band (and its edges) is
hit, multi-choice answers are random non-empty subsets (or `none` alone).
"""
import random

from ..questions import UNKNOWN

UNKNOWN_SHARE = 0.2


def random_answers(knowledge, rng):
    """One canonical answer set for every question in the bank."""
    return {q.id: _random_value(q, knowledge, rng) for q in knowledge.questions}


def random_answer_sets(knowledge, count, seed=0):
    rng = random.Random(seed)
    return [random_answers(knowledge, rng) for _ in range(count)]


def _random_value(question, knowledge, rng):
    if rng.random() < UNKNOWN_SHARE:
        return UNKNOWN
    if question.type == "yes_no":
        return rng.choice(("yes", "no"))
    if question.type == "choice":
        return rng.choice(question.values)
    if question.type == "multi_choice":
        return _random_subset(question.values, rng)
    return _random_integer(question, knowledge, rng)


def _random_subset(values, rng):
    if "none" in values and rng.random() < 0.1:
        return ("none",)
    others = [v for v in values if v != "none"]
    chosen = [v for v in others if rng.random() < 0.3] or [rng.choice(others)]
    return tuple(chosen)


def _random_integer(question, knowledge, rng):
    low = question.minimum if question.minimum is not None else 0
    high = question.maximum if question.maximum is not None else low + 100000
    bands = knowledge.bands_for(question.id)
    if bands:
        band = rng.choice(bands)
        low = max(low, band["min"])
        high = min(high, band["max"] if band["max"] is not None else low * 10 + 10)
    edge = rng.random()
    if edge < 0.25:
        return low
    if edge < 0.5:
        return high
    return rng.randint(low, high)
