"""Translates the rule base (rules/ as loaded by orgdesign) into CLIPS.

CLIPS is the reference forward-chaining engine; running the same rules in
it through clipspy tells how far the experta engine is from a compiled
Rete.  The translation works from the loaded rule specifications, so it
follows whatever rules/ holds: every answer test becomes a predicate
constraint on the one ``answers`` fact, every fact test a pattern, every
``then`` an assert; the evidence combination (MYCIN, pooled by sign, the
unknown-answer penalty and the mixed margin from knowledge/inference.yaml)
becomes one rule at the rule base's combination salience.

Fact templates are named ``fact-<type>``; each has a ``rule`` slot, so two
rules concluding the same thing stay two facts, as in the experta engine.
"""
import re

from orgdesign.engine.conditions import AnswerTest
from orgdesign.engine.rulebook import AnswerValue
from orgdesign.questions import UNKNOWN

_SYMBOL = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")

PRELUDE = """
(deffunction cf-tidy (?x)
  (/ (round (* (max -1.0 (min 1.0 ?x)) 10000000000.0)) 10000000000.0))

(deffunction cf-combine (?a ?b)
  (if (and (>= ?a 0) (>= ?b 0)) then (return (cf-tidy (- (+ ?a ?b) (* ?a ?b)))))
  (if (and (<= ?a 0) (<= ?b 0)) then (return (cf-tidy (+ (+ ?a ?b) (* ?a ?b)))))
  (bind ?d (- 1 (min (abs ?a) (abs ?b))))
  (if (= ?d 0) then (return 0.0))
  (cf-tidy (/ (+ ?a ?b) ?d)))

(deffunction cf-combine-all ($?factors)
  (bind ?belief 0.0)
  (bind ?disbelief 0.0)
  (foreach ?f (sort > ?factors)
    (if (> ?f 0) then (bind ?belief (cf-combine ?belief ?f))
     else (if (< ?f 0) then (bind ?disbelief (cf-combine ?disbelief ?f)))))
  (cf-combine ?belief ?disbelief))
"""


def translate(book, knowledge):
    """The CLIPS constructs for ``book`` as one source text."""
    questions = {q.id: q for q in knowledge.questions}
    parts = [PRELUDE, _answers_template(knowledge.questions)]
    for fact_type, definition in book.fact_types.items():
        slots = "".join(f" (slot {name})" for name in definition.get("fields", {}))
        parts.append(f"(deftemplate fact-{fact_type}{slots} (slot rule))")
    for spec in book.rules:
        parts.append(_rule(spec, questions))
    parts.append(_combine_rule(book, knowledge))
    parts.append(_conclusions_function(book))
    return "\n\n".join(parts) + "\n"


def read_conclusions(values, book):
    """``(type, rule, fields)`` triples from what ``(conclusions)`` returned.

    Reading facts back through clipspy's fact objects leaks a little CLIPS
    memory on every run and slows later runs; plain values do not.
    """
    import clips

    triples, index = [], 0
    while index < len(values):
        fact_type, rule = str(values[index]), str(values[index + 1])
        names = list(book.fact_types[fact_type].get("fields", {}))
        # A slot the rule left empty reads as the symbol nil; the experta fact has no such field.
        fields = {name: value for name, value in zip(names, values[index + 2:index + 2 + len(names)])
                  if not (isinstance(value, clips.Symbol) and value == "nil")}
        triples.append((fact_type, rule, fields))
        index += 2 + len(names)
    return triples


def answer_slots(answers, knowledge):
    """Slot values of the ``answers`` fact for a profile's canonical answers."""
    import clips

    slots = {}
    for question in knowledge.questions:
        value = answers.get(question.id, UNKNOWN)
        if question.type == "multi_choice":
            slots[question.id] = [clips.Symbol(UNKNOWN)] if value == UNKNOWN else [clips.Symbol(v) for v in value]
        elif isinstance(value, str):
            slots[question.id] = clips.Symbol(value)
        else:
            slots[question.id] = value
    return slots


