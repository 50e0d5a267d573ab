"""Check: the direct evaluator and the experta engine agree.

Both run the same seeded random answer sets; they agree when they record
the same trace (every fact, every firing, in order) and the same verdict
(ranking and beliefs).  The completeness proof relies on the direct
evaluator, so this is what makes the proof a statement about the product.
"""
import multiprocessing
import os
import time

from ..engine.trace import TraceRecorder
from .completeness import write_profile
from .findings import Finding
from .random_profiles import random_answer_sets


def compare_engines(reasoner, evaluator, answer_sets, processes=1):
    """The answer sets on which the two engines disagree.

    experta takes most of the time, so with ``processes`` > 1 the sets are
    shared among forked workers, each holding a copy of the built engines.
    """
    if processes > 1 and len(answer_sets) > 1 and "fork" in multiprocessing.get_all_start_methods():
        global _WORKER_ENGINES
        _WORKER_ENGINES = (reasoner, evaluator)
        chunks = [answer_sets[i::processes] for i in range(processes)]
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            results = pool.map(_compare_chunk, chunks)
        _WORKER_ENGINES = None
        return [answers for chunk in results for answers in chunk]
    return [answers for answers in answer_sets
            if _experta_outcome(reasoner, answers) != _direct_outcome(evaluator, answers)]


def default_processes():
    return max(1, min(2, os.cpu_count() or 1))


def check_engine_agreement(reasoner, evaluator, count, seed=0, out_dir=None):
    started = time.perf_counter()
    answer_sets = random_answer_sets(reasoner.knowledge, count, seed)
    disagreements = compare_engines(reasoner, evaluator, answer_sets, default_processes())
    figures = {"profiles": count, "seed": seed, "disagreements": len(disagreements),
               "seconds": round(time.perf_counter() - started, 2)}
    findings = []
    for number, answers in enumerate(disagreements[:5]):
        path = write_profile(answers, out_dir, f"engine-disagreement-{number + 1}.yaml", f"engine disagreement {number + 1}") if out_dir else None
        findings.append(Finding("engine-agreement", str(path or reasoner.rules_dir / "rulebase.yaml"), 1,
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


# The engines a forked worker inherits from its parent (set just before forking).
_WORKER_ENGINES = None


def _compare_chunk(answer_sets):
    reasoner, evaluator = _WORKER_ENGINES
    return compare_engines(reasoner, evaluator, answer_sets)
