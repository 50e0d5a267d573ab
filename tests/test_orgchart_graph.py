"""The org chart the rules conclude, asserted on the networkx graph itself."""
import shutil

import networkx as nx
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orgdesign import load_profile
from orgdesign.cli import main
from orgdesign.orgchart import build_chart, build_graph, chart_data, dot_source, graph_from_chart
from orgdesign.paths import default_rules_dir

from .conftest import EXAMPLES, example_paths


def chart_for(reasoner, profile):
    inference = reasoner.infer(profile)
    return build_graph(inference, reasoner.knowledge), inference


def example_chart(reasoner, name):
    return chart_for(reasoner, load_profile(EXAMPLES / name, reasoner))


def lines(graph, kind):
    return {(a, b) for a, b, attributes in graph.edges(data=True) if attributes["line"] == kind}


def units(graph):
    return {n for n, attributes in graph.nodes(data=True) if attributes["kind"] != "role"}


def roles(graph):
    return {n: graph.nodes[n]["status"] for n in graph.nodes if graph.nodes[n]["kind"] == "role"}


@pytest.mark.parametrize("path", example_paths(), ids=lambda p: p.stem)
def test_every_node_is_reachable_from_the_root(path, reasoner):
    graph, _ = chart_for(reasoner, load_profile(path, reasoner))
    assert set(graph.nodes) == {"company"} | nx.descendants(graph, "company")
    # and through solid lines alone, except the community reached by dotted lines
    solid = graph.edge_subgraph(lines(graph, "solid")).copy()
    assert set(graph.nodes) - {"company"} - nx.descendants(solid, "company") <= {"ml_community"}


@pytest.mark.parametrize("path", example_paths(), ids=lambda p: p.stem)
def test_every_node_and_line_has_a_firing_in_the_trace(path, reasoner):
    graph, inference = chart_for(reasoner, load_profile(path, reasoner))
    firings = {f.seq: f for f in inference.trace.firings}
    orgchart_rules = {r.id for r in reasoner.rulebook.rules if r.layer == "orgchart"}
    items = [attributes for _, attributes in graph.nodes(data=True)]
    items += [attributes for _, _, attributes in graph.edges(data=True)]
    for attributes in items:
        assert attributes["facts"] and set(attributes["rules"]) <= orgchart_rules
        for fact_id in attributes["facts"]:
            origin = inference.trace.facts[fact_id].origin
            assert fact_id in firings[origin["firing"]].asserted


@pytest.mark.parametrize("path", example_paths(), ids=lambda p: p.stem)
def test_each_node_has_at_most_one_line_manager(path, reasoner):
    graph, _ = chart_for(reasoner, load_profile(path, reasoner))
    solid = lines(graph, "solid")
    for node in graph.nodes:
        assert len([a for a, b in solid if b == node]) <= (0 if node == "company" else 1)


def test_nascent_first_hires_report_to_engineering(reasoner):
    graph, _ = example_chart(reasoner, "nascent-logistics.yaml")
    assert graph.nodes["company"]["label"] == "Acme Logistics GmbH"
    assert units(graph) == {"company", "leadership", "engineering", "data_engineering"}
    assert lines(graph, "solid") == {
        ("company", "leadership"), ("leadership", "engineering"), ("engineering", "data_engineering"),
        ("engineering", "role.engineering.ml_engineer"), ("engineering", "role.engineering.data_scientist"),
        ("data_engineering", "role.data_engineering.data_engineer"),
        ("engineering", "role.engineering.ml_product_manager"),
    }
    assert lines(graph, "dotted") == set()
    # The plan hires two ML engineers and a data engineer; the product manager comes later.
    assert roles(graph) == {"role.engineering.ml_engineer": "to_hire", "role.engineering.data_scientist": "present",
                            "role.data_engineering.data_engineer": "to_hire",
                            "role.engineering.ml_product_manager": "later"}
    assert graph.nodes["role.engineering.ml_engineer"]["planned_hires"] == 2
    assert (graph.nodes["engineering"]["ml_staff"], graph.nodes["engineering"]["ml_hires"]) == (2, 3)


