"""The audit trail's view of a recommendation: how each conclusion was reached.

The client's report says what to do and why in words; this is the record an
auditor or a maintainer checks it against: each conclusion with the rule that
reached it (id and file:line in the rule base) and what that rule matched,
every firing in order, and the rule base's version and digest. It is written
beside the report (audit.md, audit.html) and linked from it.
"""
from .context import answer_text, sources_cited


def build_audit_context(recommendation, profile, knowledge):
    trace = recommendation["trace"]
    return {
        "client": recommendation["client"],
        "interviewed_on": profile.interviewed_on,
        "consultant": profile.consultant,
        "rulebase": recommendation["rulebase"],
        "profile_digest": recommendation.get("profile_digest"),
        "reasoning": _reasoning(recommendation, knowledge),
        "firings": _firings(trace),
        "fact_count": len(trace["facts"]),
        "sources": sources_cited(knowledge),
    }


def _firings(trace):
    """Every firing in order: the rule, where it is written, what it matched and asserted."""
    facts = {f["id"]: f for f in trace["facts"]}
    rows = []
    for firing in trace["firings"]:
        asserted = [f"{fact_id} {facts[fact_id]['type']}" if fact_id in facts else fact_id for fact_id in firing["asserted"]]
        rows.append({"seq": firing["seq"], "rule": firing["rule"], "where": f"{firing['file']}:{firing['line']}",
                     "matched": firing["matched"], "asserted": asserted})
    return rows


def _reasoning(recommendation, knowledge):
    """Each conclusion, the rule that reached it and what that rule matched."""
    trace = recommendation["trace"]
    facts = {f["id"]: f for f in trace["facts"]}
    firings = {f["seq"]: f for f in trace["firings"]}

    def based_on(fact_id):
        fact = facts.get(fact_id)
        if fact is None or "firing" not in fact["origin"]:
            return None
        firing = firings[fact["origin"]["firing"]]
        return {"rule": firing["rule"], "where": f"{firing['file']}:{firing['line']}",
                "matched": [_describe_fact(facts[m], knowledge) for m in firing["matched"] if m in facts]}

    sections = []
    archetype = recommendation["archetype"]
    evidence = [f for f in trace["facts"] if f["type"] == "evidence"]
    combined = based_on(archetype["fact"])
    ranking = ", ".join(f"{r['name']} fit {r['fit']:.2f}" for r in archetype["ranking"])
    combined["matched"] = [f"{len(evidence)} pieces of evidence below, combined per archetype and trait; ranking: {ranking}"]
    sections.append({"title": "Archetype", "entries": [{
        "conclusion": f"{archetype['name']} (fit {archetype['fit']:.2f}, confidence {archetype['confidence']:.2f})",
        **combined,
        "evidence": [{"text": f"{f['fields']['archetype']} {f['fields']['cf']:+.2f} ({f['fields'].get('trait', '')})", **based_on(f["id"])}
                     for f in evidence],
    }]})
    target = recommendation.get("target")
    groups = (
        ("Answers that disagree", [(c["text"], c["fact"]) for c in recommendation.get("answer_conflicts", [])]),
        ("Target", [(target["name"] + ": " + target["why"][0], target["fact"])] if target else []),
        ("Design choices", [(c["name"] + ": " + c["summary"], c["fact"]) for c in recommendation["design_choices"].values()]),
        ("Roles", [(r["name"] + ": " + w["text"], w["fact"]) for r in recommendation["roles"] for w in r["why"]]),
        ("Hiring plan", [(f"Hire {h['number']}: {h['name']}", h["fact"]) for h in recommendation["hiring"]["plan"]
                         if not h["repeat_of"]]),
        ("Attraction levers", [(l["name"], w["fact"]) for l in recommendation["hiring"]["attraction"] for w in l["why"]]),
        ("Interview loops", [(f"{i['name']}: {c['text']}", c["fact"]) for i in recommendation["hiring"]["interviews"]
                             for c in i["checks"]]),
        ("Practices", [(p["name"], w["fact"]) for p in recommendation["practices"] for w in p["why"]]),
        ("Risks", [(r["text"], w["fact"]) for r in recommendation["risks"] for w in r["why"]]),
        ("Actions", [(a["name"], w["fact"]) for a in recommendation["actions"] for w in a["why"]]),
    )
    for title, items in groups:
        entries = []
        for conclusion, fact_id in items:
            origin = based_on(fact_id)
            if origin:
                entries.append({"conclusion": conclusion, **origin})
        sections.append({"title": title, "entries": entries})
    return sections


def _describe_fact(fact, knowledge):
    fields = fact["fields"]
    if fact["type"] == "answer":
        value = fields["value"]
        shown = answer_text(knowledge, fields["question"], tuple(value) if isinstance(value, list) else value)
        return f"answer {fields['question']} = {shown}"
    if fact["type"] == "target":
        return f"target {fields['id']}"
    if fact["type"] == "archetype":
        return f"archetype {fields['id']}" + (f" (mixed with {fields['mixed_with']})" if fields.get("mixed_with") not in (None, "none") else "")
    if fact["type"] == "evidence":
        return f"evidence {fields['archetype']} {fields['cf']:+.2f}"
    return fact["type"].replace("_", " ") + " " + ", ".join(f"{k}={v}" for k, v in fields.items() if k != "why")
