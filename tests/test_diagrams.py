"""The gallery in diagrams/ matches what the tool draws today: for every
example, the chart of its organisation today and the recommended one."""
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner

from orgdesign import load_profile, recommend
from orgdesign.cli import main
from orgdesign.orgchart import chart_gv

from .conftest import REPO, example_paths

DIAGRAMS = REPO / "diagrams"
CHARTS = {"": "org_chart", "-today": "org_chart_today"}
# `recommend --out` names the two SVGs it writes this way.
WRITTEN = {"": "orgchart.svg", "-today": "orgchart-today.svg"}


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


# Where Graphviz places things depends on the fonts of the machine that drew
# the chart, so coordinates and sizes are left out; everything else drawn
# (every element, its text, colours, line styles, ids, links) must match.
GEOMETRY = {"x", "y", "points", "d", "width", "height", "viewBox", "transform", "cx", "cy", "rx", "ry"}


def drawing(svg_text):
    root = ElementTree.fromstring(svg_text.encode("utf-8"))
    return [(element.tag, sorted((k, v) for k, v in element.attrib.items() if k not in GEOMETRY), (element.text or "").strip())
            for element in root.iter()]


@pytest.mark.parametrize("path", example_paths(), ids=lambda p: p.stem)
def test_committed_svgs_draw_what_recommend_draws_now(path, tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["recommend", str(path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    for suffix, written in WRITTEN.items():
        committed = (DIAGRAMS / f"{path.stem}{suffix}.svg").read_text(encoding="utf-8")
        assert drawing(committed) == drawing((out / written).read_text(encoding="utf-8")), \
            f"diagrams/{path.stem}{suffix}.svg is stale: run `make diagrams`"
