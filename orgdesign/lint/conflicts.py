"""Check: rules that conclude contradictory things for overlapping situations.

rulebase.yaml says which conclusions contradict each other: a fact type with
``one_per: [field, ...]`` allows one fact per value of those fields (one
design choice per dimension).  Two rules of the same salience that can fire
together and assert such facts with the same key but different content
conflict: which one the client sees would depend on rule order alone.
"""
from ..engine.rulebook import AnswerValue
from .findings import Finding
from .rule_logic import answers_overlap, facts_exclude


def check_conflicts(context, space, dead):
    findings = []
    for first, second in _candidate_pairs(context, dead):
        clash = _clashing_assertions(context.book, first, second)
        if clash is None:
            continue
        if first is not second and (not answers_overlap(space, first, second)
                                    or facts_exclude(context.book, first.fact_tests, second.fact_tests)):
            continue
        fact_type, key = clash
        other = "itself" if first is second else f"`{first.id}` ({first.path}:{first.line})"
        findings.append(Finding("conflict", second.path, second.line,
                                f"rule `{second.id}` and {other} can fire together and assert different `{fact_type}` facts for {key}",
                                f"`{fact_type}` allows one fact per {', '.join(context.book.fact_types[fact_type]['one_per'])}; "
                                "narrow one rule's conditions or give them different saliences"))
    return findings


def _candidate_pairs(context, dead):
    """Pairs of live rules (a rule with itself included) at one salience that assert one ``one_per`` fact type.

    Grouped first, so only rules that could clash are compared: comparing
    every pair made lint quadratic in the size of the rule base.
    """
    groups = {}
    for rule in context.rules:
        if rule.id in dead:
            continue
        for fact_type in dict.fromkeys(a.fact_type for a in rule.then):
            if context.book.fact_types.get(fact_type, {}).get("one_per"):
                groups.setdefault((rule.salience, fact_type), []).append(rule)
    order = {rule.id: index for index, rule in enumerate(context.rules)}
    pairs = {}
    for group in groups.values():
        for i, first in enumerate(group):
            for second in group[i:]:
                pairs[(first.id, second.id)] = (first, second)
    return sorted(pairs.values(), key=lambda pair: (order[pair[0].id], order[pair[1].id]))


def _clashing_assertions(book, first, second):
    for a in first.then:
        for b in second.then:
            if a is b or a.fact_type != b.fact_type:
                continue
            key_fields = book.fact_types.get(a.fact_type, {}).get("one_per")
            if not key_fields:
                continue
            fa, fb = dict(a.fields), dict(b.fields)
            same_key = all(isinstance(fa.get(k), AnswerValue) or isinstance(fb.get(k), AnswerValue) or fa.get(k) == fb.get(k)
                           for k in key_fields)
            if same_key and fa != fb:
                return a.fact_type, ", ".join(f"{k} `{fa.get(k)}`" for k in key_fields)
    return None
