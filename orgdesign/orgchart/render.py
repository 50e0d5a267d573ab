"""The chart in each export format: DOT text, Graphviz drawings, networkx data.

``gv`` is the DOT source itself; ``svg``, ``png`` and ``pdf`` come from
Graphviz's ``dot`` program; ``graphml`` and ``json`` are networkx's own
formats of the model, for other tools.
"""
import json
import shutil
import subprocess

import networkx as nx

from ..errors import OrgDesignError
from .dot import dot_source
from .formats import DRAWN, FORMATS

INSTALL_HINT = (
    "install Graphviz (Debian/Ubuntu: `sudo apt-get install graphviz`; macOS: `brew install graphviz`; "
    "others: https://graphviz.org/download/), then run the command again"
)


class GraphvizMissingError(OrgDesignError):
    """Graphviz's ``dot`` program is needed to draw the chart but is not installed."""

    def __init__(self, path=None, gv_path=None):
        message = "Graphviz's `dot` program was not found, so the chart could not be drawn"
        if gv_path is not None:
            message += f" (its DOT source was written to {gv_path})"
        super().__init__(message, path, hint=INSTALL_HINT)


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
        return run_dot(dot_source(graph, direction), fmt, gv_path)
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def run_dot(source, fmt, gv_path=None):
    """Lay out and draw DOT ``source`` with Graphviz's ``dot`` program."""
    program = shutil.which("dot")
    if program is None:
        raise GraphvizMissingError(gv_path=gv_path)
    # A PNG is often pasted into slides or printed: draw it at 1.5 times screen resolution.
    options = ["-Gdpi=144"] if fmt == "png" else []
    # dot runs in a session of its own: Ctrl-C at the terminal goes to our
    # process group, and dot, which handles SIGINT by abandoning the layout
    # half-way, would otherwise fail under a batch that is finishing cleanly.
    completed = subprocess.run([program, f"-T{fmt}", *options], input=source.encode("utf-8"),
                               capture_output=True, check=False, start_new_session=True)
    if completed.returncode != 0:
        # Our own source failing to lay out is a bug, not a user error: show dot's words.
        raise RuntimeError(f"dot -T{fmt} failed: {completed.stderr.decode('utf-8', 'replace').strip()}")
    return completed.stdout


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
