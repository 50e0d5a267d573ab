"""Translates the rule base (rules/ as loaded by orgdesign) into CLIPS.

CLIPS is the reference forward-chaining engine; running the same rules in
it through clipspy tells how far the experta engine is from a compiled
Rete.  The translation works from the loaded rule specifications, so it
follows whatever rules/ holds: every answer test becomes a predicate
constraint on the one ``answers`` fact, every fact test a pattern, every
``then`` an assert, and a ``not:`` fact test a ``not`` pattern; rules fire
in the rule base's order (salience, a rule's ``salience:`` overriding its
layer's, then position), as in orgdesign's engine.  The
verdict of orgdesign/engine/verdict.py (fits from per-trait evidence,
defining weights, MYCIN-pooled support, ranking, runner-up, mixed or
refinement, confidence, all rounded where Python rounds) becomes one rule
placed where the rule base's combination salience puts it.

Fact templates are named ``fact-<type>``; each has a ``rule`` slot, so two
rules concluding the same thing stay two facts, as in the experta engine.
"""
import re

from orgdesign.engine.conditions import AnswerTest
from orgdesign.engine.rulebook import AnswerValue
from orgdesign.questions import UNKNOWN

_SYMBOL = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")

PRELUDE = """
(deffunction round-to (?x ?scale)
  ; Python's round(x, digits) with ?scale = 10^digits: half to even on the
  ; exact binary value of x.  Rounding the scaled product alone would round
  ; 0.17625 (stored just below) up where Python rounds it down, and the
  ; verdict compares rounded fits, so the two must agree to the last bit.
  (bind ?p (* ?x ?scale))
  ; Dekker's product: ?e is the rounding error of ?p, so x * scale = ?p + ?e exactly.
  (bind ?c (* 134217729.0 ?x))
  (bind ?xh (- ?c (- ?c ?x)))
  (bind ?xl (- ?x ?xh))
  (bind ?c (* 134217729.0 ?scale))
  (bind ?sh (- ?c (- ?c ?scale)))
  (bind ?sl (- ?scale ?sh))
  (bind ?e (+ (+ (+ (- (* ?xh ?sh) ?p) (* ?xh ?sl)) (* ?xl ?sh)) (* ?xl ?sl)))
  (bind ?k (integer ?p))
  (if (> ?k ?p) then (bind ?k (- ?k 1)))
  ; ?p - ?k - 0.5 is exact wherever it is near zero; compare it with -?e.
  (bind ?d (- (- ?p ?k) 0.5))
  (if (or (> ?d (- 0 ?e)) (and (= ?d (- 0 ?e)) (oddp ?k))) then (bind ?k (+ ?k 1)))
  (/ ?k ?scale))

(deffunction cf-tidy (?x)
  (round-to (max -1.0 (min 1.0 ?x)) 10000000000.0))

(deffunction cf-combine (?a ?b)
  (if (and (>= ?a 0) (>= ?b 0)) then (return (cf-tidy (- (+ ?a ?b) (* ?a ?b)))))
  (if (and (<= ?a 0) (<= ?b 0)) then (return (cf-tidy (+ (+ ?a ?b) (* ?a ?b)))))
  (bind ?d (- 1 (min (abs ?a) (abs ?b))))
  (if (= ?d 0) then (return 0.0))
  (cf-tidy (/ (+ ?a ?b) ?d)))

(deffunction cf-combine-all ($?factors)
  ; (sort > ...) sorts ascending, the order Python's combine_all pools in.
  (bind ?belief 0.0)
  (bind ?disbelief 0.0)
  (foreach ?f (sort > ?factors)
    (if (> ?f 0) then (bind ?belief (cf-combine ?belief ?f))
     else (if (< ?f 0) then (bind ?disbelief (cf-combine ?disbelief ?f)))))
  (cf-combine ?belief ?disbelief))

(deffunction archetype-fit (?for ?against ?defining ?support)
  ; ?for / ?against: the strongest factor for and against per trait, in the
  ; knowledge base's trait order; ?defining: trait position and weight pairs,
  ; in archetypes.yaml's order (the sum is made in that order, as in Python).
  (bind ?matches (create$))
  (loop-for-count (?i (length$ ?for))
    (bind ?matches (create$ ?matches (round-to (+ (nth$ ?i ?for) (nth$ ?i ?against)) 10000000000.0))))
  (bind ?defined 0.0)
  (bind ?others ?matches)
  (loop-for-count (?j (div (length$ ?defining) 2))
    (bind ?i (nth$ (- (* 2 ?j) 1) ?defining))
    ; A trait without evidence adds weight x 0, which leaves the sum as it is.
    (bind ?defined (+ ?defined (* (nth$ (* 2 ?j) ?defining) (nth$ ?i ?matches))))
    (bind ?others (replace$ ?others ?i ?i 0.0)))
  (round-to (min 1.0 (max 0.0 (+ ?defined (* ?support (cf-combine-all ?others))))) 10000.0))
"""


