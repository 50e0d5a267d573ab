"""Reasoning about rule conditions over the answer space, shared by several checks.

For answers the space is finite (see ``answer_space``), so "can these tests
hold together" and "does this test imply that one" are answered exactly by
trying every value.  For ``fact:`` conditions we reason on the ``where``
fields: a fact type the engine asserts (``asserted_by: engine``) exists once
per profile, so two conditions on it with disjoint values exclude each other.
"""


def answer_values(space, rule, question_id):
    """The values of a question on which all of a rule's tests of it hold.

    Kept on the answer space per (rule, question): the pairwise checks ask
    for the same rule's values again for every rule it is compared with.
    """
    cache = space.__dict__.setdefault("_rule_values", {})
    key = (rule.id, rule.path, rule.line, question_id)
    if key not in cache:
        cache[key] = frozenset(space.satisfying(question_id, [t for t in rule.answer_tests if t.question == question_id]))
    return cache[key]


def empty_question(space, rule):
    """The first question whose tests in this rule no answer satisfies, or None."""
    for question_id in dict.fromkeys(t.question for t in rule.answer_tests):
        if not answer_values(space, rule, question_id):
            return question_id
    return None


def answers_overlap(space, first, second):
    questions = {t.question for t in first.answer_tests} | {t.question for t in second.answer_tests}
    return all(answer_values(space, first, q) & answer_values(space, second, q) for q in questions)


def answers_imply(space, narrow, wide):
    """Whenever ``narrow``'s answer tests hold, ``wide``'s hold too."""
    return all(answer_values(space, narrow, q) <= answer_values(space, wide, q) for q in {t.question for t in wide.answer_tests})


def test_implies(narrow, wide):
    """A fact matching ``narrow``'s where also matches ``wide``'s (same fact type)."""
    if narrow.fact_type != wide.fact_type:
        return False
    narrow_fields = dict(narrow.where)
    return all(name in narrow_fields and set(narrow_fields[name]) <= set(allowed) for name, allowed in wide.where)


def facts_exclude(book, first_tests, second_tests):
    """True when no set of facts can satisfy both lists of fact conditions."""
    for a in first_tests:
        for b in second_tests:
            if a.fact_type != b.fact_type:
                continue
            if a.negated != b.negated:
                positive, negative = (a, b) if b.negated else (b, a)
                if test_implies(positive, negative):
                    return True
            elif not a.negated and _single_fact(book, a.fact_type) and _disjoint(a, b):
                return True
    return False


def fact_tests_imply(narrow_tests, wide_tests):
    """Every fact condition of ``wide`` follows from one of ``narrow``'s."""
    for wide in wide_tests:
        if wide.negated:
            ok = any(n.negated and test_implies(wide, n) for n in narrow_tests)
        else:
            ok = any(not n.negated and test_implies(n, wide) for n in narrow_tests)
        if not ok:
            return False
    return True


def assertion_can_match(assertion, test):
    """Can a fact asserted by ``assertion`` satisfy the (positive) condition ``test``?"""
    from ..engine.rulebook import AnswerValue

    if assertion.fact_type != test.fact_type:
        return False
    fields = dict(assertion.fields)
    return all(isinstance(fields.get(name), AnswerValue) or fields.get(name) in allowed for name, allowed in test.where)


def _single_fact(book, fact_type):
    # The engine's verdict exists once; so does a fact type declared `single`,
    # whose rules each wait for none to exist (checked by lint's single_facts).
    definition = book.fact_types.get(fact_type, {})
    return definition.get("asserted_by") == "engine" or bool(definition.get("single"))


def _disjoint(a, b):
    other = dict(b.where)
    return any(name in other and not set(allowed) & set(other[name]) for name, allowed in a.where)


def upstream_rules(book, rule):
    """Ids of the rules whose conclusions can decide whether ``rule`` fires (itself included)."""
    return book.upstream_ids([rule])
