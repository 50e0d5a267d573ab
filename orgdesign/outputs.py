"""Writes a recommendation's files into an output folder.

Only the tool's own file names are touched; the files are written as a set
(all of them or none, see ``file_set``); an output never replaces a file the
run read: the profile, a rule file or a knowledge file.
"""
import json
import os
from pathlib import Path

from .errors import OrgDesignError
from .file_set import write_file_set

RECOMMENDATION_FILE = "recommendation.json"
REPORT_MARKDOWN_FILE = "report.md"
REPORT_HTML_FILE = "report.html"
REPORT_PDF_FILE = "report.pdf"
AUDIT_MARKDOWN_FILE = "audit.md"
AUDIT_HTML_FILE = "audit.html"
ORGCHART_GV = "orgchart.gv"
ORGCHART_SVG = "orgchart.svg"
ORGCHART_TODAY_GV = "orgchart-today.gv"
ORGCHART_TODAY_SVG = "orgchart-today.svg"
# What the report and the audit trail link to: the files written beside them.
REPORT_LINKS = {"report_html": REPORT_HTML_FILE, "report_md": REPORT_MARKDOWN_FILE, "audit_html": AUDIT_HTML_FILE,
                "audit_md": AUDIT_MARKDOWN_FILE, "chart": ORGCHART_SVG, "today_chart": ORGCHART_TODAY_SVG}


def stage_chart_names(number):
    """The DOT and SVG file names of roadmap stage ``number``'s chart.

    >>> stage_chart_names(2)
    ('orgchart-stage-2.gv', 'orgchart-stage-2.svg')
    """
    return f"orgchart-stage-{number}.gv", f"orgchart-stage-{number}.svg"


def write_outputs(recommendation, out_dir, inputs=(), profile=None, knowledge=None, pdf=False):
    """Write the recommendation's files into ``out_dir``; return their paths.

    With a profile: the client's report (report.md, report.html) and the
    audit trail (audit.md, audit.html) beside it; with ``pdf`` also
    report.pdf, printed by headless Chromium. The org charts (recommended,
    and today's, and one per roadmap stage) are drawn once each and serve
    both their SVG files and the HTML report. Without Graphviz every other file is still written (the
    report says the chart is missing) and the error is raised at the end.
    """
    from concurrent.futures import ThreadPoolExecutor

    from .orgchart import GraphvizMissingError

    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise OrgDesignError("is not a folder", str(out_dir), hint="give -o a folder path")
    stage_charts = [(stage_chart_names(s["number"]), s["chart"]) for s in recommendation.get("roadmap") or []]
    names = [RECOMMENDATION_FILE, ORGCHART_GV, ORGCHART_SVG, ORGCHART_TODAY_GV, ORGCHART_TODAY_SVG]
    names += [name for pair, _ in stage_charts for name in pair]
    if profile is not None:
        names += [REPORT_MARKDOWN_FILE, REPORT_HTML_FILE, AUDIT_MARKDOWN_FILE, AUDIT_HTML_FILE]
        names += [REPORT_PDF_FILE] if pdf else []
    refuse_overwriting_inputs([out_dir / name for name in names], inputs)

    files = _chart_sources(recommendation, stage_charts)
    charts = list(CHART_FILES) + [pair for pair, _ in stage_charts]
    # `dot` draws the charts in the background while the files that do not show them are made.
    with ThreadPoolExecutor(max_workers=len(charts)) as pool:
        drawings = {svg: pool.submit(_draw, files[gv], out_dir / gv, gv == ORGCHART_GV) for gv, svg in charts}
        files[RECOMMENDATION_FILE] = to_json(recommendation)
        if profile is not None:
            files.update(_audit_files(recommendation, profile, knowledge))
        missing_graphviz = None
        for svg, drawing in drawings.items():
            try:
                files[svg] = drawing.result()
            except GraphvizMissingError as err:
                missing_graphviz = missing_graphviz or err
    if profile is not None:
        stage_svgs = {svg: files.get(svg) for (_, svg), _ in stage_charts}
        files.update(_report_files(recommendation, profile, knowledge, files.get(ORGCHART_SVG),
                                   files.get(ORGCHART_TODAY_SVG), pdf, stage_svgs))
    written = write_file_set(out_dir, {name: files[name] for name in _in_order(files)})
    _remove_stale_stage_charts(out_dir, len(stage_charts), inputs)
    if missing_graphviz is not None:
        raise missing_graphviz
    return written


