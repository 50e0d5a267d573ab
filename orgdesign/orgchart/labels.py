"""HTML-like labels for nodes, the title and the legend.

Markup is written here; every piece of text in it goes through
``escape_label_text``, the one escaping function.
"""
from .quoting import escape_label_text
from .style import DOTTED, FRAME, HIRE, HIRE_FILL, INK, MUTED, SECONDARY_POINT_SIZE


def unit_label(profile, unit_id, entry):
    """What a chart calls unit ``unit_id``: the client's own name (``names.units``), else the generic label.

    ``entry`` is the unit's entry in knowledge/org_units.yaml; ``label: client``
    means the client's name.
    """
    default = profile.client if entry.get("label") == "client" else entry["label"]
    return profile.name_of("units", unit_id, default)


def role_label(profile, role_id, entry):
    """What a chart or report calls role ``role_id``: the client's own title (``names.roles``), else the generic name."""
    return profile.name_of("roles", role_id, entry["name"])


def html(markup):
    """Wrap finished markup as a DOT HTML-like label."""
    return f"<{markup}>"


def _small(text, colour=MUTED):
    return f'<FONT POINT-SIZE="{SECONDARY_POINT_SIZE}" COLOR="{colour}">{escape_label_text(text)}</FONT>'


def node_label(node, status_labels):
    """The label of one chart node: its name, then its lead, size or status."""
    if node["kind"] == "role":
        lines = [escape_label_text(node["label"]), _small(role_status_text(node, status_labels))]
    else:
        lines = [f"<B>{escape_label_text(node['label'])}</B>"]
        colour = "white" if node["kind"] == "company" else MUTED
        for extra in (node.get("head"), headcount_text(node)):
            if extra:
                lines.append(_small(extra, colour))
    return html("<BR/>".join(lines))


def role_status_text(node, status_labels):
    """The second line of a role: its status, and how many hires the plan adds to it.

    >>> labels = {"present": "on staff today", "to_hire": "to hire"}
    >>> role_status_text({"status": "present", "planned_hires": 2}, labels)
    'on staff today · 2 more to hire'
    >>> role_status_text({"status": "to_hire", "planned_hires": 3}, labels)
    'to hire · 3 in the plan'
    >>> role_status_text({"status": "to_hire", "planned_hires": 1}, labels)
    'to hire'
    """
    text = status_labels.get(node["status"], "")
    hires = node.get("planned_hires") or 0
    if node["status"] == "present" and hires:
        text += f" · {hires} more to hire"
    elif node["status"] == "to_hire" and hires > 1:
        text += f" · {hires} in the plan"
    return text


def headcount_text(node):
    """The size line of a node, or None when nothing is known.

    >>> headcount_text({"employees": 1200})
    '1,200 employees'
    >>> headcount_text({"ml_staff": 9, "ml_hires": 5})
    '9 ML staff today · 5 planned hires'
    >>> headcount_text({"ml_staff": None, "ml_hires": 1})
    '1 planned hire'
    """
    parts = []
    if node.get("employees") is not None:
        parts.append(f"{node['employees']:,} employees")
    if node.get("ml_staff") is not None:
        parts.append(f"{node['ml_staff']:,} ML staff today")
    if node.get("ml_hires") is not None:
        parts.append(f"{node['ml_hires']:,} planned hire{'' if node['ml_hires'] == 1 else 's'}")
    return " · ".join(parts) or None


def edge_label(note):
    return html(escape_label_text(note)) if note else None


def title_label(title):
    return html(f"<B>{escape_label_text(title)}</B>")


def legend_label(lines_used, line_labels, statuses_used, status_labels):
    """A small table: one row per line kind and role status the chart uses."""
    rows = [f'<TR><TD COLSPAN="2" ALIGN="LEFT"><B>{escape_label_text("Legend")}</B></TD></TR>']
    line_colours = {"solid": INK, "dotted": DOTTED}
    for line in lines_used:
        style = ' STYLE="dashed"' if line == "dotted" else ""
        rows.append(
            f'<TR><TD WIDTH="34" HEIGHT="10" FIXEDSIZE="TRUE" SIDES="B" BORDER="2" COLOR="{line_colours[line]}"{style}></TD>'
            f'<TD ALIGN="LEFT">{escape_label_text(line_labels[line])}</TD></TR>')
    swatches = {"present": ("white", INK, ""), "to_hire": (HIRE_FILL, HIRE, ' STYLE="dashed"'),
                "later": ("white", HIRE, ' STYLE="dashed"'), "unknown": ("white", MUTED, ' STYLE="dotted"')}
    for status in statuses_used:
        fill, colour, style = swatches[status]
        rows.append(
            f'<TR><TD WIDTH="34" HEIGHT="14" FIXEDSIZE="TRUE" BORDER="1" BGCOLOR="{fill}" COLOR="{colour}"{style}></TD>'
            f'<TD ALIGN="LEFT">{escape_label_text("role " + status_labels[status])}</TD></TR>')
    return html(f'<TABLE BORDER="1" COLOR="{FRAME}" STYLE="rounded" CELLBORDER="0" CELLSPACING="4" CELLPADDING="3">'
                f'{"".join(rows)}</TABLE>')
