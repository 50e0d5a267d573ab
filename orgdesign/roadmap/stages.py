"""The roadmap's stages, and where each action and hire lands in them.

The rules decide which stages a roadmap has and the goal of each (``roadmap``
facts, rules/roadmap/); this module places what other layers concluded:

- a hire of this year's plan lands in the stage whose horizon holds the end
  of its quarter (knowledge/roadmap.yaml); a role to staff later, in the
  last stage;
- an action starts in the stage its urgency gives (the client's most
  urgent rank in the first stage, the next rank in the second, ...; an
  action that settles how the recommended structure works, in the last;
  one the hires wait for (a budget, a learning culture that attracts
  them), no later than the plan's first hire);
  it waits for the stage in which its owner is hired (when the owner is a
  role nobody holds today) and for the stages of the actions it depends
  on; an action that appoints a role lands in the stage the plan hires it. Owners, efforts
  and dependencies are data (``action_plan`` in knowledge/roadmap.yaml).

The placement is arithmetic over concluded facts, like the hiring plan's
quarters; the order it gives is our inference and the output says so.
"""
from ..advice.provenance import fact_number, origin
from ..questions import UNKNOWN

DEFAULT_PLAN = {"effort": "medium", "owner": ["ml_lead"]}


def stage_facts(inference, knowledge):
    """The concluded ``roadmap`` facts in stage order, one per stage (the first concluded stands)."""
    found = {}
    for fact in sorted(inference.facts_of_type("roadmap"), key=fact_number):
        found.setdefault(fact.fields["stage"], fact)
    return [found[s] for s in knowledge.roadmap_stages if s in found]


def hire_stage(quarter, stages, knowledge):
    """The index of the stage a hire of ``quarter`` (1-4) lands in: the first whose horizon holds the quarter's end.

    >>> class K: roadmap_stages = {"now": {"horizon_months": [0, 3]}, "next": {"horizon_months": [3, 12]}}
    >>> [hire_stage(q, ["now", "next"], K) for q in (1, 2, 4)]
    [0, 1, 1]

    A hire past the last stage's horizon lands in the last stage:

    >>> [hire_stage(q, ["now"], K) for q in (1, 4)]
    [0, 0]
    """
    for index, stage_id in enumerate(stages):
        if knowledge.roadmap_stages[stage_id]["horizon_months"][1] >= 3 * quarter:
            return index
    return len(stages) - 1


class Placement:
    """Where the hires and actions of one recommendation land among its stages."""

    def __init__(self, recommendation, inference, reasoner, stages):
        self.knowledge = reasoner.knowledge
        self.stages = stages
        self.last = len(stages) - 1
        present = inference.profile.answer("roles_present")
        self.present = set() if present == UNKNOWN else set(present) - {"none"}
        self.hire_stages = {h["number"]: hire_stage(h["quarter"], stages, self.knowledge)
                            for h in recommendation["hiring"]["plan"]}
        self.first_hire = {}
        for hire in recommendation["hiring"]["plan"]:
            self.first_hire.setdefault(hire["role"], hire)
        self.actions = {a["id"]: a for a in recommendation["actions"]}
        # The client's most urgent actions start in the first stage, whatever their rank.
        self.most_urgent = min((a["rank"] for a in recommendation["actions"]), default=1)

    def role_stage(self, role_id):
        """The stage from which ``role_id`` is on staff: 0 when it is today, its first hire's stage, else the last."""
        if role_id in self.present:
            return 0
        hire = self.first_hire.get(role_id)
        return self.hire_stages[hire["number"]] if hire else self.last

    def owner(self, action_id):
        """``(owner id, kind, status, hire number or None)`` for an action."""
        plan = self.plan(action_id)
        for candidate in plan["owner"]:
            if candidate in self.knowledge.roles:
                if candidate in self.present:
                    return candidate, "role", "present", None
                if candidate in self.first_hire:
                    return candidate, "role", "to_hire", self.first_hire[candidate]["number"]
            elif candidate in self.knowledge.roadmap_leads:
                return candidate, "lead", "lead", None
        return "ml_lead", "lead", "lead", None

    def plan(self, action_id):
        return self.knowledge.action_plan.get(action_id, DEFAULT_PLAN)

    def place_actions(self):
        """Action id -> ``(stage index, [reasons])``, each action no earlier than what it waits for."""
        placed = {}
        stage_names = [self.knowledge.roadmap_stages[s]["name"] for s in self.stages]

        def place(action_id, visiting=()):
            if action_id in placed:
                return placed[action_id][0]
            action = self.actions[action_id]
            plan = self.plan(action_id)
            stage = urgent_stage = min(action["rank"] - self.most_urgent, self.last)
            reasons = [f"{_urgency_words(action['rank'] - self.most_urgent)}, so {stage_names[stage]}"]
            if plan.get("with_first_hire") and self.hire_stages:
                first = min(self.hire_stages.values())
                if first < stage:
                    stage = first
                    reasons.append(f"the plan's hires wait for it, so it starts with the first of them in {stage_names[stage]}")
            if plan.get("last_stage") and stage < self.last:
                stage = self.last
                reasons.append(f"it settles how the recommended structure works, so {stage_names[stage]}")
            owner_id, kind, status, number = self.owner(action_id)
            if status == "to_hire":
                owner_stage = self.hire_stages[number]
                if owner_stage > stage:
                    stage = owner_stage
                    reasons.append(f"its owner, the {self.role_name(owner_id)}, is hire {number} of the plan, "
                                   f"so {stage_names[owner_stage]}")
            hires = plan.get("hires")
            if hires:
                # An action that appoints a role happens when the plan hires it, neither before nor after.
                stage = self.role_stage(hires)
                hire = self.first_hire.get(hires)
                reasons = [f"the {self.role_name(hires)} it appoints is "
                           + (f"hire {hire['number']} of the plan" if hire else "not in this year's plan")
                           + f", so {stage_names[stage]}"]
            for dependency in self.depends_on(action_id):
                if dependency in visiting:
                    continue  # a cycle in the data (tests/test_roadmap.py holds the shipped data free of them)
                before = place(dependency, visiting + (action_id,))
                if before > stage:
                    stage = before
                    reasons.append(f"it waits for “{self.actions[dependency]['name']}”, so {stage_names[before]}")
            if len(reasons) > 1 and not hires:
                # A later reason moved it: say where urgency alone would have put it, then what moved it.
                reasons[0] = f"on urgency alone it would be in {stage_names[urgent_stage]}"
            placed[action_id] = (min(stage, self.last), reasons)
            return placed[action_id][0]

        for action_id in self.actions:
            place(action_id)
        return placed

    def depends_on(self, action_id):
        """The actions of this recommendation that ``action_id`` waits for."""
        return [d for d in self.plan(action_id).get("depends_on", []) if d in self.actions]

    def role_name(self, role_id):
        return self.knowledge.roles[role_id]["name"]

    def owner_name(self, owner_id, kind):
        if kind == "role":
            return self.role_name(owner_id)
        return self.knowledge.roadmap_leads[owner_id]["name"]


def stage_origin(fact, reasoner):
    """The fact, rule, sources and inference flag behind one stage."""
    return origin(fact, reasoner)


def _urgency_words(steps_below_most_urgent):
    """How urgent an action is beside this client's most urgent ones, in words a client reads."""
    if steps_below_most_urgent <= 0:
        return "one of the most urgent actions"
    if steps_below_most_urgent == 1:
        return "less urgent than the first actions"
    return "among the least urgent actions"
