"""The staffing part of a recommendation: roles, hiring plan, interview loops.

The rules decide (which roles, in which order, reporting where, checked how);
this module gathers their facts, merges facts about the same role and looks
up names and texts in the knowledge base.  The one piece of arithmetic is the
size of the plan: it holds exactly ``planned_ml_hires`` places, taken from the
concluded hiring sequence in order, starting the sequence again if the
budget is larger than the sequence.
"""
from ..questions import UNKNOWN
from .provenance import concluded_entries, fact_number, merged_sources, origin, reason, reasons_by


def build_roles(inference, reasoner):
    knowledge = reasoner.knowledge
    present = inference.profile.answer("roles_present")
    needs = {}
    for fact in sorted(inference.facts_of_type("role_need"), key=fact_number):
        role_id = fact.fields["role"]
        needs.setdefault(role_id, []).append((fact.fields["priority"], reason(fact, reasoner, fact.fields["why"])))
    roles = []
    for role_id, entries in needs.items():
        role = knowledge.roles[role_id]
        entries.sort(key=lambda e: e[0])
        reasons = [r for _, r in entries]
        roles.append({
            "id": role_id,
            "name": role["name"],
            "priority": entries[0][0],
            "present": None if present == UNKNOWN else role_id in present,
            "does": role["does"],
            "skills": dict(role["skills"]),
            "background": role["background"],
            "why": reasons,
            "rule": reasons[0]["rule"],
            "source": list(dict.fromkeys(merged_sources(reasons) + list(role.get("source", [])))),
        })
    # Equal priorities keep the order in which the rules concluded them.
    roles.sort(key=lambda r: (r["priority"], int(r["why"][0]["fact"].split("-")[1])))
    return roles


def build_hiring(inference, reasoner):
    knowledge = reasoner.knowledge
    planned = inference.profile.answer("planned_ml_hires")
    sequence = sorted(inference.facts_of_type("hire"), key=lambda f: (f.fields["order"], fact_number(f)))
    count = len(sequence) if planned == UNKNOWN else planned
    plan = []
    for index in range(count if sequence else 0):
        fact = sequence[index % len(sequence)]
        role_id = fact.fields["role"]
        plan.append(dict(
            number=index + 1,
            role=role_id,
            name=knowledge.roles[role_id]["name"],
            reports_to=fact.fields["reports_to"],
            repeat_of=index % len(sequence) + 1 if index >= len(sequence) else None,
            **origin(fact, reasoner),
        ))
    hired_roles = list(dict.fromkeys(entry["role"] for entry in plan))
    return {
        "planned_hires": planned,
        "count": len(plan),
        "sequence_length": len(sequence),
        "plan": plan,
        "roles": [_role_guidance(knowledge, r) for r in hired_roles],
        "attraction": _attraction(inference, reasoner),
        "interviews": [_interview_loop(inference, reasoner, r) for r in hired_roles],
    }


def _role_guidance(knowledge, role_id):
    entry = knowledge.hiring_roles.get(role_id, {})
    return {
        "role": role_id,
        "name": knowledge.roles[role_id]["name"],
        "channels": [knowledge.channels[c]["name"] for c in entry.get("channels", [])],
        "look_for": list(entry.get("look_for", [])),
        "source": list(entry.get("source", [])),
        "inference": bool(entry.get("inference", False)),
    }


def _attraction(inference, reasoner):
    reasons = reasons_by(inference, reasoner, "attraction", "lever")
    return concluded_entries(reasoner.knowledge.attraction_levers, reasons, ("name", "candidates_want", "company_offers"))


def _interview_loop(inference, reasoner, role_id):
    knowledge = reasoner.knowledge
    facts = {}
    for fact in sorted(inference.facts_of_type("interview_focus"), key=fact_number):
        if fact.fields["role"] == role_id:
            facts.setdefault(fact.fields["check"], fact)
    checks = []
    for check_id, fact in facts.items():
        check = knowledge.interview_checks[check_id]
        checks.append(dict(
            id=check_id,
            kind=check["kind"],
            text=check["text"],
            assessments=[knowledge.assessments[a]["name"] for a in check["assessments"]],
            **origin(fact, reasoner),
        ))
    # Strengths to validate come before the minimum bars, as an interviewer
    # runs them; within each, the order of knowledge/hiring.yaml.
    order = list(knowledge.interview_checks)
    checks.sort(key=lambda c: (c["kind"] != "strength", order.index(c["id"])))
    return {"role": role_id, "name": knowledge.roles[role_id]["name"], "checks": checks}
