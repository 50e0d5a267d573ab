"""`orgdesign lint`: verify the rule base and the knowledge."""
import sys

import click

from .common import output_option, reports_errors, rules_options, say, to_json


@click.command()
@rules_options
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Print findings as lines of text or as one JSON document.")
@click.option("--check-engine", "check_engine", type=click.IntRange(min=0), default=0, metavar="N",
              help="Also check that the direct evaluator agrees with the experta engine on N random profiles.")
@output_option("out_dir", "Folder for counter-example profiles (created only when there is one).",
               path_type=click.Path(file_okay=False), default="lint-counterexamples", show_default=True, metavar="DIR")
@reports_errors
def lint(rules_dir, knowledge_dir, output_format, check_engine, out_dir):
    """Check the rule base and knowledge for errors and gaps.

    Checks schemas, references, dead, redundant, conflicting and cyclic
    rules, the rules' test cases, the question bank's skip conditions, and
    that every combination of answers gets a complete recommendation. Exits 0 when clean and 1 with findings, each given as FILE:LINE.

    \b
    Examples:
      orgdesign lint
      orgdesign lint --format json -o out/lint     # counter-examples, if any, go to out/lint
      orgdesign lint --rules my-rules/ --knowledge my-knowledge/
      orgdesign lint --check-engine 2000
    """
    from ..lint import run_lint

    report = run_lint(rules_dir, knowledge_dir, check_engine=check_engine, out_dir=out_dir)
    if output_format == "json":
        say(to_json(report.to_json()), nl=False)
    else:
        for finding in report.sorted_findings():
            say(finding.to_text())
        say(summary_text(report))
    # How long the checks took goes to standard error, so the output of two runs diffs clean.
    timings = report.timings()
    if timings:
        say("took " + ", ".join(f"{name.replace('_', ' ')} {seconds} s" for name, seconds in sorted(timings.items())), err=True)
    sys.exit(0 if report.clean else 1)


def summary_text(report):
    lines = [f"{len(report.findings)} finding(s)" if report.findings else f"clean: {report.figures.get('rules', 0)} rules"]
    completeness = report.figures.get("completeness")
    if isinstance(completeness, dict):
        lines.append(
            f"completeness: {completeness['situations']} situations ({completeness['verdict_classes']} classes of verdict x "
            f"{completeness['groups']} question groups) cover all {completeness['answer_combinations']:,} answer combinations "
            f"({completeness['class_combinations']:,} once equivalent answers are merged)")
    elif completeness:
        lines.append(f"completeness: {completeness}")
    agreement = report.figures.get("engine_agreement")
    if isinstance(agreement, str):
        lines.append(f"engine agreement: {agreement}")
    elif agreement:
        lines.append(f"engine agreement: {agreement['profiles'] - agreement['disagreements']} of {agreement['profiles']} random "
                     f"profiles (seed {agreement['seed']}) agree")
    return "\n".join(lines)
