"""CONFIRM FIRST: the answers whose value could change a provisional verdict.

A provisional recommendation (too unsure, or a defining answer unknown)
leads with the questions to confirm before anyone acts on it.  A question is
listed when some other answer to it would change the top archetype, or when
it is unknown and sits behind one of the top archetype's defining traits.
The most influential come first: the answer that would leave the top
archetype furthest behind.

The evidence preview decides which answers flip the verdict; it applies the
same rules and the same fit code as the engine, to the evidence layer only
(which alone decides the verdict).
"""
from ..questions import UNKNOWN
from .alternatives import AnswerSpace
from .evidence_model import EvidencePreview


def confirm_first(reasoner, answers, verdict):
    """Question ids to confirm first, most influential first (empty unless provisional)."""
    if not verdict.provisional:
        return []
    preview = EvidencePreview(reasoner, answers)
    space = AnswerSpace(reasoner)
    influence = {}
    for question in space.tested_questions():
        current = answers.get(question, UNKNOWN)
        for value in space.alternatives(question, current):
            fits = preview.beliefs({question: value})
            lead = max(f for a, f in fits.items() if a != verdict.top) - fits[verdict.top]
            if lead > 0:
                influence[question] = max(influence.get(question, 0.0), lead)
    for question in verdict.defining_unknown:
        influence.setdefault(question, 0.0)
    order = {q: i for i, q in enumerate(reasoner.knowledge.questions.ids)}
    return sorted(influence, key=lambda q: (-round(influence[q], 4), order[q]))
