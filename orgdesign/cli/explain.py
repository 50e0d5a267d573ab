"""`orgdesign explain`: how a conclusion was reached, why another was not."""
import click

from .common import output_option, reports_errors, rules_options, say, to_json, write_text_output

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
@output_option("out_file", "Write to this file instead of printing.", path_type=click.Path(dir_okay=False), metavar="FILE")
@rules_options
@reports_errors
def explain(profile_path, how, why_not, output_format, out_file, rules_dir, knowledge_dir):
    """Explain the reasoning behind a client's recommendation.

    Without options: the verdict in plain sentences, the derivation of every
    conclusion down to the interview answers, and the answers that would
    change the top archetype (each checked by re-running the engine).

    \b
    Examples:
      orgdesign explain examples/mixed-retail.yaml
      orgdesign explain examples/mixed-retail.yaml --how design_choices.data_ownership
      orgdesign explain examples/mixed-retail.yaml --why-not independent_division
      orgdesign explain examples/mixed-retail.yaml --format svg -o derivation.svg
      orgdesign explain examples/mixed-retail.yaml --format json -o explain.json
    """
    from .. import get_reasoner, load_profile
    from ..errors import did_you_mean, shorten
    from ..explain import explain as build, render_dot, render_svg, render_text
    from ..explain.derivation import UnknownConclusion
    from ..outputs import files_read

    reasoner = get_reasoner(knowledge_dir, rules_dir)
    profile = load_profile(profile_path, reasoner)
    archetypes = reasoner.knowledge.archetype_ids()
    if why_not is not None and why_not not in archetypes:
        hint = did_you_mean(why_not, archetypes) or f"choose one of {', '.join(archetypes)}"
        raise click.BadParameter(f"`{shorten(why_not)}` is not an archetype id; {hint}", param_hint="--why-not")
    if why_not is not None and output_format in ("gv", "svg"):
        raise click.BadParameter("gv and svg draw derivations; use text or json with --why-not", param_hint="--format")
    try:
        explanation = build(profile, reasoner, how=how, why_not_archetype=why_not)
    except UnknownConclusion as err:
        # A name the user typed, not a fault of the profile file: a usage error, like --why-not.
        raise click.BadParameter(f"`{shorten(how)}` names no conclusion of this profile; {_how_hint(how, err.known)}",
                                 param_hint="--how") from None
    render = {"text": render_text, "json": to_json, "gv": render_dot, "svg": render_svg}[output_format]
    output = render(explanation)
    if out_file:
        write_text_output(out_file, output, files_read(reasoner, profile_path))
        say(f"Wrote {out_file}", err=True)
    else:
        say(output, nl=False)


def _how_hint(wanted, names):
    """``did you mean`` among the conclusions and their kinds, or the kinds to choose from (not 50 names)."""
    from ..errors import did_you_mean

    kinds = tuple(dict.fromkeys(name.split(".")[0] for name in names))
    close = did_you_mean(wanted, kinds + tuple(names))
    if close:
        return close
    example = next((name for name in names if "." in name), "archetype")
    return (f"give a fact id such as f-12, answer:<question>, a kind of conclusion ({', '.join(kinds)}) "
            f"or one conclusion such as {example}")
