"""Prepares the org chart SVG for inlining into the HTML report.

The SVG comes from our own Graphviz run, and Graphviz escapes the labels it
draws; we still refuse anything that could run script or load a resource,
so the report stays inert and self-contained, and we drop the XML prologue
so the element can sit inside the page; its natural size is kept and the
stylesheet only shrinks it to fit narrow screens.
"""
import re

from ..errors import OrgDesignError

_FORBIDDEN = re.compile(r"<\s*(script|foreignObject|iframe|image|use)\b|\son\w+\s*=|javascript:|"
                        r"(?:href|src)\s*=\s*[\"'](?!#)", re.IGNORECASE)
_PROLOGUE = re.compile(r"^.*?(?=<svg\b)", re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def inline_svg(svg_text, label="Recommended organisation chart"):
    """The SVG element alone, ready to place in HTML.

    >>> inline_svg('<?xml version="1.0"?>\\n<svg width="80pt" height="40pt" viewBox="0 0 80 40"><g/></svg>\\n')
    '<svg width="80pt" height="40pt" viewBox="0 0 80 40" role="img" aria-label="Recommended organisation chart"><g/></svg>'
    """
    if "<svg" not in svg_text:
        raise OrgDesignError("the org chart is not SVG text", hint="pass the output of `dot -Tsvg`")
    svg = _COMMENT.sub("", _PROLOGUE.sub("", svg_text, count=1)).strip()
    if _FORBIDDEN.search(svg):
        raise OrgDesignError("the org chart SVG contains script, event handlers or external references",
                             hint="regenerate the chart with Graphviz")
    return re.sub(r"<svg\b([^>]*)>", lambda m: f'<svg{m.group(1)} role="img" aria-label="{label}">', svg, count=1)
