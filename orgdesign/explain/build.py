"""Assembles an explanation (plain, JSON-ready data) for one profile."""
from .derivation import Derivations
from .describe import Describer
from .sensitivity import sensitivity
from .why_not import why_not

EXPLAIN_VERSION = 1


def explain(profile, reasoner, how=None, why_not_archetype=None):
    """Explain the engine's conclusions for ``profile``.

    Without ``how`` or ``why_not_archetype``: a summary, the derivation of
    every conclusion and the sensitivity analysis.  ``how`` (see
    ``derivation.py`` for the accepted names) selects one conclusion;
    ``why_not_archetype`` asks why that archetype was not concluded.
    """
    inference = reasoner.infer(profile)
    describer = Describer(reasoner)
    derivations = Derivations(inference, describer)
    result = {
        "explain_version": EXPLAIN_VERSION,
        "client": profile.client,
        "profile_digest": profile.digest(),
        "rulebase": {"version": reasoner.version, "digest": reasoner.digest},
        "archetype": _archetype(inference, describer),
    }
    full = how is None and why_not_archetype is None
    if full or how is not None:
        chosen = derivations.conclusions() if how is None else derivations.resolve(how)
        result["conclusions"] = derivations.trees(chosen)
    if full:
        result["sensitivity"] = sensitivity(inference, reasoner, describer)
    if why_not_archetype is not None:
        result["why_not"] = why_not(why_not_archetype, inference, reasoner, describer)
    return result


def _archetype(inference, describer):
    verdict = inference.verdict
    fact = inference.facts_of_type("archetype")[0]
    return {
        "id": verdict.top,
        "name": describer.archetype_name(verdict.top),
        "summary": describer.knowledge.archetypes[verdict.top].get("summary", ""),
        "fact": fact.id,
        "fit": verdict.fits[verdict.top],
        "confidence": verdict.confidence(),
        "provisional": verdict.provisional,
        "mixed_with": verdict.mixed_with,
        "unknown_penalty": verdict.penalty,
        "ranking": [{"id": a, "name": describer.archetype_name(a), "fit": verdict.fits[a]} for a in verdict.ranking],
        "unknown_answers": list(inference.profile.unknown_answers()),
    }
