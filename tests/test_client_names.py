"""The client's own names for units and roles (`names:` in a profile), end to end with the real `dot`;
the consultant and interview date, carried from the profile to the JSON and the report; the summary in words."""
import json
import re

import pytest
from click.testing import CliRunner

from orgdesign import load_profile
from orgdesign.cli import main
from orgdesign.errors import ProfileError

from .conftest import EXAMPLES, profile_text, shared

FOLLOW_UP = EXAMPLES / "follow-ups" / "harbor-pine-2027.yaml"
OWN_UNITS = {"Harbor &amp; Pine", "Executive board", "Chief Data Office, under the CFO", "AI Office", "Retail squads"}


@pytest.fixture(scope=shared("module"))
def written(tmp_path_factory):
    out = tmp_path_factory.mktemp("names") / "out"
    result = CliRunner().invoke(main, ["recommend", str(FOLLOW_UP), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def svg_texts(path):
    """The text of every <text> element of an SVG drawn by dot."""
    return set(re.findall(r"<text[^>]*>([^<]*)</text>", path.read_text()))


def test_both_charts_use_the_clients_names_and_not_the_generic_ones(written):
    today, recommended = svg_texts(written / "orgchart-today.svg"), svg_texts(written / "orgchart.svg")
    assert OWN_UNITS <= today
    assert {"Machine Learning Engineer", "ML Platform Engineer"} <= today
    assert {"Harbor &amp; Pine", "Executive board", "AI Office", "Machine Learning Engineer"} <= recommended
    for generic in ("ML division", "CEO / senior leadership", "Product teams", "ML engineer", "MLOps / ML platform engineer",
                    "Another executive or office (see the notes)"):
        assert generic not in today | recommended
    # Roles the client did not rename keep the generic name.
    assert "Data engineer" in today


def test_the_recommendation_and_report_name_roles_and_units_as_the_client_does(written):
    data = json.loads((written / "recommendation.json").read_text())
    assert data["names"]["roles"]["ml_engineer"] == "Machine Learning Engineer"
    named = {r["id"]: r["name"] for r in data["roles"]}
    assert named.get("ml_engineer") == "Machine Learning Engineer"
    assert all(h["name"] != "ML engineer" for h in data["hiring"]["plan"])
    assert {n["id"] for n in data["org_chart"]["nodes"]} >= {"company", "leadership", "ml_division"}   # ids unchanged
    report = (written / "report.md").read_text()
    assert "Machine Learning Engineer" in report and "AI Office" in report
    assert "Interviewed on 2027-11-16 by B. Consultant" in report
    assert "Interviewed on 2027-11-16 by B. Consultant" in (written / "report.html").read_text()
    assert (data["interviewed_on"], data["consultant"]) == ("2027-11-16", "B. Consultant")


def test_render_uses_the_names_too(tmp_path):
    out = tmp_path / "chart.gv"
    result = CliRunner().invoke(main, ["render", str(FOLLOW_UP), "--format", "gv", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "AI Office" in out.read_text() and "Machine Learning Engineer" in out.read_text()


def test_a_profile_without_names_keeps_the_generic_ones(reasoner):
    profile = load_profile(EXAMPLES / "mixed-retail.yaml", reasoner)
    assert profile.names == {} and "names" not in profile.to_data()


@pytest.mark.parametrize("names, line, message", [
    ({"roles": {"ml_enginer": "MLE"}}, 8, "`ml_enginer` is not a role id; did you mean `ml_engineer`?"),
    ({"units": {"ml_team": ""}}, 8, "the name of unit `ml_team` must be non-empty text"),
    ({"unit": {"ml_team": "Lab"}}, 7, "unknown key `unit`; did you mean `units`?"),
    ({"units": ["ml_team"]}, 7, "`names.units` must be a mapping of unit id to name"),
])
def test_names_are_validated_with_line_and_hint(tmp_path, reasoner, names, line, message):
    import yaml

    path = tmp_path / "p.yaml"
    path.write_text(profile_text({"employees": 100}) + yaml.safe_dump({"names": names}))
    with pytest.raises(ProfileError) as caught:
        load_profile(path, reasoner)
    assert str(caught.value).startswith(f"{path}:{line}: {message}"), str(caught.value)


def test_diff_names_the_changes_in_both_charts_including_renamed_units():
    result = CliRunner().invoke(main, ["diff", str(EXAMPLES / "mixed-retail.yaml"), str(FOLLOW_UP)])
    assert result.exit_code == 0, result.output
    today = result.output[result.output.index("Org chart today:"):result.output.index("Recommended org chart:")]
    assert "  + unit Chief Data Office, under the CFO\n" in today
    assert "  + role ML Platform Engineer in AI Office (on staff today)\n" in today
    assert "  ~ unit ML division is now called AI Office\n" in today
    recommended = result.output[result.output.index("Recommended org chart:"):]
    assert "  ~ role ML engineer is now called Machine Learning Engineer\n" in recommended


def test_the_summary_lists_the_risks_in_words():
    result = CliRunner().invoke(main, ["recommend", str(EXAMPLES / "mixed-retail.yaml")])
    risks = result.output[result.output.index("Risks to manage:"):].split("\n\n")[0].splitlines()[1:]
    assert risks and all(re.fullmatch(r"  - .+ \(likelihood (low|medium|high), impact (low|medium|high)\)", line)
                         for line in risks), risks
    assert "_" not in "".join(risks)      # words, not ids


def test_the_summary_names_the_answers_to_confirm_in_words():
    result = CliRunner().invoke(main, ["recommend", str(EXAMPLES / "unknowns-insurance.yaml")])
    confirm = next(line for line in result.output.splitlines() if line.startswith("PROVISIONAL"))
    assert "To whom do the people doing ML report?" in confirm and "ml_reports_to" not in confirm
    unknown = next(line for line in result.output.splitlines() if line.startswith("Unknown answers"))
    assert "_" not in unknown and "?" in unknown


def test_resuming_an_interview_keeps_the_names(tmp_path, reasoner):
    path = tmp_path / "hp.yaml"
    path.write_text(FOLLOW_UP.read_text())
    result = CliRunner().invoke(main, ["interview", "--resume", str(path)], input="\n")
    assert result.exit_code == 0, result.output
    assert load_profile(path, reasoner).names == load_profile(FOLLOW_UP, reasoner).names != {}


def test_the_summary_says_an_unknown_position_today_once():
    result = CliRunner().invoke(main, ["recommend", str(EXAMPLES / "unknowns-insurance.yaml")])
    choices = result.output[result.output.index("Design choices"):result.output.index("First actions")]
    assert "/ today: not known\n" in choices
    assert "unknown" not in choices


def test_the_python_api_takes_the_names_too():
    import orgdesign

    rec = orgdesign.recommend({"employees": 300, "ml_activity": ["product_teams"], "roles_present": ["ml_engineer"]},
                              names={"units": {"product_teams": "Squads"}, "roles": {"ml_engineer": "MLE"}})
    labels = {node["label"] for node in rec["org_chart_today"]["nodes"]}
    assert {"Squads", "MLE"} <= labels
    with pytest.raises(ProfileError, match="`squads` is not a unit id"):
        orgdesign.recommend({"employees": 300}, names={"units": {"squads": "Squads"}})
