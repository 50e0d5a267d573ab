"""The org chart, built from the rules' conclusions; a networkx DiGraph models it.

The rules assert ``org_unit``, ``org_role``, ``role_home`` and
``reporting_line`` facts; this module only turns them into a graph and
decorates the nodes with what the profile and the other conclusions say
(client name, company size, ML headcount, which roles are on staff, how many
of the hiring plan's hires join each role).  It decides no structure of its
own: an ``org_role`` is always drawn; a ``role_home`` is drawn when the role
is on staff, in the hiring plan or among the roles the report says to staff,
so nobody on staff and no hire is missing from the chart.

Edges run from the manager (or the end of a dotted line) down to the unit or
role that reports to it, so every node is reachable from ``company``.
Node and edge order follows knowledge/org_units.yaml and knowledge/roles.yaml,
never the order in which rules fired, so the same profile gives the same graph.
"""
from ..advice.staffing import plan_places, role_homes
from ..errors import RuleBaseError
from ..questions import UNKNOWN
from .labels import role_label, unit_label

ROOT = "company"


def role_node_id(unit, role):
    """The node id of ``role`` inside ``unit``.

    >>> role_node_id("product_teams", "ml_engineer")
    'role.product_teams.ml_engineer'
    """
    return f"role.{unit}.{role}"


def build_chart(inference, knowledge):
    """The chart the rules concluded for one profile, as plain data.

    This is the recommendation's ``org_chart``, the same as
    ``chart_data(build_graph(...))``, built without loading networkx: a
    ``recommend --json`` needs the data, not the graph library.
    """
    return _GraphBuilder(inference, knowledge).build()


def build_graph(inference, knowledge):
    """The DiGraph of the chart the rules concluded for one profile."""
    return graph_from_chart(build_chart(inference, knowledge))


