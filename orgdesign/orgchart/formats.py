"""The export formats of the org chart (kept apart so listing them loads no drawing code)."""

DRAWN = ("svg", "png", "pdf")
FORMATS = DRAWN + ("gv", "graphml", "json")
