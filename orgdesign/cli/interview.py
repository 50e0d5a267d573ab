"""`orgdesign interview`: the structured interview, saved after every answer."""
import datetime

import click

from .common import output_option, reports_errors, rules_options, say


@click.command()
@output_option("out_path", "New profile file to write (saved after every answer).",
               path_type=click.Path(dir_okay=False), metavar="FILE")
@click.option("--resume", "resume_path", type=click.Path(dir_okay=False),
              help="Continue the interview saved in this profile, from its first unanswered question.")
@click.option("--answers", "answers_path", type=click.Path(dir_okay=False),
              help="Pre-fill from this (partial) profile and ask only what is missing.")
@click.option("--force", is_flag=True, help="Replace the -o/--output file if it exists.")
@rules_options
@reports_errors
def interview(out_path, resume_path, answers_path, force, rules_dir, knowledge_dir):
    """Interview a client and save the answers as a profile.

    Asks the client's name, then every core question; type `?` (or
    `help`), `why`, `back`, `review`, `edit ID`, `unknown` or `note TEXT` at
    any prompt.  The profile is saved after every answer, so Ctrl-C loses
    nothing: continue with --resume.  The end shows the answers, the
    headline and the command that writes the report.

    \b
    Examples:
      orgdesign interview -o acme.yaml
      orgdesign interview --resume acme.yaml
      orgdesign interview --answers examples/mixed-retail.yaml -o acme.yaml   # ask only what is missing
    """
    if (out_path is None) == (resume_path is None):
        raise click.UsageError("give either -o FILE (a new interview) or --resume FILE (continue one)")
    if resume_path is not None and (answers_path is not None or force):
        raise click.UsageError("--answers and --force apply to a new interview (-o/--output), not to --resume")
    from .. import get_reasoner
    from ..file_lock import profile_lock

    reasoner = get_reasoner(knowledge_dir, rules_dir)
    path = resume_path or out_path
    # Held for the whole interview: a second one on this profile would overwrite these answers.
    with profile_lock(path):
        _run_interview(reasoner, path, out_path, resume_path, answers_path, force)


def _run_interview(reasoner, path, out_path, resume_path, answers_path, force):
    from .. import load_profile
    from ..api import recommendation_data
    from ..interview import InterviewScreen, TerminalIO, open_interview
    from ..interview.ending import headline_text

    session, save = open_interview(reasoner.knowledge, datetime.date.today().isoformat(),
                                   out_path, resume_path, answers_path, force)
    save(session)
    try:
        InterviewScreen(session, save, reasoner, TerminalIO(), path).run()
        headline = headline_text(recommendation_data(load_profile(path, reasoner), reasoner), path,
                                 reasoner.knowledge.questions)
    except (KeyboardInterrupt, EOFError) as stop:
        _report_stop(stop, save, path)
    say()
    say(headline, nl=False)


def _report_stop(stop, save, path):
    what = "Interrupted" if isinstance(stop, KeyboardInterrupt) else "Input ended before the interview finished"
    say()
    if save.saved:
        say(f"{what}. Every answer given is saved in {path}; continue with: orgdesign interview --resume {path}",
                   err=True)
    else:
        say(f"{what} before the client's name was given; nothing was saved.", err=True)
    raise click.exceptions.Exit(130 if isinstance(stop, KeyboardInterrupt) else 1)
