"""`orgdesign diff`: a change note between two interviews of one client."""
import click

from .common import output_option, reports_errors, rules_options, say, to_json, write_text_output

FORMATS = ("text", "json", "md")


@click.command()
@click.argument("before_path", metavar="A.yaml", type=click.Path(dir_okay=False))
@click.argument("after_path", metavar="B.yaml", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text for the terminal, md for a memo, json for tools.")
@click.option("--json", "as_json", is_flag=True, hidden=True, help="Same as --format json (kept for old scripts).")
@output_option("out_file", "Write the change note to this file instead of printing it.",
               path_type=click.Path(dir_okay=False), metavar="FILE")
@rules_options
@reports_errors
def diff(before_path, after_path, fmt, as_json, out_file, rules_dir, knowledge_dir):
    """Write a change note: what changed between two interviews, and in the advice.

    A is the earlier interview (or the original), B the later one (or a
    what-if copy). Lists the answers that changed, then what they changed:
    target and archetype, confidence, design choices, the org chart's units
    and roles, hiring per role, actions and risks.

    \b
    Examples:
      orgdesign diff examples/mixed-retail.yaml examples/follow-ups/harbor-pine-2027.yaml
      orgdesign diff examples/mixed-retail.yaml examples/follow-ups/harbor-pine-2027.yaml --format md -o note.md
      orgdesign diff acme.yaml what-if.yaml --format json     # a what-if copy of one profile
    """
    from .. import get_reasoner, load_profile
    from ..advice.diff_text import diff_markdown, diff_text
    from ..api import recommendation_data
    from ..diff import compare_recommendations

    reasoner = get_reasoner(knowledge_dir, rules_dir)
    before = load_profile(before_path, reasoner)
    after = load_profile(after_path, reasoner)
    comparison = compare_recommendations(before, recommendation_data(before, reasoner),
                                         after, recommendation_data(after, reasoner), reasoner.knowledge)
    writer = {"text": diff_text, "md": diff_markdown, "json": to_json}["json" if as_json else fmt]
    text = writer(comparison)
    if out_file:
        from ..outputs import files_read

        write_text_output(out_file, text, files_read(reasoner, before_path, after_path))
        say(f"Wrote {out_file}", err=True)
    else:
        say(text, nl=False)
