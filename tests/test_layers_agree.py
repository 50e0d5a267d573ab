"""The layers written separately agree with each other on every example."""
import pytest

from orgdesign import load_profile, recommend

from .conftest import example_paths


@pytest.mark.parametrize("path", example_paths(), ids=lambda p: p.name)
def test_every_hire_reports_to_a_unit_of_the_org_chart(path, reasoner):
    result = recommend(load_profile(path, reasoner), reasoner)
    units = {node["id"] for node in result["org_chart"]["nodes"]}
    plan = result["hiring"]["plan"]
    assert plan
    for hire in plan:
        assert hire["reports_to"] in units, f"{hire['role']} reports to {hire['reports_to']}, not on the chart"


def test_report_inlines_the_real_chart(tmp_path, reasoner):
    from orgdesign.outputs import write_outputs

    path = example_paths()[0]
    profile = load_profile(path, reasoner)
    write_outputs(recommend(profile, reasoner), tmp_path, [path], profile, reasoner.knowledge)
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    svg = (tmp_path / "orgchart.svg").read_text(encoding="utf-8")
    today = (tmp_path / "orgchart-today.svg").read_text(encoding="utf-8")
    assert "Chart not available" not in html
    # Today's chart and the recommended one, side by side, and each roadmap stage's, small.
    stages = list(tmp_path.glob("orgchart-stage-*.svg"))
    assert html.count("<svg") == 2 + len(stages) and svg.count("<svg") == 1 and today.count("<svg") == 1
    assert profile.client in svg and profile.client in today
