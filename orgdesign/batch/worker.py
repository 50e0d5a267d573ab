"""What one worker process does: build the reasoner once, then run profiles.

A profile that fails is turned into a ``failed`` row; nothing a single
profile does may stop the others.
"""
import signal
from dataclasses import dataclass
from pathlib import Path

from ..errors import OrgDesignError
from .summary import failed_row, ok_row

_STATE = {}


@dataclass(frozen=True)
class Job:
    path: str
    output: str = None       # folder name under the output folder; None with --summary-only
    digest: str = None       # of the profile file's bytes when the job was planned (see freshness)


def init_worker(knowledge_dir, rules_dir, out_dir, in_pool=True, stop=None):
    """Pool initializer: the engine is built here, once per worker process.

    ``stop`` is an event the parent sets on Ctrl-C: a worker then returns
    after the profile in hand instead of working through its chunk.
    """
    from .. import get_reasoner

    if in_pool:
        # Ctrl-C reaches the whole process group; the parent decides how to stop,
        # and a worker finishes the profile it is writing so no result is half written.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    _STATE["reasoner"] = get_reasoner(knowledge_dir, rules_dir)
    _STATE["out_dir"] = Path(out_dir)
    _STATE["stop"] = stop


def run_jobs(jobs):
    stop = _STATE.get("stop")
    rows = []
    for job in jobs:
        if stop is not None and stop.is_set():
            break
        rows.append(run_job(job))
    return rows


def run_job(job):
    from .. import load_profile
    from ..api import recommendation_data
    from ..advice.recommendation import build_headline
    from ..outputs import write_outputs

    reasoner = _STATE["reasoner"]
    try:
        profile = load_profile(job.path, reasoner)
        if job.output is None:
            return ok_row(job, build_headline(reasoner.infer_headline(profile), reasoner), [])
        recommendation = recommendation_data(profile, reasoner)
        written = write_outputs(recommendation, _STATE["out_dir"] / job.output, inputs=[job.path],
                                profile=profile, knowledge=reasoner.knowledge)
        return ok_row(job, recommendation, [Path(p).name for p in written])
    except OrgDesignError as err:
        return failed_row(job, str(err))
    except Exception as err:  # noqa: BLE001  a bug met by one profile must not cost the others their results
        return failed_row(job, f"{job.path}: internal error: {type(err).__name__}: {err}; please report it")
