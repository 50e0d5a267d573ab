"""The chart's look: one restrained palette, in one place.

Slate for structure, a warm amber only for what is still to hire, and a
teal for dotted lines, so the three things a reader looks for stand apart
in colour as well as in line style (the chart must survive a grey printer).
"""
FONT = "Helvetica,Arial,sans-serif"
INK = "#2d3a4a"          # text and solid lines
MUTED = "#66768a"        # secondary text
FRAME = "#c8d2de"        # cluster borders
CLUSTER_FILL = "#f6f8fa"
UNIT_FILL = "#e6ecf3"
ROOT_FILL = "#243b55"
HIRE = "#b7791f"         # roles to hire
HIRE_FILL = "#fdf3dc"
DOTTED = "#2a7f80"       # dotted lines

GRAPH = {
    "fontname": FONT, "fontsize": "16", "fontcolor": INK,
    "labelloc": "t", "labeljust": "l",
    "nodesep": "0.3", "ranksep": "0.45", "pad": "0.3",
    "newrank": "true", "splines": "polyline", "bgcolor": "white",
}
NODE = {
    "fontname": FONT, "fontsize": "11", "fontcolor": INK,
    "shape": "box", "style": "rounded,filled", "color": INK, "fillcolor": "white",
    "penwidth": "1", "margin": "0.16,0.06",
}
EDGE = {"color": INK, "arrowhead": "none", "penwidth": "1.2", "fontname": FONT, "fontsize": "9", "fontcolor": MUTED}
CLUSTER = {"style": "rounded,filled", "color": FRAME, "fillcolor": CLUSTER_FILL, "penwidth": "1", "peripheries": "1", "label": ""}
LEGEND = {"fontsize": "10", "peripheries": "0", "labelloc": "b", "labeljust": "r"}

NODE_BY_KIND = {
    "company": {"fillcolor": ROOT_FILL, "color": ROOT_FILL, "fontcolor": "white", "penwidth": "0"},
    "unit": {"fillcolor": UNIT_FILL},
}
ROLE_BY_STATUS = {
    "present": {"fillcolor": "white"},
    "to_hire": {"fillcolor": HIRE_FILL, "color": HIRE, "style": "rounded,filled,dashed"},
    "later": {"fillcolor": "white", "color": HIRE, "fontcolor": MUTED, "style": "rounded,filled,dashed"},
    "unknown": {"fillcolor": "white", "color": MUTED, "style": "rounded,filled,dotted"},
}
EDGE_BY_LINE = {
    "solid": {},
    "dotted": {"style": "dashed", "color": DOTTED, "fontcolor": DOTTED, "penwidth": "1.4"},
}
SECONDARY_POINT_SIZE = "9"
