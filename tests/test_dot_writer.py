"""The chart's DOT text is the text `graphviz.Digraph` writes, byte for byte (quoting, order, nesting)."""
import graphviz
import pytest

import orgdesign
from benchmarks.profiles import write_profiles
from orgdesign import load_profile
from orgdesign.api import recommendation_data
from orgdesign.orgchart import chart_gv, dot as chart_dot
from orgdesign.orgchart.dot_writer import DotGraph, quote

from .conftest import example_paths

HOSTILE = ['Acme "R&D" <Labs> \\ Co', "ends \\", 'quote \\" inside', "graph", "Node", "<b>html?</b>", "tab\there",
           "-1.5", ".5", "1.", "x:y:z", "ünïcode", "", "a\nb", "\u202eevil", "}; digraph x {"]


def digraph_source(monkeypatch, make_source):
    """What ``make_source`` writes when the chart is built by graphviz.Digraph instead."""
    with monkeypatch.context() as patched:
        patched.setattr(chart_dot, "DotGraph", graphviz.Digraph)
        return make_source()


def chart_sources(recommendation):
    sources = [chart_gv(recommendation), chart_gv(recommendation, "LR"), chart_gv(recommendation, chart="org_chart_today")]
    return sources + [chart_gv({"chart": stage["chart"]}, chart="chart") for stage in recommendation.get("roadmap") or []]


def test_examples_and_random_profiles_are_written_as_graphviz_writes_them(tmp_path, monkeypatch, reasoner):
    paths = example_paths() + write_profiles(tmp_path, 12, reasoner.knowledge, seed=11)
    for path in paths:
        recommendation = recommendation_data(load_profile(path, reasoner), reasoner)
        ours = chart_sources(recommendation)
        assert ours == digraph_source(monkeypatch, lambda: chart_sources(recommendation)), path


@pytest.mark.parametrize("text", HOSTILE)
def test_client_names_are_written_as_graphviz_writes_them(monkeypatch, reasoner, text):
    recommendation = orgdesign.recommend({"employees": 300, "ml_activity": ["product_teams"]}, reasoner, client=text or "Client",
                                         names={"units": {"product_teams": text or "x"}, "roles": {"ml_engineer": text or "y"}})
    ours = chart_sources(recommendation)
    assert ours == digraph_source(monkeypatch, lambda: chart_sources(recommendation))


@pytest.mark.filterwarnings("ignore::graphviz.exceptions.DotSyntaxWarning")  # graphviz warns of a final backslash
@pytest.mark.parametrize("text", HOSTILE + ["node", "STRICT", "a_1", "_x", "1a", "12", "-3"])
def test_quoting_matches_graphviz(text):
    assert quote(text) == graphviz.quoting.quote(text)


def test_statements_match_graphviz():
    def build(kind):
        graph = kind("g h", comment="two\nlines", graph_attr={"b": "1", "a": "x y"}, node_attr={"shape": "box"})
        graph.attr(label="<<B>t</B>>", rankdir="LR")
        graph.node("n:1", label="plain", zeta="z", alpha=None)
        graph.edge("n:1:ne", "m", label='say "hi"', style="dotted")
        graph.edge("a", "b")
        with graph.subgraph(name="cluster_x") as box:
            box.attr(color="red")
            with box.subgraph(name="cluster_y") as inner:
                inner.node("deep")
        return graph.source

    assert build(DotGraph) == build(graphviz.Digraph)