def test_rnd_research_group_has_a_route_to_product_engineering(reasoner):
    graph, _ = example_chart(reasoner, "rnd-manufacturing.yaml")
    assert units(graph) == {"company", "leadership", "rnd", "ml_research", "engineering"}
    assert "data_engineering" not in graph
    assert ("rnd", "ml_research") in lines(graph, "solid")
    assert ("ml_research", "role.ml_research.ml_researcher") in lines(graph, "solid")
    # Engineering keeps its own line manager; the dotted line is research's route to the product.
    assert lines(graph, "dotted") == {("ml_research", "engineering")}
    assert graph.edges["ml_research", "engineering"]["note"] == "route to product"
    # The engineer and data engineer the plan hires work beside the researchers.
    assert roles(graph)["role.ml_research.ml_engineer"] == "to_hire"
    assert roles(graph)["role.ml_research.data_engineer"] == "to_hire"


def test_product_embedded_ml_engineers_report_to_tech_leads(reasoner):
    graph, _ = example_chart(reasoner, "product-embedded-fintech.yaml")
    assert units(graph) == {"company", "leadership", "engineering", "product_teams", "data_engineering", "ml_community"}
    assert {("engineering", "product_teams"), ("product_teams", "role.product_teams.ml_engineer"),
            ("engineering", "data_engineering")} <= lines(graph, "solid")
    assert lines(graph, "dotted") == {
        ("engineering", "ml_community"), ("ml_community", "role.product_teams.ml_engineer"),
        ("ml_community", "data_engineering"),
    }
    assert graph.edges["engineering", "ml_community"]["note"] == "sponsors"
    assert (graph.nodes["product_teams"]["ml_staff"], graph.nodes["product_teams"]["ml_hires"]) == (9, 5)


def test_product_embedded_with_a_few_ml_people_has_no_community(reasoner, make_profile):
    graph, _ = chart_for(reasoner, make_profile(
        {"ml_activity": ["product_teams"], "ml_reports_to": "product_engineering_lead", "ml_headcount": 2}))
    assert "ml_community" not in graph and lines(graph, "dotted") == set()


def test_independent_division_reports_to_leadership_and_serves_business_lines(reasoner):
    graph, _ = example_chart(reasoner, "independent-division-bank.yaml")
    # 85 ML staff: research, engineering and data teams, product managers beside the head of ML.
    assert units(graph) == {"company", "leadership", "ml_division", "ml_research", "ml_engineering",
                            "data_engineering", "business_lines"}
    assert {("leadership", "ml_division"), ("ml_division", "ml_research"), ("ml_division", "ml_engineering"),
            ("ml_division", "data_engineering"), ("leadership", "business_lines")} <= lines(graph, "solid")
    assert lines(graph, "dotted") == {("ml_division", "business_lines")}
    assert roles(graph)["role.ml_engineering.mlops_engineer"] == "to_hire"
    assert roles(graph)["role.ml_division.ml_product_manager"] == "present"


def test_a_large_division_has_a_product_team(reasoner):
    profile = load_profile(EXAMPLES / "independent-division-bank.yaml", reasoner).with_answers(ml_headcount=240)
    graph, _ = chart_for(reasoner, profile)
    assert ("ml_division", "ml_product") in lines(graph, "solid")
    assert "role.ml_product.ml_product_manager" in graph


def test_a_small_central_ml_unit_is_one_team(reasoner):
    profile = load_profile(EXAMPLES / "independent-division-bank.yaml", reasoner).with_answers(
        ml_headcount=5, planned_ml_hires=2)
    graph, _ = chart_for(reasoner, profile)
    assert units(graph) == {"company", "leadership", "ml_team", "business_lines"}
    assert lines(graph, "dotted") == {("ml_team", "business_lines")}


