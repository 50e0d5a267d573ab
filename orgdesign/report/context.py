"""The report's view of a recommendation: everything the templates print.

Both templates (Markdown and HTML) read the same context, so the two files
always say the same thing.  This module only selects, orders and labels what
the rules concluded; the wording of the advice lives in knowledge/ and rules/.
"""
from ..advice.guidance import answer_label
from ..questions import UNKNOWN

# Readable names for org-chart node ids, used when the recommendation carries
# no org chart to take labels from.
UNIT_NAMES = {
    "company": "Company",
    "leadership": "Senior leadership",
    "engineering": "Engineering (CTO / engineering lead)",
    "product_teams": "Product teams",
    "rnd": "R&D",
    "ml_division": "ML division",
    "ml_research": "ML research (ML division)",
    "ml_engineering": "ML engineering (ML division)",
    "ml_product": "ML product (ML division)",
    "data_engineering": "Data engineering",
    "data_platform": "Data platform",
    "business_lines": "Business lines",
    "ml_community": "ML community of practice",
}
SKILL_NAMES = {"software_engineering": "Software engineering", "ml_expertise": "ML expertise",
               "communication": "Communication"}
SKILLS = tuple(SKILL_NAMES)
PRIORITY_NAMES = {1: "Staff first", 2: "Staff next", 3: "Later"}
SUMMARY_ACTIONS = 3
# A practice reason from a rule with this id suffix holds for every client
# (rules/advice/practices.yaml); the report names such practices once.
EVERY_TEAM = ".every_team"


def build_context(recommendation, profile, knowledge, chart_svg):
    archetype = recommendation["archetype"]
    return {
        "client": recommendation["client"],
        "interviewed_on": profile.interviewed_on,
        "consultant": profile.consultant,
        "archetype": archetype,
        "archetype_summary": knowledge.archetypes[archetype["id"]]["summary"],
        "runner_up": _runner_up(archetype),
        "target": _target(recommendation, knowledge),
        "confirm_first": [_question_text(knowledge, q) for q in archetype.get("confirm_first") or []],
        "answer_conflicts": [_answer_conflict(c, profile, knowledge) for c in recommendation["answer_conflicts"]],
        "top_actions": recommendation["actions"][:SUMMARY_ACTIONS],
        "actions": recommendation["actions"],
        "design_choices": _design_choices(recommendation, knowledge),
        "chart_svg": chart_svg,
        "roles": [_role(r, knowledge) for r in recommendation["roles"]],
        "hiring": _hiring(recommendation),
        "practices": [_practice(p) for p in recommendation["practices"]],
        "every_team_practices": [p["name"] for p in recommendation["practices"] if not _practice(p)["here"]],
        "risks": recommendation["risks"],
        "build_on": [s["text"] for s in knowledge.archetypes[archetype["id"]].get("strengths", [])],
        "notes": _notes(recommendation, knowledge),
        "reference": _reference(recommendation, knowledge),
        "answers": _answers(profile, knowledge),
        # Only answers that weigh on the confidence are said to lower it; an optional one (the ambition) does not.
        "unknown_answers": [_question_text(knowledge, u["question"]) for u in recommendation["unknown_answers"] if u["weight"]],
        "sources": sources_cited(knowledge),
        "skill_names": SKILL_NAMES,
    }


def sources_cited(knowledge):
    """The sources as the client report lists them: a number, the title and what it is.

    The report cites a source by its number (``[1]``), never by a file or
    repository path; the audit trail keeps the ids and where a copy lives.
    """
    return [{"number": n, "id": s, "title": knowledge.sources[s]["title"],
             "description": knowledge.sources[s]["description"], "copy_at": knowledge.sources[s].get("copy")}
            for n, s in enumerate(knowledge.sources, start=1)]


def _practice(practice):
    """A practice with its reasons for this client apart from the one the source gives every team."""
    here = [w for w in practice["why"] if not w["rule"].endswith(EVERY_TEAM)]
    return dict(practice, here=here)


def _advice_keys(recommendation):
    keys = {"target"} if recommendation.get("target") else set()
    keys |= {f"actions:{a['id']}" for a in recommendation["actions"]}
    keys |= {f"practices:{p['id']}" for p in recommendation["practices"]}
    keys |= {f"risks:{r['id']}" for r in recommendation["risks"]}
    return keys


def _notes(recommendation, knowledge):
    """The notes of knowledge/notes.yaml whose advice the client gets, by id."""
    keys = _advice_keys(recommendation)
    return {note_id: note for note_id, note in knowledge.notes.items() if keys & set(note.get("shown_with", []))}


def _reference(recommendation, knowledge):
    """General texts the body refers to, once each: roles, sourcing, levers, interview checks, practices."""
    hiring = recommendation["hiring"]
    checks = {}
    for loop in hiring["interviews"]:
        for check in loop["checks"]:
            checks.setdefault(check["id"], check)
    return {
        "roles": [_role_reference(r, knowledge.roles[r["id"]]) for r in recommendation["roles"]],
        "sourcing": hiring["roles"],
        "levers": hiring["attraction"],
        "interview_notes": list(knowledge.documents["hiring"].data.get("interview_notes", [])),
        "checks": list(checks.values()),
        "practices": recommendation["practices"],
    }


def _role_reference(role, entry):
    return {"name": role["name"], "does": role["does"], "background": role["background"],
            "work_product": entry.get("work_product"), "tools": list(entry.get("tools", [])), "as_of": entry.get("as_of"),
            "variants": [v["text"] for v in entry.get("variants", [])]}


