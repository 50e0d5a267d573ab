"""Check: a fact type declared ``single`` really is concluded at most once.

rulebase.yaml may mark a fact type ``single: true`` (the recommended target):
one such fact per profile.  The rule base guarantees it by salience: the
rules of the highest salience that assert it must exclude each other, and
every rule of a lower salience must wait until none exists (a ``not:``
condition on the fact type).  The conflict check then treats such facts as
unique, as it treats the engine's verdict.
"""
from .findings import Finding


def check_single_facts(context):
    findings = []
    for fact_type, definition in sorted(context.book.fact_types.items()):
        if not definition.get("single"):
            continue
        asserting = [r for r in context.rules if any(a.fact_type == fact_type for a in r.then)]
        if not asserting:
            continue
        top = max(r.salience for r in asserting)
        for rule in asserting:
            if sum(1 for a in rule.then if a.fact_type == fact_type) > 1:
                findings.append(Finding("single-fact", rule.path, rule.line,
                                        f"rule `{rule.id}` asserts more than one `{fact_type}` fact, which is declared single",
                                        "keep one"))
            guarded = any(t.negated and t.fact_type == fact_type and not t.where for t in rule.fact_tests)
            if rule.salience < top and not guarded:
                findings.append(Finding("single-fact", rule.path, rule.line,
                                        f"rule `{rule.id}` can assert a second `{fact_type}` fact: it fires after rules "
                                        f"of salience {top} that assert one and does not wait for none to exist",
                                        f"add `- not: {{fact: {fact_type}}}` to its conditions"))
    return findings