def test_an_ml_first_startup_of_eight_with_three_ml_staff_gets_one_team(reasoner):
    profile = load_profile(EXAMPLES / "ml-first-startup.yaml", reasoner).with_answers(
        employees=8, ml_headcount=3, planned_ml_hires=2)
    graph, _ = chart_for(reasoner, profile)
    assert units(graph) == {"company", "leadership", "ml_team"}
    assert {n for n in graph if graph.nodes[n]["kind"] == "role"} <= {f"role.ml_team.{r}" for r in ROLES}


def test_ml_first_startup_has_no_business_lines(reasoner):
    graph, _ = example_chart(reasoner, "ml-first-startup.yaml")
    assert units(graph) == {"company", "leadership", "ml_division", "ml_research", "ml_engineering", "data_platform",
                            "engineering", "product_teams"}
    assert {("leadership", "ml_division"), ("ml_division", "data_platform"),
            ("data_platform", "role.data_platform.data_engineer")} <= lines(graph, "solid")
    assert lines(graph, "dotted") == {("ml_division", "role.product_teams.ml_engineer")}
    assert graph.nodes["ml_division"]["ml_staff"] == 22


def test_large_ml_first_company_embeds_experts_in_business_lines(reasoner):
    profile = load_profile(EXAMPLES / "ml-first-startup.yaml", reasoner).with_answers(employees=30000)
    graph, _ = chart_for(reasoner, profile)
    assert "business_lines" in graph and "product_teams" not in graph
    assert lines(graph, "dotted") == {("ml_division", "role.business_lines.ml_engineer")}


def test_a_chart_grown_from_another_archetype_says_so_in_the_title(reasoner):
    graph, _ = example_chart(reasoner, "mixed-retail.yaml")
    assert graph.graph["title"].endswith("Independent ML division, grown from Product-embedded ML")
    assert "ml_division" in graph.nodes


def test_unknown_roles_are_planned_or_to_confirm_and_unknown_headcount_is_left_out(reasoner):
    graph, _ = example_chart(reasoner, "unknowns-insurance.yaml")
    assert set(roles(graph).values()) <= {"to_hire", "unknown"}
    assert graph.nodes["product_teams"]["ml_staff"] is None


def test_chart_data_round_trips_to_the_same_drawing(reasoner):
    graph, inference = example_chart(reasoner, "mixed-retail.yaml")
    data = chart_data(graph)
    assert all({"from", "to", "line"} <= set(edge) for edge in data["edges"])
    assert dot_source(graph_from_chart(data)) == dot_source(graph)
    # The recommendation's org_chart is this data (edges grouped by manager here), and reading it
    # as a graph loses nothing.
    chart = build_chart(inference, reasoner.knowledge)
    assert {**data, "edges": None} == {**chart, "edges": None} and data["root"] == "company"
    assert sorted(map(repr, data["edges"])) == sorted(map(repr, chart["edges"]))
    assert chart_data(graph_from_chart(chart)) == data
    again, _ = example_chart(reasoner, "mixed-retail.yaml")
    assert dot_source(again) == dot_source(graph)


