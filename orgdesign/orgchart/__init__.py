"""The recommended org chart: a networkx model drawn with Graphviz.

``build_chart`` turns the rules' conclusions into the recommendation's
``org_chart`` (plain data); ``build_graph`` and ``graph_from_chart`` give the
networkx DiGraph; ``chart_gv`` and ``chart_svg`` draw a recommendation's
chart; ``render_chart`` gives any export format. The drawing modules (and
networkx and graphviz with them) load only when something is drawn.

>>> FORMATS
('svg', 'png', 'pdf', 'gv', 'graphml', 'json')
"""
__all__ = ["FORMATS", "GraphvizMissingError", "build_chart", "build_graph", "chart_data", "chart_gv", "chart_svg",
           "dot_source", "graph_from_chart", "render_chart"]

from .formats import FORMATS
from .model import build_chart, build_graph, chart_data, graph_from_chart

_LAZY = {"dot_source": "dot", "GraphvizMissingError": "render", "render_chart": "render"}


def __getattr__(name):
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def chart_gv(recommendation, direction="TB"):
    """The recommendation's org chart as DOT source text."""
    from .dot import dot_source

    return dot_source(graph_from_chart(recommendation["org_chart"]), direction)


def chart_svg(recommendation, direction="TB", gv_path=None):
    """The recommendation's org chart as SVG text (drawn by Graphviz's `dot`).

    Raises ``GraphvizMissingError`` when `dot` is not installed; ``gv_path``,
    if given, is named in its message as where the DOT source was saved.
    """
    from .render import render_chart

    graph = graph_from_chart(recommendation["org_chart"])
    return render_chart(graph, "svg", direction, gv_path=gv_path).decode("utf-8")
