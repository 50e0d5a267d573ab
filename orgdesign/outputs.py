"""Writes a recommendation's files into an output folder.

Only the tool's own file names are touched; every file is written
atomically; an output never replaces one of the inputs.
"""
import json
from pathlib import Path

from .atomic_write import write_text_atomic
from .errors import OrgDesignError

RECOMMENDATION_FILE = "recommendation.json"
REPORT_MARKDOWN_FILE = "report.md"
REPORT_HTML_FILE = "report.html"


def write_outputs(recommendation, out_dir, inputs=(), profile=None, knowledge=None):
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise OrgDesignError("is not a folder", str(out_dir), hint="give --out a folder path")
    out_dir.mkdir(parents=True, exist_ok=True)
    files = {RECOMMENDATION_FILE: to_json(recommendation)}
    if profile is not None:
        files.update(_report_files(recommendation, profile, knowledge))
    targets = [out_dir / name for name in files]
    _refuse_overwriting_inputs(targets, inputs)
    for target, text in zip(targets, files.values()):
        write_text_atomic(target, text)
    return targets


def _report_files(recommendation, profile, knowledge):
    from .report import render_report

    markdown, html = render_report(recommendation, profile, _chart_svg(recommendation), knowledge)
    return {REPORT_MARKDOWN_FILE: markdown, REPORT_HTML_FILE: html}


def _chart_svg(recommendation):
    """The org chart as SVG, or None while the org-chart package is not installed."""
    try:
        from .orgchart import chart_svg
    except ImportError:
        return None
    return chart_svg(recommendation)


def _refuse_overwriting_inputs(targets, inputs):
    resolved_inputs = {Path(p).resolve() for p in inputs}
    for target in targets:
        if target.resolve() in resolved_inputs:
            raise OrgDesignError(f"would overwrite the input file {target}", str(target),
                                 hint="choose another --out folder")


def to_json(data):
    """JSON as every output is written: stable key order, UTF-8, trailing newline."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
