"""The client's ML organisation today, drawn from its answers alone.

The recommended chart is concluded by rules; this one restates answers
(where ML happens, whom it reports to, the roles on staff, the ML headcount
and the company's size), so each node's trace is the answers it shows.
Where each answer puts ML work is read from ``today`` in
knowledge/org_units.yaml, not written here.  The result has the same format
as the recommendation's ``org_chart``.
"""
from ..questions import UNKNOWN
from .labels import role_label, unit_label

ROOT = "company"
TODAY_ANSWERS = ("ml_activity", "ml_reports_to", "roles_present", "ml_headcount", "employees")


def build_today_chart(inference, knowledge):
    """The ``org_chart_today`` of one profile: nodes and edges as in ``org_chart``."""
    return _TodayBuilder(inference.profile, knowledge, _today_title(inference, knowledge)).build()


def _today_title(inference, knowledge):
    facts = inference.facts_of_type("archetype")
    if not facts:
        return "ML organisation today"
    fields = facts[0].fields
    title = f"ML organisation today: resembles {knowledge.archetypes[fields['id']]['name']}"
    if fields.get("mixed_with") in knowledge.archetypes:
        title += f", close to {knowledge.archetypes[fields['mixed_with']]['name']}"
    return title


def ml_home(chart, knowledge):
    """The unit of a chart of today that holds the ML staff, or None where ML has no home today.

    The first of `roles_home_order` (knowledge/org_units.yaml) the chart
    draws: where `place_roles` puts the roles on staff and the headcount, and
    where they belong when nobody is named or counted (an R&D lab's ML
    research team, say).
    """
    drawn = {node["id"] for node in chart["nodes"]}
    return next((unit for unit in knowledge.documents["org_units"].data["today"]["roles_home_order"] if unit in drawn), None)


class _TodayBuilder:
    def __init__(self, profile, knowledge, title):
        self.profile = profile
        self.knowledge = knowledge
        self.table = knowledge.documents["org_units"].data["today"]
        self.title = title
        self.nodes = {}
        self.edges = {}

    def build(self):
        self.unit(ROOT, "employees")
        self.unit("leadership", "employees")
        self.line(ROOT, "leadership", "solid", None, "employees")
        activities = self.answer("ml_activity")
        activities = () if activities == UNKNOWN else activities
        placed = []
        for activity in activities:
            where = self.table["activity_units"].get(activity)
            if where is None:
                continue  # `none`: no ML work to draw
            self.place(where, "ml_activity")
            placed.append(where["unit"])
        self.place_roles(placed)
        for activity in activities:
            where = self.table["activity_units"].get(activity) or {}
            node = self.nodes.get(where.get("unit"))
            if where.get("mark") and node["ml_staff"] is None and not any(
                    n.get("unit") == where["unit"] for n in self.nodes.values()):
                # Say where ML happens even when nobody on staff is named there.
                node["head"] = f"{node['head']} · {where['mark']}" if node["head"] else where["mark"]
        units = list(self.knowledge.org_units)
        order = sorted(self.nodes, key=lambda n: self._order(n, units))
        edges = sorted(self.edges.values(), key=lambda e: (self._order(e["to"], units), self._order(e["from"], units)))
        return {
            "title": self.title,
            "legend": {
                "lines": {i: e["label"] for i, e in self.knowledge.org_lines.items()},
                "statuses": {i: e["label"] for i, e in self.knowledge.org_statuses.items()},
            },
            "root": ROOT,
            "nodes": [{"id": n, **self.nodes[n]} for n in order],
            "edges": edges,
        }

    # -- placing what the answers say ------------------------------------
    def place(self, where, question):
        unit_id = where["unit"]
        self.unit(unit_id, question)
        if where["within"] == "reports_to":
            reports_to = self.answer("ml_reports_to")
            line = self.table["reports_to_units"][reports_to]
            self.parent_chain(line["unit"], "ml_reports_to")
            self.line(line["unit"], unit_id, line["line"], line.get("note"), question, "ml_reports_to")
        else:
            self.parent_chain(where["within"], question)
            self.line(where["within"], unit_id, "solid", None, question)

    def parent_chain(self, unit_id, question):
        """Add ``unit_id`` and the units above it up to leadership."""
        self.unit(unit_id, question)
        parent = self.table["parent_units"].get(unit_id)
        if parent is not None:
            self.parent_chain(parent, question)
            self.line(parent, unit_id, "solid", None, question)

    def place_roles(self, placed):
        """The roles on staff, and the ML headcount, in the unit that holds the ML staff."""
        present = self.answer("roles_present")
        present = () if present == UNKNOWN else tuple(r for r in present if r != "none")
        headcount = self.answer("ml_headcount")
        home = next((u for u in self.table["roles_home_order"] if u in placed), None)
        if home is None and (present or headcount not in (UNKNOWN, 0)):
            home = self.table["roles_without_activity"]
            self.unit(home, "roles_present")
            known = self.answer("ml_activity") != UNKNOWN
            self.line("leadership", home, "dotted", "no ML team" if known else "where ML sits is not known", "ml_activity")
        if home is None:
            return
        node = self.nodes[home]
        node["ml_staff"] = None if headcount == UNKNOWN else headcount
        _note(node, "answer:ml_headcount")
        for role_id in self.knowledge.roles:
            if role_id in present:
                role_node = f"role.{home}.{role_id}"
                self.nodes[role_node] = _node("role", role_label(self.profile, role_id, self.knowledge.roles[role_id]), unit=home,
                                              role=role_id, status="present", planned_hires=0)
                _note(self.nodes[role_node], "answer:roles_present")
                self.line(home, role_node, "solid", None, "roles_present")

    # -- nodes and edges -------------------------------------------------
    def unit(self, unit_id, question):
        if unit_id not in self.nodes:
            entry = self.knowledge.org_units[unit_id]
            self.nodes[unit_id] = _node("company" if unit_id == ROOT else "unit", unit_label(self.profile, unit_id, entry),
                                        head=entry.get("head"),
                                        container=bool(entry.get("container")))
            if unit_id == ROOT:
                employees = self.answer("employees")
                self.nodes[unit_id]["employees"] = None if employees == UNKNOWN else employees
        _note(self.nodes[unit_id], f"answer:{question}")

    def line(self, manager, member, line, note, *questions):
        key = (manager, member)
        edge = self.edges.setdefault(key, {"from": manager, "to": member, "line": line, "note": note,
                                           "facts": [], "rules": []})
        for question in questions:
            _note(edge, f"answer:{question}")

    def answer(self, question_id):
        return self.profile.answer(question_id)

    def _order(self, node_id, units):
        node = self.nodes[node_id]
        if node["kind"] == "role":
            return (1, units.index(node["unit"]), list(self.knowledge.roles).index(node["role"]))
        return (0, units.index(node_id), 0)


def _node(kind, label, head=None, container=False, unit=None, role=None, status=None, planned_hires=None):
    return {"kind": kind, "label": label, "head": head, "container": container, "unit": unit, "role": role,
            "status": status, "planned_hires": planned_hires, "ml_staff": None, "ml_hires": None,
            "employees": None, "facts": [], "rules": []}


def _note(record, fact_id):
    if fact_id not in record["facts"]:
        record["facts"].append(fact_id)
