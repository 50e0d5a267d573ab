"""Timing and memory helpers for the benchmark: samples, child processes, RSS."""
import os
import statistics
import subprocess
import threading
import time
from dataclasses import dataclass, field


@dataclass
class Samples:
    values: list = field(default_factory=list)

    def add(self, value):
        self.values.append(value)

    @property
    def min(self):
        return min(self.values)

    @property
    def median(self):
        return statistics.median(self.values)

    @property
    def max(self):
        return max(self.values)


def timed(function, *args):
    """Wall time of one call."""
    start = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - start, result


def cpu_timed(function, *args):
    """CPU time of one call in this thread: what the call costs, however busy the machine is."""
    start = time.thread_time()
    result = function(*args)
    return time.thread_time() - start, result


@dataclass
class ProcessRun:
    seconds: float
    cpu_seconds: float       # user + system time of the process and every child it waited for
    peak_rss_mb: float
    returncode: int
    stdout: str
    stderr: str


def run_process(command, sample_every=0.02, env=None):
    """Run ``command`` (in ``env``, default this one); wall time and the peak summed RSS of its process tree."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    peak = [0]
    done = threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], tree_rss_kb(process.pid))
            done.wait(sample_every)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = process.communicate()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return ProcessRun(seconds, cpu, peak[0] / 1024, process.returncode, stdout, stderr)


def tree_rss_kb(pid):
    """Resident memory of ``pid`` and all its descendants, in KiB (Linux /proc)."""
    total = 0
    stack = [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/status") as handle:
                for line in handle:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        break
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as handle:
                    stack.extend(int(child) for child in handle.read().split())
        except (OSError, ValueError):
            continue
    return total


def self_peak_rss_mb():
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
