"""`orgdesign batch`: many profiles, a progress report and a summary."""
import sys

import click

from .common import output_option, reports_errors, rules_options, say


@click.command()
@click.argument("paths", metavar="PATHS...", nargs=-1, required=True)
@output_option("out_dir", "Folder for summary.csv, summary.json and one folder of outputs per profile.",
               path_type=click.Path(file_okay=False), required=True, metavar="DIR")
@click.option("--jobs", "-j", type=click.IntRange(min=1),
              help="Worker processes (default and most: the number of CPUs, and never more than the profiles to run).")
@click.option("--summary-only", is_flag=True, help="Write only the summary, no per-profile folders.")
@click.option("--force", is_flag=True, help="Run every profile, even those whose results are up to date.")
@rules_options
@reports_errors
def batch(paths, out_dir, jobs, summary_only, force, rules_dir, knowledge_dir):
    """Recommend for many profiles at once and summarise the results.

    PATHS are profile files, folders (every *.yaml and *.yml below them) or
    glob patterns. A profile that fails is recorded in the summary with its
    error and the others go on; the exit code is 1 if any failed. Profiles
    whose results were made from the same profile and rule base (compared by
    content digests) are skipped unless --force. Ctrl-C stops within moments
    (exit status 130) and keeps the summary of what finished. Another batch
    writing into the same -o/--output folder is refused while this one runs.

    \b
    Examples:
      orgdesign batch examples/ -o out/portfolio
      orgdesign batch 'examples/*-*.yaml' -o out/2026 --jobs 2 --summary-only
      orgdesign batch examples/ -o out/portfolio --force     # run every profile again
    """
    from ..batch.runner import available_cpus, execute_batch, plan_batch, prepare_out_dir, worker_count
    from ..file_lock import folder_lock

    with folder_lock(prepare_out_dir(out_dir)):
        try:
            plan = plan_batch(paths, out_dir, summary_only, force, knowledge_dir, rules_dir)
        except KeyboardInterrupt:
            say("Interrupted before any profile ran; nothing was written.", err=True)
            raise click.exceptions.Exit(130) from None
        if jobs is not None and worker_count(jobs, len(plan.todo)) < jobs:
            say(f"Note: --jobs {jobs} capped to {worker_count(jobs, len(plan.todo))} "
                f"({len(plan.todo)} profiles to run, {available_cpus()} CPUs).", err=True)
        with _progress(len(plan.jobs)) as report:
            result = execute_batch(plan, jobs, report)
    for row in result.failed:
        for line in row["error"].splitlines():    # a profile with several mistakes: one line each
            say(f"Error: {line}", err=True)
    csv_path, json_path = result.summary_paths
    ok = len(result.rows) - len(result.failed)
    reused = f" ({result.reused} up to date, skipped)" if result.reused else ""
    say(f"{len(result.rows)} of {len(plan.jobs)} profiles: {ok} ok{reused}, {len(result.failed)} failed. "
        f"Summary: {csv_path}, {json_path}")
    if result.interrupted:
        say(f"Interrupted: {len(plan.jobs) - len(result.rows)} profiles not run; run the same command again to go on.",
            err=True)
        raise click.exceptions.Exit(130)  # as the interview, and as shells report a Ctrl-C
    if result.failed:
        sys.exit(1)


class _progress:
    """A progress bar on a terminal, one plain line per profile otherwise."""

    def __init__(self, total):
        self.total = total
        self.done = 0
        self.bar = click.progressbar(length=total, label="Profiles", file=sys.stderr) if _is_terminal() else None

    def __enter__(self):
        if self.bar is not None:
            self.bar.__enter__()
        return self

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.__exit__(*exc)

    def __call__(self, row, reused):
        self.done += 1
        if self.bar is not None:
            self.bar.update(1)
            return
        say(f"[{self.done}/{self.total}] {_describe(row, reused)}", err=True)


def _describe(row, reused):
    if row["status"] != "ok":
        return f"failed   {row['profile']}"
    state = "current " if reused else "ok      "
    mixed = f", mixed with {row['runner_up']}" if row["mixed"] else ""
    return f"{state} {row['profile']} -> {row['archetype']} ({row['confidence']:.2f}{mixed})"


def _is_terminal():
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False