def _conclusions_function(book):
    """``(conclusions)``: every derived fact flattened to type, rule, then its slots in order."""
    lines = ["(deffunction conclusions ()", "  (bind ?out (create$))"]
    for fact_type, definition in book.fact_types.items():
        slots = " ".join(f"?f:{name}" for name in definition.get("fields", {}))
        lines.append(f"  (do-for-all-facts ((?f fact-{fact_type})) TRUE "
                     f"(bind ?out (create$ ?out {fact_type} ?f:rule {slots})))")
    lines.append("  ?out)")
    return "\n".join(lines)


def _answers_template(questions):
    slots = "".join(f" ({'multislot' if q.type == 'multi_choice' else 'slot'} {q.id})" for q in questions)
    return f"(deftemplate answers{slots})"


def _rule(spec, questions):
    patterns = []
    tests_by_question = {}
    for test in spec.answer_tests:
        tests_by_question.setdefault(test.question, []).append(test)
    copied = [v.question for a in spec.then for _, v in a.fields if isinstance(v, AnswerValue)]
    used = list(dict.fromkeys([*tests_by_question, *copied]))
    if used:
        constraints = []
        for question_id in used:
            var = _var(question_id, questions)
            tests = tests_by_question.get(question_id, [])
            predicate = f"&:{_all([_test_expression(t, var, questions[question_id]) for t in tests])}" if tests else ""
            constraints.append(f"({question_id} {var}{predicate})")
        patterns.append(f"(answers {' '.join(constraints)})")
    for condition in spec.when:
        if isinstance(condition, AnswerTest):
            continue
        fields = " ".join(f"({name} {'|'.join(_literal(v) for v in allowed)})" for name, allowed in condition.where)
        pattern = f"(fact-{condition.fact_type}{' ' + fields if fields else ''})"
        patterns.append(f"(not {pattern})" if condition.negated else pattern)
    if not patterns:
        patterns.append("(answers)")
    actions = []
    for assertion in spec.then:
        fields = " ".join(f"({name} {_var(v.question, questions) if isinstance(v, AnswerValue) else _literal(v)})"
                          for name, v in assertion.fields)
        actions.append(f"(assert (fact-{assertion.fact_type} {fields} (rule {_string(spec.id)})))")
    return (f"(defrule {_rule_name(spec.id)}\n  (declare (salience {spec.salience}))\n  "
            + "\n  ".join(patterns) + "\n  =>\n  " + "\n  ".join(actions) + ")")


def _test_expression(test, var, question):
    unknown = f"(member$ {UNKNOWN} {var})" if question.type == "multi_choice" else f"(eq {var} {UNKNOWN})"
    if test.operator == "unknown":
        wants_unknown = bool(test.operand) != test.negated
        return unknown if wants_unknown else f"(not {unknown})"
    base = _base_expression(test, var)
    return f"(and (not {unknown}) {f'(not {base})' if test.negated else base})"


def _base_expression(test, var):
    op, operand = test.operator, test.operand
    if op == "equals":
        return f"(eq {var} {_literal(operand)})"
    if op == "one_of":
        return f"(member$ {var} (create$ {' '.join(_literal(v) for v in operand)}))"
    if op == "between":
        return _range(var, *operand)
    if op in ("band", "in_bands"):
        return _any([_range(var, low, high) for _, low, high in test.bands])
    if op == "contains":
        return f"(member$ {_literal(operand)} {var})"
    if op == "contains_any":
        return _any([f"(member$ {_literal(v)} {var})" for v in operand])
    if op == "only":
        listed = f"(create$ {' '.join(_literal(v) for v in operand)})"
        return f"(and (subsetp {var} {listed}) (subsetp {listed} {var}))"
    raise ValueError(f"no CLIPS translation for operator {op}")


