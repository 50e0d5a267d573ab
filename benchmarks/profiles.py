"""Generates plausible, valid client profiles for benchmarks and batch tests.

Answers are drawn from the question bank itself, so new questions and
values are covered without touching this file.  Numbers fall in a random
size band of the question (knowledge/size_bands.yaml), or stay below 100
when it has none: head counts and hiring plans are small numbers.  A fixed seed gives the same
profiles every time.  About one answer in eight is ``unknown`` and one in
twenty is left out, as in real half-finished interviews.

    python -m benchmarks.profiles 1000 /tmp/profiles
"""
import random
import sys
from pathlib import Path

import yaml

UNKNOWN_SHARE = 0.12
MISSING_SHARE = 0.05


SMALL_NUMBER = 100


def random_answers(knowledge, rng):
    answers = {}
    for question in knowledge.questions:
        draw = rng.random()
        if draw < MISSING_SHARE:
            continue
        if draw < MISSING_SHARE + UNKNOWN_SHARE:
            answers[question.id] = "unknown"
            continue
        answers[question.id] = _random_value(question, knowledge.bands_for(question.id), rng)
    return answers


def _random_value(question, bands, rng):
    if question.type == "integer":
        low = question.minimum if question.minimum is not None else 0
        high = question.maximum if question.maximum is not None else 10**7
        if bands:
            band = rng.choice(bands)
            band_low = band["min"]
            band_high = band["max"] if band["max"] is not None else max(band_low, 1) * 5
            return max(low, min(high, rng.randint(band_low, band_high)))
        # Spread over orders of magnitude below SMALL_NUMBER, as team sizes are.
        return max(low, min(high, SMALL_NUMBER, int(10 ** rng.uniform(0, 2)) - (1 if low == 0 else 0)))
    if question.type == "yes_no":
        return rng.choice(["yes", "no"])
    if question.type == "choice":
        return rng.choice(question.values)
    values = [v for v in question.values if v != "none"]
    if "none" in question.values and rng.random() < 0.1:
        return ["none"]
    return rng.sample(values, rng.randint(1, min(3, len(values))))


def profile_document(index, answers):
    return {"profile_version": 1, "client": {"name": f"Client {index:05d}"}, "answers": answers}


def write_profiles(folder, count, knowledge, seed=2026):
    """Write ``count`` profiles into ``folder``; returns their paths."""
    rng = random.Random(seed)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = folder / f"client-{index:05d}.yaml"
        text = yaml.safe_dump(profile_document(index, random_answers(knowledge, rng)), sort_keys=False)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main(argv):
    from orgdesign import get_reasoner

    count, folder = int(argv[0]), argv[1]
    write_profiles(folder, count, get_reasoner().knowledge)


if __name__ == "__main__":
    main(sys.argv[1:])
