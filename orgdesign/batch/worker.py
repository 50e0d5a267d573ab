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


def init_worker(knowledge_dir, rules_dir, out_dir, in_pool=True):
    """Pool initializer: the engine is built here, once per worker process."""
    from .. import get_reasoner

    if in_pool:
        # Ctrl-C reaches the whole process group; the parent decides how to stop,
        # and workers finish the profiles they hold so no result is half written.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    _STATE["reasoner"] = get_reasoner(knowledge_dir, rules_dir)
    _STATE["out_dir"] = Path(out_dir)


def run_jobs(jobs):
    return [run_job(job) for job in jobs]


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
