"""The texts behind the `?`, `why` and `why rules` prompt commands.

``?`` explains a question from the bank (its help and what each choice
means).  ``why`` says in plain words which conclusions the answer feeds, for
a consultant to repeat to the client; ``why rules`` answers like MYCIN's
WHY: which rules read this answer, under what conditions, and what each
could conclude.  Both add which later questions depend on the answer
through the skip logic.
"""
CLIENT_NAME_HELP = ("The client's name as it should appear on the report. "
                    "It labels the profile and the recommendation; no rule reads it.")
CONSULTANT_HELP = ("Your name (or the names of those running the interview), as the report's header "
                   "should print it. Enter alone leaves it out; no rule reads it.")
DATE_HELP = ("The day of the interview, as YYYY-MM-DD (e.g. 2026-11-20); Enter alone keeps the date shown. "
             "The report prints it, so a reader knows how old the answers are; no rule reads it.")


def question_help(question, knowledge):
    """The question's help text and, for choices, what each value means."""
    lines = [question.help or "No further explanation is written for this question."]
    entry = _bank_entry(knowledge, question.id)
    described = [v for v in entry.get("values") or [] if v.get("help")]
    if described:
        lines.append("")
        lines += [f"  {v.get('label', v['id'])} ({v['id']}): {v['help']}" for v in described]
    lines.append("")
    lines.append("Commands: ? (or help) explain, why, back, review, edit ID, unknown, note TEXT.")
    return "\n".join(lines)


# What each kind of conclusion is, in a client's words; the order is the advice's own.
CONCLUSION_WORDS = {
    "target": "the recommended target (the structure to grow towards)",
    "design_choice": None,   # named per dimension, e.g. "the data ownership design choice"
    "org_unit": "the org chart",
    "org_role": "the org chart",
    "reporting_line": "the org chart",
    "role_need": "which roles to staff",
    "hire": "the hiring plan",
    "interview_focus": "what the hiring interviews check",
    "attraction": "how to attract ML candidates",
    "practice": "the working practices",
    "risk": "the risks",
    "risk_factor": "the risks",
    "action": "the first actions",
}


def why_text(question, rulebook, knowledge, conditions):
    """Which conclusions ``question``'s answer feeds, in plain words."""
    rules = [rule for rule in rulebook.rules if question.id in rule.questions_used]
    assertions = [assertion for rule in rules for assertion in rule.then]
    traits = [knowledge.traits.get(_field(a, "trait"), {}).get("name", _field(a, "trait"))
              for a in assertions if a.fact_type == "evidence"]
    decided = _decided(assertions, knowledge)
    if not rules:
        lines = ["No rule reads this answer yet; it is kept in the profile for the report."]
    elif traits and decided:
        lines = [f"Your answer is evidence for which archetype the company resembles today ({_traits(traits)}), "
                 f"and decides: {', '.join(decided)}."]
    elif traits:
        lines = [f"Your answer is evidence for which archetype the company resembles today ({_traits(traits)}); "
                 "the target and the rest of the advice build on that."]
    else:
        lines = [f"Your answer decides: {', '.join(decided)}."]
    lines += _skip_lines(question, conditions)
    if rules:
        lines.append(f"Type `why rules` for the {_count(len(rules), 'rule')} that read it.")
    return "\n".join(lines)


def _decided(assertions, knowledge):
    phrases = []
    for fact_type in CONCLUSION_WORDS:
        for assertion in (a for a in assertions if a.fact_type == fact_type):
            if fact_type == "design_choice":
                dimension = _field(assertion, "dimension")
                name = knowledge.design_dimensions.get(dimension, {}).get("name", dimension)
                phrases.append(f"the {name.lower()} design choice")
            else:
                phrases.append(CONCLUSION_WORDS[fact_type])
    return list(dict.fromkeys(phrases))


def _field(assertion, name):
    return dict(assertion.fields).get(name)


def _traits(names):
    return ", ".join(dict.fromkeys(name[0].lower() + name[1:] for name in names if name))


def _count(number, noun):
    return f"{number} {noun}{'s' if number != 1 else ''}"


def _skip_lines(question, conditions):
    lines = []
    dependants = [q for q, condition in conditions.items() if question.id in condition.questions()]
    if dependants:
        lines.append(f"It also decides whether these questions are asked: {', '.join(dependants)}.")
    if question.id in conditions:
        lines.append(f"This question is skipped when {_skipped_when(conditions[question.id])}.")
    return lines


def why_rules_text(question, rulebook, knowledge, conditions):
    """Which rules use ``question``'s answer, under what conditions, and what they could conclude."""
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
    return "\n".join(lines + _skip_lines(question, conditions))


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
        return knowledge.entry_label(field_spec["ref"], value) or str(value)
    return f"{name} {value}"


def _skipped_when(condition):
    if hasattr(condition, "test"):
        return condition.why_false({})
    parts = [_skipped_when(p) for p in condition.parts]
    return "(" + f" {'or' if condition.kind == 'all' else 'and'} ".join(parts) + ")"


def _bank_entry(knowledge, question_id):
    entries = knowledge.documents["questions"].data["questions"]
    return next(e for e in entries if e.get("id") == question_id)