ARCHETYPE_ANSWERS = [
    {"ml_activity": ["none"]},
    {"ml_activity": ["rnd_lab"], "ml_reports_to": "rnd_head"},
    {"ml_activity": ["product_teams"], "ml_reports_to": "product_engineering_lead"},
    {"ml_activity": ["central_division"], "ml_reports_to": "senior_leadership"},
    {"ml_activity": ["company_wide"], "executive_sponsor": "ceo"},
]
ROLES = ["ml_product_manager", "mlops_engineer", "data_engineer", "ml_engineer", "ml_researcher", "data_scientist"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(base=st.sampled_from(ARCHETYPE_ANSWERS),
       employees=st.one_of(st.none(), st.integers(1, 50000)),
       headcount=st.one_of(st.none(), st.integers(0, 150)),
       present=st.one_of(st.none(), st.lists(st.sampled_from(ROLES), min_size=1, unique=True)),
       data_engineering=st.sampled_from([None, "none", "shared_with_engineering", "within_ml_team"]))
def test_any_profile_gives_a_connected_chart(reasoner, make_profile, base, employees, headcount, present,
                                             data_engineering):
    answers = dict(base)
    for key, value in (("employees", employees), ("ml_headcount", headcount), ("roles_present", present),
                       ("data_engineering", data_engineering)):
        if value is not None:
            answers[key] = value
    graph, _ = chart_for(reasoner, make_profile(answers))
    assert set(graph.nodes) == {"company"} | nx.descendants(graph, "company")
    if employees is not None and employees < 250:
        assert "business_lines" not in graph


BROKEN_RULES = {
    "a line to a unit no rule concluded": (
        "- reporting_line: {unit: rnd, reports_to: leadership, line: solid}",
        "rule `orgchart.test.broken` cannot be drawn: it names unit `rnd`, but no rule concluded an `org_unit` "
        "with that id; add the `org_unit` or `org_role` conclusion to a rule that fires for the same profiles"),
    "a line from a role no rule placed": (
        "- reporting_line: {unit: engineering, role: ml_researcher, reports_to: leadership, line: dotted}",
        "rule `orgchart.test.broken` cannot be drawn: a line starts at role `ml_researcher` in `engineering`, which "
        "no rule placed there; add the `org_unit` or `org_role` conclusion to a rule that fires for the same profiles"),
    "a line to a manager no rule concluded": (
        "- reporting_line: {unit: engineering, reports_to: rnd, line: dotted}",
        "rule `orgchart.test.broken` cannot be drawn: it names unit `rnd`, but no rule concluded an `org_unit` "
        "with that id; add the `org_unit` or `org_role` conclusion to a rule that fires for the same profiles"),
    "a second line manager": (
        "- reporting_line: {unit: engineering, reports_to: company, line: solid}",
        "the org chart gives `engineering` two line managers (company, leadership) through rules "
        "orgchart.nascent.first_hires_in_engineering, orgchart.test.broken; make one of the lines dotted, "
        "or let only one of the rules fire for a profile"),
}


@pytest.mark.parametrize("case", sorted(BROKEN_RULES))
def test_a_chart_the_rules_cannot_draw_is_reported_at_the_rule(case, tmp_path):
    conclusion, message = BROKEN_RULES[case]
    rules = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), rules)
    (rules / "orgchart" / "zz_broken.yaml").write_text(
        "rules:\n  - id: orgchart.test.broken\n    title: t\n    description: d\n    rationale: r\n"
        "    source: [article]\n    when:\n      - fact: archetype\n        where: {id: nascent}\n"
        f"    then:\n      {conclusion}\n")
    result = CliRunner().invoke(main, ["render", str(EXAMPLES / "nascent-logistics.yaml"), "--rules", str(rules),
                                       "--format", "gv", "-o", str(tmp_path / "c.gv")])
    assert result.exit_code == 1
    assert result.output == f"Error: rules/orgchart/zz_broken.yaml:2: {message}\n"


def test_the_plain_chart_view_draws_what_the_digraph_draws(reasoner):
    """`recommend --out` builds DOT from the chart data (no networkx); `render` from the DiGraph: the same text."""
    from orgdesign import recommend
    from orgdesign.orgchart.model import ChartView

    from .conftest import example_paths

    for path in example_paths():
        rec = recommend(load_profile(path, reasoner), reasoner)
        for chart in ("org_chart", "org_chart_today"):
            view, graph = ChartView(rec[chart]), graph_from_chart(rec[chart])
            assert list(view.edges(data=True)) == list(graph.edges(data=True))
            assert dot_source(view, "LR") == dot_source(graph, "LR"), (path.name, chart)
