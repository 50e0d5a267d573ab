"""The change note made by ``orgdesign.diff``, written for people: plain text or Markdown.

Both forms say the same things in the same order; only the markup differs,
so the sentences are built once (``note_sections``) and laid out twice.
A section with no change is left out, and the note says so in one line.
"""


def diff_text(diff):
    """The change note as plain text, for the terminal."""
    lines = _title_lines(diff)
    for heading, items in note_sections(diff):
        lines += ["", f"{heading}:"] + [f"  {item}" for item in items]
    return "\n".join(lines) + "\n"


def diff_markdown(diff):
    """The change note as Markdown, for a memo or a ticket."""
    lines = [f"# Change note: {diff['after']['client']}", ""] + [f"{line}  " for line in _title_lines(diff)]
    for heading, items in note_sections(diff):
        lines += ["", f"## {heading}", ""] + [f"- {item}" for item in items]
    return "\n".join(lines) + "\n"


def note_sections(diff):
    """``[(heading, [sentence, ...]), ...]``: the changes, section by section, empty ones left out."""
    advice = [("Target, archetype and confidence", _verdict_items(diff)),
              ("Design choices", _design_items(diff["design_choices"])),
              ("Org chart today", _chart_items(diff.get("org_chart_today"))),
              ("Recommended org chart", _chart_items(diff["org_chart"])),
              ("Hiring, by role", _hiring_items(diff["hiring"])),
              ("Actions", _added_removed_items(diff["actions"])),
              ("Risks", _added_removed_items(diff["risks"]))]
    advice = [(heading, items) for heading, items in advice if items]
    answers = _answer_items(diff["answers"])
    if not answers and not advice:
        return [("No change", ["The two profiles give the same answers and the same advice."])]
    if not advice:
        advice = [("What that changed", ["Nothing in the advice."])]
    return ([("Answers that changed", answers)] if answers else []) + advice


def _title_lines(diff):
    before, after = diff["before"], diff["after"]
    lines = [f"Before: {_side(before)}", f"After:  {_side(after)}"]
    if before["client"] != after["client"]:
        lines.append("Note: the two profiles name different clients.")
    return lines


def _side(side):
    when = f", interviewed {side['interviewed_on']}" if side.get("interviewed_on") else ""
    return f"{side['profile']} ({side['client']}{when})"


def _answer_items(answers):
    return [f"{a['text']} {a['before_label']} -> {a['after_label']}" for a in answers]


def _verdict_items(diff):
    target, archetype, confidence = diff["target"], diff["archetype"], diff["confidence"]
    if not (target["changed"] or archetype["changed"] or confidence["changed"]):
        return []
    items = [_change_or_same("Recommended target", target), _change_or_same("Resembles today", archetype)]
    old, new = confidence["before"], confidence["after"]
    items.append(f"Confidence in the call: {old['words']} ({old['value']:.2f})"
                 + (f" -> {new['words']} ({new['value']:.2f})" if old["value"] != new["value"] else ", unchanged"))
    if old["provisional"] != new["provisional"]:
        items.append("The call is now provisional: confirm the answers the summary names first" if new["provisional"]
                     else "The call is no longer provisional")
    return items


def _change_or_same(what, change):
    if change["changed"]:
        return f"{what}: {_name(change['before'])} -> {_name(change['after'])}"
    return f"{what}: {_name(change['after'])}, unchanged"


def _design_items(changes):
    items = []
    for change in changes:
        old, new = change["before"], change["after"]
        if old is None or new is None:
            items.append(f"{change['name']}: {'now' if old is None else 'no longer'} part of the advice")
        elif old["summary"] != new["summary"]:
            items.append(f"{change['name']}: {old['summary']} -> {new['summary']}")
        else:
            items.append(f"{change['name']}: {new['summary']} ({_stance(old)} -> {_stance(new)})")
    return items


def _stance(view):
    if view["stance"] == "trade_off":
        return "a trade-off to manage"
    return {True: "a gap with today", False: "as today", None: "today unknown"}[view["gap"]]


def _chart_items(chart):
    if not chart:
        return []
    items = [f"+ unit {u['label']}" for u in chart["units"]["added"]]
    items += [f"- unit {u['label']}" for u in chart["units"]["removed"]]
    items += [f"+ role {r['label']} in {r['unit']}{_status(r)}" for r in chart["roles"]["added"]]
    items += [f"- role {r['label']} in {r['unit']}{_status(r)}" for r in chart["roles"]["removed"]]
    for kind in ("units", "roles"):
        renamed = dict.fromkeys((r["before"], r["after"]) for r in chart[kind].get("renamed", []))  # a role in two units: once
        items += [f"~ {kind[:-1]} {old} is now called {new}" for old, new in renamed]
    return items


def _status(role):
    return {"present": " (on staff today)", "to_hire": " (to hire)", "unknown": " (to confirm)"}.get(role.get("status"), "")


def _hiring_items(hiring):
    changes = hiring["by_role"]
    if not changes:
        return []
    total = hiring["total"]
    return [f"In all: {total['before']} -> {total['after']} planned hires"] + [f"{c['name']}: {c['before']} -> {c['after']} hire{'s' if c['after'] != 1 else ''}" for c in changes]


def _added_removed_items(change):
    return [f"+ {item['name']}" for item in change["added"]] + [f"- {item['name']}" for item in change["removed"]]


def _name(entry):
    return entry["name"] if entry else "none"
