"""Compares two interviews of one client as a consultant's change note.

First the answers that changed (question text and answer labels), then what
those changes did to the advice, one section each: target and archetype,
confidence, design choices, the org charts of today and recommended (units
and roles added, removed or renamed), hiring (head count per role: hires are compared by role, never by
their position in the sequence), actions and risks.  The result is plain
JSON-ready data; ``orgdesign.advice.diff_text`` writes it as text or Markdown.
"""
from collections import Counter


def compare_recommendations(before_profile, before, after_profile, after, knowledge):
    """The change note between two recommendations of one client, as JSON-ready data."""
    return {
        "before": _side(before_profile),
        "after": _side(after_profile),
        "answers": changed_answers(before_profile, after_profile, knowledge.questions),
        "target": _named_change(before.get("target"), after.get("target")),
        "archetype": _named_change(before["archetype"], after["archetype"]),
        "confidence": _confidence_change(before["archetype"], after["archetype"]),
        "design_choices": _design_choice_changes(before["design_choices"], after["design_choices"]),
        "org_chart_today": _chart_changes(before.get("org_chart_today"), after.get("org_chart_today")),
        "org_chart": _chart_changes(before.get("org_chart"), after.get("org_chart")),
        "hiring": _hiring_changes(before.get("hiring"), after.get("hiring"), knowledge),
        "actions": _added_and_removed(before.get("actions"), after.get("actions")),
        "risks": _added_and_removed(before.get("risks"), after.get("risks")),
    }


def changed_answers(before, after, bank):
    """Each changed answer with its question's text and the answers' labels, in bank order."""
    return [{"question": q.id, "text": q.text,
             "before": _plain(before.answer(q.id)), "after": _plain(after.answer(q.id)),
             "before_label": q.answer_label(before.answer(q.id)),
             "after_label": q.answer_label(after.answer(q.id))}
            for q in bank if before.answer(q.id) != after.answer(q.id)]


def _named_change(before, after):
    def view(entry):
        return {"id": entry["id"], "name": entry["name"]} if entry else None

    old, new = view(before), view(after)
    return {"before": old, "after": new, "changed": old != new}


def _confidence_change(before, after):
    def view(archetype):
        return {"value": archetype["confidence"], "words": archetype["confidence_words"],
                "provisional": bool(archetype.get("provisional"))}

    old, new = view(before), view(after)
    return {"before": old, "after": new, "changed": old != new}


def _design_choice_changes(before, after):
    changes = []
    for dimension in dict.fromkeys([*before, *after]):
        old, new = before.get(dimension), after.get(dimension)
        old_view, new_view = _choice_view(old), _choice_view(new)
        if old_view != new_view:
            changes.append({"id": dimension, "name": (new or old)["name"], "before": old_view, "after": new_view})
    return changes


def _choice_view(choice):
    if choice is None:
        return None
    return {"recommendation": choice["recommendation"], "summary": choice["summary"],
            "stance": choice.get("stance"), "gap": choice.get("gap")}


def _chart_changes(before, after):
    old_nodes, new_nodes = _chart_nodes(before), _chart_nodes(after)

    def of_kind(nodes, kinds):
        return {node_id: node for node_id, node in nodes.items() if node["kind"] in kinds}

    result = {}
    for name, kinds in (("units", ("unit", "company")), ("roles", ("role",))):
        old, new = of_kind(old_nodes, kinds), of_kind(new_nodes, kinds)
        result[name] = {"added": [_node_view(new[n], new_nodes) for n in new if n not in old],
                        "removed": [_node_view(old[n], old_nodes) for n in old if n not in new],
                        # The same unit or role under another name (the profile's `names:` changed).
                        "renamed": [{"id": n, "before": old[n]["label"], "after": new[n]["label"]}
                                    for n in new if n in old and old[n]["label"] != new[n]["label"]]}
    return result


def _chart_nodes(chart):
    return {node["id"]: node for node in (chart or {}).get("nodes", [])}


def _node_view(node, nodes):
    view = {"id": node["id"], "label": node["label"]}
    if node["kind"] == "role":
        unit = nodes.get(node["unit"])
        view.update(unit=unit["label"] if unit else node["unit"], status=node.get("status"))
    return view


def _hiring_changes(before, after, knowledge):
    old, new = _hires_per_role(before), _hires_per_role(after)
    names = getattr(knowledge, "roles", {}) or {}
    by_role = [{"role": role, "name": _role_name(role, before, after, names),
                "before": old.get(role, 0), "after": new.get(role, 0)}
               for role in dict.fromkeys([*old, *new]) if old.get(role, 0) != new.get(role, 0)]
    return {"total": {"before": sum(old.values()), "after": sum(new.values())}, "by_role": by_role}


def _hires_per_role(hiring):
    return Counter(hire["role"] for hire in (hiring or {}).get("plan", []))


def _role_name(role, before, after, names):
    for hiring in (after, before):
        for hire in (hiring or {}).get("plan", []):
            if hire["role"] == role and hire.get("name"):
                return hire["name"]
    return (names.get(role) or {}).get("name", role)


def _added_and_removed(before, after):
    old = {item["id"]: item for item in before or []}
    new = {item["id"]: item for item in after or []}
    return {"added": [_item_view(new[i]) for i in new if i not in old],
            "removed": [_item_view(old[i]) for i in old if i not in new]}


def _item_view(item):
    # Risks carry their text and no name; actions carry both.
    return {"id": item["id"], "name": item.get("name") or item.get("text")}


def _side(profile):
    return {"profile": profile.path, "client": profile.client, "interviewed_on": profile.interviewed_on}


def _plain(value):
    return list(value) if isinstance(value, tuple) else value
