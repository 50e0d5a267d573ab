"""The derivation graph in Graphviz: answers, then rules, then conclusions.

Answers and conclusions are nodes; each rule firing is a node between
them.  Intermediate facts that only an engine step consumes (the evidence
behind the archetype) become labelled edges, so the graph stays readable.
Nodes and edges are emitted in a fixed order so the DOT text diffs cleanly,
and every label goes through ``_label``, the one place text is escaped.
"""
import unicodedata

import graphviz

from ..text_safety import without_bidi_controls


def render_dot(explanation):
    graph = graphviz.Digraph("derivation", graph_attr={"rankdir": "LR", "fontname": "Helvetica", "fontsize": "10",
                                                      "label": _title(explanation), "labelloc": "t"},
                             node_attr={"fontname": "Helvetica", "fontsize": "10"},
                             edge_attr={"fontname": "Helvetica", "fontsize": "9"})
    walker = _Walker()
    for tree in explanation.get("conclusions", []):
        walker.conclusion(tree)
    walker.emit(graph)
    return graph.source


def render_svg(explanation):
    from ..orgchart.graphviz_program import run_dot

    return run_dot(render_dot(explanation), "svg").decode("utf-8")


def _title(explanation):
    archetype, rulebase = explanation["archetype"], explanation["rulebase"]
    return _label(f"{explanation['client']}: {archetype['name']} (confidence {archetype['confidence']:.2f})",
                  f"rule base {rulebase['version']} {rulebase['digest'][:19]}, profile {explanation['profile_digest'][:19]}")


class _Walker:
    """Collects nodes and edges from derivation trees; each appears once however often it is reached."""

    def __init__(self):
        self.answers, self.rules, self.facts, self.edges = {}, {}, {}, {}

    def conclusion(self, node):
        if node["type"] == "answer":
            answer_node = self._answer(node)
            for use in node.get("used_by", []):
                rule_node = self._rule(use)
                self.edges[(answer_node, rule_node, "")] = None
                for fact in use["asserted"]:
                    self.facts[fact["fact"]] = _fact_text(fact)
                    self.edges[(rule_node, fact["fact"], "")] = None
            return
        self.facts[node["fact"]] = _fact_text(node)
        if "by" in node:
            self._firing(node, target=node["fact"], label="")

    def _firing(self, node, target, label):
        rule_node = self._rule(node["by"])
        self.edges[(rule_node, target, label)] = None
        for child in node["from"]:
            self._premise(child, rule_node)

    def _premise(self, child, rule_node):
        if child["type"] == "answer":
            self.edges[(self._answer(child), rule_node, "")] = None
        elif child["type"] == "evidence" and "by" in child:
            # Evidence is drawn as the edge from its rule to the combination step.
            self._firing(child, target=rule_node, label=child["text"])
        else:
            self.facts[child["fact"]] = _fact_text(child)
            self.edges[(child["fact"], rule_node, "")] = None
            if "by" in child:
                self._firing(child, target=child["fact"], label="")

    def _rule(self, info):
        rule_node = f"firing-{info['firing']}"
        self.rules[rule_node] = (info["title"], info["rule"], f"{info['file']}:{info['line']}")
        return rule_node

    def _answer(self, node):
        # graphviz reads `a:b` in an edge as node a, port b, so answer ids lose the colon.
        answer_node = node["fact"].replace(":", ".")
        self.answers[answer_node] = (node["question"], _short(node["value"]))
        return answer_node

    def emit(self, graph):
        with graph.subgraph(name="answers", graph_attr={"rank": "source"}) as answers:
            for node_id in sorted(self.answers, key=_natural):
                answers.node(node_id, _label(*self.answers[node_id]), shape="note", style="filled", fillcolor="#fff7d6")
        for node_id in sorted(self.rules, key=_natural):
            graph.node(node_id, _label(*self.rules[node_id]), shape="box", style="rounded")
        for node_id in sorted(self.facts, key=_natural):
            graph.node(node_id, _label(self.facts[node_id], f"[{node_id}]"), shape="ellipse", style="filled",
                       fillcolor="#dff0d8")
        for tail, head, label in sorted(self.edges, key=lambda e: (_natural(e[0]), _natural(e[1]), e[2])):
            if label:
                graph.edge(tail, head, label=_label(label))
            else:
                graph.edge(tail, head)


def _label(*lines):
    """A DOT label, one line per argument; backslashes made literal, control characters dropped."""
    clean = (without_bidi_controls("".join(" " if unicodedata.category(c) == "Cc" else c for c in str(line)))
             for line in lines)
    return "\\n".join(graphviz.escape(line) for line in clean)


def _fact_text(node):
    return f"{node['type'].replace('_', ' ').capitalize()}: {node['text']}"


def _short(value):
    return ", ".join(value) if isinstance(value, list) else str(value)


def _natural(node_id):
    head, _, number = node_id.rpartition("-")
    return (head, int(number)) if number.isdigit() else (node_id, 0)
