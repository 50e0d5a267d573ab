"""Drawing the chart with the real `dot` program, and every export format."""
import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

import networkx as nx
import pytest
from click.testing import CliRunner

from orgdesign import recommend
from orgdesign.cli import main
from orgdesign.orgchart import chart_gv, chart_svg
from orgdesign.orgchart.quoting import escape_label_text

from .conftest import EXAMPLES, profile_text

pytestmark = pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz's dot (make test installs it)")

EXAMPLE = EXAMPLES / "product-embedded-fintech.yaml"
NASTY = 'Acme "R&D" <Labs> \\ Co'
SVG = "{http://www.w3.org/2000/svg}"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def svg_texts(svg):
    return ["".join(t.itertext()) for t in ET.fromstring(svg).iter(f"{SVG}text")]


@pytest.mark.parametrize("client", [NASTY, "Ends with a backslash \\", "Ünïcødé & 'quotes' ]]> --"])
def test_any_client_name_renders_exactly(client, reasoner, make_profile):
    profile = make_profile({"ml_activity": ["product_teams"], "ml_reports_to": "product_engineering_lead"}, client=client)
    recommendation = recommend(profile, reasoner)
    assert escape_label_text(client) in chart_gv(recommendation)
    assert client in svg_texts(chart_svg(recommendation))


def test_nasty_name_through_the_command(tmp_path):
    profile = tmp_path / "nasty.yaml"
    profile.write_text(profile_text({"ml_activity": ["rnd_lab"], "ml_reports_to": "rnd_head"}, client=NASTY))
    result = run("render", profile, "-o", tmp_path / "chart.svg")
    assert result.exit_code == 0, result.output
    assert NASTY in svg_texts((tmp_path / "chart.svg").read_text())


MAGIC = {"svg": b"<?xml", "png": b"\x89PNG", "pdf": b"%PDF", "gv": b"// Org chart drawn by orgdesign"}


@pytest.mark.parametrize("fmt", sorted(MAGIC))
def test_drawn_formats(fmt, tmp_path):
    target = tmp_path / f"chart.{fmt}"
    result = run("render", EXAMPLE, "--format", fmt, "-o", target)
    assert result.exit_code == 0, result.output
    assert target.read_bytes().startswith(MAGIC[fmt])
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_graphml_and_json_carry_the_graph(tmp_path):
    assert run("render", EXAMPLE, "--format", "graphml", "-o", tmp_path / "c.graphml").exit_code == 0
    assert run("render", EXAMPLE, "--format", "json", "-o", tmp_path / "c.json").exit_code == 0
    graphml = nx.read_graphml(tmp_path / "c.graphml")
    data = json.loads((tmp_path / "c.json").read_text())
    assert graphml.nodes["role.product_teams.ml_engineer"]["status"] == "present"
    assert graphml.edges["ml_community", "data_engineering"]["line"] == "dotted"
    linked = nx.node_link_graph(data, edges="edges")
    assert set(linked.nodes) == set(graphml.nodes)
    assert linked.edges["engineering", "product_teams"]["line"] == "solid"


def test_direction_and_stdout():
    result = run("render", EXAMPLE, "--format", "gv", "-o", "-", "--direction", "LR")
    assert result.exit_code == 0
    assert "rankdir=LR" in result.output and "\ndigraph orgchart {\n" in result.output
    assert run("render", EXAMPLE, "--direction", "BT").exit_code == 2


def test_default_output_name(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("render", EXAMPLE)
    assert result.exit_code == 0
    assert (tmp_path / "product-embedded-fintech.svg").read_text().startswith("<?xml")


def test_refuses_to_overwrite_the_profile(tmp_path):
    profile = tmp_path / "p.gv"
    profile.write_text(EXAMPLE.read_text())
    result = run("render", profile, "--format", "gv", "-o", profile)
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {profile}: would overwrite the input file")
    assert profile.read_text() == EXAMPLE.read_text()


def test_gv_is_byte_identical_across_runs(tmp_path):
    for name in ("a.gv", "b.gv"):
        assert run("render", EXAMPLE, "--format", "gv", "-o", tmp_path / name).exit_code == 0
    assert (tmp_path / "a.gv").read_bytes() == (tmp_path / "b.gv").read_bytes()


def test_recommend_out_writes_the_chart(tmp_path):
    result = run("recommend", EXAMPLE, "--out", tmp_path)
    assert result.exit_code == 0, result.output
    recommendation = json.loads((tmp_path / "recommendation.json").read_text())
    ids = {n["id"] for n in recommendation["org_chart"]["nodes"]}
    assert {"company", "engineering", "product_teams", "data_engineering", "ml_community"} <= ids
    assert (tmp_path / "orgchart.gv").read_text() == chart_gv(recommendation)
    assert "Brightledger Payments Ltd" in svg_texts((tmp_path / "orgchart.svg").read_text())


# -- without Graphviz ----------------------------------------------------------
INSTALL = "install Graphviz (Debian/Ubuntu: `sudo apt-get install graphviz`; macOS: `brew install graphviz`"


@pytest.fixture
def no_dot(tmp_path, monkeypatch):
    empty = tmp_path / "empty-path"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))


def test_render_without_dot_keeps_the_gv(tmp_path, no_dot):
    result = run("render", EXAMPLE, "--format", "png", "-o", tmp_path / "chart.png")
    assert result.exit_code == 1
    assert result.output.startswith("Error: Graphviz's `dot` program was not found")
    assert INSTALL in result.output and "Traceback" not in result.output
    assert not (tmp_path / "chart.png").exists()
    assert "\ndigraph orgchart {\n" in (tmp_path / "chart.gv").read_text()


def test_recommend_without_dot_keeps_json_and_gv(tmp_path, no_dot):
    result = run("recommend", EXAMPLE, "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert f"its DOT source was written to {tmp_path / 'out' / 'orgchart.gv'}" in result.output
    assert INSTALL in result.output
    assert (tmp_path / "out" / "orgchart.gv").exists() and (tmp_path / "out" / "recommendation.json").exists()
    assert not (tmp_path / "out" / "orgchart.svg").exists()


def test_data_formats_need_no_dot(tmp_path, no_dot):
    assert run("render", EXAMPLE, "--format", "json", "-o", tmp_path / "c.json").exit_code == 0
    assert run("render", EXAMPLE, "--format", "gv", "-o", tmp_path / "c.gv").exit_code == 0


def test_output_folder_is_created(tmp_path):
    result = run("render", EXAMPLE, "--format", "gv", "-o", tmp_path / "new" / "chart.gv")
    assert result.exit_code == 0
    assert (tmp_path / "new" / "chart.gv").exists()


def test_missing_dot_in_a_real_process(tmp_path):
    empty = tmp_path / "empty-path"
    empty.mkdir()
    completed = subprocess.run(
        [sys.executable, "-m", "orgdesign", "render", str(EXAMPLE), "-o", str(tmp_path / "chart.svg")],
        capture_output=True, text=True, env={**os.environ, "PATH": str(empty)}, cwd=tmp_path, check=False)
    assert completed.returncode == 1
    assert completed.stderr.startswith("Error: Graphviz's `dot` program was not found")
    assert "Traceback" not in completed.stderr
    assert (tmp_path / "chart.gv").exists() and not (tmp_path / "chart.svg").exists()