class _GraphBuilder:
    def __init__(self, inference, knowledge):
        self.inference = inference
        self.knowledge = knowledge
        self.profile = inference.profile
        self.nodes = {}
        self.edges = {}
        self.homes = role_homes(inference)
        self.hires = {}
        for place in plan_places(inference, knowledge):
            home = self.homes.get(place["role"])
            if home is not None:
                key = (home.fields["unit"], place["role"])
                self.hires[key] = self.hires.get(key, 0) + 1

    def build(self):
        for fact in self.inference.facts_of_type("org_unit"):
            self.add_unit(fact)
        for fact in self.inference.facts_of_type("org_role"):
            self.add_role(fact)
        shown = self.roles_to_show()
        for role_id, fact in self.homes.items():
            if role_id in shown:
                self.add_role(fact)
        for fact in self.inference.facts_of_type("reporting_line"):
            self.add_line(fact)
        self.check_single_manager()
        edge_keys = sorted(self.edges, key=lambda k: (self.node_order(k[1]), self.node_order(k[0]), k[2]))
        return {
            "title": self.title(),
            "legend": self.legend(),
            "root": ROOT,
            "nodes": [{"id": n, **_finish(self.nodes[n])} for n in sorted(self.nodes, key=self.node_order)],
            "edges": _one_edge_per_pair([(a, b, _finish(self.edges[(a, b, line)])) for a, b, line in edge_keys]),
        }

    # -- nodes -----------------------------------------------------------
    def add_unit(self, fact):
        unit_id = fact.fields["id"]
        unit = self.knowledge.org_units[unit_id]
        node = self.nodes.setdefault(unit_id, {
            "kind": "company" if unit_id == ROOT else "unit",
            "label": unit_label(self.profile, unit_id, unit),
            "head": unit.get("head"),
            "container": bool(unit.get("container")),
            "unit": None,
            "role": None,
            "status": None,
            "planned_hires": None,
            "ml_staff": None,
            "ml_hires": None,
            "employees": _known(self.profile.answer("employees")) if unit_id == ROOT else None,
            "facts": [],
            "rules": [],
        })
        for name in ("ml_staff", "ml_hires"):
            if node[name] is None:
                node[name] = _known(fact.fields.get(name))
        _note_origin(node, fact)

    def add_role(self, fact):
        unit_id, role_id = fact.fields["unit"], fact.fields["role"]
        self.require_unit(unit_id, fact)
        node = self.nodes.setdefault(role_node_id(unit_id, role_id), {
            "kind": "role",
            "label": role_label(self.profile, role_id, self.knowledge.roles[role_id]),
            "head": None,
            "container": False,
            "unit": unit_id,
            "role": role_id,
            "status": self.role_status(unit_id, role_id),
            "planned_hires": self.hires.get((unit_id, role_id), 0),
            "ml_staff": None,
            "ml_hires": None,
            "employees": None,
            "facts": [],
            "rules": [],
        })
        _note_origin(node, fact)
        edge = self.edges.setdefault((unit_id, role_node_id(unit_id, role_id), "solid"), _new_edge("solid"))
        _note_origin(edge, fact)

    def role_status(self, unit_id, role_id):
        present = self.profile.answer("roles_present")
        if present != UNKNOWN and role_id in present:
            return "present"
        if self.hires.get((unit_id, role_id)):
            return "to_hire"
        return "unknown" if present == UNKNOWN else "later"

    def roles_to_show(self):
        """Roles drawn at their home: on staff, in the hiring plan, or named among the roles to staff."""
        present = self.profile.answer("roles_present")
        shown = set() if present == UNKNOWN else set(present)
        shown |= {role_id for _, role_id in self.hires}
        shown |= {fact.fields["role"] for fact in self.inference.facts_of_type("role_need")}
        return shown

    # -- lines -----------------------------------------------------------
    def add_line(self, fact):
        fields = fact.fields
        self.require_unit(fields["unit"], fact)
        self.require_unit(fields["reports_to"], fact)
        member = fields["unit"]
        if fields.get("role"):
            member = role_node_id(fields["unit"], fields["role"])
            if member not in self.nodes:
                self.fail(fact, f"a line starts at role `{fields['role']}` in `{fields['unit']}`, which no rule placed there")
        edge = self.edges.setdefault((fields["reports_to"], member, fields["line"]), _new_edge(fields["line"]))
        if edge["note"] is None:
            edge["note"] = fields.get("note")
        _note_origin(edge, fact)

    def require_unit(self, unit_id, fact):
        if unit_id not in self.nodes:
            self.fail(fact, f"it names unit `{unit_id}`, but no rule concluded an `org_unit` with that id")

    def check_single_manager(self):
        managers = {}
        for manager, member, line in self.edges:
            if line == "solid":
                managers.setdefault(member, []).append(manager)
        for member, found in sorted(managers.items()):
            if len(found) > 1:
                rules = sorted({r for m in found for r in self.edges[(m, member, "solid")]["rules"]})
                last = max((f for m in found for f in self.edges[(m, member, "solid")]["facts"]), key=_fact_number)
                raise self.error(
                    self.inference.trace.facts[last],
                    f"the org chart gives `{member}` two line managers ({', '.join(sorted(found))}) "
                    f"through rules {', '.join(rules)}",
                    "make one of the lines dotted, or let only one of the rules fire for a profile")

    def fail(self, fact, message):
        raise self.error(fact, f"rule `{fact.origin.get('rule', '?')}` cannot be drawn: {message}",
                         "add the `org_unit` or `org_role` conclusion to a rule that fires for the same profiles")

    def error(self, fact, message, hint):
        """A RuleBaseError located at the rule that asserted ``fact``."""
        firing = self.inference.trace.firings[fact.origin["firing"] - 1]
        return RuleBaseError(message, firing.file, firing.line, hint=hint)

    # -- order and title ---------------------------------------------------
    def node_order(self, node_id):
        units = list(self.knowledge.org_units)
        node = self.nodes[node_id]
        if node["kind"] == "role":
            # Within a unit, roles keep the order in which the rule files name them.
            return (1, units.index(node["unit"]), _fact_number(node["facts"][0]))
        return (0, units.index(node_id), 0)

    def title(self):
        # The chart draws the target; today's archetype is named when the two differ.
        today = self.inference.facts_of_type("archetype")[0].fields["id"]
        targets = self.inference.facts_of_type("target")
        target = targets[0].fields["id"] if targets else today
        title = f"Recommended ML organisation: {self.knowledge.archetypes[target]['name']}"
        if target != today:
            title += f", grown from {self.knowledge.archetypes[today]['name']}"
        return title

    def legend(self):
        """The words the legend uses for line kinds and role statuses."""
        return {
            "lines": {i: entry["label"] for i, entry in self.knowledge.org_lines.items()},
            "statuses": {i: entry["label"] for i, entry in self.knowledge.org_statuses.items()},
        }