def translate(book, knowledge):
    """The CLIPS constructs for ``book`` as one source text."""
    questions = {q.id: q for q in knowledge.questions}
    parts = [PRELUDE, _answers_template(knowledge.questions)]
    for fact_type, definition in book.fact_types.items():
        slots = "".join(f" (slot {name})" for name in definition.get("fields", {}))
        parts.append(f"(deftemplate fact-{fact_type}{slots} (slot rule))")
    saliences = _agenda_saliences(book)
    for order, spec in enumerate(book.rules):
        parts.append(_rule(spec, questions, saliences[order]))
    parts.append(_combine_rule(book, knowledge, saliences[len(book.rules)]))
    parts.append(_conclusions_function(book))
    return "\n\n".join(parts) + "\n"


def _agenda_saliences(book):
    """CLIPS salience per rule position (the combination last), in the engine's firing order.

    The rule base fires by salience (a rule's own ``salience:`` or its
    layer's), then in the order it lists the rules; orgdesign's engine does
    exactly that (compiler.RuleOrderStrategy).  CLIPS breaks salience ties by
    recency instead, so each rule gets its rank as its salience: rules then
    fire in the same order, and a rule waiting on ``not: {fact: ...}`` sees
    the same facts, whatever CLIPS does with ties.
    """
    orders = list(range(len(book.rules) + 1))
    salience = [spec.salience for spec in book.rules] + [book.combine_salience]
    ranked = sorted(orders, key=lambda order: (-salience[order], order))
    if len(ranked) > 20001:
        raise ValueError("too many rules for CLIPS's salience range (-10000..10000)")
    return {order: len(ranked) - rank for rank, order in enumerate(ranked)}


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


