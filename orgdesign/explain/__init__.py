"""Auditable reasoning: how each conclusion was derived, why another was not,
and which answers the verdict hangs on.

``explain(profile, reasoner)`` returns the explanation as plain data (the
JSON format); ``render_text`` and ``render_graph`` turn it into a consultant's
text or a Graphviz derivation graph.  Every what-if claim in it was checked
by re-running the engine on the changed profile.
"""
from .build import EXPLAIN_VERSION, explain
from .derivation import UnknownConclusion
from .render_text import render_text

__all__ = ["EXPLAIN_VERSION", "UnknownConclusion", "explain", "render_dot", "render_svg", "render_text"]


def __getattr__(name):
    # The graph renderers load the graphviz package; `recommend --json` (which
    # uses this package's what-if search for confirm_first) must not pay for it.
    if name in ("render_dot", "render_svg"):
        from . import render_graph

        return getattr(render_graph, name)
    raise AttributeError(name)
