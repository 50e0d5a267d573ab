"""Prepares the org chart SVG for inlining into the HTML report.

The SVG comes from our own Graphviz run, and Graphviz escapes the labels it
draws; we still refuse anything that could run script or load a resource,
so the report stays inert and self-contained, and we drop the XML prologue
so the element can sit inside the page; its natural size is kept and the
stylesheet only shrinks it to fit narrow screens.
"""
import re
import xml.etree.ElementTree as ElementTree

from ..errors import OrgDesignError

# Judged on the SVG's structure, never on its text: a client called
# "Data onboarding=fast Ltd" or "javascript: the musical" is harmless words.
_FORBIDDEN_ELEMENTS = {"script", "foreignobject", "iframe", "image", "use", "object", "embed", "animate", "set"}
_LINK_ATTRIBUTES = {"href", "src"}
_PROLOGUE = re.compile(r"^.*?(?=<svg\b)", re.DOTALL)
_WIDTH = re.compile(r'<svg\b[^>]*?\swidth="([0-9]+(?:\.[0-9]+)?)(pt|px)?"')
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def inline_svg(svg_text, profile_path=None, label="Recommended organisation chart"):
    """The SVG element alone, ready to place in HTML.

    >>> inline_svg('<?xml version="1.0"?>\\n<svg width="80pt" height="40pt" viewBox="0 0 80 40"><g/></svg>\\n')
    '<svg width="80pt" height="40pt" viewBox="0 0 80 40" role="img" aria-label="Recommended organisation chart"><g/></svg>'
    """
    if "<svg" not in svg_text:
        raise OrgDesignError("the org chart is not SVG text", hint="pass the output of `dot -Tsvg`")
    svg = _COMMENT.sub("", _PROLOGUE.sub("", svg_text, count=1)).strip()
    problem = active_content(svg)
    if problem:
        raise OrgDesignError(f"the org chart SVG contains {problem}", profile_path,
                             hint="regenerate the chart with Graphviz, and report this profile if it persists")
    return re.sub(r"<svg\b([^>]*)>", lambda m: f'<svg{m.group(1)} role="img" aria-label="{label}">', svg, count=1)


def chart_size(svg_text):
    """``(width, unit)`` of a Graphviz SVG's natural width, or None when it states none.

    >>> chart_size('<svg width="1092pt" height="549pt" viewBox="0 0 1092 549">')
    (1092.0, 'pt')
    """
    match = _WIDTH.search(svg_text)
    return (float(match.group(1)), match.group(2) or "px") if match else None


def active_content(svg):
    """What in ``svg`` could run script or load a resource, in words; None when it is inert.

    >>> active_content('<svg><text>Data onboarding=fast Ltd, javascript: 101</text></svg>') is None
    True
    >>> active_content('<svg><g onload="x()"/></svg>')
    'an event handler attribute `onload`'
    """
    try:
        root = ElementTree.fromstring(svg)
    except ElementTree.ParseError as err:
        return f"malformed XML ({err})"
    for element in root.iter():
        name = _local(element.tag).lower()
        if name in _FORBIDDEN_ELEMENTS:
            return f"a `{name}` element"
        for attribute, value in element.attrib.items():
            attribute = _local(attribute).lower()
            if attribute.startswith("on"):
                return f"an event handler attribute `{attribute}`"
            if attribute in _LINK_ATTRIBUTES and not value.strip().startswith("#"):
                return "an external reference"
            if "url(" in value.replace(" ", "").lower() and "url(#" not in value.replace(" ", "").lower():
                return "an external reference"
    return None


def _local(name):
    return name.rsplit("}", 1)[-1] if isinstance(name, str) else ""
