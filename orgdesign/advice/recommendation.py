"""Assembles the recommendation JSON (keys fixed by DESIGN.md) from an inference.

Everything here is presentation: it looks up names and texts in the
knowledge base for facts the rules concluded, and never decides anything.
"""
from ..orgchart.model import build_chart
from ..orgchart.today import build_today_chart
from ..profile import PROFILE_VERSION
from ..questions import UNKNOWN
from ..roadmap import add_roadmap
from .answer_conflicts import answer_conflicts
from .guidance import answer_label, build_actions, build_practices, build_risks
from .staffing import build_hiring, build_roles
from .wording import confidence_words, fit_words


def build_recommendation(inference, reasoner, confirm=True):
    """The recommendation JSON; ``confirm=False`` skips the what-if search behind ``confirm_first``
    (the linter builds thousands of recommendations and reads no such list)."""
    knowledge = reasoner.knowledge
    profile = inference.profile
    design_choices = _design_choices(inference, knowledge)
    recommendation = {
        "profile_version": PROFILE_VERSION,
        "client": profile.client,
        "interviewed_on": profile.interviewed_on,
        "consultant": profile.consultant,
        "names": profile.names,
        "profile_digest": profile.digest(),
        "rulebase": {"version": reasoner.version, "digest": reasoner.digest},
        "archetype": _archetype(inference, reasoner, confirm),
        "target": _target(inference, knowledge),
        "unknown_answers": _unknown_answers(profile, knowledge),
        "answer_conflicts": _answer_conflicts(inference),
        "design_choices": design_choices,
        "roles": build_roles(inference, reasoner),
        "hiring": build_hiring(inference, reasoner),
        "practices": build_practices(inference, reasoner),
        "risks": build_risks(inference, reasoner),
        "actions": build_actions(inference, reasoner, design_choices),
        "org_chart": build_chart(inference, knowledge),
        "org_chart_today": build_today_chart(inference, knowledge),
    }
    # The roadmap places the actions and hires above in stages (and orders the actions by stage).
    add_roadmap(recommendation, inference, reasoner)
    recommendation["trace"] = inference.trace.to_json()
    return _with_client_names(profile, recommendation)


def _with_client_names(profile, recommendation):
    """Role names as the client calls them (``names.roles`` of the profile) wherever a role is named.

    The charts take units' and roles' own names when they are built
    (orgchart/labels.py); ids never change.
    """
    own = profile.names.get("roles")
    if own:
        hiring = recommendation["hiring"]
        for entries, key in ((recommendation["roles"], "id"), (hiring["plan"], "role"),
                             (hiring["by_role_and_quarter"], "role"), (hiring["roles"], "role"),
                             (hiring["interviews"], "role")):
            for entry in entries:
                entry["name"] = own.get(entry[key], entry["name"])
    return recommendation


def _archetype(inference, reasoner, confirm=True):
    """What the organisation resembles today: fits per archetype, the call, and how sure it is."""
    from ..explain.confirm_first import confirm_first

    knowledge = reasoner.knowledge
    verdict = inference.verdict
    fact = inference.facts_of_type("archetype")[0]
    ranking = [{"id": a, "name": knowledge.archetypes[a]["name"], "fit": verdict.fits[a],
                "fit_words": fit_words(knowledge, verdict.fits[a])} for a in verdict.ranking]
    return {
        "id": verdict.top,
        "name": knowledge.archetypes[verdict.top]["name"],
        "fit": verdict.fits[verdict.top],
        "confidence": verdict.confidence(),
        "confidence_words": confidence_words(knowledge, verdict.confidence()),
        "provisional": verdict.provisional,
        "confirm_first": confirm_first(reasoner, inference.profile.answers, verdict) if confirm else [],
        "ranking": ranking,
        "runner_up": verdict.runner_up,
        "mixed_with": verdict.mixed_with,
        "unknown_penalty": verdict.penalty,
        "fact": fact.id,
    }


def _target(inference, knowledge):
    """The recommended target archetype (rules/target), with why it was chosen."""
    facts = inference.facts_of_type("target")
    if not facts:
        return None  # lint's completeness proof says every profile gets one
    fact = facts[0]
    target_id = fact.fields["id"]
    rule = fact.origin["rule"]
    return {
        "id": target_id,
        "name": knowledge.archetypes[target_id]["name"],
        "same_as_today": target_id == inference.verdict.top,
        "why": [fact.fields["why"]],
        "rule": rule,
        "fact": fact.id,
    }


def _answer_conflicts(inference):
    """Pairs of answers that cannot both hold (rules/advice/answer_conflicts.yaml), in the order concluded."""
    return [{"questions": [fact.fields["first"], fact.fields["second"]], "text": fact.fields["why"],
             "rule": fact.origin["rule"], "fact": fact.id} for fact in inference.facts_of_type("answer_conflict")]


def _unknown_answers(profile, knowledge):
    weights = knowledge.inference.get("unknown_penalty", {}).get("weights", {})
    unknown = [q for q in profile.unknown_answers()]
    unknown.sort(key=lambda q: (-weights.get(q, 0), knowledge.questions.ids.index(q)))
    return [{"question": q, "weight": weights.get(q, 0)} for q in unknown]


def _design_choices(inference, knowledge):
    choices = {}
    for fact in inference.facts_of_type("design_choice"):
        dimension_id = fact.fields["dimension"]
        if dimension_id in choices:
            continue  # lint reports conflicting rules; the first conclusion stands
        dimension = knowledge.design_dimensions[dimension_id]
        position = knowledge.design_positions[fact.fields["position"]]
        rule = fact.origin["rule"]
        current = inference.profile.answer(dimension["current_answer"])
        stance = position["stance"]
        # Only a recommended position with one value can be a gap; a trade-off is managed, not aimed at.
        comparable = stance == "recommended" and position["value"] is not None
        choices[dimension_id] = {
            "name": dimension["name"],
            "recommendation": position["id"],
            "value": position["value"],
            "stance": stance,
            "summary": position["summary"],
            "detail": position["detail"],
            "current": current,
            "current_label": answer_label(knowledge, dimension["current_answer"], current),
            "current_question": dimension["current_answer"],
            "gap": (None if current == UNKNOWN else current != position["value"]) if comparable else False,
            "rule": rule,
            "source": list(position.get("source", [])),
            "inference": bool(position.get("inference", False)),
            "fact": fact.id,
        }
        if stance == "trade_off":
            choices[dimension_id]["risk"] = position["risk"]
            choices[dimension_id]["manage"] = position["manage"]
            choices[dimension_id]["manage_inference"] = bool(position.get("manage_inference", False))
    return {d: choices[d] for d in knowledge.design_dimensions if d in choices}


def build_headline(inference, reasoner):
    """The client, archetype and design choices alone, as in the full recommendation.

    ``orgdesign batch --summary-only`` needs no more than this, and skips
    assembling the advice layers and the trace for thousands of profiles.
    """
    knowledge = reasoner.knowledge
    return {
        "client": inference.profile.client,
        "archetype": _archetype(inference, reasoner),
        "target": _target(inference, knowledge),
        "design_choices": _design_choices(inference, knowledge),
        # The smaller engine leaves the conflict rules out; they read answers alone, so check them here.
        "answer_conflicts": answer_conflicts(reasoner.rulebook, inference.profile.answers),
    }
