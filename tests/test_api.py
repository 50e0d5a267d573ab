"""The Python API for notebooks: ``orgdesign.recommend`` and the ``Recommendation`` it returns."""
import doctest
import json
from pathlib import Path

import pytest

import orgdesign
from orgdesign import ProfileError, Recommendation, load_profile
from orgdesign.cli import main

from .conftest import EXAMPLES

README = Path(__file__).parent.parent / "README.md"
RETAIL = EXAMPLES / "mixed-retail.yaml"


def test_the_readme_example_runs_as_written():
    result = doctest.testfile(str(README), module_relative=False,
                              optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted >= 8
    assert result.failed == 0


def test_answers_dict_gives_what_the_command_line_gives(reasoner):
    profile = load_profile(RETAIL, reasoner)
    answers = {q: list(v) if isinstance(v, tuple) else v for q, v in profile.answers.items()}
    rec = orgdesign.recommend(answers, client=profile.client)
    from click.testing import CliRunner

    printed = json.loads(CliRunner().invoke(main, ["recommend", str(RETAIL), "--json"]).output)
    ignore = ("client", "profile_digest", "interviewed_on", "consultant")   # the file carries the interview date and notes
    assert {k: v for k, v in rec.to_dict().items() if k not in ignore} \
        == {k: v for k, v in printed.items() if k not in ignore}
    assert type(rec.to_dict()) is dict and json.loads(json.dumps(rec)) == rec.to_dict()
    assert rec.target is rec["target"] and rec.archetype["id"] == "product_embedded"
    assert rec.design_choices == rec["design_choices"]


def test_profile_and_reasoner_as_before(reasoner):
    profile = load_profile(RETAIL, reasoner)
    rec = orgdesign.recommend(profile, reasoner)
    assert isinstance(rec, Recommendation) and rec.profile is profile
    assert rec["archetype"]["id"] == orgdesign.recommend(profile)["archetype"]["id"]


def test_views_of_the_recommendation(reasoner):
    rec = orgdesign.recommend(load_profile(RETAIL, reasoner), reasoner)
    graph = rec.org_chart
    assert set(graph.nodes) == {node["id"] for node in rec["org_chart"]["nodes"]}
    assert "\ndigraph" in rec.render("gv")
    assert rec.render("svg").rstrip().endswith("</svg>")      # drawn by the real `dot`
    assert rec.render("png")[:8] == b"\x89PNG\r\n\x1a\n"
    html = rec.report_html()
    assert "<svg" in html and "Harbor &amp; Pine Retail Group" in html
    assert rec.explain().startswith("Harbor & Pine Retail Group: how we reached our recommendation")
    shown = rec._repr_html_()
    assert "Independent ML division" in shown and "<svg" in shown and "<?xml" not in shown


@pytest.mark.parametrize("answers, message", [
    ({"industry": "shipping"}, "<answers>: `shipping` is not a valid answer to `industry`"),
    ({"industri": "retail"}, "<answers>: unknown key `industri`; did you mean `industry`?"),
    ({"employees": "many"}, "<answers>: `employees` must be a whole number"),
])
def test_bad_answers_raise_the_profile_error_naming_the_question(answers, message):
    with pytest.raises(ProfileError) as raised:
        orgdesign.recommend(answers)
    assert str(raised.value).startswith(message)


def test_anything_else_is_a_type_error():
    with pytest.raises(TypeError, match="a dict of answers or a Profile"):
        orgdesign.recommend("examples/mixed-retail.yaml")
