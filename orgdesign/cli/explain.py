"""`orgdesign explain`: how a conclusion was reached, why another was not."""
from pathlib import Path

import click

from .common import reports_errors, rules_options, to_json

FORMATS = ("text", "json", "gv", "svg")


@click.command()
@click.argument("profile_path", metavar="PROFILE", type=click.Path(dir_okay=False))
@click.option("--how", "how", metavar="ID",
              help="Explain one conclusion: a fact id (f-23), answer:<question>, or a conclusion name "
                   "such as archetype or design_choices.data_ownership.")
@click.option("--why-not", "why_not", metavar="ARCHETYPE",
              help="Explain why this archetype was not the top one, and the smallest answer change that makes it so.")
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text for people, json for tools, gv/svg for the derivation graph.")
@click.option("--out", "out_file", type=click.Path(dir_okay=False), help="Write to this file instead of printing.")
@rules_options
@reports_errors
def explain(profile_path, how, why_not, output_format, out_file, rules_dir, knowledge_dir):
    """Explain the reasoning behind a client's recommendation.

    Without options: the verdict in plain sentences, the derivation of every
    conclusion down to the interview answers, and the answers that would
    change the top archetype (each checked by re-running the engine).

    \b
    Example:
      orgdesign explain examples/mixed-retail.yaml
      orgdesign explain examples/mixed-retail.yaml --how design_choices.data_ownership
      orgdesign explain examples/mixed-retail.yaml --why-not independent_division
      orgdesign explain examples/mixed-retail.yaml --format svg --out derivation.svg
    """
    from .. import get_reasoner, load_profile
    from ..errors import did_you_mean
    from ..explain import explain as build, render_dot, render_svg, render_text

    reasoner = get_reasoner(knowledge_dir, rules_dir)
    profile = load_profile(profile_path, reasoner)
    archetypes = reasoner.knowledge.archetype_ids()
    if why_not is not None and why_not not in archetypes:
        hint = did_you_mean(why_not, archetypes) or f"choose one of {', '.join(archetypes)}"
        raise click.BadParameter(f"`{why_not}` is not an archetype id; {hint}", param_hint="--why-not")
    if why_not is not None and output_format in ("gv", "svg"):
        raise click.BadParameter("gv and svg draw derivations; use text or json with --why-not", param_hint="--format")
    explanation = build(profile, reasoner, how=how, why_not_archetype=why_not)
    render = {"text": render_text, "json": to_json, "gv": render_dot, "svg": render_svg}[output_format]
    output = render(explanation)
    if out_file:
        _write(Path(out_file), output, Path(profile_path))
        click.echo(f"Wrote {out_file}", err=True)
    else:
        click.echo(output, nl=False)


def _write(target, text, profile_path):
    from ..atomic_write import write_text_atomic
    from ..errors import OrgDesignError
    from ..outputs import refuse_overwriting_inputs

    refuse_overwriting_inputs([target], [profile_path])
    if not target.parent.is_dir():
        raise OrgDesignError("the folder does not exist", str(target.parent), hint="create it first or choose another --out")
    write_text_atomic(target, text)
