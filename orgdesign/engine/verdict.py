"""The verdict: how well each archetype fits, which one wins, and how sure we are.

Two numbers, kept apart because they answer different questions
(knowledge/inference.yaml documents both and holds every setting):

- **fit** (0..1, per archetype): how well the client's answers match the
  archetype.  Evidence arrives per *trait* of the client (where ML happens,
  whom it reports to, ...).  Within one trait only the strongest factor for
  and the strongest against count, so rules that read the same trait do not
  add up (correlated evidence counts once).  The archetype's *defining
  traits* (knowledge/archetypes.yaml) carry fixed weights, so a defining
  trait that is present or absent moves the fit by a known amount; the other
  traits are pooled with MYCIN's formula into a bounded supporting share.
- **confidence** (0..1, top archetype only): how sure we are that the top
  archetype is the right call.  It is low when the runner-up nearly ties,
  when even the best fit is weak, and when answers are unknown.

Fits are not probabilities: they need not add up to 1, and reports say
them in words.

>>> settings = {"support_weight": 0.25, "confidence": {"full_separation": 0.3, "full_fit": 0.6},
...             "mixed_margin": 0.15, "provisional_below": 0.6}
>>> defining = {"a": {"where": 0.75}, "b": {"where": 0.75}}
>>> v = Verdict.from_factors({"a": [("where", 1.0)], "b": [("where", 0.2)]}, {}, settings, defining)
>>> v.top, v.fits["a"], v.fits["b"], v.confidence(v.top)
('a', 0.75, 0.15, 1.0)
>>> tie = Verdict.from_factors({"a": [("where", 0.8)], "b": [("where", 0.8)]}, {}, settings, defining)
>>> tie.confidence(tie.top) <= 0.5, tie.mixed_with
(True, 'b')
"""
from ..questions import UNKNOWN
from .certainty import combine_all

# Fits and confidences are rounded once, here, so every comparison (mixed or
# not, which archetype leads) is made on the numbers a reader sees.
DIGITS = 4


def trait_matches(factors):
    """Per trait, the strongest factor for minus the strongest against (-1..1).

    >>> trait_matches([("where", 0.6), ("where", 0.8), ("where", -0.3), ("size", 0.1)])
    {'where': 0.5, 'size': 0.1}
    """
    strongest = {}
    for trait, cf in factors:
        best_for, best_against = strongest.get(trait, (0.0, 0.0))
        strongest[trait] = (max(best_for, cf), min(best_against, cf))
    return {trait: round(best_for + best_against, 10) for trait, (best_for, best_against) in strongest.items()}


def fit_of(factors, defining, support_weight):
    """One archetype's fit from its ``(trait, cf)`` factors.

    Defining traits add ``weight x match``; the other traits' matches pool
    with MYCIN into at most ``support_weight``.  The sum is held to 0..1.
    """
    matches = trait_matches(factors)
    defined = 0.0
    for trait, weight in defining.items():
        if trait in matches:
            defined += weight * matches[trait]
    supporting = combine_all([m for trait, m in matches.items() if trait not in defining])
    return round(min(1.0, max(0.0, defined + support_weight * supporting)), DIGITS)


class Verdict:
    """The fits, the ranking, the top archetype, its runner-up and the confidence."""

    def __init__(self, fits, order, penalty, settings, refines=None, defining_unknown=()):
        self.fits = fits
        self.penalty = penalty
        self.settings = settings
        self.ranking = sorted(order, key=lambda a: (-fits[a], order.index(a)))
        self.top = self.ranking[0]
        self.runner_up = self.ranking[1] if len(self.ranking) > 1 else None
        self.separation = round(fits[self.top] - fits[self.runner_up], DIGITS) if self.runner_up else fits[self.top]
        refinement = self.runner_up in (refines or {}).get(self.top, ())
        close = (self.runner_up is not None and fits[self.runner_up] > 0
                 and self.separation <= settings.get("mixed_margin", 0))
        # ML-first contains a central division: that runner-up refines the call, it is not a mix.
        self.mixed_with = self.runner_up if close and not refinement else None
        # Questions behind the top archetype's defining traits that are unknown.
        self.defining_unknown = tuple(defining_unknown)

    @classmethod
    def from_factors(cls, factors, answers, settings, defining, traits=None, refines=None):
        """``factors``: archetype -> [(trait, cf)]; ``defining``: archetype -> {trait: weight}."""
        support = settings.get("support_weight", 0.25)
        fits = {a: fit_of(f, defining.get(a, {}), support) for a, f in factors.items()}
        penalty_settings = settings.get("unknown_penalty", {})
        weights = penalty_settings.get("weights", {})
        penalty = sum(weights.get(q, 0) for q, v in answers.items() if v == UNKNOWN)
        penalty = min(penalty_settings.get("cap", 1.0), penalty)
        verdict = cls(fits, list(factors), round(penalty, 10), settings, refines)
        questions = (traits or {})
        verdict.defining_unknown = tuple(q for trait in defining.get(verdict.top, {}) for q in questions.get(trait, ())
                                         if answers.get(q, UNKNOWN) == UNKNOWN)
        return verdict

    # Older callers speak of beliefs; the number is the fit.
    @property
    def beliefs(self):
        return self.fits

    def confidence(self, archetype=None):
        """How sure the call for the top archetype is (0 for any other archetype)."""
        if archetype is not None and archetype != self.top:
            return 0.0
        scale = self.settings.get("confidence", {})
        full_separation = scale.get("full_separation", 0.3)
        full_fit = scale.get("full_fit", 0.6)
        separation = 0.5 + 0.5 * min(1.0, max(0.0, self.separation) / full_separation)
        strength = min(1.0, self.fits[self.top] / full_fit)
        return round(separation * strength * (1 - self.penalty), DIGITS)

    @property
    def provisional(self):
        """Too unsure, or a defining answer of the top archetype is unknown: confirm before acting."""
        return self.confidence() < self.settings.get("provisional_below", 0.6) or bool(self.defining_unknown)

    def fact_fields(self):
        return {
            "id": self.top,
            "fit": self.fits[self.top],
            "confidence": self.confidence(),
            "mixed_with": self.mixed_with or "none",
        }
