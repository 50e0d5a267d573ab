"""`orgdesign diff`: two interviews of one client read as a consultant's change note."""
import json

import pytest

from click.testing import CliRunner

from orgdesign import load_profile, recommend
from orgdesign.cli import main

from .conftest import EXAMPLES

RETAIL = EXAMPLES / "mixed-retail.yaml"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def half_year_on(tmp_path):
    """The retailer six months on: the central division folded into the squads, fewer hires, a smaller ambition."""
    text = RETAIL.read_text()
    for old, new in (("ml_activity: [product_teams, central_division]", "ml_activity: [product_teams]"),
                     ("planned_ml_hires: 8", "planned_ml_hires: 3"),
                     ("ml_ambition: build_ml_products_or_platform", "ml_ambition: improve_existing_products"),
                     ("interviewed_on: 2026-11-18", "interviewed_on: 2027-05-18")):
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "retail-2027.yaml"
    path.write_text(text)
    return path


def sections(output):
    """``{heading: [item lines]}`` of a text change note."""
    found, heading = {}, None
    for line in output.splitlines()[3:]:
        if line.endswith(":") and not line.startswith(" "):
            heading = line[:-1]
            found[heading] = []
        elif line.startswith("  "):
            found[heading].append(line[2:])
    return found


def test_change_note_between_two_interviews(tmp_path):
    later = half_year_on(tmp_path)
    result = run("diff", RETAIL, later)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[:2] == [f"Before: {RETAIL} (Harbor & Pine Retail Group, interviewed 2026-11-18)",
                         f"After:  {later} (Harbor & Pine Retail Group, interviewed 2027-05-18)"]
    note = sections(result.output)
    # Every section once, in the order a reader wants them; none of the internal record fields.
    assert list(note) == ["Answers that changed", "Target, archetype and confidence", "Design choices",
                          "Org chart today", "Recommended org chart", "Hiring, by role", "Actions"]
    # Today's chart follows the answers: the central division is gone.
    assert "- unit ML division" in note["Org chart today"]
    assert note["Answers that changed"] == [
        "Where does machine-learning work happen in the company today? "
        "Inside product teams, Central ML division -> Inside product teams",
        "How many ML hires are budgeted for the next 12 months? 8 -> 3",
        "What should machine learning do for the company over the next two years? "
        "Build ML products or a platform -> Improve existing products"]
    assert note["Target, archetype and confidence"] == [
        "Recommended target: Independent ML division -> Product-embedded ML",
        "Resembles today: Product-embedded ML, unchanged",
        "Confidence in the call: moderate (0.83) -> high (1.00)"]
    assert "Data ownership: Own data engineering and a voice in governance -> Partner with data engineers" \
        in note["Design choices"]
    chart = note["Recommended org chart"]
    assert {"- unit ML division", "+ unit Product teams", "+ role ML engineer in Product teams (on staff today)",
            "- role MLOps / ML platform engineer in ML engineering team (to hire)"} <= set(chart)
    # Hires are counted per role, never matched by their place in the hiring sequence.
    assert note["Hiring, by role"][0] == "In all: 8 -> 3 planned hires"
    assert "ML product manager: 1 -> 0 hires" in note["Hiring, by role"]
    assert "ML researcher: 2 -> 0 hires" in note["Hiring, by role"]
    assert not any("->" in line and line.count(":") == 0 for line in note["Hiring, by role"])
    assert "- Grow towards the recommended structure" in note["Actions"]
    body = "\n".join(lines[2:])
    for internal in ("container", "kind unit", "status none", "f-", "ml_activity", "product_embedded"):
        assert internal not in body


def test_markdown_and_json_say_the_same(tmp_path):
    later = half_year_on(tmp_path)
    markdown = run("diff", RETAIL, later, "--format", "md").output
    assert markdown.startswith("# Change note: Harbor & Pine Retail Group\n")
    assert "## Hiring, by role\n\n- In all: 8 -> 3 planned hires\n" in markdown
    data = json.loads(run("diff", RETAIL, later, "--format", "json").output)
    assert [a["question"] for a in data["answers"]] == ["ml_activity", "planned_ml_hires", "ml_ambition"]
    assert data["answers"][0]["after"] == ["product_teams"]
    assert (data["target"]["before"]["id"], data["target"]["after"]["id"]) == ("independent_division", "product_embedded")
    assert data["confidence"]["after"]["words"] == "high"
    assert {"role": "ml_researcher", "name": "ML researcher", "before": 2, "after": 0} in data["hiring"]["by_role"]
    assert "ml_division" in [u["id"] for u in data["org_chart"]["units"]["removed"]]


def test_same_profile_twice_is_no_change():
    result = run("diff", RETAIL, RETAIL)
    assert result.exit_code == 0
    assert sections(result.output) == {"No change": ["The two profiles give the same answers and the same advice."]}


def test_an_answer_that_changes_no_advice_says_so(tmp_path):
    other = tmp_path / "other.yaml"
    other.write_text(RETAIL.read_text().replace("employees: 6500", "employees: 6400"))
    assert sections(run("diff", RETAIL, other).output) == {
        "Answers that changed": ["How many people does the company employ? 6,500 -> 6,400"],
        "What that changed": ["Nothing in the advice."]}


def test_a_bad_profile_is_an_error(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("profile_version: 1\nclient: {name: X}\nanswers: {industry: shipping}\n")
    result = run("diff", RETAIL, bad)
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {bad}:3: `shipping` is not a valid answer to `industry`")


def test_output_option_writes_the_note_and_never_over_an_input(tmp_path):
    later = half_year_on(tmp_path)
    note = tmp_path / "note.md"
    result = run("diff", RETAIL, later, "--format", "md", "-o", note)
    assert result.exit_code == 0 and result.output == f"Wrote {note}\n"
    assert note.read_text() == run("diff", RETAIL, later, "--format", "md").output
    assert run("diff", RETAIL, later, "--output", note).exit_code == 0           # the long spelling
    refused = run("diff", RETAIL, later, "-o", later)
    assert refused.exit_code == 1 and refused.output.startswith(f"Error: {later}")
