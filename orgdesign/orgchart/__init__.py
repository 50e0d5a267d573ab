"""The recommended org chart: a networkx model drawn with Graphviz.

>>> sorted(FORMATS)
['gv', 'graphml', 'json', 'pdf', 'png', 'svg']
"""
__all__ = ["FORMATS", "GraphvizMissingError", "build_graph", "chart_data", "chart_svg", "dot_source",
           "graph_from_chart", "render_chart"]

from .dot import dot_source
from .model import build_graph, chart_data, graph_from_chart
from .render import FORMATS, GraphvizMissingError, render_chart


def chart_svg(recommendation, direction="TB"):
    """The recommendation's org chart as SVG text (needs Graphviz's `dot`)."""
    return render_chart(graph_from_chart(recommendation["org_chart"]), "svg", direction).decode("utf-8")
