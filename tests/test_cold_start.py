"""A cold `recommend --json` stays cheap: drawing and report libraries load only when used."""
import json
import subprocess
import sys

from .conftest import EXAMPLES

HEAVY = ("networkx", "graphviz", "jinja2", "clips")

PROBE = """
import json, sys
from orgdesign.cli import main
try:
    main(["recommend", sys.argv[1], "--json"])
except SystemExit:
    pass
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in sys.argv[2:])), file=sys.stderr)
"""


def test_recommend_json_imports_no_drawing_or_report_library():
    result = subprocess.run([sys.executable, "-c", PROBE, str(EXAMPLES / "mixed-retail.yaml"), *HEAVY],
                            capture_output=True, text=True, timeout=60)
    assert json.loads(result.stdout)["archetype"]["id"] == "product_embedded"
    assert json.loads(result.stderr.strip().splitlines()[-1]) == []


def test_recommend_out_draws_and_writes_without_networkx(tmp_path):
    """The report's charts are drawn from the chart data: writing them loads no graph library (nor the graphviz package)."""
    probe = PROBE.replace('main(["recommend", sys.argv[1], "--json"])', 'main(["recommend", sys.argv[1], "--out", sys.argv[2]])')
    probe = probe.replace("sys.argv[2:]", "sys.argv[3:]")
    result = subprocess.run([sys.executable, "-c", probe, str(EXAMPLES / "mixed-retail.yaml"), str(tmp_path / "out"),
                             "networkx", "jinja2", "graphviz"], capture_output=True, text=True, timeout=60)
    loaded = json.loads(result.stderr.strip().splitlines()[-1])
    assert (tmp_path / "out" / "report.html").is_file() and (tmp_path / "out" / "orgchart.svg").is_file()
    # The DOT text is written by orgchart/dot_writer.py: the graphviz package is not needed for it.
    assert "jinja2" in loaded and not [m for m in loaded if m.startswith(("networkx", "graphviz"))]


def test_building_the_engine_leaves_the_cycle_collector_as_it_found_it():
    """The collector is held off while a reasoner and its engines are built, and only then."""
    import gc

    from orgdesign.engine.reasoner import Reasoner, collector_paused

    assert gc.isenabled()
    reasoner = Reasoner()
    assert reasoner.engine is not None and gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
    try:
        with collector_paused():
            raise KeyError("a failed build")
    except KeyError:
        pass
    assert gc.isenabled()
