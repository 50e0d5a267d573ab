"""Mutation score per module, from the results scripts/mutation.py keeps in out/mutation/.

Usage: python scripts/mutation_scores.py [MODULE_PREFIX ...]

Killed: a test failed (exit code 1), in mutmut's run or when
scripts/mutation.py --recheck ran the survivor again, or the mutant hung
and was stopped (timeout, reported apart); survived: every test covering it passed; no
tests: no selected test calls the mutated function; not run: not yet
tested. The score is killed / (killed + survived + no tests). A module run
with `scripts/mutation.py --sample N` is marked "(sample)": the mutants not
drawn count as not run, and the score, followed by its 95% interval,
estimates the module's.
"""
import json
import math
import sys
from pathlib import Path

RESULTS = Path(__file__).resolve().parent.parent / "out" / "mutation"
# mutmut's exit codes (mutmut/stats.py): 1 or 3 a test failed; 0 all passed;
# 5 or 33 no test covers it; 36, 24, -24, 152, 255 timeout; None not run;
# anything else (a crash, "suspicious") is counted apart.
KILLED, SURVIVED, NO_TESTS = {1, 3}, {0}, {5, 33}
TIMEOUT = {36, 24, -24, 152, 255}


def tally(meta_path):
    codes = json.loads(meta_path.read_text())["exit_code_by_key"]
    # A survivor that `scripts/mutation.py --recheck` saw fail a test, alone in a fresh process, is killed.
    recheck_path = meta_path.parent / "recheck.json"
    rechecked = json.loads(recheck_path.read_text()) if recheck_path.exists() else {}
    counts = {"killed": 0, "timeout": 0, "survived": 0, "no tests": 0, "not run": 0, "other": 0}
    for name, code in codes.items():
        verdict = rechecked.get(_full_name(meta_path, name))
        if verdict and (code in SURVIVED or code in NO_TESTS):
            code = 1 if verdict == "killed" else 0
        if code is None:
            counts["not run"] += 1
        elif code in KILLED:
            counts["killed"] += 1
        elif code in TIMEOUT:
            counts["timeout"] += 1
        elif code in SURVIVED:
            counts["survived"] += 1
        elif code in NO_TESTS:
            counts["no tests"] += 1
        else:
            counts["other"] += 1
    return counts


def _full_name(meta_path, key):
    """mutmut's meta file keys mutants by their name within the module; results list them with the module."""
    # A package's __init__.py names its mutants after the package (orgdesign.roadmap.x_add_roadmap__mutmut_8).
    module = meta_path.parent.name.removesuffix(".py").removesuffix(".__init__")
    return key if key.startswith(module + ".") else f"{module}.{key}"


def main(prefixes):
    rows = []
    for meta in sorted(RESULTS.glob("*/result.meta")):
        module = meta.parent.name
        if prefixes and not any(module.startswith(p) for p in prefixes):
            continue
        counts = tally(meta)
        if (meta.parent / "sample.txt").exists():
            module += " (sample)"
        if sum(counts.values()) and counts["not run"] < sum(counts.values()):
            rows.append((module, counts))
    print("| module | mutants | killed | timeout | survived | no tests | not run | score |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    total = {}
    for module, counts in rows:
        for key, value in counts.items():
            total[key] = total.get(key, 0) + value
        print(row(module, counts))
    if rows:
        print(row("**all of the above**", total))


def row(name, c):
    dead = c["killed"] + c["timeout"]
    tried = dead + c["survived"] + c["no tests"]
    score = f"{100 * dead / tried:.0f}%" if tried else "-"
    if tried and name.endswith("(sample)"):
        low, high = wilson_interval(dead, tried)
        score += f" ({100 * low:.0f}-{100 * high:.0f}%)"
    return (f"| {name} | {sum(c.values())} | {c['killed']} | {c['timeout']} | {c['survived']} | {c['no tests']} | "
            f"{c['not run']} | {score} |")


def wilson_interval(killed, tried, z=1.96):
    """The 95% interval of a sample's share killed (Wilson's: sound near 100% and for small samples).

    >>> [round(x, 2) for x in wilson_interval(50, 50)]
    [0.93, 1.0]
    """
    share = killed / tried
    centre = (share + z * z / (2 * tried)) / (1 + z * z / tried)
    half = z * math.sqrt(share * (1 - share) / tried + z * z / (4 * tried * tried)) / (1 + z * z / tried)
    return centre - half, centre + half


if __name__ == "__main__":
    main(sys.argv[1:])
