"""Compares two profiles of one client (two milestones, or a what-if copy).

The comparison covers the answers, the archetype, and every section of the
recommendation after it, generically: a section that later layers fill
(roles, org chart, hiring...) is compared as soon as it holds something,
without changes here.  Items of a list are matched by their ``id`` (or, for
org-chart edges, by their ends), so a reordered list is no change.
"""
import json

# Sections compared on their own terms (answers, archetype) or not advice at all.
NOT_COMPARED = ("profile_version", "client", "profile_digest", "rulebase", "archetype", "unknown_answers", "trace")
IGNORED_SUFFIXES = ("_name", "_inference", "_source", "_rule", "_fact")
# How list items are matched between the two recommendations, first fit wins.
IDENTITY_KEYS = (("id",), ("from", "to"), ("number",), ("role",))
# Where a conclusion came from, and texts looked up from its id: they change
# whenever the conclusion does, or with firing order, and add nothing to a diff.
IGNORED_FIELDS = frozenset({"fact", "facts", "rule", "rules", "firing", "source", "inference",
                            "current_question", "name", "title", "summary", "detail", "description", "rationale",
                            "text", "label"})


def compare_recommendations(before_profile, before, after_profile, after):
    """The differences between two recommendations, as JSON-ready data."""
    return {
        "before": _side(before_profile),
        "after": _side(after_profile),
        "answers": changed_answers(before_profile, after_profile),
        "archetype": _archetype_change(before["archetype"], after["archetype"]),
        "changes": changed_sections(before, after),
    }


def changed_answers(before, after):
    questions = list(dict.fromkeys([*before.answers, *after.answers]))
    return [{"question": q, "before": _plain(before.answer(q)), "after": _plain(after.answer(q))}
            for q in questions if before.answer(q) != after.answer(q)]


def changed_sections(before, after):
    """Change records for every advice section either recommendation holds."""
    changes = []
    for section in dict.fromkeys([*before, *after]):
        if section not in NOT_COMPARED:
            changes.extend(_compare(section, before.get(section), after.get(section)))
    return changes


def _compare(path, before, after):
    if _is_nested_section(before) and _is_nested_section(after):
        changes = []
        for key in dict.fromkeys([*(before or {}), *(after or {})]):
            changes.extend(_compare(f"{path}.{key}", (before or {}).get(key), (after or {}).get(key)))
        return changes
    if _is_collection(before) and _is_collection(after):
        return _compare_items(path, _keyed(before), _keyed(after))
    if before == after:
        return []
    return [_record(path, None, "changed", before, after)]


def _compare_items(path, before, after):
    changes = []
    for key in dict.fromkeys([*before, *after]):
        old, new = before.get(key), after.get(key)
        if old is None:
            changes.append(_record(path, key, "added", None, new))
        elif new is None:
            changes.append(_record(path, key, "removed", old, None))
        elif _essence(old) != _essence(new):
            changes.append(_record(path, key, "changed", old, new))
    return changes


def _record(section, item, change, before, after):
    record = {"section": section, "item": item, "change": change,
              "before": _visible(before), "after": _visible(after)}
    if change == "changed" and isinstance(before, dict) and isinstance(after, dict):
        old, new = _essence(before), _essence(after)
        record["fields"] = {k: {"before": old.get(k), "after": new.get(k)}
                            for k in dict.fromkeys([*old, *new]) if old.get(k) != new.get(k)}
    if isinstance(before or after, dict):
        record["label"] = (before or after).get("name") or (before or after).get("title")
    return record


def _is_nested_section(value):
    """A mapping of sub-sections (org_chart, hiring), as opposed to a mapping of items."""
    return value is None or (isinstance(value, dict) and not _is_item_mapping(value))


def _is_item_mapping(value):
    return bool(value) and all(isinstance(v, dict) for v in value.values())


def _is_collection(value):
    return value is None or isinstance(value, list) or (isinstance(value, dict) and _is_item_mapping(value))


def _keyed(value):
    if value is None:
        return {}
    if isinstance(value, dict):
        return dict(value)
    return {_identity(item): item for item in value}


def _ignored(key):
    return key in IGNORED_FIELDS or str(key).endswith(IGNORED_SUFFIXES)


def list_change(before, after):
    """Identities of the items only ``after`` has, and of those only ``before`` has.

    >>> list_change([{"id": "a"}, {"id": "b"}], [{"id": "b"}, {"id": "c"}])
    (['c'], ['a'])
    """
    old, new = _keyed(before), _keyed(after)
    return [k for k in new if k not in old], [k for k in old if k not in new]


def _identity(item):
    if isinstance(item, dict):
        for keys in IDENTITY_KEYS:
            if all(key in item for key in keys):
                return " -> ".join(str(item[key]) for key in keys)
    return json.dumps(_essence(item), sort_keys=True, ensure_ascii=False)


def _essence(value):
    """The value without provenance and looked-up texts, at any depth; None when nothing is left."""
    if isinstance(value, dict):
        kept = {k: _essence(v) for k, v in value.items() if not _ignored(k)}
        return {k: v for k, v in kept.items() if v is not _NOTHING}
    if isinstance(value, list):
        items = [item for item in (_essence(v) for v in value) if item is not _NOTHING]
        if value and all(item == {} for item in items):
            return _NOTHING  # e.g. a list of reasons, each only a text and its provenance
        return items
    return value


_NOTHING = object()


def _visible(value):
    essence = _essence(value)
    return None if essence is _NOTHING else essence


def _archetype_change(before, after):
    def view(archetype):
        return {"id": archetype["id"], "name": archetype["name"], "confidence": archetype["confidence"],
                "mixed_with": archetype.get("mixed_with")}

    old, new = view(before), view(after)
    return {"before": old, "after": new, "changed": old["id"] != new["id"] or old["mixed_with"] != new["mixed_with"]}


def _side(profile):
    return {"profile": profile.path, "client": profile.client, "interviewed_on": profile.interviewed_on}


def _plain(value):
    return list(value) if isinstance(value, tuple) else value

