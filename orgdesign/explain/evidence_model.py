"""A fast preview of the evidence layer, for what-if searches.

Evidence rules test nothing but answers, so which of them fire for changed
answers can be decided here directly from their conditions, and the verdict
recomputed with the engine's own fit and confidence code
(``KnowledgeBase.verdict_from``).  Only the rules that read a changed
question are re-tested, so a search can try thousands of answer
combinations.  Whatever a search reports to a reader is confirmed by the
real engine first: a preview error could cost a missed candidate, never a
false claim.
"""
from ..questions import UNKNOWN


class EvidencePreview:
    def __init__(self, reasoner, base_answers):
        self.knowledge = reasoner.knowledge
        self.archetypes = list(self.knowledge.archetype_ids())
        self.rules = []          # (answer tests, questions read, ((archetype, trait, cf), ...))
        for spec in reasoner.rulebook.rules:
            terms = tuple((f["archetype"], f["trait"], f["cf"])
                          for f in (dict(a.fields) for a in spec.then if a.fact_type == "evidence"))
            if terms and not spec.fact_tests:
                self.rules.append((spec.answer_tests, spec.questions_used, terms))
        self.base = {q: base_answers.get(q, UNKNOWN) for q in self.knowledge.questions.ids}
        self.base_status = [self._fires(tests, self.base) for tests, _, _ in self.rules]
        self.readers = {}        # question -> indexes of the rules that read it
        for index, (_, questions, _) in enumerate(self.rules):
            for question in questions:
                self.readers.setdefault(question, []).append(index)

    @staticmethod
    def _fires(tests, answers):
        return all(t.holds(answers.get(t.question, UNKNOWN)) for t in tests)

    def verdict(self, changes):
        """The verdict after replacing some answers (a dict question -> value)."""
        return self.knowledge.verdict_from(self._factors(changes), dict(self.base, **changes))

    def _factors(self, changes):
        answers = dict(self.base, **changes)
        status = list(self.base_status)
        for index in {i for q in changes for i in self.readers.get(q, ())}:
            status[index] = self._fires(self.rules[index][0], answers)
        factors = {a: [] for a in self.archetypes}
        for fired, (_, _, terms) in zip(status, self.rules):
            if fired:
                for archetype, trait, cf in terms:
                    factors[archetype].append((trait, cf))
        return factors

    def beliefs(self, changes):
        """Fit per archetype after the changes."""
        return self.knowledge.fits_from(self._factors(changes))

    def margin(self, changes, target):
        """How far ``target`` leads the best other archetype (negative: behind)."""
        fits = self.beliefs(changes)
        return fits[target] - max(b for a, b in fits.items() if a != target)
