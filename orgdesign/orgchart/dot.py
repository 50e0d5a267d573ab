"""DOT source for the chart: clusters, legend, direction, one style.

A unit marked ``container`` in knowledge/org_units.yaml is drawn as a box
(a Graphviz cluster) around its own node and everything that reports to it
with a solid line; boxes nest.  Nodes and edges are emitted in the graph's
order, which the model keeps stable, so the source is byte-identical for the
same profile.
"""
from . import style
from .dot_writer import DotGraph
from .labels import edge_label, legend_label, node_label, title_label

DIRECTIONS = ("TB", "LR")
SOURCE_COMMENT = "Org chart drawn by orgdesign from a client profile; regenerate it rather than edit it."


def dot_source(graph, direction="TB"):
    """The DOT text of the chart ``graph`` (see model.py), laid out ``direction``."""
    if direction not in DIRECTIONS:
        raise ValueError(f"direction must be one of {', '.join(DIRECTIONS)}")
    dot = DotGraph("orgchart", comment=SOURCE_COMMENT, graph_attr=dict(style.GRAPH, rankdir=direction),
                           node_attr=style.NODE, edge_attr=style.EDGE)
    dot.attr(label=title_label(graph.graph.get("title", "")))
    members = _box_members(graph)
    status_labels = graph.graph.get("legend", {}).get("statuses", {})
    # The whole chart sits in one frameless cluster, whose label (the legend)
    # Graphviz then places at the chart's bottom right.
    with dot.subgraph(name="cluster_chart") as chart:
        chart.attr(**style.LEGEND, label=_legend(graph))
        for node_id in graph.nodes:
            if _box_of(graph, node_id) is None:
                _emit(chart, graph, node_id, members, status_labels)
    depths = _depths(graph)
    for manager, member, attributes in graph.edges(data=True):
        dot.edge(manager, member, **_edge_attributes(attributes, depths[manager] < depths[member]))
    return dot.source


def _box_of(graph, node_id):
    """The unit whose box ``node_id`` is drawn in, or None at the top level."""
    for manager, _, attributes in graph.in_edges(node_id, data=True):
        if attributes["line"] == "solid" and graph.nodes[manager].get("container"):
            return manager
    return None


def _box_members(graph):
    members = {}
    for node_id in graph.nodes:
        box = _box_of(graph, node_id)
        if box is not None:
            members.setdefault(box, []).append(node_id)
    return members


def _emit(parent, graph, node_id, members, status_labels):
    if node_id not in members:
        parent.node(node_id, **_node_attributes(graph.nodes[node_id], status_labels))
        return
    with parent.subgraph(name=f"cluster_{node_id}") as box:
        box.attr(**style.CLUSTER)
        box.node(node_id, **_node_attributes(graph.nodes[node_id], status_labels))
        for member in members[node_id]:
            _emit(box, graph, member, members, status_labels)


def _node_attributes(node, status_labels):
    attributes = {"label": node_label(node, status_labels)}
    attributes.update(style.NODE_BY_KIND.get(node["kind"], {}))
    if node["kind"] == "role":
        attributes.update(style.ROLE_BY_STATUS[node["status"]])
    return attributes


def _edge_attributes(attributes, points_down):
    result = dict(style.EDGE_BY_LINE[attributes["line"]])
    label = edge_label(attributes.get("note"))
    if label:
        result["label"] = label
    if not points_down:
        # A dotted line must not pull its end below where its line manager
        # puts it; a dotted line that runs downwards anyway may help ordering.
        result["constraint"] = "false"
    return result


def _depths(graph):
    """How far below the root each node sits, counting solid lines (and the
    dotted lines of nodes that have no line manager)."""
    depths = {}

    def depth(node_id):
        if node_id not in depths:
            depths[node_id] = 0  # guards against a cycle while it is measured
            managers = [m for m, _, a in graph.in_edges(node_id, data=True) if a["line"] == "solid"]
            managers = managers or [m for m, _ in graph.in_edges(node_id)]
            depths[node_id] = 1 + max((depth(m) for m in managers), default=-1)
        return depths[node_id]

    for node_id in graph.nodes:
        depth(node_id)
    return depths


def _legend(graph):
    """The legend, listing only the line kinds and role statuses the chart uses."""
    legend = graph.graph.get("legend", {})
    lines_used = [l for l in legend.get("lines", {}) if any(a["line"] == l for _, _, a in graph.edges(data=True))]
    statuses = {graph.nodes[n].get("status") for n in graph.nodes if graph.nodes[n]["kind"] == "role"}
    statuses_used = [s for s in legend.get("statuses", {}) if s in statuses]
    return legend_label(lines_used, legend["lines"], statuses_used, legend["statuses"])
