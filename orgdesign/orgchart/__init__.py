"""The recommended org chart: a networkx model drawn with Graphviz.

``build_chart`` turns the rules' conclusions into the recommendation's
``org_chart`` (plain data) and ``build_today_chart`` the client's
organisation today from its answers (``org_chart_today``); ``build_graph`` and ``graph_from_chart`` give the
networkx DiGraph; ``chart_gv`` and ``chart_svg`` draw a recommendation's
chart; ``render_chart`` gives any export format. The drawing modules (and
networkx and graphviz with them) load only when something is drawn.

>>> FORMATS
('svg', 'png', 'pdf', 'gv', 'graphml', 'json')
"""
__all__ = ["FORMATS", "GraphvizMissingError", "build_chart", "build_graph", "build_today_chart", "chart_data", "chart_gv", "chart_svg",
           "dot_source", "graph_from_chart", "render_chart"]

from .formats import FORMATS
from .model import build_chart, build_graph, chart_data, graph_from_chart
from .today import build_today_chart

_LAZY = {"dot_source": "dot", "GraphvizMissingError": "graphviz_program", "render_chart": "render"}


def __getattr__(name):
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def chart_gv(recommendation, direction="TB", chart="org_chart"):
    """The recommendation's org chart (or, with ``chart="org_chart_today"``, today's) as DOT source text."""
    from .dot import dot_source
    from .model import ChartView

    # The plain view draws the same DOT as the DiGraph without loading networkx.
    return dot_source(ChartView(recommendation[chart]), direction)


def chart_svg(recommendation, direction="TB", gv_path=None, chart="org_chart"):
    """The recommendation's org chart (or today's) as SVG text (drawn by Graphviz's `dot`).

    Raises ``GraphvizMissingError`` when `dot` is not installed; ``gv_path``,
    if given, is named in its message as where the DOT source was saved.
    """
    from .render import render_chart

    graph = graph_from_chart(recommendation[chart])
    return render_chart(graph, "svg", direction, gv_path=gv_path).decode("utf-8")
