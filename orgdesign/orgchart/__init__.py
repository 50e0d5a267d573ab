"""The recommended org chart: a networkx model drawn with Graphviz.

``build_graph`` turns the rules' conclusions into a DiGraph, ``chart_data``
into the recommendation's ``org_chart``; ``chart_gv`` and ``chart_svg`` draw
a recommendation's chart; ``render_chart`` gives any export format.

>>> FORMATS
('svg', 'png', 'pdf', 'gv', 'graphml', 'json')
"""
__all__ = ["FORMATS", "GraphvizMissingError", "build_graph", "chart_data", "chart_gv", "chart_svg", "dot_source",
           "graph_from_chart", "render_chart"]

from .dot import dot_source
from .model import build_graph, chart_data, graph_from_chart
from .render import FORMATS, GraphvizMissingError, render_chart


def chart_gv(recommendation, direction="TB"):
    """The recommendation's org chart as DOT source text."""
    return dot_source(graph_from_chart(recommendation["org_chart"]), direction)


def chart_svg(recommendation, direction="TB", gv_path=None):
    """The recommendation's org chart as SVG text (drawn by Graphviz's `dot`).

    Raises ``GraphvizMissingError`` when `dot` is not installed; ``gv_path``,
    if given, is named in its message as where the DOT source was saved.
    """
    graph = graph_from_chart(recommendation["org_chart"])
    return render_chart(graph, "svg", direction, gv_path=gv_path).decode("utf-8")
