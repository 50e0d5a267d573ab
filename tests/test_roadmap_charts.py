"""What each roadmap stage's chart shows, node by node.

tests/test_roadmap.py checks the promises every stage chart keeps (connected,
nobody on staff lost, no hire before its stage, the last one the recommended
chart). This file checks what a consultant reads on the charts themselves:
the title, where the hires of a stage sit, which units are drawn yet, whom
each node hangs from, and that each chart has the JSON format of the
recommended chart. Each test runs the real engine on an example or on a
hand-picked profile and builds its own recommendation (a fixture shared by a
module would hide from mutmut which tests exercise the chart code).
"""
from orgdesign import load_profile, recommend
from orgdesign.lint.completeness import org_chart_gaps

from .conftest import EXAMPLES

# Hand-picked profiles, each the smallest set of answers that shows its case.
NO_ML_YET = {"employees": 800, "industry": "retail", "ml_activity": ["none"], "ml_headcount": 0,
             "roles_present": ["none"], "planned_ml_hires": 4, "executive_sponsor": "ceo",
             "ml_ambition": "build_ml_products_or_platform"}
STAFF_COUNTED_BUT_NO_ROLES_NAMED = {"ml_activity": ["central_division"], "ml_reports_to": "senior_leadership",
                                    "ml_headcount": 6, "roles_present": ["none"], "planned_ml_hires": 4}
ENGINEER_IN_THE_BUSINESS_LINES = {"employees": 1999, "ml_is_core_product": "yes", "tech_forward": "no",
                                  "ml_activity": ["ad_hoc"], "ml_expertise": "none", "executive_sponsor": "ceo",
                                  "roles_present": ["ml_engineer", "ml_researcher"],
                                  "ml_ambition": "build_ml_products_or_platform"}
ONLY_A_COMMUNITY_YET = {"ml_expertise": "little", "data_engineering": "within_ml_team", "planned_ml_hires": 0,
                        "ml_ambition": "improve_existing_products"}
RESEARCH_WITH_NOBODY_YET = {"ml_activity": ["ad_hoc"], "planned_ml_hires": 0, "ml_ambition": "explore_and_research"}
FIRST_HIRE_MOVES_TEAM = {"ml_is_core_product": "yes", "ml_activity": ["product_teams"], "ml_reports_to": "nobody",
                         "executive_sponsor": "ceo", "roles_present": ["mlops_engineer", "data_scientist"],
                         "ml_ambition": "build_ml_products_or_platform"}


def example(name, reasoner):
    return recommend(load_profile(EXAMPLES / f"{name}.yaml", reasoner), reasoner)


def nodes_of(chart):
    return {n["id"]: n for n in chart["nodes"]}


def lines_of(chart, line=None):
    return {(e["from"], e["to"]) for e in chart["edges"] if line is None or e["line"] == line}


def is_unit(node):
    return node["kind"] != "role"


def test_every_stage_chart_has_the_format_of_the_recommended_chart(reasoner, make_profile):
    """Whoever reads the JSON (or draws it) reads a stage chart exactly like the recommended one."""
    recs = [example(name, reasoner) for name in ("independent-division-bank", "mixed-retail", "unknowns-insurance")]
    recs += [recommend(make_profile(answers), reasoner)
             for answers in (NO_ML_YET, STAFF_COUNTED_BUT_NO_ROLES_NAMED, ENGINEER_IN_THE_BUSINESS_LINES)]
    for rec in recs:
        recommended = rec["org_chart"]
        node_fields = list(recommended["nodes"][0])
        edge_fields = list(recommended["edges"][0])
        for stage in rec["roadmap"]:
            chart, where = stage["chart"], f"{rec['client']} stage {stage['number']}"
            assert list(chart) == list(recommended), where
            assert chart["legend"] == recommended["legend"], where
            for node in chart["nodes"]:
                assert list(node) == node_fields, f"{where}: {node['id']}"
                if node["kind"] == "role":
                    # A role is a box of its own: no head, no box around others, no headcounts of a unit.
                    assert node["head"] is None and node["container"] is False, f"{where}: {node['id']}"
                    assert node["ml_staff"] is node["ml_hires"] is node["employees"] is None, f"{where}: {node['id']}"
                    # How many hires have joined it by the end of the stage: a count, 0 when none yet.
                    assert isinstance(node["planned_hires"], int) and node["planned_hires"] >= 0, f"{where}: {node['id']}"
                    assert node["status"] in recommended["legend"]["statuses"], f"{where}: {node['id']}"
            for edge in chart["edges"]:
                assert list(edge) == edge_fields, f"{where}: {edge['from']} -> {edge['to']}"