def _one_edge_per_pair(edges):
    """Edges as a DiGraph holds them: one per pair of nodes, a later line's attributes updating an earlier one's."""
    merged = {}
    for source, target, attributes in edges:
        merged.setdefault((source, target), {"from": source, "to": target}).update(attributes)
    return list(merged.values())


def _new_edge(line):
    return {"line": line, "note": None, "facts": [], "rules": []}


def _note_origin(record, fact):
    if fact.id not in record["facts"]:
        record["facts"].append(fact.id)
    rule = fact.origin.get("rule")
    if rule and rule not in record["rules"]:
        record["rules"].append(rule)


def _finish(record):
    """Attributes with a stable order of facts and rules."""
    record = dict(record)
    record["facts"] = sorted(record["facts"], key=_fact_number)
    record["rules"] = list(record["rules"])
    return record


def _fact_number(fact_id):
    number = fact_id.rpartition("-")[2]
    return int(number) if number.isdigit() else 0


def _known(value):
    return None if value is None or value == UNKNOWN else value


def chart_data(graph):
    """The graph as the recommendation's ``org_chart``: plain nodes and edges.

    Each edge runs ``from`` the manager (or the end of a dotted line) ``to``
    the unit or role that reports to it.
    """
    return {
        "title": graph.graph.get("title", ""),
        "legend": graph.graph.get("legend", {}),
        "root": ROOT,
        "nodes": [{"id": node_id, **attributes} for node_id, attributes in graph.nodes(data=True)],
        "edges": [{"from": a, "to": b, **attributes} for a, b, attributes in graph.edges(data=True)],
    }


def graph_from_chart(chart):
    """Rebuild the DiGraph from a recommendation's ``org_chart``."""
    import networkx as nx

    graph = nx.DiGraph(title=chart.get("title", ""), legend=chart.get("legend", {}))
    for node in chart["nodes"]:
        graph.add_node(node["id"], **{k: v for k, v in node.items() if k != "id"})
    for edge in chart["edges"]:
        graph.add_edge(edge["from"], edge["to"], **{k: v for k, v in edge.items() if k not in ("from", "to")})
    return graph


class ChartView:
    """A recommendation's chart data read through the part of DiGraph's API that ``dot_source`` uses.

    Nodes, edges and in-edges come in the order a DiGraph built by
    ``graph_from_chart`` gives them, so the DOT text is the same, byte for
    byte; no networkx is loaded.
    """

    def __init__(self, chart):
        self.graph = {"title": chart.get("title", ""), "legend": chart.get("legend", {})}
        self.nodes = {node["id"]: {k: v for k, v in node.items() if k != "id"} for node in chart["nodes"]}
        self._successors = {node_id: {} for node_id in self.nodes}
        self._predecessors = {node_id: {} for node_id in self.nodes}
        for edge in chart["edges"]:
            for end in (edge["from"], edge["to"]):
                if end not in self.nodes:
                    self.nodes[end] = {}
                    self._successors[end], self._predecessors[end] = {}, {}
            attributes = self._successors[edge["from"]].setdefault(edge["to"], {})
            attributes.update({k: v for k, v in edge.items() if k not in ("from", "to")})
            self._predecessors[edge["to"]][edge["from"]] = attributes

    def edges(self, data=False):
        return [(a, b, d) if data else (a, b) for a, successors in self._successors.items() for b, d in successors.items()]

    def in_edges(self, node_id, data=False):
        return [(a, node_id, d) if data else (a, node_id) for a, d in self._predecessors[node_id].items()]
