"""The staged roadmap of a recommendation: stages, their actions and charts, and the risk map.

``add_roadmap`` completes a recommendation in place: it adds ``roadmap``
(the stages the rules concluded, each with its goal, actions and chart),
gives every action its stage, owner, effort and dependencies (and orders
the actions by stage, then urgency, so the order agrees with the hiring
plan), and gives every risk its number on the risk map and the stage that
addresses it. Pure data: nothing here loads a drawing library.
"""
from .charts import stage_charts
from .owners import roadmap_owners
from .stages import Placement, stage_facts, stage_origin

__all__ = ["add_roadmap", "RISK_MAP_LEVELS"]

# Rows and columns of the 3x3 risk map, highest first.
RISK_MAP_LEVELS = ("high", "medium", "low")


def add_roadmap(recommendation, inference, reasoner):
    knowledge = reasoner.knowledge
    facts = stage_facts(inference, knowledge)
    if not facts:
        # lint's completeness proof says every profile gets a roadmap; say why there is none if not.
        recommendation["roadmap"] = []
        recommendation["roadmap_owners"] = []
        recommendation["roadmap_note"] = "No roadmap stage was concluded for these answers."
        return recommendation
    stage_ids = [f.fields["stage"] for f in facts]
    placement = Placement(recommendation, inference, reasoner, stage_ids)
    placed = placement.place_actions()
    _complete_actions(recommendation, placement, placed, stage_ids)
    stages = [_stage(fact, index, len(facts), knowledge, reasoner) for index, fact in enumerate(facts)]
    for stage, chart in zip(stages, stage_charts(recommendation, stages, placement)):
        stage["actions"] = [_stage_action(a) for a in recommendation["actions"] if a["stage"] == stage["id"]]
        stage["hires"] = [h["number"] for h in recommendation["hiring"]["plan"]
                          if placement.hire_stages[h["number"]] == stage["number"] - 1]
        stage["chart"] = chart
    recommendation["roadmap"] = stages
    recommendation["roadmap_owners"] = roadmap_owners(recommendation["actions"], inference.profile, knowledge)
    recommendation["roadmap_note"] = None
    _complete_risks(recommendation, knowledge, stage_ids)
    return recommendation


def _stage(fact, index, count, knowledge, reasoner):
    stage = knowledge.roadmap_stages[fact.fields["stage"]]
    goal = knowledge.roadmap_goals[fact.fields["goal"]]
    return {
        "id": stage["id"],
        "number": index + 1,
        "name": stage["name"],
        "horizon_months": list(stage["horizon_months"]),
        "goal": goal["text"],
        "goal_id": goal["id"],
        "goal_name": goal["name"],
        # The last stage ends at the recommended chart, whatever its goal.
        "structure": "recommended" if index == count - 1 else goal["structure"],
        **stage_origin(fact, reasoner),
    }


def _complete_actions(recommendation, placement, placed, stage_ids):
    knowledge = placement.knowledge
    for position, action in enumerate(recommendation["actions"]):
        stage_index, reasons = placed[action["id"]]
        owner_id, kind, status, number = placement.owner(action["id"])
        plan = placement.plan(action["id"])
        action.update({
            "stage": stage_ids[stage_index],
            "stage_name": knowledge.roadmap_stages[stage_ids[stage_index]]["name"],
            "stage_why": "; ".join(reasons),
            "stage_inference": True,
            "owner": owner_id,
            "owner_name": placement.owner_name(owner_id, kind),
            "owner_status": status,
            "owner_hire": number,
            "effort": plan["effort"],
            "depends_on": placement.depends_on(action["id"]),
            "_position": position,
        })
    recommendation["actions"].sort(key=lambda a: (stage_ids.index(a["stage"]), a["rank"], a["_position"]))
    for action in recommendation["actions"]:
        del action["_position"]


def _stage_action(action):
    return {key: action[key] for key in ("id", "name", "owner", "owner_name", "owner_status", "owner_hire",
                                          "effort", "depends_on", "rank", "stage_why")}


def _complete_risks(recommendation, knowledge, stage_ids):
    """Number each risk for the map, and name the stage whose actions address it (else the last)."""
    stage_of = {a["id"]: a["stage"] for a in recommendation["actions"]}
    for number, risk in enumerate(recommendation["risks"], start=1):
        addressing = [a for a in knowledge.risk_actions.get(risk["id"], {}).get("actions", []) if a in stage_of]
        stages = sorted({stage_of[a] for a in addressing}, key=stage_ids.index)
        stage = stages[0] if stages else stage_ids[-1]
        risk.update({
            "number": number,
            "addressed_by": addressing,
            "stage": stage,
            "stage_name": knowledge.roadmap_stages[stage]["name"],
        })