def _rule(spec, questions, salience):
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
    return (f"(defrule {_rule_name(spec.id)}\n  (declare (salience {salience}))\n  "
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


def _combine_rule(book, knowledge, salience):
    """The verdict of orgdesign/engine/verdict.py as one rule at the combination salience.

    Everything archetype- or trait-specific is read from the knowledge base
    (settings, traits, defining weights, refinements), so the rule follows
    knowledge/ as the Python verdict does.
    """
    settings = knowledge.inference
    questions = {q.id: q for q in knowledge.questions}
    archetypes = knowledge.archetype_ids()
    traits = list(knowledge.traits)
    weighted, lines = _penalty(settings, knowledge.questions, questions)
    pattern = "(answers " + " ".join(f"({q} {_var(q, questions)})" for q in weighted) + ")" if weighted else "(answers)"
    zeros = " ".join(["0.0"] * len(traits))
    lines.append(f"(bind ?traits (create$ {' '.join(_literal(t) for t in traits)}))")
    for n, _ in enumerate(archetypes):
        lines.append(f"(bind ?for-{n} (create$ {zeros})) (bind ?against-{n} (create$ {zeros}))")
    # One pass over the evidence keeps, per archetype and trait, the strongest
    # factor for and the strongest against: correlated rules count once.
    cases = " ".join(
        f"(case {_literal(a)} then"
        f" (bind ?for-{n} (replace$ ?for-{n} ?i ?i (max (nth$ ?i ?for-{n}) ?e:cf)))"
        f" (bind ?against-{n} (replace$ ?against-{n} ?i ?i (min (nth$ ?i ?against-{n}) ?e:cf))))"
        for n, a in enumerate(archetypes))
    lines.append(f"(do-for-all-facts ((?e fact-evidence)) TRUE (bind ?i (member$ ?e:trait ?traits)) "
                 f"(switch ?e:archetype {cases}))")
    support = float(settings.get("support_weight", 0.25))
    defining = knowledge.defining_weights()
    for n, archetype in enumerate(archetypes):
        pairs = " ".join(f"{traits.index(t) + 1} {float(w)!r}" for t, w in defining.get(archetype, {}).items())
        lines.append(f"(bind ?fit-{n} (archetype-fit ?for-{n} ?against-{n} "
                     f"(create$ {pairs}) {support!r}))")
    # The ranking: highest fit first, ties in the knowledge base's order, so
    # only a strictly higher fit displaces an earlier archetype.
    lines.append(f"(bind ?top {_literal(archetypes[0])}) (bind ?top-fit ?fit-0)")
    for n, archetype in enumerate(archetypes[1:], 1):
        lines.append(f"(if (> ?fit-{n} ?top-fit) then (bind ?top {_literal(archetype)}) (bind ?top-fit ?fit-{n}))")
    lines.append("(bind ?runner none) (bind ?runner-fit 0.0)")
    for n, archetype in enumerate(archetypes):
        lines.append(f"(if (and (neq ?top {_literal(archetype)}) (or (eq ?runner none) (> ?fit-{n} ?runner-fit))) "
                     f"then (bind ?runner {_literal(archetype)}) (bind ?runner-fit ?fit-{n}))")
    lines.append("(bind ?separation (if (eq ?runner none) then ?top-fit else (round-to (- ?top-fit ?runner-fit) 10000.0)))")
    # A runner-up the top archetype refines (ML-first contains a central division) is no mix.
    refinements = " ".join(
        f"(case {_literal(a)} then (bind ?refines (create$ {' '.join(_literal(r) for r in entry.get('refines', ()))})))"
        for a, entry in knowledge.archetypes.items() if entry.get("refines"))
    lines.append(f"(bind ?refines (create$)) (switch ?top {refinements})" if refinements else "(bind ?refines (create$))")
    margin = float(settings.get("mixed_margin", 0))
    lines.append(f"(bind ?mixed (if (and (neq ?runner none) (> ?runner-fit 0) (<= ?separation {margin!r}) "
                 f"(not (member$ ?runner ?refines))) then ?runner else none))")
    scale = settings.get("confidence", {})
    full_separation = float(scale.get("full_separation", 0.3))
    full_fit = float(scale.get("full_fit", 0.6))
    lines.append(f"(bind ?apart (+ 0.5 (* 0.5 (min 1.0 (/ (max 0.0 ?separation) {full_separation!r})))))")
    lines.append(f"(bind ?strength (min 1.0 (/ ?top-fit {full_fit!r})))")
    lines.append("(bind ?confidence (round-to (* (* ?apart ?strength) (- 1 ?penalty)) 10000.0))")
    lines.append("(assert (fact-archetype (id ?top) (fit ?top-fit) (confidence ?confidence) (mixed_with ?mixed) "
                 "(rule \"engine.combine_evidence\")))")
    return (f"(defrule engine-combine-evidence\n  (declare (salience {salience}))\n  {pattern}\n  =>\n  "
            + "\n  ".join(lines) + ")")


def _penalty(settings, bank, questions):
    """The questions whose unknown answer lowers the confidence, and the RHS lines summing their weights."""
    penalty = settings.get("unknown_penalty", {})
    weights = penalty.get("weights", {})
    weighted = [q.id for q in bank if weights.get(q.id)]
    lines = ["(bind ?penalty 0)"]
    for q in weighted:
        var = _var(q, questions)
        unknown = f"(member$ {UNKNOWN} {var})" if questions[q].type == "multi_choice" else f"(eq {var} {UNKNOWN})"
        lines.append(f"(if {unknown} then (bind ?penalty (+ ?penalty {weights[q]!r})))")
    lines.append(f"(bind ?penalty (round-to (min {float(penalty.get('cap', 1.0))!r} ?penalty) 10000000000.0))")
    return weighted, lines


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
