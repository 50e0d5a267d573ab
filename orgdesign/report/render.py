"""Renders the client's report and the audit trail as Markdown and HTML.

All come from Jinja2 templates shipped inside the package.  The HTML
environment autoescapes every value; the Markdown environment escapes every
value with ``escaping.markdown_text``.  The org chart SVG is the only markup
inserted as is, after ``chart.inline_svg`` has checked and trimmed it.

The client's report (``render_report``) holds no rule id and no path; the
audit trail (``render_audit``) holds the derivations behind it.  When the
files are written side by side (``recommend --out``), ``links`` names the
files beside the report: the report then links to the audit and to the
full-size charts, and report.md embeds the charts as images.
"""
from datetime import date
from functools import lru_cache

import jinja2
import markupsafe

from ..roadmap.report_view import roadmap_view
from .audit import build_audit_context
from .chart import chart_size, inline_svg
from .context import build_context
from ..paths import cache_folder
from ..text_safety import without_bidi_controls
from .escaping import MarkdownSafe, markdown_text

_LOADER = jinja2.PackageLoader("orgdesign.report", "templates")
# A chart at least this share of its natural size keeps its 11 pt labels at 11 px or more.
CHART_MIN_SCALE = 0.75


class _QuietBytecodeCache(jinja2.FileSystemBytecodeCache):
    """Compiled templates kept between runs (compiling them is most of a report's time).

    A cache that cannot be written only costs the next run that time again.
    """

    def dump_bytecode(self, bucket):
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


@lru_cache(maxsize=None)
def _bytecode_cache():
    folder = cache_folder("templates")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return _QuietBytecodeCache(str(folder), pattern="orgdesign-%s.cache")


@lru_cache(maxsize=None)
def _markdown_environment():
    env = jinja2.Environment(loader=_LOADER, autoescape=False, finalize=markdown_text,
                             trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                             undefined=jinja2.StrictUndefined, bytecode_cache=_bytecode_cache())
    env.filters["percent"] = _percent
    env.filters["code"] = _markdown_code
    env.filters["safe_markdown"] = MarkdownSafe
    return env


@lru_cache(maxsize=None)
def _html_environment():
    env = jinja2.Environment(loader=_LOADER, autoescape=True, trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=True, undefined=jinja2.StrictUndefined, finalize=_html_text,
                             bytecode_cache=_bytecode_cache())
    env.filters["percent"] = _percent
    env.filters["css_string"] = css_string
    return env


def _html_text(value):
    """Client text as the HTML shows it; markup the report built itself passes untouched."""
    if isinstance(value, str) and not isinstance(value, markupsafe.Markup):
        return without_bidi_controls(value)
    return value


def render_report(recommendation, profile, chart_svg, knowledge=None, today_svg=None, links=None,
                  printing=False, printed_on=None, stage_svgs=None):
    """``(markdown_text, html_text)`` of the client's report for one recommendation.

    ``chart_svg`` is the recommended org chart as SVG text, or None when no
    chart is available (the report then says so where the chart would be);
    ``today_svg`` is the chart of today, shown beside it when given;
    ``stage_svgs`` maps each roadmap stage chart's file name to its SVG text.
    ``links`` (see ``outputs.REPORT_LINKS``) names the files written beside
    the report. ``printing`` renders the page a PDF is printed from (no
    links to files, which a PDF cannot follow); ``printed_on`` dates its
    running footer when the profile has no interview date.
    """
    knowledge = knowledge or _default_knowledge()
    svg = inline_svg(chart_svg, getattr(profile, "path", None)) if chart_svg else None
    today = inline_svg(today_svg, getattr(profile, "path", None), "Organisation chart today") if today_svg else None
    context = build_context(recommendation, profile, knowledge, svg)
    context["roadmap"] = roadmap_view(recommendation, stage_svgs, getattr(profile, "path", None))
    footer_date = profile.interviewed_on
    if printing and not footer_date:
        footer_date = (printed_on or date.today()).isoformat()
    context.update(today_svg=today, links=links or {}, printing=printing, footer_date=footer_date,
                   chart_frames={"recommended": _frame(chart_svg), "today": _frame(today_svg)})
    markdown = _markdown_environment().get_template("report.md.j2").render(context)
    html = _html_environment().get_template("report.html.j2").render(
        context, chart_markup=markupsafe.Markup(svg or ""), today_markup=markupsafe.Markup(today or ""))
    return markdown, html


def render_audit(recommendation, profile, knowledge=None, links=None):
    """``(markdown_text, html_text)`` of the audit trail behind one recommendation."""
    context = build_audit_context(recommendation, profile, knowledge or _default_knowledge())
    context["links"] = links or {}
    markdown = _markdown_environment().get_template("audit.md.j2").render(context)
    html = _html_environment().get_template("audit.html.j2").render(context)
    return markdown, html


def _default_knowledge():
    from .. import get_reasoner

    return get_reasoner().knowledge


def _frame(svg_text):
    """The sizes the HTML gives a chart: natural width, and the least it may shrink to (CSS lengths)."""
    size = chart_size(svg_text) if svg_text else None
    if size is None:
        return None
    width, unit = size
    return {"width": f"{width:g}{unit}", "min_width": f"{width * CHART_MIN_SCALE:.0f}{unit}"}


def css_string(value):
    """Text as a CSS string, every character outside plain letters and digits escaped.

    >>> str(css_string('Acme "Ltd" </style>'))
    '"Acme\\\\20 \\\\22 Ltd\\\\22 \\\\20 \\\\3c \\\\2f style\\\\3e "'
    """
    text = without_bidi_controls(" ".join(str(value).split()))
    escaped = "".join(c if c.isascii() and c.isalnum() else f"\\{ord(c):x} " for c in text)
    return markupsafe.Markup(f'"{escaped}"')


def _markdown_code(value):
    """An identifier of ours (rule id, digest) as a Markdown code span.

    >>> _markdown_code("roles.ml_first")
    '`roles.ml_first`'
    """
    return MarkdownSafe("`" + str(value).replace("`", "'") + "`")


def _percent(value):
    """A confidence as a whole percentage.

    >>> _percent(0.876)
    '88%'
    """
    return f"{value:.0%}"
