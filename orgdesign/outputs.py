"""Writes a recommendation's files into an output folder.

Only the tool's own file names are touched; every file is written
atomically; an output never replaces one of the inputs.
"""
import json
from pathlib import Path

from .atomic_write import write_text_atomic
from .errors import OrgDesignError

RECOMMENDATION_FILE = "recommendation.json"
ORGCHART_GV = "orgchart.gv"
ORGCHART_SVG = "orgchart.svg"


def write_outputs(recommendation, out_dir, inputs=()):
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise OrgDesignError("is not a folder", str(out_dir), hint="give --out a folder path")
    out_dir.mkdir(parents=True, exist_ok=True)
    from .orgchart import chart_gv, chart_svg

    files = {RECOMMENDATION_FILE: to_json(recommendation), ORGCHART_GV: chart_gv(recommendation)}
    targets = [out_dir / name for name in files]
    _refuse_overwriting_inputs(targets + [out_dir / ORGCHART_SVG], inputs)
    for target, text in zip(targets, files.values()):
        write_text_atomic(target, text)
    # Drawn last: without Graphviz this raises, after the other files are written.
    write_text_atomic(out_dir / ORGCHART_SVG, chart_svg(recommendation, gv_path=out_dir / ORGCHART_GV))
    return targets + [out_dir / ORGCHART_SVG]


def _refuse_overwriting_inputs(targets, inputs):
    resolved_inputs = {Path(p).resolve() for p in inputs}
    for target in targets:
        if target.resolve() in resolved_inputs:
            raise OrgDesignError(f"would overwrite the input file {target}", str(target),
                                 hint="choose another --out folder")


def to_json(data):
    """JSON as every output is written: stable key order, UTF-8, trailing newline."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def refuse_overwriting_inputs(targets, inputs):
    """Raise when any of ``targets`` is one of ``inputs`` (for other writers)."""
    _refuse_overwriting_inputs(targets, inputs)
