"""Check: no client gets two pieces of advice that knowledge/ says exclude each other.

A knowledge entry of an advice collection may list ``excludes: [KEY, ...]``:
advice that must never reach the same client, because the two cannot both be
true of it ("no model is in production yet" beside "many models run in
production").  A key is ``section:id`` (a bare ``id`` means the entry's own
section).  The sections are the recommendation's advice lists:

>>> sorted(SECTIONS)
['actions', 'attraction', 'practices']
>>> parse_key("actions:plan_first_hires", "practices")
('actions', 'plan_first_hires')
>>> parse_key("measure_inputs", "practices")
('practices', 'measure_inputs')

Two checks use the declarations:

- ``exclusion_gaps(recommendation, knowledge)`` looks at one built
  recommendation; the completeness proof calls it for every recommendation it
  builds, and the tests for the examples and random profiles.
- ``check_exclusions(context, space, dead)`` proves it for the whole answer
  space from the rules alone: every rule that can conclude one side is
  compared with every rule that can conclude the other, and two whose answer
  tests can hold together (and whose fact conditions do not exclude each
  other) are a finding.  It over-approximates: a pair it lets pass can never
  fire together.
"""
import os

from .findings import Finding
from .rule_logic import answers_overlap, facts_exclude

# Recommendation section -> (knowledge document, list key, fact type, fact field naming the id).
SECTIONS = {
    "actions": ("actions", "actions", "action", "action"),
    "practices": ("practices", "practices", "practice", "practice"),
    "attraction": ("hiring", "attraction_levers", "attraction", "lever"),
}


def parse_key(key, own_section):
    """``(section, id)`` of an ``excludes`` entry."""
    section, _, entry_id = key.rpartition(":")
    return (section or own_section), entry_id


def declared_exclusions(documents):
    """``[(section, id, other_section, other_id, path, line)]`` from the knowledge documents."""
    pairs = []
    for section, (document_name, list_key, _, _) in SECTIONS.items():
        document = documents.get(document_name)
        entries = (document.data or {}).get(list_key) if document is not None else None
        for index, entry in enumerate(entries or []):
            if not isinstance(entry, dict):
                continue
            for key in entry.get("excludes") or []:
                other_section, other_id = parse_key(str(key), section)
                pairs.append((section, entry.get("id"), other_section, other_id,
                              document.path, document.line_of(list_key, index, "excludes") or 1))
    return pairs


def advice_ids(recommendation):
    """``{(section, id)}`` of the advice a recommendation gives."""
    lists = {"actions": recommendation.get("actions"), "practices": recommendation.get("practices"),
             "attraction": (recommendation.get("hiring") or {}).get("attraction")}
    return {(section, item["id"]) for section, items in lists.items() for item in items or []}


def exclusion_gaps(recommendation, knowledge):
    """What a recommendation says that knowledge/ declares mutually exclusive (empty when nothing)."""
    given = advice_ids(recommendation)
    return [f"gives both {a}:{a_id} and {b}:{b_id}, which knowledge/ declares exclusive"
            for a, a_id, b, b_id, _, _ in declared_exclusions(knowledge.documents)
            if (a, a_id) in given and (b, b_id) in given]


def check_exclusions(context, space, dead=()):
    """Findings for undeclared keys and for rule pairs that can give both sides of an exclusion."""
    findings = []
    collections = {section: _ids(context, section) for section in SECTIONS}
    for section, entry_id, other_section, other_id, path, line in declared_exclusions(context.knowledge_documents):
        if other_section not in SECTIONS or other_id not in collections[other_section]:
            findings.append(Finding("exclusions", path, line,
                                    f"`{entry_id}` excludes `{other_section}:{other_id}`, which is no known advice",
                                    f"write SECTION:ID with SECTION one of {', '.join(SECTIONS)} and an id listed there"))
            continue
        for first in _concluding(context, section, entry_id, dead):
            for second in _concluding(context, other_section, other_id, dead):
                if answers_overlap(space, first, second) and not facts_exclude(context.book, first.fact_tests, second.fact_tests):
                    findings.append(Finding(
                        "exclusions", second.path, second.line,
                        f"rule `{second.id}` ({other_section}:{other_id}) and rule `{first.id}` ({first.path}:{first.line}, "
                        f"{section}:{entry_id}) can fire for the same client, but {os.path.basename(path)}:{line} declares the two exclusive",
                        "narrow one rule's conditions so they cannot hold together, or drop the `excludes` entry"))
    return findings


def _ids(context, section):
    document_name, list_key, _, _ = SECTIONS[section]
    document = context.knowledge_documents.get(document_name)
    entries = (document.data or {}).get(list_key) if document is not None else None
    return {e.get("id") for e in entries or [] if isinstance(e, dict)}


def _concluding(context, section, entry_id, dead):
    _, _, fact_type, field_name = SECTIONS[section]
    return [rule for rule in context.rules if rule.id not in dead
            and any(a.fact_type == fact_type and dict(a.fields).get(field_name) == entry_id for a in rule.then)]
