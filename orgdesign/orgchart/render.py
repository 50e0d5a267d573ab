"""The chart in each export format: DOT text, Graphviz drawings, networkx data.

``gv`` is the DOT source itself; ``svg``, ``png`` and ``pdf`` come from
Graphviz's ``dot`` program; ``graphml`` and ``json`` are networkx's own
formats of the model, for other tools.
"""
import json

import networkx as nx

from .dot import dot_source
from .formats import DRAWN, FORMATS
from .graphviz_program import INSTALL_HINT, GraphvizMissingError, draw, run_dot  # noqa: F401 (their home before)

def render_chart(graph, fmt, direction="TB", gv_path=None):
    """The chart ``graph`` as bytes in format ``fmt`` (one of FORMATS).

    ``gv_path`` only improves the message when Graphviz is missing.
    """
    if fmt == "gv":
        return dot_source(graph, direction).encode("utf-8")
    if fmt == "graphml":
        return "\n".join(nx.generate_graphml(_graphml_ready(graph))).encode("utf-8") + b"\n"
    if fmt == "json":
        data = nx.node_link_data(graph, edges="edges")
        return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    if fmt in DRAWN:
        return draw(dot_source(graph, direction), fmt, gv_path)
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def _graphml_ready(graph):
    """A copy holding only the scalar attributes GraphML can store."""
    copy = nx.DiGraph()
    copy.graph.update({k: v for k, v in graph.graph.items() if isinstance(v, (str, int, float, bool))})
    for node_id, attributes in graph.nodes(data=True):
        copy.add_node(node_id, **_scalars(attributes))
    for a, b, attributes in graph.edges(data=True):
        copy.add_edge(a, b, **_scalars(attributes))
    return copy


def _scalars(attributes):
    result = {}
    for name, value in attributes.items():
        if isinstance(value, list):
            result[name] = " ".join(str(v) for v in value)
        elif value is not None:
            result[name] = value
    return result
