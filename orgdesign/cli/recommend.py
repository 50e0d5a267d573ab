"""`orgdesign recommend`: the main job."""
from pathlib import Path

import click

from .common import output_option, reports_errors, rules_options, say, to_json


@click.command()
@click.argument("profile_path", metavar="PROFILE", type=click.Path(dir_okay=True))
@output_option("out_dir", "Folder to write into: recommendation.json, the org charts, the client's report "
                          "(report.md, report.html) and the audit trail behind it (audit.md, audit.html). "
                          "Created if missing.", metavar="DIR")
@click.option("--pdf", "pdf", is_flag=True,
              help="Also write report.pdf into the -o folder (printed by headless Chromium; about a second).")
@click.option("--json", "as_json", is_flag=True, help="Print the full recommendation as JSON.")
@rules_options
@reports_errors
def recommend(profile_path, out_dir, pdf, as_json, rules_dir, knowledge_dir):
    """Recommend an ML organisation design for a client profile.

    Prints a summary (the target, today's archetype and how sure the call
    is, the top actions and the risks); --json prints the full
    recommendation with its trace; -o DIR writes the client's report and
    charts into a folder.

    \b
    Examples:
      orgdesign recommend examples/nascent-logistics.yaml
      orgdesign recommend examples/nascent-logistics.yaml --json > rec.json
      orgdesign recommend examples/nascent-logistics.yaml -o out/acme
      orgdesign recommend examples/nascent-logistics.yaml -o out/acme --pdf
    """
    from .. import get_reasoner, load_profile
    from ..api import recommendation_data as build
    from ..advice.summary import summary_text

    if pdf and not out_dir:
        raise click.UsageError("--pdf writes report.pdf into the -o folder; give -o DIR as well")
    reasoner = get_reasoner(knowledge_dir, rules_dir)
    profile = load_profile(profile_path, reasoner)
    recommendation = build(profile, reasoner)
    if out_dir:
        from ..outputs import files_read, write_outputs

        written = write_outputs(recommendation, Path(out_dir), inputs=files_read(reasoner, profile_path),
                                profile=profile, knowledge=reasoner.knowledge, pdf=pdf)
        if not as_json:
            say("Wrote " + ", ".join(str(p) for p in written), err=True)
    say(to_json(recommendation) if as_json else summary_text(recommendation, reasoner.knowledge.questions), nl=False)
