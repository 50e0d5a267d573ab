"""A short readable summary of a recommendation, for the terminal.

It leads with what to do (the target), then what the organisation is like
today and how sure that call is, in words; answers that contradict each
other, and a provisional call's answers to confirm, come first.
"""
TOP_RISKS = 4
TOP_ACTIONS = 3


def question_words(question_ids, questions=None):
    """The questions behind ``question_ids`` as a consultant reads them (their text), ids when no bank is given."""
    def words(question_id):
        return questions[question_id].text if question_id in questions else question_id
    return " ".join(words(q) for q in question_ids) if questions else ", ".join(question_ids)


def summary_text(recommendation, questions=None):
    """The summary; ``questions`` (the question bank by id) names the answers to confirm in words."""
    archetype = recommendation["archetype"]
    target = recommendation.get("target")
    lines = [f"Client: {recommendation['client']}"]
    for conflict in recommendation.get("answer_conflicts") or []:
        lines.append(f"ANSWERS DISAGREE ({question_words(conflict['questions'], questions)}): {conflict['text']}")
    if archetype.get("provisional"):
        confirm = question_words(archetype.get("confirm_first") or [], questions) or "the unknown answers below"
        lines.append(f"PROVISIONAL: confirm these answers first: {confirm}")
    if target:
        move = "keep today's structure and strengthen it" if target["same_as_today"] else f"grow towards it from {archetype['name']}"
        condition = "if those answers are confirmed, " if archetype.get("provisional") else ""
        lines.append(f"Recommended target: {target['name']} ({condition}{move})")
        for reason in target["why"]:
            lines.append(f"  Why: {reason}")
    top = archetype["ranking"][0]
    lines.append(f"Today: resembles {archetype['name']}, {top['fit_words']} (fit {top['fit']:.2f}); "
                 f"confidence in this call: {archetype['confidence_words']} ({archetype['confidence']:.2f})")
    if archetype["mixed_with"]:
        runner = next(r for r in archetype["ranking"] if r["id"] == archetype["mixed_with"])
        lines.append(f"Mixed organisation: also close to {runner['name']}, {runner['fit_words']} (fit {runner['fit']:.2f})")
    others = [f"{r['name']} {r['fit']:.2f}" for r in archetype["ranking"][1:]]
    lines.append("Fit of the other archetypes (0-1, not probabilities): " + ", ".join(others))
    lines.append("")
    lines.append("Design choices for the target (recommended / today):")
    for choice in recommendation["design_choices"].values():
        marker = " [our inference]" if choice["inference"] else ""
        if choice.get("stance") == "trade_off":
            lines.append(f"  {choice['name']}: {choice['summary']} (a trade-off of this structure, to manage){marker}"
                         f" / today: {_today(choice)}")
            continue
        gap = "  <- gap" if choice["gap"] else ""
        lines.append(f"  {choice['name']}: {choice['summary']}{marker} / today: {_today(choice)}{gap}")
    actions = recommendation.get("actions") or []
    if actions:
        lines.append("")
        lines.append("First actions:")
        lines += [f"  {n}. {a['name']}" for n, a in enumerate(actions[:TOP_ACTIONS], 1)]
    risks = recommendation.get("risks") or []
    if risks:
        lines.append("")
        lines.append("Risks to manage:")
        lines += [f"  - {r['text']} (likelihood {r['likelihood']}, impact {r['impact']})" for r in risks[:TOP_RISKS]]
        if len(risks) > TOP_RISKS:
            lines.append(f"  ... and {len(risks) - TOP_RISKS} more in the report")
    unknown = [u for u in recommendation["unknown_answers"] if u["weight"]]
    if unknown:
        lines.append("")
        lines.append("Unknown answers that would matter most: "
                     + question_words([u["question"] for u in unknown[:5]], questions))
    return "\n".join(lines) + "\n"


def _today(choice):
    """Today's position in words: its label, or ``not known`` (said once, not twice).

    >>> _today({"current": "unknown", "current_label": "unknown"}), _today({"current": "x", "current_label": "Shared"})
    ('not known', 'Shared')
    """
    if choice.get("current") in (None, "unknown"):
        return "not known"
    return choice.get("current_label", choice["current"])
