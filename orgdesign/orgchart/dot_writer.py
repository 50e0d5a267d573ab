"""DOT text written as the ``graphviz`` package writes it, for the few statements a chart uses.

The chart's DOT source was built with ``graphviz.Digraph``; importing that
package (33 modules) cost a cold ``recommend -o`` about 11 ms of the 0.5 s
it may take, for nothing but string assembly. This writer produces the
same text byte for byte (tests/test_dot_writer.py compares the two on the
examples, random profiles and hostile names): the same quoting, attribute
order (``label`` first, then the other attributes sorted by name), tab
indentation and subgraph nesting.

>>> graph = DotGraph("g", comment="made by hand")
>>> graph.node("a.b", label="<<B>A</B>>", color="#fff")
>>> with graph.subgraph("cluster_x") as box:
...     box.attr(label="", style="rounded")
...     box.edge("a.b", "c")
>>> print(graph.source.replace("\\t", "  "), end="")  # one tab per level
// made by hand
digraph g {
  "a.b" [label=<<B>A</B>> color="#fff"]
  subgraph cluster_x {
    label="" style=rounded
    "a.b" -> c
  }
}
"""
import re
from contextlib import contextmanager

_HTML = re.compile(r"<.*>$", re.DOTALL)
_ID = re.compile(r"([a-zA-Z_][a-zA-Z0-9_]*|-?(\.[0-9]+|[0-9]+(\.[0-9]*)?))$")
_KEYWORDS = {"node", "edge", "graph", "digraph", "subgraph", "strict"}
_UNESCAPED_QUOTE = re.compile(r'(?P<escaped_backslashes>(?:\\{2})*)\\?(?P<literal_quote>")')


def quote(identifier):
    """``identifier`` as a DOT ID: as it is when it may stand bare or is an HTML-like label, else in quotes.

    >>> [quote(text) for text in ("ml_team", "role.ml_team.ml_engineer", "<<B>x</B>>", "graph", 'say "hi"')]
    ['ml_team', '"role.ml_team.ml_engineer"', '<<B>x</B>>', '"graph"', '"say \\\\"hi\\\\""']
    """
    if _HTML.match(identifier):
        return identifier
    if not _ID.match(identifier) or identifier.lower() in _KEYWORDS:
        return '"' + _UNESCAPED_QUOTE.sub(r"\g<escaped_backslashes>\\\g<literal_quote>", identifier) + '"'
    return identifier


def _quote_edge_end(identifier):
    node, _, rest = identifier.partition(":")
    parts = [quote(node)]
    if rest:
        port, _, compass = rest.partition(":")
        parts.append(quote(port))
        if compass:
            parts.append(compass)
    return ":".join(parts)


def _attributes(attributes, label=None):
    items = [f"label={quote(label)}"] if label is not None else []
    items += [f"{quote(key)}={quote(value)}" for key, value in sorted(attributes.items()) if value is not None]
    return " ".join(items)


def _attribute_list(attributes, label=None):
    content = _attributes(attributes, label)
    return f" [{content}]" if content else ""


class DotGraph:
    """A directed graph's DOT text, statement by statement, in the order they are added."""

    def __init__(self, name, comment=None, graph_attr=None, node_attr=None, edge_attr=None):
        self.name, self.comment = name, comment
        self.defaults = {"graph": dict(graph_attr or {}), "node": dict(node_attr or {}), "edge": dict(edge_attr or {})}
        self.body = []

    def node(self, name, label=None, **attributes):
        self.body.append(f"\t{quote(name)}{_attribute_list(attributes, label)}\n")

    def edge(self, tail, head, label=None, **attributes):
        self.body.append(f"\t{_quote_edge_end(tail)} -> {_quote_edge_end(head)}{_attribute_list(attributes, label)}\n")

    def attr(self, **attributes):
        """Attributes of the graph itself (``label=...`` as a statement of its own)."""
        if attributes:
            self.body.append(f"\t{_attributes(attributes)}\n")

    @contextmanager
    def subgraph(self, name):
        """A subgraph, added to this graph's body when the ``with`` block ends."""
        inner = DotGraph(name)
        yield inner
        self.body += [f"\t{line}" for line in inner._lines(head="subgraph")]

    def _lines(self, head="digraph"):
        if self.comment:
            yield f"// {self.comment}\n"
        if self.name:
            yield f"{head} {quote(self.name)} {{\n"
        else:
            yield "{\n" if head == "subgraph" else f"{head} {{\n"
        for kind, attributes in self.defaults.items():
            if attributes:
                yield f"\t{kind}{_attribute_list(attributes)}\n"
        yield from self.body
        yield "}\n"

    @property
    def source(self):
        return "".join(self._lines())