def _range(var, low, high):
    parts = [f"(numberp {var})"]
    if low is not None:
        parts.append(f"(>= {var} {low})")
    if high is not None:
        parts.append(f"(<= {var} {high})")
    return _all(parts)


def _combine_rule(book, knowledge):
    settings = knowledge.inference
    penalty = settings.get("unknown_penalty", {})
    weights = penalty.get("weights", {})
    questions = {q.id: q for q in knowledge.questions}
    weighted = [q.id for q in knowledge.questions if weights.get(q.id)]
    pattern = "(answers " + " ".join(f"({q} {_var(q, questions)})" for q in weighted) + ")" if weighted else "(answers)"
    lines = ["(bind ?penalty 0)"]
    for q in weighted:
        var = _var(q, questions)
        unknown = f"(member$ {UNKNOWN} {var})" if questions[q].type == "multi_choice" else f"(eq {var} {UNKNOWN})"
        lines.append(f"(if {unknown} then (bind ?penalty (+ ?penalty {weights[q]!r})))")
    lines.append(f"(bind ?penalty (/ (round (* (min {float(penalty.get('cap', 1.0))!r} ?penalty) 10000000000.0)) 10000000000.0))")
    archetypes = knowledge.archetype_ids()
    for archetype in archetypes:
        lines.append(f"(bind ?f-{archetype} (create$))")
    lines.append("(do-for-all-facts ((?e fact-evidence)) TRUE")
    for archetype in archetypes:
        lines.append(f"  (if (eq ?e:archetype {archetype}) then (bind ?f-{archetype} (create$ ?f-{archetype} ?e:cf)))")
    lines.append(")")
    for archetype in archetypes:
        lines.append(f"(bind ?b-{archetype} (cf-combine-all ?f-{archetype}))")
    # The ranking: highest belief first, ties in the knowledge base's order.
    lines.append(f"(bind ?top {archetypes[0]}) (bind ?top-b ?b-{archetypes[0]})")
    for archetype in archetypes[1:]:
        lines.append(f"(if (> ?b-{archetype} ?top-b) then (bind ?top {archetype}) (bind ?top-b ?b-{archetype}))")
    lines.append("(bind ?runner none) (bind ?runner-b 0)")
    for archetype in archetypes:
        lines.append(f"(if (and (neq ?top {archetype}) (or (eq ?runner none) (> ?b-{archetype} ?runner-b))) "
                     f"then (bind ?runner {archetype}) (bind ?runner-b ?b-{archetype}))")
    margin = float(settings.get("mixed_margin", 0))
    lines.append(f"(bind ?mixed (if (and (neq ?runner none) (> ?runner-b 0) (<= (- ?top-b ?runner-b) {margin!r})) "
                 f"then ?runner else none))")
    lines.append("(bind ?confidence (/ (round (* (* (max 0.0 ?top-b) (- 1 ?penalty)) 10000.0)) 10000.0))")
    lines.append("(assert (fact-archetype (id ?top) (belief ?top-b) (confidence ?confidence) (mixed_with ?mixed) "
                 "(rule \"engine.combine_evidence\")))")
    return (f"(defrule engine-combine-evidence\n  (declare (salience {book.combine_salience}))\n  {pattern}\n  =>\n  "
            + "\n  ".join(lines) + ")")


def _var(question_id, questions):
    return f"{'$?' if questions[question_id].type == 'multi_choice' else '?'}a-{question_id}"


def _literal(value):
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str) and _SYMBOL.match(value):
        return value
    return _string(value)


def _string(text):
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"') + '"'


def _rule_name(rule_id):
    return "rule-" + re.sub(r"[^A-Za-z0-9_-]", "-", rule_id)


def _all(parts):
    return parts[0] if len(parts) == 1 else f"(and {' '.join(parts)})"


def _any(parts):
    return parts[0] if len(parts) == 1 else f"(or {' '.join(parts)})"
