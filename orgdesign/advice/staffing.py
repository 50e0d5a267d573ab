"""The staffing part of a recommendation: roles, hiring plan, interview loops.

The rules decide (which roles, in which order, reporting where, checked how);
this module gathers their facts, merges facts about the same role and looks
up names and texts in the knowledge base.  The arithmetic is the plan
itself (``plan_places``): exactly ``planned_ml_hires`` places, the roles the
report says to staff first at the front, then the concluded hiring sequence,
never beyond a role's team ratio; the org chart reads the same places.
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
    sequence = hire_sequence(inference)
    homes = role_homes(inference)
    plan = []
    for place in plan_places(inference, knowledge):
        fact = place["fact"]
        role_id = place["role"]
        home = homes.get(role_id)
        plan.append(dict(
            number=place["number"],
            role=role_id,
            name=knowledge.roles[role_id]["name"],
            reports_to=home.fields["unit"] if home else None,
            repeat_of=place["repeat_of"],
            quarter=place["quarter"],
            staff_first=place["staff_first"],
            **origin(fact, reasoner),
        ))
    hired_roles = list(dict.fromkeys(entry["role"] for entry in plan))
    return {
        "planned_hires": planned,
        "count": len(plan),
        "sequence_length": len(sequence),
        "plan": plan,
        "by_role_and_quarter": _by_role_and_quarter(plan, knowledge),
        "roles": [_role_guidance(knowledge, r) for r in hired_roles],
        "attraction": _attraction(inference, reasoner) if plan else [],
        "interviews": [_interview_loop(inference, reasoner, r) for r in hired_roles],
    }


def hire_sequence(inference):
    """The concluded ``hire`` facts in hiring order."""
    return sorted(inference.facts_of_type("hire"), key=lambda f: (f.fields["order"], fact_number(f)))


def role_homes(inference):
    """Role id -> the ``role_home`` fact placing that role on the recommended chart."""
    homes = {}
    for fact in sorted(inference.facts_of_type("role_home"), key=fact_number):
        homes.setdefault(fact.fields["role"], fact)
    return homes


def staff_first_roles(inference):
    """Roles the report says to staff first (priority 1) that nobody holds today, each with its fact."""
    present = inference.profile.answer("roles_present")
    if present == UNKNOWN:
        return {}
    first = {}
    for fact in sorted(inference.facts_of_type("role_need"), key=fact_number):
        role_id = fact.fields["role"]
        if fact.fields["priority"] == 1 and role_id not in present:
            first.setdefault(role_id, fact)
    return first


def plan_places(inference, knowledge):
    """The hiring plan's places, in order: ``number``, ``role``, ``fact``, ``repeat_of``, ``quarter``, ``staff_first``.

    The plan holds ``planned_ml_hires`` places (with an unknown budget, one
    pass over the sequence). Roles the report says to staff first that
    nobody holds today come first, so the plan does what the roles section
    says; then the concluded sequence, in order. A role never goes beyond
    its team ratio (knowledge/hiring.yaml, ``team_ratios``): an entry at its
    limit is skipped, and beyond the sequence the plan walks it again,
    adding what the ratios still allow as the team grows.
    """
    profile = inference.profile
    planned = profile.answer("planned_ml_hires")
    present = profile.answer("roles_present")
    present = () if present == UNKNOWN else present
    headcount = profile.answer("ml_headcount")
    headcount = 0 if headcount == UNKNOWN else headcount
    limits = team_limits(knowledge)
    sequence = hire_sequence(inference)
    first = staff_first_roles(inference)
    front = []
    for role_id, need in first.items():
        front.append(next((f for f in sequence if f.fields["role"] == role_id), need))
    walk = front + [f for f in sequence if f not in front]
    wanted = len(walk) if planned == UNKNOWN else planned
    places, counts, first_number = [], {}, {}

    def allowed(role_id):
        per_one = limits.get(role_id)
        if per_one is None:
            return True
        already = counts.get(role_id, 0) + (1 if role_id in present else 0)
        return already + 1 <= max(1, (headcount + len(places) + 1) // per_one)

    passes = 0
    while walk and len(places) < wanted:
        added = False
        for fact in walk:
            if len(places) >= wanted:
                break
            role_id = fact.fields["role"]
            if not allowed(role_id):
                continue
            counts[role_id] = counts.get(role_id, 0) + 1
            places.append({"number": len(places) + 1, "role": role_id, "fact": fact,
                           "repeat_of": first_number.get(fact.id), "staff_first": passes == 0 and fact in front})
            first_number.setdefault(fact.id, len(places))
            added = True
        passes += 1
        if planned == UNKNOWN or not added:
            break
    for place in places:
        place["quarter"] = 1 + (4 * (place["number"] - 1)) // len(places)
    return places


def team_limits(knowledge):
    """Role id -> ML staff per one of that role (knowledge/hiring.yaml ``team_ratios``)."""
    ratios = knowledge.documents["hiring"].data.get("team_ratios") or {}
    return {entry["role"]: entry["ml_staff_per_one"] for entry in ratios.get("roles", [])}


def _by_role_and_quarter(plan, knowledge):
    """The plan summarised: per role and unit, how many hires in each quarter of the year."""
    rows = {}
    for hire in plan:
        key = (hire["role"], hire["reports_to"])
        row = rows.setdefault(key, {"role": hire["role"], "name": hire["name"], "reports_to": hire["reports_to"],
                                    "quarters": [0, 0, 0, 0], "total": 0})
        row["quarters"][hire["quarter"] - 1] += 1
        row["total"] += 1
    return list(rows.values())


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