def _runner_up(archetype):
    runner = next((r for r in archetype["ranking"] if r["id"] == archetype["runner_up"]), None)
    if runner is None:
        return None
    return {"name": runner["name"], "fit": runner["fit"], "fit_words": runner["fit_words"],
            "mixed": archetype["mixed_with"] == runner["id"]}


def _target(recommendation, knowledge):
    """The recommended target and, when it differs from today, the move it asks for."""
    target = recommendation.get("target")
    if not target:
        return None
    today = recommendation["archetype"]["name"]
    move = ("Keep today's structure and strengthen it." if target["same_as_today"]
            else f"Grow from {today} towards {target['name']}.")
    if recommendation["archetype"].get("provisional"):
        # Advice resting on answers still to confirm is worded as conditional.
        move = "If the answers above are confirmed: " + move[0].lower() + move[1:]
    # Where the target is today's archetype, that archetype's usual next step is worth a line.
    next_step = knowledge.archetypes[target["id"]].get("next_step") if target["same_as_today"] else None
    return dict(target, move=move, summary=knowledge.archetypes[target["id"]]["summary"], next_step=next_step)


def _design_choices(recommendation, knowledge):
    numbers = {s: n for n, s in enumerate(knowledge.sources, start=1)}
    choices = []
    for dimension_id, choice in recommendation["design_choices"].items():
        gap_label = "Trade-off" if choice.get("stance") == "trade_off" else {True: "Yes", False: "No", None: "Unknown"}[choice["gap"]]
        choices.append(dict(choice, id=dimension_id, gap_label=gap_label,
                            source_numbers=[numbers[s] for s in choice.get("source") or [] if s in numbers],
                            current_label=answer_label(knowledge, choice["current_question"], choice["current"])))
    return choices


def _role(role, knowledge):
    present = {True: "Yes", False: "No", None: "Unknown"}[role["present"]]
    levels = knowledge.documents["roles"].data.get("skill_levels", [])
    skills = []
    for skill in SKILLS:
        level = role["skills"].get(skill, "")
        share = round(100 * (levels.index(level) + 1) / len(levels)) if level in levels else 0
        skills.append({"id": skill, "label": level.replace("_", " "), "percent": share})
    return dict(role, present_label=present, priority_name=PRIORITY_NAMES.get(role["priority"], str(role["priority"])),
                skill_list=skills)


# A plan longer than this is shown as a table by role and quarter, not row by row.
PLAN_ROWS_SHOWN = 12


def _hiring(recommendation):
    hiring = dict(recommendation["hiring"])
    units = {n.get("id"): n.get("label") for n in recommendation.get("org_chart", {}).get("nodes", []) if isinstance(n, dict)}

    def unit_name(unit_id):
        return units.get(unit_id) or UNIT_NAMES.get(unit_id, unit_id or "")

    hiring["plan"] = [dict(h, reports_to_name=unit_name(h["reports_to"])) for h in hiring["plan"]]
    hiring["known"] = hiring["planned_hires"] != UNKNOWN
    hiring["intro"] = hiring_intro(hiring["count"], hiring["known"], len(hiring["plan"]) > PLAN_ROWS_SHOWN)
    hiring["summarised"] = len(hiring["plan"]) > PLAN_ROWS_SHOWN
    hiring["summary"] = [dict(r, reports_to_name=unit_name(r["reports_to"]))
                         for r in hiring.get("by_role_and_quarter", [])]
    counts = {}
    for hire in hiring["plan"]:
        counts[hire["name"]] = counts.get(hire["name"], 0) + 1
    hiring["by_role"] = [{"name": name, "count": count} for name, count in counts.items()]
    return hiring


def hiring_intro(count, known, summarised):
    """The sentence that opens the hiring plan.

    >>> hiring_intro(1, True, False)
    '1 hire is planned for the next 12 months, in this order:'
    >>> hiring_intro(0, True, False)
    'No ML hires are planned for the next 12 months.'
    >>> hiring_intro(40, True, True)
    '40 hires are planned for the next 12 months; by role and quarter, in the order they are made:'
    >>> hiring_intro(6, False, False)
    'The number of planned hires is unknown; this is the recommended order for the first 6:'
    """
    if not known:
        return f"The number of planned hires is unknown; this is the recommended order for the first {count}:"
    if count == 0:
        return "No ML hires are planned for the next 12 months."
    hires = "1 hire is" if count == 1 else f"{count} hires are"
    if summarised:
        return f"{hires} planned for the next 12 months; by role and quarter, in the order they are made:"
    return f"{hires} planned for the next 12 months, in this order:"


def _answers(profile, knowledge):
    rows = []
    for question in knowledge.questions:
        if question.id not in profile.answers:
            continue
        value = profile.answers[question.id]
        rows.append({
            "id": question.id,
            "text": question.text,
            "answer": answer_text(knowledge, question.id, value),
            "unknown": value == UNKNOWN,
            "note": profile.notes.get(question.id),
        })
    return rows


def answer_text(knowledge, question_id, value):
    if isinstance(value, (tuple, list)):
        return ", ".join(answer_label(knowledge, question_id, v) for v in value)
    if value == UNKNOWN:
        return "Unknown"
    if knowledge.questions[question_id].type == "yes_no":
        return str(value).capitalize()
    return answer_label(knowledge, question_id, value)


def _answer_conflict(conflict, profile, knowledge):
    """Two answers that cannot both hold, each as its question and the answer given, and what to ask."""
    answers = [{"question": _question_text(knowledge, q), "answer": answer_text(knowledge, q, profile.answer(q))}
               for q in conflict["questions"]]
    return {"answers": answers, "text": conflict["text"]}


def _question_text(knowledge, question_id):
    return knowledge.questions[question_id].text if question_id in knowledge.questions else question_id
