"""`orgdesign diff`: what changed between two interviews, and in the advice."""
import click

from .common import reports_errors, rules_options, say, to_json


@click.command()
@click.argument("before_path", metavar="A.yaml", type=click.Path(dir_okay=False))
@click.argument("after_path", metavar="B.yaml", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the comparison as JSON.")
@rules_options
@reports_errors
def diff(before_path, after_path, as_json, rules_dir, knowledge_dir):
    """Compare two profiles of a client and what they change in the advice.

    A is the earlier interview (or the original), B the later one (or a
    what-if copy). Shows the answers that changed, the archetype and its
    confidence before and after, and every changed design choice, role and
    org-chart line.

    \b
    Example:
      orgdesign diff clients/acme-2025.yaml clients/acme-2026.yaml
      orgdesign diff clients/acme.yaml what-if/acme-central-team.yaml --json
    """
    from .. import get_reasoner, load_profile, recommend
    from ..advice.diff_text import diff_text
    from ..diff import compare_recommendations

    reasoner = get_reasoner(knowledge_dir, rules_dir)
    before = load_profile(before_path, reasoner)
    after = load_profile(after_path, reasoner)
    comparison = compare_recommendations(before, recommend(before, reasoner), after, recommend(after, reasoner))
    say(to_json(comparison) if as_json else diff_text(comparison), nl=False)
