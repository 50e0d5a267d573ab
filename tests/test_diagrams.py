"""The gallery in diagrams/ matches what the tool draws today."""
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner

from orgdesign import load_profile
from orgdesign.cli import main
from orgdesign.orgchart import build_graph, dot_source

from .conftest import REPO, example_paths

DIAGRAMS = REPO / "diagrams"


def test_gallery_has_one_chart_per_example():
    examples = {p.stem for p in example_paths()}
    assert {p.stem for p in DIAGRAMS.glob("*.gv")} == examples, "run `make diagrams`"
    assert {p.stem for p in DIAGRAMS.glob("*.svg")} == examples, "run `make diagrams`"


@pytest.mark.parametrize("path", example_paths(), ids=lambda p: p.stem)
def test_committed_gv_is_current(path, reasoner):
    graph = build_graph(reasoner.infer(load_profile(path, reasoner)), reasoner.knowledge)
    committed = (DIAGRAMS / f"{path.stem}.gv").read_text(encoding="utf-8")
    assert committed == dot_source(graph), f"diagrams/{path.stem}.gv is stale: run `make diagrams`"


def test_readme_links_the_gallery():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for path in example_paths():
        assert f"diagrams/{path.stem}.svg" in readme


# Where Graphviz places things depends on the fonts of the machine that drew
# the chart, so coordinates and sizes are left out; everything else drawn
# (every element, its text, colours, line styles, ids, links) must match.
GEOMETRY = {"x", "y", "points", "d", "width", "height", "viewBox", "transform", "cx", "cy", "rx", "ry"}


def drawing(svg_text):
    root = ElementTree.fromstring(svg_text.encode("utf-8"))
    return [(element.tag, sorted((k, v) for k, v in element.attrib.items() if k not in GEOMETRY), (element.text or "").strip())
            for element in root.iter()]


@pytest.mark.parametrize("path", example_paths(), ids=lambda p: p.stem)
def test_committed_svg_draws_what_render_draws_now(path, tmp_path):
    drawn = tmp_path / f"{path.stem}.svg"
    result = CliRunner().invoke(main, ["render", str(path), "--format", "svg", "-o", str(drawn)])
    assert result.exit_code == 0, result.output
    committed = (DIAGRAMS / f"{path.stem}.svg").read_text(encoding="utf-8")
    assert drawing(committed) == drawing(drawn.read_text(encoding="utf-8")), f"diagrams/{path.stem}.svg is stale: run `make diagrams`"
