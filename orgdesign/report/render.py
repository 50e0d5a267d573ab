"""Renders the consulting report as Markdown and as one self-contained HTML file.

Both come from Jinja2 templates shipped inside the package.  The HTML
environment autoescapes every value; the Markdown environment escapes every
value with ``escaping.markdown_text``.  The org chart SVG is the only markup
inserted as is, after ``chart.inline_svg`` has checked and trimmed it.
"""
from functools import lru_cache

import jinja2
import markupsafe

from ..roadmap.report_view import roadmap_view
from .chart import inline_svg
from .context import build_context
from ..text_safety import without_bidi_controls
from .escaping import MarkdownSafe, markdown_text

_LOADER = jinja2.PackageLoader("orgdesign.report", "templates")


@lru_cache(maxsize=None)
def _markdown_environment():
    env = jinja2.Environment(loader=_LOADER, autoescape=False, finalize=markdown_text,
                             trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                             undefined=jinja2.StrictUndefined)
    env.filters["percent"] = _percent
    env.filters["code"] = _markdown_code
    env.filters["safe_markdown"] = MarkdownSafe
    return env


@lru_cache(maxsize=None)
def _html_environment():
    env = jinja2.Environment(loader=_LOADER, autoescape=True, trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=True, undefined=jinja2.StrictUndefined, finalize=_html_text)
    env.filters["percent"] = _percent
    return env


def _html_text(value):
    """Client text as the HTML shows it; markup the report built itself passes untouched."""
    if isinstance(value, str) and not isinstance(value, markupsafe.Markup):
        return without_bidi_controls(value)
    return value


def render_report(recommendation, profile, chart_svg, knowledge=None, today_svg=None, stage_svgs=None):
    """``(markdown_text, html_text)`` of the report for one recommendation.

    ``chart_svg`` is the recommended org chart as SVG text, or None when no
    chart is available (the report then says so where the chart would be);
    ``today_svg`` is the chart of today, shown beside it when given;
    ``stage_svgs`` maps each roadmap stage chart's file name to its SVG text.
    """
    if knowledge is None:
        from .. import get_reasoner

        knowledge = get_reasoner().knowledge
    svg = inline_svg(chart_svg, getattr(profile, "path", None)) if chart_svg else None
    today = inline_svg(today_svg, getattr(profile, "path", None), "Organisation chart today") if today_svg else None
    context = build_context(recommendation, profile, knowledge, svg)
    context["today_svg"] = today
    context["roadmap"] = roadmap_view(recommendation, stage_svgs, getattr(profile, "path", None))
    markdown = _markdown_environment().get_template("report.md.j2").render(context)
    html = _html_environment().get_template("report.html.j2").render(
        context, chart_markup=markupsafe.Markup(svg or ""), today_markup=markupsafe.Markup(today or ""))
    return markdown, html


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