# Each chart's DOT source and its drawing.
CHART_FILES = ((ORGCHART_GV, ORGCHART_SVG), (ORGCHART_TODAY_GV, ORGCHART_TODAY_SVG))
WRITE_ORDER = (RECOMMENDATION_FILE, ORGCHART_GV, ORGCHART_TODAY_GV, ORGCHART_SVG, ORGCHART_TODAY_SVG,
               REPORT_MARKDOWN_FILE, REPORT_HTML_FILE, AUDIT_MARKDOWN_FILE, AUDIT_HTML_FILE, REPORT_PDF_FILE)


def _in_order(files):
    """The known files in WRITE_ORDER, the stage charts (named by number) after them, in their order."""
    known = [name for name in WRITE_ORDER if name in files]
    return known + [name for name in files if name not in WRITE_ORDER]


def _chart_sources(recommendation, stage_charts=()):
    from .orgchart import chart_gv

    sources = {ORGCHART_GV: chart_gv(recommendation), ORGCHART_TODAY_GV: chart_gv(recommendation, chart="org_chart_today")}
    for (gv, _), chart in stage_charts:
        sources[gv] = chart_gv({"chart": chart}, chart="chart")
    return sources


def _remove_stale_stage_charts(out_dir, stages, inputs):
    """Remove the charts of stages beyond this roadmap's last, left by an earlier run with more stages.

    Only regular files named as the tool names stage charts, and never a file the run read.
    """
    read = {Path(p).resolve() for p in inputs}
    for path in sorted(out_dir.glob("orgchart-stage-*.*")):
        number = path.stem.rpartition("-")[2]
        if (number.isdigit() and int(number) > stages and path.name in stage_chart_names(int(number))
                and path.is_file() and not path.is_symlink() and path.resolve() not in read):
            try:
                path.unlink()
            except OSError as err:
                raise OrgDesignError(f"cannot remove the chart of a stage this roadmap no longer has ({err.strerror})",
                                     str(path), hint="remove the file by hand") from None


def _draw(source, gv_path, usually_wide):
    """A chart's SVG; the DOT source is written as made, and a wide chart's SVG has its fans
    wrapped (``orgchart.graphviz_program.laid_out``), as `render` draws it. The recommended
    chart is usually wide, today's seldom: only the first has its wrapped drawing made at once."""
    from .orgchart.graphviz_program import laid_out

    return laid_out(source, gv_path, wrap_at_once=usually_wide)[1]


def _audit_files(recommendation, profile, knowledge):
    from .report import render_audit

    markdown, html = render_audit(recommendation, profile, knowledge, links=REPORT_LINKS)
    return {AUDIT_MARKDOWN_FILE: markdown, AUDIT_HTML_FILE: html}


def _report_files(recommendation, profile, knowledge, chart_svg, today_svg, pdf, stage_svgs=None):
    from .report import render_report

    markdown, html = render_report(recommendation, profile, chart_svg, knowledge, today_svg=today_svg, links=REPORT_LINKS,
                                   stage_svgs=stage_svgs)
    files = {REPORT_MARKDOWN_FILE: markdown, REPORT_HTML_FILE: html}
    if pdf:
        from .report.pdf import print_pdf

        _, printable = render_report(recommendation, profile, chart_svg, knowledge, today_svg=today_svg,
                                     links=REPORT_LINKS, printing=True, stage_svgs=stage_svgs)
        files[REPORT_PDF_FILE] = print_pdf(printable)
    return files


def files_read(reasoner, *profile_paths):
    """Every file a run read: the profiles, and each rule and knowledge file behind ``reasoner``."""
    from .paths import yaml_files

    return [Path(p) for p in profile_paths] + yaml_files(reasoner.rules_dir) + yaml_files(reasoner.knowledge_dir)


def refuse_overwriting_inputs(targets, inputs):
    """Raise when any of ``targets`` is one of ``inputs``: an output never replaces an input.

    Compared by resolved path and by file identity, so neither a symbolic
    link nor a hard link to an input gets through.
    """
    resolved_inputs, identities = set(), set()
    for path in inputs:
        resolved_inputs.add(Path(path).resolve())
        identity = _identity(path)
        if identity is not None:
            identities.add(identity)
    for target in targets:
        target = Path(target)
        if target.resolve() in resolved_inputs or _identity(target) in identities:
            raise OrgDesignError("would overwrite the input file (the run reads it: profile, rule or knowledge file)",
                                 str(target), hint="choose another output path")


def _identity(path):
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_dev, status.st_ino


def to_json(data):
    """JSON as every output is written: stable key order, UTF-8, trailing newline."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
