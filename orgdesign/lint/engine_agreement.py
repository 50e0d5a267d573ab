"""Check: the direct evaluator and the experta engine agree.

Both run the same seeded random answer sets; they agree when they record
the same trace (every fact, every firing, in order) and the same verdict
(ranking and beliefs).  The completeness proof relies on the direct
evaluator, so this is what makes the proof a statement about the product.
"""
import time

from ..engine.trace import TraceRecorder
from .completeness import write_profile
from .findings import Finding
from .random_profiles import random_answer_sets


def compare_engines(reasoner, evaluator, answer_sets):
    """The answer sets on which the two engines disagree."""
    disagreements = []
    for answers in answer_sets:
        if _experta_outcome(reasoner, answers) != _direct_outcome(evaluator, answers):
            disagreements.append(answers)
    return disagreements


def check_engine_agreement(reasoner, evaluator, count, seed=0, out_dir=None):
    started = time.perf_counter()
    answer_sets = random_answer_sets(reasoner.knowledge, count, seed)
    disagreements = compare_engines(reasoner, evaluator, answer_sets)
    figures = {"profiles": count, "seed": seed, "disagreements": len(disagreements),
               "seconds": round(time.perf_counter() - started, 2)}
    findings = []
    for number, answers in enumerate(disagreements[:5]):
        path = write_profile(answers, out_dir, f"engine-disagreement-{number + 1}.yaml", f"engine disagreement {number + 1}") if out_dir else None
        findings.append(Finding("engine-agreement", str(path or reasoner.rules_dir), None,
                                "the direct evaluator and the experta engine reach different conclusions on this profile"
                                + ("" if path else f": {answers}"), "report this as a bug in orgdesign/engine/direct_evaluator.py"))
    return findings, figures


def _experta_outcome(reasoner, answers):
    recorder = TraceRecorder(answers, reasoner.location)
    reasoner.engine.infer(dict(answers), recorder)
    return _outcome(recorder)


def _direct_outcome(evaluator, answers):
    return _outcome(evaluator.infer(answers).trace)


def _outcome(recorder):
    verdict = recorder.verdict
    return recorder.to_json(), verdict.ranking, verdict.beliefs, verdict.mixed_with, verdict.penalty