def test_each_stage_chart_is_titled_with_its_stage_months_and_goal(reasoner):
    rec = example("mixed-retail", reasoner)
    titles = [stage["chart"]["title"] for stage in rec["roadmap"]]
    assert [t.split(":")[0] for t in titles] == [
        "Stage 1, Now (months 0-3)", "Stage 2, Next (months 3-12)", "Stage 3, Target (months 12-24)"]
    assert all(t.endswith(f": {stage['goal_name']}") for t, stage in zip(titles, rec["roadmap"]))


def test_a_stage_on_todays_structure_shows_todays_units_with_the_hires_so_far_beside_the_staff(reasoner):
    rec = example("independent-division-bank", reasoner)
    stage = rec["roadmap"][0]
    assert stage["structure"] == "today" and len(stage["hires"]) == 3  # the case this test is about
    chart, today = stage["chart"], rec["org_chart_today"]
    nodes = nodes_of(chart)

    # Today's units, in today's order, all listed before the roles.
    assert [n["id"] for n in chart["nodes"] if is_unit(n)] == [n["id"] for n in today["nodes"] if is_unit(n)]
    kinds = [is_unit(n) for n in chart["nodes"]]
    assert kinds == sorted(kinds, reverse=True)

    # The division keeps its 85 staff and counts the three hires of stage 1.
    division = nodes["ml_division"]
    assert division["ml_staff"] == 85 and division["ml_hires"] == 3

    # Every role sits in the division, in the order of the roles list (as on today's chart).
    roles = [n for n in chart["nodes"] if n["kind"] == "role"]
    assert all(n["unit"] == "ml_division" and ("ml_division", n["id"]) in lines_of(chart, "solid") for n in roles)
    order = list(reasoner.knowledge.roles)
    assert [n["role"] for n in roles] == sorted((n["role"] for n in roles), key=order.index)

    # A role on staff that gets a hire stays "on staff", with the hire counted;
    # a role nobody holds yet is "to hire".
    pm, mlops = nodes["role.ml_division.ml_product_manager"], nodes["role.ml_division.mlops_engineer"]
    assert (pm["status"], pm["planned_hires"]) == ("present", 1)
    assert (mlops["status"], mlops["planned_hires"]) == ("to_hire", 1)

    # Today's chart itself stays what the answers describe: no hire on it.
    assert all(n["status"] in (None, "present") and not n["planned_hires"] and n["ml_hires"] is None
               for n in today["nodes"])
    assert "role.ml_division.mlops_engineer" not in nodes_of(today)


def test_stage_one_puts_the_hires_where_todays_ml_staff_are_counted_even_when_no_role_is_named(reasoner, make_profile):
    rec = recommend(make_profile(STAFF_COUNTED_BUT_NO_ROLES_NAMED), reasoner)
    stage = rec["roadmap"][0]
    assert stage["structure"] == "today" and len(stage["hires"]) == 1
    today_units = [n["id"] for n in rec["org_chart_today"]["nodes"] if is_unit(n)]
    assert today_units == ["company", "leadership", "ml_division"]
    chart = stage["chart"]
    assert [n["id"] for n in chart["nodes"] if is_unit(n)] == today_units
    hired = [n for n in chart["nodes"] if n["kind"] == "role"]
    assert [(n["role"], n["unit"], n["status"]) for n in hired] == [("ml_product_manager", "ml_division", "to_hire")]
    assert nodes_of(chart)["ml_division"]["ml_staff"] == 6 and nodes_of(chart)["ml_division"]["ml_hires"] == 1


def test_where_ml_has_no_home_today_stage_one_draws_the_recommended_chart_as_far_as_staffed(reasoner, make_profile):
    rec = recommend(make_profile(NO_ML_YET), reasoner)
    first, second = rec["roadmap"][0], rec["roadmap"][1]
    plan = {h["number"]: h for h in rec["hiring"]["plan"]}
    assert [plan[n]["role"] for n in first["hires"]] == ["ml_engineer"]  # one hire in stage 1, three after
    assert len(plan) == 4
    chart, nodes = first["chart"], nodes_of(first["chart"])

    # Nothing but the recommended structure, and every line joins two boxes of this chart.
    assert set(nodes) <= {n["id"] for n in rec["org_chart"]["nodes"]}
    assert all(a in nodes and b in nodes for a, b in lines_of(chart))
    # Only the role the first hire joins; the product manager (later in the year) is not there yet.
    assert [(n["id"], n["status"], n["planned_hires"]) for n in chart["nodes"] if n["kind"] == "role"] == [
        ("role.product_teams.ml_engineer", "to_hire", 1)]
    # The product teams count the one hire so far, not the year's four.
    assert nodes_of(rec["org_chart"])["product_teams"]["ml_hires"] == 4
    assert nodes["product_teams"]["ml_hires"] == 1
    # The data engineering team appears once its data engineer joins, in stage 2.
    assert "data_engineering" not in nodes
    assert "data_engineering" in nodes_of(second["chart"])
    assert "role.data_engineering.data_engineer" in nodes_of(second["chart"])


