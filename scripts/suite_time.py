"""How long the test suite takes: wall time and CPU time (user + sys) of `make test`'s pytest run.

Usage: python scripts/suite_time.py [PYTEST_ARGS ...]     (default: -n 2, as `make test`)

On a shared machine the wall time depends on what else runs; the CPU time
(every pytest process and its children: xdist workers, `dot`, `python -m
orgdesign`) does much less. With N quiet cores the suite needs at least
CPU / N seconds of wall time; the gap above that is waiting (subprocesses,
I/O) and the last worker finishing alone. `--durations` lists the slowest
tests: `python scripts/suite_time.py -n 0 --durations=40 tests/test_x.py`.
"""
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def main(args):
    args = args or ["-n", "2"]
    command = [sys.executable, "-m", "pytest", "-q", *args]
    start = time.monotonic()
    done = subprocess.run(command, cwd=REPO)
    wall = time.monotonic() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = usage.ru_utime + usage.ru_stime
    print(f"suite: wall {wall:.1f} s, CPU {cpu:.1f} s (user {usage.ru_utime:.1f} + sys {usage.ru_stime:.1f}); "
          f"on 2 quiet cores at least {cpu / 2:.1f} s; load average {' '.join(f'{x:.1f}' for x in __import__('os').getloadavg())}")
    return done.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
