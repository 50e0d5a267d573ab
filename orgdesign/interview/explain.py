"""The texts behind the `?` and `why` prompt commands.

``?`` explains a question from the bank (its help and what each choice
means).  ``why`` answers like MYCIN's WHY: which rules read this answer,
under what conditions, and what each could conclude; plus which later
questions depend on it through the skip logic.
"""
CLIENT_NAME_HELP = ("The client's name as it should appear on the report. "
                    "It labels the profile and the recommendation; no rule reads it.")


def question_help(question, knowledge):
    """The question's help text and, for choices, what each value means."""
    lines = [question.help or "No further explanation is written for this question."]
    entry = _bank_entry(knowledge, question.id)
    described = [v for v in entry.get("values") or [] if v.get("help")]
    if described:
        lines.append("")
        lines += [f"  {v.get('label', v['id'])} ({v['id']}): {v['help']}" for v in described]
    lines.append("")
    lines.append("Commands: ? explain, why, back, unknown, note TEXT.")
    return "\n".join(lines)


def why_text(question, rulebook, knowledge, conditions):
    """Which rules use ``question``'s answer and what they could conclude."""
    rules = [rule for rule in rulebook.rules if question.id in rule.questions_used]
    if rules:
        lines = [f"The answer to `{question.id}` is read by {len(rules)} rule{'s' if len(rules) != 1 else ''}:"]
        for rule in rules:
            lines.append(f"  {rule.id}: {rule.title}")
            conditions_text = " and ".join(c.describe() for c in rule.when)
            lines.append(f"    if {conditions_text}")
            lines.append(f"    then {describe_conclusions(rule.then, rulebook, knowledge)}")
    else:
        lines = [f"No rule reads `{question.id}` yet; the answer is kept in the profile for the report."]
    dependants = [q for q, condition in conditions.items() if question.id in condition.questions()]
    if dependants:
        lines.append(f"It also decides whether these questions are asked: {', '.join(dependants)}.")
    if question.id in conditions:
        lines.append(f"This question is skipped when {_skipped_when(conditions[question.id])}.")
    return "\n".join(lines)


def describe_conclusions(assertions, rulebook, knowledge):
    """A rule's ``then`` in words, e.g. ``evidence for Nascent / ad-hoc ML (+0.40), against ML-first (-0.30)``.

    Consecutive assertions of one fact type share its name, so a rule with
    five pieces of evidence still reads as one line.
    """
    parts, previous_type = [], None
    for assertion in assertions:
        text = _assertion_text(assertion, rulebook, knowledge)
        parts.append(text if assertion.fact_type == previous_type else f"{assertion.fact_type} {text}")
        previous_type = assertion.fact_type
    return ", ".join(parts)


def _assertion_text(assertion, rulebook, knowledge):
    spec = rulebook.fact_types.get(assertion.fact_type, {}).get("fields", {})
    certainty = [value for name, value in assertion.fields if spec.get(name, {}).get("type") == "certainty"]
    # The trait an evidence fact is about is how it is combined, not what it concludes; leave it out here.
    named = [_field_text(name, value, spec.get(name, {}), knowledge) for name, value in assertion.fields
             if spec.get(name, {}).get("type") != "certainty" and spec.get(name, {}).get("ref") != "traits"]
    if certainty:
        return f"{'for' if certainty[0] > 0 else 'against'} {', '.join(named)} ({certainty[0]:+.2f})"
    return ", ".join(named)


def _field_text(name, value, field_spec, knowledge):
    if hasattr(value, "question"):
        return f"{name} from the answer to {value.question}"
    if "ref" in field_spec:
        entry = getattr(knowledge, field_spec["ref"], {}).get(value, {})
        label = entry.get("name") or entry.get("summary")
        return label or str(value)
    return f"{name} {value}"


def _skipped_when(condition):
    if hasattr(condition, "test"):
        return condition.why_false({})
    parts = [_skipped_when(p) for p in condition.parts]
    return "(" + f" {'or' if condition.kind == 'all' else 'and'} ".join(parts) + ")"


def _bank_entry(knowledge, question_id):
    entries = knowledge.documents["questions"].data["questions"]
    return next(e for e in entries if e.get("id") == question_id)
