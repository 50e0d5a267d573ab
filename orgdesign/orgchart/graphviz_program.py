"""Graphviz's programs, run apart: ``dot`` draws, ``unflatten`` wraps wide charts.

Kept apart from the drawing model so that writing a report's charts loads
no graph library: the DOT text goes in, the drawing comes out.
"""
import re
import shutil
import subprocess

from ..errors import OrgDesignError

INSTALL_HINT = (
    "install Graphviz (Debian/Ubuntu: `sudo apt-get install graphviz`; macOS: `brew install graphviz`; "
    "others: https://graphviz.org/download/), then run the command again"
)


class GraphvizMissingError(OrgDesignError):
    """Graphviz's ``dot`` program is needed to draw the chart but is not installed."""

    def __init__(self, path=None, gv_path=None):
        message = "Graphviz's `dot` program was not found, so the chart could not be drawn"
        if gv_path is not None:
            message += f" (its DOT source was written to {gv_path})"
        super().__init__(message, path, hint=INSTALL_HINT)


def run_dot(source, fmt, gv_path=None):
    """Lay out and draw DOT ``source`` with Graphviz's ``dot`` program."""
    program = shutil.which("dot")
    if program is None:
        raise GraphvizMissingError(gv_path=gv_path)
    # A PNG is often pasted into slides or printed: draw it at 1.5 times screen resolution.
    options = ["-Gdpi=144"] if fmt == "png" else []
    # dot runs in a session of its own: Ctrl-C at the terminal goes to our
    # process group, and dot, which handles SIGINT by abandoning the layout
    # half-way, would otherwise fail under a batch that is finishing cleanly.
    completed = subprocess.run([program, f"-T{fmt}", *options], input=source.encode("utf-8"),
                               capture_output=True, check=False, start_new_session=True)
    if completed.returncode != 0:
        # Our own source failing to lay out is a bug, not a user error: show dot's words.
        raise RuntimeError(f"dot -T{fmt} failed: {completed.stderr.decode('utf-8', 'replace').strip()}")
    return completed.stdout


# A chart drawn wider than this (points: about 1,200 screen pixels) is drawn again with its fans wrapped.
WRAP_WIDTH_PT = 900
# The ranks a wide fan's leaves are staggered over when it is wrapped.
WRAP_LEAVES = 2
# How ``laid_out`` draws, part of the drawing cache's key: a change here must not find old drawings.
_DRAWING_METHOD = f"plain, or wrapped by unflatten -l{WRAP_LEAVES} when wider than {WRAP_WIDTH_PT} pt and narrower so"
_SVG_WIDTH = re.compile(r'<svg\b[^>]*?\swidth="([0-9.]+)(pt|px)?"')


def draw(source, fmt, gv_path=None):
    """DOT ``source`` drawn in ``fmt`` by ``dot``; a wide chart has its fans wrapped (see ``laid_out``)."""
    wrapped, svg = laid_out(source, gv_path)
    return svg.encode("utf-8") if fmt == "svg" else run_dot(wrapped, fmt, gv_path)


def laid_out(source, gv_path=None, wrap_at_once=False):
    """``(source, svg)``: the DOT text to draw and its SVG drawing.

    A chart wider than ``WRAP_WIDTH_PT`` is tried again with the leaves of
    its wide fans staggered over two ranks (``unflatten -l2``), and the
    narrower of the two is kept. ``wrap_at_once`` draws the wrapped chart
    beside the plain one rather than after it (for a chart that is usually
    wide: the wait is one drawing, not two). A text the same programs drew
    before is taken from the drawing cache (``drawing_cache``), unchanged.
    """
    from .drawing_cache import DrawingCache

    dot = shutil.which("dot")
    if dot is None:
        raise GraphvizMissingError(gv_path=gv_path)
    cache = DrawingCache()
    key = cache.key(source, _DRAWING_METHOD, (dot, shutil.which("unflatten")))
    kept = cache.get(key) if key is not None else None
    if kept is not None:
        wrapped, svg = kept
        return (source if wrapped is None else wrapped), svg
    drawn, svg = _lay_out(source, gv_path, wrap_at_once)
    if key is not None:
        cache.put(key, None if drawn == source else drawn, svg)
    return drawn, svg



def _lay_out(source, gv_path, wrap_at_once):
    if not wrap_at_once:
        svg = run_dot(source, "svg", gv_path).decode("utf-8")
        if svg_width_pt(svg) <= WRAP_WIDTH_PT:
            return source, svg
        return _narrower((source, svg), _wrapped_drawing(source, gv_path))
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        wrapped = pool.submit(_wrapped_drawing, source, gv_path)
        svg = run_dot(source, "svg", gv_path).decode("utf-8")
        if svg_width_pt(svg) <= WRAP_WIDTH_PT:
            return source, svg
        return _narrower((source, svg), wrapped.result())


def _wrapped_drawing(source, gv_path):
    wrapped = unflatten(source, WRAP_LEAVES)
    if wrapped == source:
        return None
    return wrapped, run_dot(wrapped, "svg", gv_path).decode("utf-8")


def _narrower(plain, wrapped):
    if wrapped is not None and svg_width_pt(wrapped[1]) < svg_width_pt(plain[1]):
        return wrapped
    return plain


def svg_width_pt(svg):
    """The width Graphviz gave an SVG drawing, in points (0 when it states none)."""
    match = _SVG_WIDTH.search(svg)
    if match is None:
        return 0.0
    return float(match.group(1)) * (0.75 if match.group(2) == "px" else 1.0)


def unflatten(source, leaves=2):
    """``source`` with the leaves of wide fans staggered over ``leaves`` ranks, so the chart wraps.

    Returns ``source`` unchanged when Graphviz's ``unflatten`` is not installed.
    """
    program = shutil.which("unflatten")
    if program is None:
        return source
    completed = subprocess.run([program, f"-l{leaves}"], input=source.encode("utf-8"), capture_output=True,
                               check=False, start_new_session=True)
    return completed.stdout.decode("utf-8") if completed.returncode == 0 and completed.stdout else source