def test_once_the_lines_move_units_that_hold_no_role_are_drawn(reasoner):
    rec = example("mixed-retail", reasoner)
    moved = rec["roadmap"][1]
    assert moved["structure"] == "recommended" and moved["number"] < len(rec["roadmap"])
    # The business lines the ML division serves hold no ML role, yet they belong to the new structure.
    assert "business_lines" in nodes_of(moved["chart"])
    assert ("leadership", "business_lines") in lines_of(moved["chart"], "solid")
    assert ("ml_division", "business_lines") in lines_of(moved["chart"], "dotted")


def test_a_department_is_not_drawn_before_anyone_works_in_it(reasoner, make_profile):
    rec = recommend(make_profile(RESEARCH_WITH_NOBODY_YET), reasoner)
    *early, last = rec["roadmap"]
    assert {"rnd", "ml_research"} <= set(nodes_of(last["chart"]))
    # Nobody is known to work in research and nobody is hired: the R&D department
    # and its research team wait for the completed structure of the last stage.
    assert early and all(not {"rnd", "ml_research"} & set(nodes_of(s["chart"])) for s in early)


def test_every_drawn_node_hangs_from_its_line_manager(reasoner, make_profile):
    """A box is drawn with the solid line of the recommended chart above it, or else the dotted one that connects it."""
    for answers in (ENGINEER_IN_THE_BUSINESS_LINES, ONLY_A_COMMUNITY_YET):
        rec = recommend(make_profile(answers), reasoner)
        solid = lines_of(rec["org_chart"], "solid")
        for stage in rec["roadmap"]:
            chart, where = stage["chart"], f"stage {stage['number']}"
            assert org_chart_gaps(chart) == [], where
            drawn = lines_of(chart)
            for node_id in nodes_of(chart):
                assert {(a, b) for a, b in solid if b == node_id} <= drawn, f"{where}: {node_id}"

    # The two cases above, as a consultant sees them: the ML engineers already in
    # the business lines sit in the business-lines unit once the lines move ...
    rec = recommend(make_profile(ENGINEER_IN_THE_BUSINESS_LINES), reasoner)
    moved = rec["roadmap"][1]["chart"]
    assert ("business_lines", "role.business_lines.ml_engineer") in lines_of(moved, "solid")
    assert ("ml_division", "role.business_lines.ml_engineer") in lines_of(moved, "dotted")
    # ... and an ML community with no member yet hangs from engineering by its dotted line.
    rec = recommend(make_profile(ONLY_A_COMMUNITY_YET), reasoner)
    assert ("engineering", "ml_community") in lines_of(rec["roadmap"][0]["chart"], "dotted")


def test_a_role_is_marked_to_hire_only_once_a_hire_has_joined_it(reasoner, make_profile):
    rec = recommend(make_profile(FIRST_HIRE_MOVES_TEAM), reasoner)
    first, second = rec["roadmap"][0]["chart"], rec["roadmap"][1]["chart"]
    # Stage 1 keeps today's structure: the first ML engineer joins the product teams ...
    assert nodes_of(first)["role.product_teams.ml_engineer"]["status"] == "to_hire"
    # ... and once the lines move the ML engineers are hired into the ML engineering team;
    # the product-team seat stays on the chart, but for later, as on the recommended chart.
    seat = nodes_of(second)["role.product_teams.ml_engineer"]
    assert (seat["status"], seat["planned_hires"]) == ("later", 0)
    assert nodes_of(rec["org_chart"])["role.product_teams.ml_engineer"]["status"] == "later"
    for stage in rec["roadmap"]:
        for node in stage["chart"]["nodes"]:
            if node["kind"] == "role" and node["status"] == "to_hire":
                assert node["planned_hires"] > 0, f"stage {stage['number']}: {node['id']}"


RESEARCH_AND_PRODUCT_TEAMS_UNCOUNTED = {"ml_activity": ["rnd_lab", "product_teams"], "ml_reports_to": "ceo",
                                        "planned_ml_hires": 0, "ml_ambition": "improve_existing_products"}


def test_a_stage_that_keeps_todays_structure_draws_it_though_nobody_is_named_or_counted(reasoner, make_profile):
    """ML works in an R&D lab and in product teams, headcount and roles unknown: stage 1 keeps today's chart.

    It once fell back to the recommended chart as far as staffed, which with
    nobody known on staff was the company's box alone.
    """
    for answers, home in ((RESEARCH_AND_PRODUCT_TEAMS_UNCOUNTED, "ml_research"), (RESEARCH_WITH_NOBODY_YET, "ad_hoc_ml")):
        rec = recommend(make_profile(answers), reasoner)
        first = rec["roadmap"][0]
        assert first["structure"] == "today", answers
        today = rec["org_chart_today"]
        assert [n["id"] for n in first["chart"]["nodes"]] == [n["id"] for n in today["nodes"]]
        assert home in nodes_of(first["chart"]) and lines_of(first["chart"]) == lines_of(today)
