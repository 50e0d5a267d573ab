"""A fast preview of the evidence layer, used only to prune what-if searches.

Evidence rules that test nothing but answers are evaluated here directly
from their conditions, and their certainty factors pooled the way the
engine pools them: per archetype, belief = 1 - product of (1 - cf) over the
positive factors, disbelief the same over the negative ones.  Products make
a change cheap to apply (multiply or divide by the factors of the rules it
switches on or off), so a why-not search can look at tens of thousands of
answer combinations in about a second.  Every combination a search reports
is then confirmed by re-running the real engine: a preview error can cost a
missed candidate, never a false claim.
"""
from ..engine.certainty import combine
from ..questions import UNKNOWN


class EvidencePreview:
    def __init__(self, reasoner, base_answers):
        self.archetypes = list(reasoner.knowledge.archetype_ids())
        slot = {a: i for i, a in enumerate(self.archetypes)}
        self.rules = []          # (answer tests, ((slot index, factor), ...))
        for spec in reasoner.rulebook.rules:
            factors = [dict(a.fields) for a in spec.then if a.fact_type == "evidence"]
            if factors and not spec.fact_tests:
                terms = tuple((2 * slot[f["archetype"]] + (f["cf"] < 0), 1 - abs(f["cf"])) for f in factors)
                self.rules.append((spec.answer_tests, spec.questions_used, terms))
        # A factor of exactly +-1 cannot be divided out again; such rule bases
        # take the slow path of recomputing every product.
        self.exact_only = any(term == 0 for _, _, terms in self.rules for _, term in terms)
        self.base = dict(base_answers)
        self.base_status = [self._fires(tests, self.base) for tests, _, _ in self.rules]
        self.base_products = self._products(self.base_status)
        self.single = {}         # question -> rule indexes that read only that question
        self.joint = {}          # question -> rule indexes that read it with others
        for index, (_, questions, _) in enumerate(self.rules):
            table = self.single if len(questions) == 1 else self.joint
            for question in questions:
                table.setdefault(question, []).append(index)
        self._change_cache = {}

    @staticmethod
    def _fires(tests, answers):
        return all(t.holds(answers.get(t.question, UNKNOWN)) for t in tests)

    def _products(self, status):
        products = [1.0] * (2 * len(self.archetypes))
        for fired, (_, _, terms) in zip(status, self.rules):
            if fired:
                for position, term in terms:
                    products[position] *= term
        return products

    def _apply(self, products, index):
        """Switch rule ``index`` relative to the base: on multiplies its terms in, off divides them out."""
        switched_on = not self.base_status[index]
        for position, term in self.rules[index][2]:
            products[position] = products[position] * term if switched_on else products[position] / term

    def _single_flips(self, question, value):
        key = (question, value)
        if key not in self._change_cache:
            answers = {question: value}
            self._change_cache[key] = [i for i in self.single.get(question, ())
                                       if self._fires(self.rules[i][0], answers) != self.base_status[i]]
        return self._change_cache[key]

    def beliefs(self, changes):
        """Belief per archetype after replacing some answers (a dict question -> value)."""
        answers = dict(self.base, **changes)
        flips = [i for q, v in changes.items() for i in self._single_flips(q, v)]
        joint = sorted({i for q in changes for i in self.joint.get(q, ())})
        flips += [i for i in joint if self._fires(self.rules[i][0], answers) != self.base_status[i]]
        if self.exact_only:
            status = list(self.base_status)
            for i in flips:
                status[i] = not status[i]
            products = self._products(status)
        else:
            products = list(self.base_products)
            for i in flips:
                self._apply(products, i)
        return {a: combine(1 - products[2 * n], -(1 - products[2 * n + 1])) for n, a in enumerate(self.archetypes)}

    def margin(self, changes, target):
        """How far ``target`` leads the best other archetype (negative: behind)."""
        beliefs = self.beliefs(changes)
        return beliefs[target] - max(b for a, b in beliefs.items() if a != target)
