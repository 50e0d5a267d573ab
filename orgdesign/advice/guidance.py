"""The management part of a recommendation: practices, risks and actions.

Rules concluded every item; this module merges facts about the same item
(several rules may give different reasons for one practice), keeps the
strongest level or rank, and looks up texts in the knowledge base.
"""
from .provenance import concluded_entries, fact_number, merged_sources, reason, reasons_by

LEVELS = ("high", "medium")


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
    knowledge = reasoner.knowledge
    found = {}
    for fact in sorted(inference.facts_of_type("risk"), key=fact_number):
        weakness_id = fact.fields["weakness"]
        text = f"Level {fact.fields['level']}: {reasoner.rulebook.rule(fact.origin['rule']).description}"
        found.setdefault(weakness_id, []).append((fact.fields["level"], reason(fact, reasoner, text)))
    risks = []
    order = list(knowledge.weaknesses)
    for weakness_id, entries in found.items():
        weakness = knowledge.weaknesses[weakness_id]
        level = min((level for level, _ in entries), key=_level_rank)
        reasons = [r for _, r in entries]
        risks.append({
            "id": weakness_id,
            "archetype": weakness["archetype"],
            "archetype_name": knowledge.archetypes[weakness["archetype"]]["name"],
            "level": level,
            "text": weakness["text"],
            "mitigation": weakness["mitigation"],
            "mitigation_source": list(weakness.get("mitigation_source", [])),
            "mitigation_inference": bool(weakness.get("mitigation_inference", False)),
            "why": reasons,
            "rule": next(r["rule"] for lv, r in entries if lv == level),
            "source": merged_sources(reasons),
        })
    risks.sort(key=lambda r: (_level_rank(r["level"]), order.index(r["id"])))
    return risks


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
