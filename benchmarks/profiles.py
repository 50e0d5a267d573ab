"""Generates plausible, valid client profiles for benchmarks and batch tests.

Answers are drawn from the question bank itself, so new questions and
values are covered without touching this file.  A fixed seed gives the same
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


def random_answers(questions, rng):
    answers = {}
    for question in questions:
        draw = rng.random()
        if draw < MISSING_SHARE:
            continue
        if draw < MISSING_SHARE + UNKNOWN_SHARE:
            answers[question.id] = "unknown"
            continue
        answers[question.id] = _random_value(question, rng)
    return answers


def _random_value(question, rng):
    if question.type == "integer":
        low = question.minimum if question.minimum is not None else 0
        high = min(question.maximum if question.maximum is not None else 10**6, 10**6)
        # Sizes spread over orders of magnitude, as companies and teams do.
        return min(high, max(low, int(10 ** rng.uniform(0, 5.5)) - (1 if low == 0 else 0)))
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


def write_profiles(folder, count, questions, seed=2026):
    """Write ``count`` profiles into ``folder``; returns their paths."""
    rng = random.Random(seed)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = folder / f"client-{index:05d}.yaml"
        text = yaml.safe_dump(profile_document(index, random_answers(questions, rng)), sort_keys=False)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main(argv):
    from orgdesign import get_reasoner

    count, folder = int(argv[0]), argv[1]
    write_profiles(folder, count, get_reasoner().knowledge.questions)


if __name__ == "__main__":
    main(sys.argv[1:])
