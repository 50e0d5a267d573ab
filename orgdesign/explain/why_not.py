"""WHY-NOT: why an archetype was not concluded, and the least that would change it.

Two parts:
- every rule that gives the archetype positive evidence: fired, or which of
  its conditions failed against which answers;
- the smallest set of answer changes (1, then 2, then 3 answers) that makes
  it the top archetype.  Candidates come from the values the rules can tell
  apart (``alternatives.py``), are ranked by a fast preview of the evidence
  layer (``evidence_model.py``), and only those the real engine confirms are
  reported.
"""
from itertools import combinations, product

from ..engine.conditions import AnswerTest
from ..questions import UNKNOWN
from .alternatives import AnswerSpace, Change, describe_change, edit_size
from .describe import jsonable
from .evidence_model import EvidencePreview

MAX_CHANGES = 3
# Alternatives of the same size reported beside the best one.
MAX_ALTERNATIVES = 3
# Engine confirmations tried per size before giving up on that size; the
# preview is exact for the shipped rules, so this is a guard, not a limit.
MAX_CONFIRMATIONS = 30


def why_not(target, inference, reasoner, describer):
    verdict = inference.verdict
    profile = inference.profile
    result = {
        "archetype": target,
        "name": describer.archetype_name(target),
        "is_top": verdict.top == target,
        "belief": verdict.beliefs[target],
        "confidence": verdict.confidence(target),
        "top": verdict.top,
        "top_belief": verdict.beliefs[verdict.top],
        "supporting_rules": _supporting_rules(target, inference, reasoner, describer),
        "evidence_against": _evidence_against(target, inference, describer),
    }
    result["smallest_change"] = None if verdict.top == target else _smallest_change(target, profile, reasoner, describer)
    return result


def _supporting_rules(target, inference, reasoner, describer):
    fired = {f.rule for f in inference.trace.firings}
    answers = inference.profile.answers
    rules = []
    for spec in reasoner.rulebook.rules:
        cfs = [dict(a.fields).get("cf") for a in spec.then
               if a.fact_type == "evidence" and dict(a.fields).get("archetype") == target]
        if not any(cf is not None and cf > 0 for cf in cfs):
            continue
        entry = {**describer.rule_info(spec.id), "cf": max(cfs), "fired": spec.id in fired, "failed": []}
        if not entry["fired"]:
            entry["failed"] = [_failed_condition(test, answers, describer, inference) for test in spec.when
                               if not _condition_holds(test, answers, inference)]
        rules.append(entry)
    rules.sort(key=lambda r: (not r["fired"], -r["cf"], r["file"], r["line"]))
    return rules


def _condition_holds(test, answers, inference):
    if isinstance(test, AnswerTest):
        return test.holds(answers.get(test.question, UNKNOWN))
    present = any(test.matches(f.fields) for f in inference.trace.facts_of_type(test.fact_type))
    return present != test.negated


def _failed_condition(test, answers, describer, inference):
    if isinstance(test, AnswerTest):
        value = answers.get(test.question, UNKNOWN)
        return {"condition": test.describe(), "question": test.question, "answer": jsonable(value),
                "answer_text": describer.value_label(test.question, value)}
    found = [f.id for f in inference.trace.facts_of_type(test.fact_type) if test.matches(f.fields)]
    return {"condition": test.describe(), "facts": found}


def _evidence_against(target, inference, describer):
    against = []
    for fact in inference.trace.facts_of_type("evidence"):
        if fact.fields["archetype"] == target and fact.fields["cf"] < 0:
            info = describer.rule_info(fact.origin["rule"])
            against.append({"fact": fact.id, "cf": fact.fields["cf"], "rule": info["rule"], "title": info["title"],
                            "file": info["file"], "line": info["line"]})
    against.sort(key=lambda e: (e["cf"], e["fact"]))
    return against


def _smallest_change(target, profile, reasoner, describer):
    space = AnswerSpace(reasoner)
    preview = EvidencePreview(reasoner, profile.answers)
    options = {q: [Change(q, v) for v in space.alternatives(q, profile.answer(q))] for q in space.tested_questions()}
    questions = [q for q in options if options[q]]
    searched = 0
    for size in range(1, MAX_CHANGES + 1):
        scored = []
        for chosen in combinations(questions, size):
            for combo in product(*(options[q] for q in chosen)):
                searched += 1
                margin = preview.margin({c.question: c.value for c in combo}, target)
                if margin >= -1e-9:
                    cost = sum(edit_size(profile.answer(c.question), c.value) for c in combo)
                    scored.append((cost, -margin, [(c.question, str(c.value)) for c in combo], combo))
        scored.sort(key=lambda s: s[:3])
        confirmed = _confirm(scored, target, profile, reasoner, describer)
        if confirmed:
            return {"found": True, "size": size, "searched": searched, "max_size": MAX_CHANGES,
                    "best": confirmed[0], "alternatives": confirmed[1:]}
    return {"found": False, "size": None, "searched": searched, "max_size": MAX_CHANGES,
            "best": None, "alternatives": []}


def _confirm(scored, target, profile, reasoner, describer):
    confirmed = []
    for *_, combo in scored[:MAX_CONFIRMATIONS]:
        changed = profile.with_answers(**{c.question: c.value for c in combo})
        verdict = reasoner.infer_verdict(changed).verdict
        if verdict.top != target:
            continue
        confirmed.append({
            "changes": [{"question": c.question, "from": jsonable(profile.answer(c.question)), "to": jsonable(c.value),
                         "text": describe_change(describer, c, profile.answer(c.question))} for c in combo],
            "belief": verdict.beliefs[target],
            "confidence": verdict.confidence(target),
            "runner_up": verdict.runner_up,
        })
        if len(confirmed) == MAX_ALTERNATIVES:
            break
    return confirmed
