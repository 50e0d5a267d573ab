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


def reasons_by(inference, reasoner, fact_type, key):
    """The reasons of every ``fact_type`` fact, grouped by the value of field ``key``."""
    reasons = {}
    for fact in sorted(inference.facts_of_type(fact_type), key=fact_number):
        reasons.setdefault(fact.fields[key], []).append(reason(fact, reasoner, fact.fields["why"]))
    return reasons


def concluded_entries(collection, reasons, fields):
    """The knowledge entries the rules concluded, in knowledge order, each with its reasons and origin."""
    return [
        {"id": entry_id, **{name: entry[name] for name in fields}, "why": reasons[entry_id],
         "rule": reasons[entry_id][0]["rule"], "source": merged_sources(reasons[entry_id])}
        for entry_id, entry in collection.items() if entry_id in reasons
    ]
