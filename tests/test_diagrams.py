"""The gallery in diagrams/ matches what the tool draws today."""
import pytest

from orgdesign import load_profile
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
