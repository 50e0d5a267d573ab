"""`orgdesign render`: the recommended org chart alone."""
import sys
from pathlib import Path

import click

from .common import output_option, reports_errors, rules_options, say

FORMAT_CHOICES = ("svg", "png", "pdf", "gv", "graphml", "json")


@click.command()
@click.argument("profile_path", metavar="PROFILE", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(FORMAT_CHOICES), default="svg", show_default=True,
              help="svg, png or pdf are drawn by Graphviz; gv is its DOT source; graphml and json are the graph data.")
@output_option("output", "File to write; `-` for standard output. Default: the profile's name with the format's "
                         "extension, in the current folder.",
               path_type=click.Path(dir_okay=False, allow_dash=True), metavar="FILE")
@click.option("--direction", type=click.Choice(("TB", "LR")), default="TB", show_default=True,
              help="Top to bottom, or left to right.")
@rules_options
@reports_errors
def render(profile_path, fmt, output, direction, rules_dir, knowledge_dir):
    """Draw the recommended org chart for a client profile.

    Without Graphviz's `dot` program, svg, png and pdf cannot be drawn: the
    command then writes the chart's DOT source (.gv) and exits with status 1.

    \b
    Examples:
      orgdesign render examples/nascent-logistics.yaml                  # nascent-logistics.svg
      orgdesign render examples/nascent-logistics.yaml --format png -o acme.png
      orgdesign render examples/nascent-logistics.yaml --format gv -o - --direction LR
    """
    from .. import get_reasoner, load_profile
    from ..orgchart import build_graph, render_chart
    from ..orgchart.files import write_chart
    from ..outputs import files_read

    reasoner = get_reasoner(knowledge_dir, rules_dir)
    profile = load_profile(profile_path, reasoner)
    graph = build_graph(reasoner.infer(profile), reasoner.knowledge)
    if output == "-":
        sys.stdout.buffer.write(render_chart(graph, fmt, direction))
        sys.stdout.buffer.flush()
        return
    target = Path(output) if output else Path(Path(profile_path).stem + "." + fmt)
    written = write_chart(graph, target, fmt, direction, inputs=files_read(reasoner, profile_path))
    say("Wrote " + ", ".join(str(p) for p in written), err=True)
