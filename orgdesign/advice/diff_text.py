"""The readable form of a comparison made by ``orgdesign.diff``."""
from ..diff import list_change

BRIEF_LIMIT = 40
# Section paths whose generic name would read oddly.
SECTION_TITLES = {"org_chart.edges": "Org-chart lines", "org_chart.nodes": "Org-chart boxes",
                  "org_chart_today.edges": "Lines of today's chart", "org_chart_today.nodes": "Boxes of today's chart"}


def diff_text(diff):
    before, after = diff["before"], diff["after"]
    lines = [f"Before: {_side(before)}", f"After:  {_side(after)}"]
    if before["client"] != after["client"]:
        lines.append("Note: the two profiles name different clients.")
    lines.append("")
    answers = diff["answers"]
    lines.append(f"Answers changed ({len(answers)}):" if answers else "Answers: no change")
    lines += [f"  {a['question']}: {_value(a['before'])} -> {_value(a['after'])}" for a in answers]
    lines.append("")
    lines += _archetype_lines(diff["archetype"])
    lines.append("")
    lines += _section_lines(diff["changes"])
    return "\n".join(lines) + "\n"


def _side(side):
    when = f", interviewed {side['interviewed_on']}" if side.get("interviewed_on") else ""
    return f"{side['profile']} ({side['client']}{when})"


def _archetype_lines(change):
    old, new = change["before"], change["after"]
    if old["id"] == new["id"]:
        lines = [f"Archetype: {new['name']} ({new['id']}), unchanged; confidence {old['confidence']:.2f} -> {new['confidence']:.2f}"]
    else:
        lines = [f"Archetype: {old['name']} ({old['id']}) -> {new['name']} ({new['id']}); "
                 f"confidence {old['confidence']:.2f} -> {new['confidence']:.2f}"]
    if old["mixed_with"] != new["mixed_with"]:
        lines.append(f"Mixed with: {old['mixed_with'] or 'none'} -> {new['mixed_with'] or 'none'}")
    return lines


def _section_lines(changes):
    by_section = {}
    for change in changes:
        by_section.setdefault(change["section"], []).append(change)
    if not by_section:
        return ["Advice: no change"]
    lines = []
    for section, section_changes in by_section.items():
        lines.append(f"{_title(section)} ({len(section_changes)} changed):")
        lines += [f"  {_change_line(c)}" for c in section_changes]
    return lines


def _title(section):
    return SECTION_TITLES.get(section) or section.replace(".", " ").replace("_", " ").capitalize()


def _change_line(change):
    name = change.get("label") or change["item"] or ""
    if change["change"] == "added":
        return f"+ {name}{_brief(change['after'])}"
    if change["change"] == "removed":
        return f"- {name}{_brief(change['before'])}"
    if "fields" in change:
        fields = "; ".join(_field_change(k, v["before"], v["after"]) for k, v in change["fields"].items())
        return f"{name}: {fields}" if name else fields
    return f"{name + ': ' if name else ''}{_value(change['before'])} -> {_value(change['after'])}"


def _field_change(name, before, after):
    if isinstance(before, list) and isinstance(after, list) and any(isinstance(v, dict) for v in before + after):
        added, removed = list_change(before, after)
        parts = [f"+{item}" for item in added] + [f"-{item}" for item in removed]
        return f"{name} {' '.join(parts) if parts else 'reworded'}"
    return f"{name} {_value(before)} -> {_value(after)}"


def _brief(item):
    """The short facts of an added or removed item (long texts are for the report)."""
    if isinstance(item, dict):
        shown = [f"{k} {_value(v)}" for k, v in item.items()
                 if k not in ("id", "from", "to") and not isinstance(v, (dict, list)) and len(str(v)) <= BRIEF_LIMIT]
        return f" ({', '.join(shown)})" if shown else ""
    return "" if item is None else f": {_value(item)}"


def _value(value):
    if isinstance(value, list):
        return "[" + ", ".join(str(v) for v in value) + "]"
    if value is None:
        return "none"
    if value is True or value is False:
        return "yes" if value else "no"
    return str(value)
