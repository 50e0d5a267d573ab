"""Runs a batch: plan what to do, run it on a worker pool, write the summary.

Ctrl-C stops within moments: no new profile is started, each worker
finishes the one profile it is writing (so no result is half written), the
summary of everything finished is written, and the interrupt is passed on.
Should a worker not finish in time (or a second Ctrl-C come), the pool is
terminated and whatever temporary files its writes left are removed.
"""
import multiprocessing
import os
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import OrgDesignError
from ..file_set import remove_leftovers
from .discover import find_profiles
from .freshness import Freshness, file_digest
from .naming import output_names
from .summary import FAILED, read_previous_summary, write_summary
from .worker import Job, init_worker, run_job, run_jobs

# Profiles handed to a worker at once: enough to make inter-process traffic
# cheap; Ctrl-C does not wait for a chunk, only for the profile in hand.
MAX_CHUNK = 50
# How long a Ctrl-C waits for the workers to finish the profile in hand.
STOP_GRACE_SECONDS = 1.5


@dataclass
class BatchPlan:
    out_dir: Path
    reasoner: object
    summary_only: bool
    jobs: list                      # every profile, in summary order
    todo: list                      # the profiles to run
    reused: list = field(default_factory=list)   # rows of profiles whose results are up to date

    @property
    def rulebase(self):
        return {"version": self.reasoner.version, "digest": self.reasoner.digest}


@dataclass
class BatchResult:
    rows: list
    summary_paths: tuple
    interrupted: bool
    reused: int
    workers: int = 1

    @property
    def failed(self):
        return [row for row in self.rows if row["status"] == FAILED]


def prepare_out_dir(out_dir):
    """Create the output folder (a batch locks it before it reads or writes anything there)."""
    from ..atomic_write import write_error

    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise OrgDesignError("is not a folder", str(out_dir), hint="give -o a folder path")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise write_error(err, out_dir) from None
    return out_dir


def plan_batch(patterns, out_dir, summary_only=False, force=False, knowledge_dir=None, rules_dir=None):
    """Find the profiles and decide which of them need running."""
    from .. import get_reasoner

    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise OrgDesignError("is not a folder", str(out_dir), hint="give -o a folder path")
    reasoner = get_reasoner(knowledge_dir, rules_dir)  # a broken rule base stops here, before any worker starts
    paths = [str(p) for p in find_profiles(patterns, exclude=out_dir)]
    names = {} if summary_only else output_names(paths)
    jobs = [Job(path, names.get(path), file_digest(path)) for path in paths]
    plan = BatchPlan(out_dir, reasoner, summary_only, jobs, todo=jobs)
    if not force:
        freshness = Freshness(out_dir, read_previous_summary(out_dir), reasoner.digest, summary_only)
        plan.todo = []
        for job in jobs:
            row = freshness.current_row(job)
            if row is None:
                plan.todo.append(job)
            else:
                plan.reused.append(_reused(row, job, summary_only))
    return plan


def execute_batch(plan, jobs=None, on_row=None):
    """Run the plan's profiles and write the summary; ``on_row(row, reused)`` reports progress."""
    prepare_out_dir(plan.out_dir)
    finished = {}

    def record(row, reused=False):
        finished[row["profile"]] = row
        if on_row is not None:
            on_row(row, reused)

    workers = worker_count(jobs, len(plan.todo))
    interrupted = False
    try:
        for row in plan.reused:
            record(row, reused=True)
        if workers <= 1:
            init_worker(str(plan.reasoner.knowledge_dir), str(plan.reasoner.rules_dir), plan.out_dir, in_pool=False)
            for job in plan.todo:
                record(run_job(job))
        else:
            _run_pool(plan, workers, record)
    except KeyboardInterrupt:
        interrupted = True
    rows = [finished[job.path] for job in plan.jobs if job.path in finished]
    paths = write_summary(plan.out_dir, rows, plan.rulebase, interrupted)
    return BatchResult(rows, paths, interrupted, len(plan.reused), workers)


def run_batch(patterns, out_dir, jobs=None, summary_only=False, force=False, knowledge_dir=None, rules_dir=None,
              on_row=None):
    """Plan and run a batch in one call (see ``plan_batch`` and ``execute_batch``), holding the folder's lock."""
    from ..file_lock import folder_lock

    with folder_lock(prepare_out_dir(out_dir)):
        plan = plan_batch(patterns, out_dir, summary_only, force, knowledge_dir, rules_dir)
        return execute_batch(plan, jobs, on_row)


def available_cpus():
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def default_jobs():
    return available_cpus()


def worker_count(requested, profiles):
    """Worker processes to start: as asked, but never more than the profiles to run or the CPUs.

    Each worker holds a compiled engine (tens of MB); beyond one per CPU
    they only compete for the same cores.
    """
    return max(1, min(requested or default_jobs(), profiles, available_cpus()))


def _run_pool(plan, workers, record):
    size = max(1, min(MAX_CHUNK, len(plan.todo) // (workers * 8)))
    chunks = deque(plan.todo[i:i + size] for i in range(0, len(plan.todo), size))
    in_flight = deque()
    reasoner = plan.reasoner
    context = multiprocessing.get_context()
    stop = context.Event()
    pool = context.Pool(workers, initializer=init_worker,
                        initargs=(str(reasoner.knowledge_dir), str(reasoner.rules_dir), plan.out_dir, True, stop))
    try:
        try:
            while chunks or in_flight:
                while chunks and len(in_flight) < 2 * workers:
                    in_flight.append(pool.apply_async(run_jobs, (chunks.popleft(),)))
                for row in in_flight[0].get():
                    record(row)
                in_flight.popleft()
        except KeyboardInterrupt:
            stop.set()  # each worker returns after the profile in hand
            _collect_until(in_flight, record, time.monotonic() + STOP_GRACE_SECONDS)
            raise
        pool.close()
        pool.join()
    except BaseException:
        pool.terminate()
        pool.join()
        # A worker terminated mid-write leaves its temporary file or staging folder: none may stay.
        remove_leftovers(plan.out_dir)
        raise


def _collect_until(in_flight, record, deadline):
    for pending in in_flight:
        try:
            rows = pending.get(timeout=max(0.0, deadline - time.monotonic()))
        except multiprocessing.TimeoutError:
            return
        for row in rows:
            record(row)


def _reused(row, job, summary_only):
    row = dict(row, profile=job.path, output=job.output)
    if summary_only:
        row["outputs"] = []
    return row
