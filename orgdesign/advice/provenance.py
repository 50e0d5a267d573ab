"""Where a concluded piece of advice came from: its fact, rule and sources.

Every advice item in the recommendation carries these keys, so a reader (or
``orgdesign explain``) can walk from the advice back to the rule and, through
the trace, to the answers that made the rule fire.
"""


def origin(fact, reasoner):
    """``{"fact", "rule", "source", "inference"}`` for a fact asserted by a rule."""
    rule_id = fact.origin["rule"]
    spec = reasoner.rulebook.rule(rule_id)
    return {
        "fact": fact.id,
        "rule": rule_id,
        "source": list(spec.source) if spec else [],
        "inference": bool(spec.inference) if spec else False,
    }


def reason(fact, reasoner, text):
    """One reason for an advice item: the concluded text plus its origin."""
    return dict(text=text, **origin(fact, reasoner))


def merged_sources(reasons):
    """The union of the reasons' source ids, in first-seen order."""
    return list(dict.fromkeys(s for r in reasons for s in r["source"]))


def fact_number(fact):
    """Facts are numbered in the order they were asserted (``f-12``)."""
    return int(fact.id.split("-")[1])
