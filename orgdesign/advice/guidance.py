"""The management part of a recommendation: practices, risks and actions.

Rules concluded every item; this module merges facts about the same item
(several rules may give different reasons for one practice), keeps the
strongest level or rank, and looks up texts in the knowledge base.
"""
from .provenance import concluded_entries, fact_number, merged_sources, reason, reasons_by

LEVELS = ("high", "medium", "low")


def answer_label(knowledge, question_id, value):
    """The question bank's label for an answer value (the value itself if it has none)."""
    question = knowledge.questions[question_id]
    if value in question.values:
        return question.labels[question.values.index(value)]
    return str(value)


def build_practices(inference, reasoner):
    reasons = reasons_by(inference, reasoner, "practice", "practice")
    return concluded_entries(reasoner.knowledge.practices, reasons, ("name", "text"))


def build_risks(inference, reasoner):
    """The risks concluded, each with its likelihood and impact (low, medium, high) and the overall level.

    A ``risk`` fact gives a weakness with default levels (several rules may
    name one weakness: the higher default stands); a ``risk_factor`` fact
    sets one side from the answers and replaces that side's default.
    """
    knowledge = reasoner.knowledge
    found, factors = {}, {}
    for fact in sorted(inference.facts_of_type("risk"), key=fact_number):
        weakness_id = fact.fields["weakness"]
        text = (f"Likelihood {fact.fields['likelihood']}, impact {fact.fields['impact']}: "
                f"{reasoner.rulebook.rule(fact.origin['rule']).description}")
        found.setdefault(weakness_id, []).append((fact.fields, reason(fact, reasoner, text)))
    for fact in sorted(inference.facts_of_type("risk_factor"), key=fact_number):
        text = f"{fact.fields['side'].capitalize()} {fact.fields['level']}: {reasoner.rulebook.rule(fact.origin['rule']).description}"
        factors.setdefault(fact.fields["weakness"], []).append((fact.fields, reason(fact, reasoner, text)))
    risks = []
    order = list(knowledge.weaknesses)
    for weakness_id, entries in found.items():
        weakness = knowledge.weaknesses[weakness_id]
        sides = {}
        for side in ("likelihood", "impact"):
            set_by = [(f["level"], r) for f, r in factors.get(weakness_id, []) if f["side"] == side]
            chosen = set_by or [(f[side], r) for f, r in entries]
            sides[side] = max(chosen, key=lambda c: knowledge.risk_levels[c[0]]["score"])
        reasons = [r for _, r in entries] + [r for _, r in factors.get(weakness_id, [])]
        risks.append({
            "id": weakness_id,
            "archetype": weakness["archetype"],
            "archetype_name": knowledge.archetypes[weakness["archetype"]]["name"],
            "level": risk_level(knowledge, sides["likelihood"][0], sides["impact"][0]),
            "likelihood": sides["likelihood"][0],
            "impact": sides["impact"][0],
            "likelihood_rule": sides["likelihood"][1]["rule"],
            "impact_rule": sides["impact"][1]["rule"],
            "text": weakness["text"],
            "mitigation": weakness["mitigation"],
            "mitigation_source": list(weakness.get("mitigation_source", [])),
            "mitigation_inference": bool(weakness.get("mitigation_inference", False)),
            "why": reasons,
            "rule": entries[0][1]["rule"],
            "source": merged_sources(reasons),
        })
    scores = {r["id"]: -(knowledge.risk_levels[r["likelihood"]]["score"] + knowledge.risk_levels[r["impact"]]["score"])
              for r in risks}
    risks.sort(key=lambda r: (_level_rank(r["level"]), scores[r["id"]], order.index(r["id"])))
    return risks


def risk_level(knowledge, likelihood, impact):
    """The overall level of a risk from its two sides (knowledge/roadmap.yaml, ``risk_levels``).

    Scores low 0, medium 1, high 2: a sum of 3-4 is high, 2 medium, 0-1 low.
    """
    total = knowledge.risk_levels[likelihood]["score"] + knowledge.risk_levels[impact]["score"]
    return "high" if total >= 3 else "medium" if total == 2 else "low"


def build_actions(inference, reasoner, design_choices):
    knowledge = reasoner.knowledge
    found = {}
    for fact in sorted(inference.facts_of_type("action"), key=fact_number):
        found.setdefault(fact.fields["action"], []).append((fact.fields["rank"], fact_number(fact),
                                                            reason(fact, reasoner, fact.fields["why"])))
    actions = []
    for action_id, entries in found.items():
        entries.sort(key=lambda e: (e[0], e[1]))
        action = knowledge.actions[action_id]
        item = {
            "id": action_id,
            "name": action["name"],
            "text": action["text"],
            "rank": entries[0][0],
            "why": [r for _, _, r in entries],
            "rule": entries[0][2]["rule"],
            "source": merged_sources([r for _, _, r in entries]),
            "dimension": action.get("dimension"),
            "_order": entries[0][1],
        }
        choice = design_choices.get(action.get("dimension"))
        if choice:
            today = answer_label(knowledge, choice["current_question"], choice["current"])
            item["text"] = f"Today: {today}. Recommended: {choice['summary']}. {choice['detail']}"
            item["recommended"] = choice["recommendation"]
            item["current"] = choice["current"]
        actions.append(item)
    actions.sort(key=lambda a: (a["rank"], a["_order"]))
    for item in actions:
        del item["_order"]
    return actions


def _level_rank(level):
    return LEVELS.index(level) if level in LEVELS else len(LEVELS)
