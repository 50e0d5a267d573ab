"""Writing one chart file, with the DOT source kept when Graphviz is missing."""
from pathlib import Path

from ..atomic_write import write_bytes_atomic, write_text_atomic
from ..errors import OrgDesignError
from ..outputs import refuse_overwriting_inputs
from .dot import dot_source
from .render import DRAWN, GraphvizMissingError, render_chart


def write_chart(graph, path, fmt, direction="TB", inputs=()):
    """Write ``graph`` to ``path`` in ``fmt``; return the paths written.

    A drawing needs Graphviz; when it is missing, the DOT source is written
    beside ``path`` (same name, ``.gv``) before ``GraphvizMissingError`` is
    raised, so nothing the tool concluded is lost.
    """
    path = Path(path)
    refuse_overwriting_inputs([path, path.with_suffix(".gv")], inputs)
    if path.parent.exists() and not path.parent.is_dir():
        raise OrgDesignError("is not a folder", str(path.parent), hint="give -o a path inside a folder")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        from ..atomic_write import write_error

        raise write_error(err, path.parent) from None
    try:
        data = render_chart(graph, fmt, direction)
    except GraphvizMissingError:
        if fmt not in DRAWN:
            raise
        gv_path = path.with_suffix(".gv")
        write_text_atomic(gv_path, dot_source(graph, direction))
        raise GraphvizMissingError(gv_path=gv_path) from None
    write_bytes_atomic(path, data)
    return [path]
