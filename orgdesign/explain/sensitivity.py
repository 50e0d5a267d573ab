"""SENSITIVITY: which single answers decide the top archetype.

For every answer the rules test, each value the rules can tell apart (and
``unknown``) is tried; an answer matters when some such value changes the
top archetype.  Unknown answers are reported apart: they are the questions
worth asking next.

Only the evidence layer decides the top archetype, so each value is first
tried on the evidence preview (the same rules and fit code, without the
later layers); every change the preview finds is then confirmed by
re-running the engine on the evidence layer (``Reasoner.infer_verdict``:
the real engine, compiled from only the rules the verdict rests on), which
gives the numbers reported.  A consultant asks
"why?" live, and this keeps the answer well under a second.
"""
from ..questions import UNKNOWN
from .alternatives import AnswerSpace, Change, change_phrase, describe_change
from .describe import jsonable
from .evidence_model import EvidencePreview


def sensitivity(inference, reasoner, describer):
    profile = inference.profile
    top = inference.verdict.top
    space = AnswerSpace(reasoner)
    preview = EvidencePreview(reasoner, profile.answers)
    known, unknown, runs = [], [], 0
    for question in space.tested_questions():
        current = profile.answer(question)
        flips = []
        for value in space.alternatives(question, current, include_unknown=True):
            if preview.verdict({question: value}).top == top:
                continue
            runs += 1
            verdict = reasoner.infer_verdict(profile.with_answers(**{question: value})).verdict
            if verdict.top != top:
                flips.append({"to": jsonable(value), "text": describe_change(describer, Change(question, value), current),
                              "phrase": change_phrase(describer, Change(question, value), current),
                              "top": verdict.top, "top_name": describer.archetype_name(verdict.top),
                              "confidence": verdict.confidence(verdict.top)})
        if flips:
            entry = {"question": question, "question_text": describer.question_text(question),
                     "question_type": reasoner.knowledge.questions[question].type,
                     "answer": jsonable(current), "answer_text": describer.value_label(question, current), "flips": flips}
            (unknown if current == UNKNOWN else known).append(entry)
    return {"top": top, "engine_runs": runs, "answers": known, "unknown_answers": unknown}

