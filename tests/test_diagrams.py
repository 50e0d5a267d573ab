"""The gallery in diagrams/ matches what the tool draws today: for every
example, the chart of its organisation today and the recommended one."""
import pytest

from orgdesign import load_profile, recommend
from orgdesign.orgchart import chart_gv

from .conftest import REPO, example_paths

DIAGRAMS = REPO / "diagrams"
CHARTS = {"": "org_chart", "-today": "org_chart_today"}


def test_gallery_has_both_charts_per_example():
    expected = {p.stem + suffix for p in example_paths() for suffix in CHARTS}
    assert {p.stem for p in DIAGRAMS.glob("*.gv")} == expected, "run `make diagrams`"
    assert {p.stem for p in DIAGRAMS.glob("*.svg")} == expected, "run `make diagrams`"


@pytest.mark.parametrize("path", example_paths(), ids=lambda p: p.stem)
def test_committed_gv_is_current(path, reasoner):
    rec = recommend(load_profile(path, reasoner), reasoner)
    for suffix, chart in CHARTS.items():
        committed = (DIAGRAMS / f"{path.stem}{suffix}.gv").read_text(encoding="utf-8")
        assert committed == chart_gv(rec, chart=chart), f"diagrams/{path.stem}{suffix}.gv is stale: run `make diagrams`"


def test_readme_links_the_gallery():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for path in example_paths():
        for suffix in CHARTS:
            assert f"diagrams/{path.stem}{suffix}.svg" in readme
