"""The orgdesign benchmark: prints one table, every figure measured in this run.

    .venv/bin/pip install -e '.[bench]'      # clipspy
    .venv/bin/python -m benchmarks.run       # the full run (a few minutes)
    .venv/bin/python -m benchmarks.run --quick

Figures (min / median / max each):
  1-3  per-profile inference: the experta engine, the same rules in CLIPS
       (clipspy, translated from rules/ by benchmarks/clips_rules.py), and a
       plain-Python evaluation of the rules (the floor);
  4    their ratios, per profile, reported only after checking that every
       engine reached the same conclusions on every benchmark profile;
  5    cold commands as whole processes: ``recommend --json``; ``recommend
       --out DIR`` (the report, the audit trail, every chart drawn);
       ``explain`` (the full text, its what-if answers confirmed by the
       engine); and, for information, ``recommend --out DIR --pdf``. Each
       is a user's repeated run on this machine: new processes, with the
       caches an earlier run of the same command left (compiled modules,
       parsed rule files, compiled templates, and for ``--out`` the chart
       drawings, so no Graphviz process runs). The row "first run: empty
       caches" gives ``recommend --out DIR`` an empty $XDG_CACHE_HOME each
       time: every chart drawn by dot, every rule file parsed;
  6    ``orgdesign batch`` throughput, with --summary-only and full outputs;
  7    peak memory (summed over the batch's process tree);
  8    `orgdesign serve`: each page's latency over HTTP, first view and the
       views that follow, and the interview's answer-and-next-question loop
       (``--web-only`` runs just this figure).
Engines run interleaved, profile by profile, so a busy machine slows them alike.
"""
import argparse
import os
import platform
import shutil
import sys
import tempfile
from importlib import metadata
from pathlib import Path

from orgdesign import get_reasoner, load_profile

from .engines import ClipsEngine, DirectEngine, ExpertaEngine, UntunedExpertaEngine, same_conclusions
from .measure import Samples, cpu_timed, run_process, self_peak_rss_mb
from .profiles import write_profiles
from .web_pages import web_rows

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "mixed-retail.yaml"
TARGETS = {"ratio": 5.0, "cold": 0.5, "out": 0.5, "explain": 1.0, "summary_only": 60.0, "full": 120.0, "memory": 500.0}


def main(argv=None):
    options = _parse(argv)
    reasoner = get_reasoner()
    if options.check_only:
        return _check_only(reasoner, options)
    if options.latency_only:
        print(_header(reasoner, options, "engines not compared (--latency-only)"))
        print(_table(_cold(options)), flush=True)
        return 0
    if options.web_only:
        work = Path(tempfile.mkdtemp(prefix="orgdesign-bench-"))
        try:
            print(_table(web_rows(reasoner, work)))
        finally:
            shutil.rmtree(work, ignore_errors=True)
        return 0
    work = Path(tempfile.mkdtemp(prefix="orgdesign-bench-"))
    try:
        rows, agreement = _inference(reasoner, work, options)
        rows += _cold(options)
        rows += _batches(reasoner, work, options)
        rows += web_rows(reasoner, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    rows.append(("7 peak memory, this benchmark process (MB)", None, self_peak_rss_mb(), None, ""))
    print(_header(reasoner, options, agreement))
    # flush: at exit CLIPS may print "[ENVRNMNT8] Environment data not fully deallocated"
    # (clipspy keeps a few bytes per asserted fact); it must come after the table.
    print(_table(rows), flush=True)
    return 0 if agreement.startswith("all") else 1


def _parse(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profiles", type=int, default=500, help="generated profiles for figures 1-4 (plus examples/)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each profile per engine")
    parser.add_argument("--cold-runs", type=int, default=10)
    parser.add_argument("--summary-only-size", type=int, default=10000)
    parser.add_argument("--full-size", type=int, default=1000)
    parser.add_argument("--batch-runs", type=int, default=1, help="runs of each batch figure")
    parser.add_argument("--jobs", type=int, default=None, help="batch --jobs (default: its own default, the cores)")
    parser.add_argument("--quick", action="store_true", help="small sizes, to try the script out")
    parser.add_argument("--latency-only", action="store_true",
                        help="only figure 5: the cold commands (recommend --json, recommend --out, explain)")
    parser.add_argument("--web-only", action="store_true", help="only figure 8: the pages of `orgdesign serve`")
    parser.add_argument("--check-only", action="store_true",
                        help="only check that the engines agree on examples/ and --profiles random profiles")
    options = parser.parse_args(argv)
    if options.quick:
        options.profiles, options.repeat, options.cold_runs = 100, 1, 3
        options.summary_only_size, options.full_size = 500, 100
    return options


# -- figures 1-4 ---------------------------------------------------------------
def _inference(reasoner, work, options):
    paths = sorted((REPO / "examples").glob("*.yaml")) + write_profiles(work / "inference", options.profiles, reasoner.knowledge)
    profiles = [load_profile(p, reasoner) for p in paths]
    experta, untuned, clips = ExpertaEngine(reasoner), UntunedExpertaEngine(reasoner), ClipsEngine(reasoner)
    floor, floor_missing = DirectEngine.load(reasoner, profiles[0])
    engines = [experta, untuned, clips] + ([floor] if floor is not None else [])
    disagreements = _check_agreement(engines, profiles)
    timed_calls = {"experta": experta.run, "experta untuned": untuned.run, "CLIPS": clips.run,
                   "CLIPS run only": clips.infer_only}
    if floor is not None:
        timed_calls["floor"] = floor.run
    times = {name: Samples() for name in timed_calls}
    best = {name: [] for name in timed_calls}
    for call in timed_calls.values():
        call(profiles[0])  # warm caches before timing
    for profile in profiles:
        for name, call in timed_calls.items():
            runs = [cpu_timed(call, profile)[0] * 1000 for _ in range(options.repeat)]
            for value in runs:
                times[name].add(value)
            best[name].append(min(runs))
    rows = [("1 experta inference per profile (ms CPU)", *_stats(times["experta"]), ""),
            ("  experta untuned: its own matcher (ms CPU)", *_stats(times["experta untuned"]), ""),
            ("2 CLIPS via clipspy per profile (ms CPU)", *_stats(times["CLIPS"]), ""),
            ("  CLIPS reset+assert+run only (ms CPU)", *_stats(times["CLIPS run only"]), "")]
    if floor is None:
        rows.append(("3 plain-Python floor per profile (ms CPU)", floor_missing, None, None, ""))
    else:
        rows.append(("3 plain-Python floor per profile (ms CPU)", *_stats(times["floor"]), ""))
    if disagreements:
        rows.append(("4 ratios", "not reported: the engines disagree", None, None, ""))
        agreement = f"ENGINES DISAGREE on {len(disagreements)} of {len(profiles)} profiles, e.g. {disagreements[0]}"
        return rows, agreement
    ratio = _ratios(best["experta"], best["CLIPS"])
    rows.append(("4 experta / CLIPS via clipspy (x)", *_stats(ratio), _verdict(ratio.median <= TARGETS["ratio"], "<= 5x")))
    bare = _ratios(best["experta"], best["CLIPS run only"])
    rows.append(("4 experta / CLIPS run only (x)", *_stats(bare), _verdict(bare.median <= TARGETS["ratio"], "<= 5x")))
    rows.append(("4 experta untuned / CLIPS run only (x)", *_stats(_ratios(best["experta untuned"], best["CLIPS run only"])), ""))
    if floor is not None:
        rows.append(("4 experta / plain Python (x)", *_stats(_ratios(best["experta"], best["floor"])), ""))
        rows.append(("4 CLIPS / plain Python (x)", *_stats(_ratios(best["CLIPS"], best["floor"])), ""))
    else:
        rows.append(("4 experta or CLIPS / plain Python (x)", floor_missing, None, None, ""))
    names = " and ".join(e.name for e in engines)
    return rows, f"all engines ({names}) reach the same conclusions on all {len(profiles)} profiles"


def _check_only(reasoner, options):
    work = Path(tempfile.mkdtemp(prefix="orgdesign-bench-"))
    try:
        examples = sorted((REPO / "examples").glob("*.yaml"))
        generated = write_profiles(work, options.profiles, reasoner.knowledge)
        profiles = [load_profile(p, reasoner) for p in examples + generated]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    floor, floor_missing = DirectEngine.load(reasoner, profiles[0])
    engines = [ExpertaEngine(reasoner), ClipsEngine(reasoner)] + ([floor] if floor is not None else [])
    disagreements = _check_agreement(engines, profiles)
    names = " and ".join(e.name for e in engines)
    print(f"{names} on {len(examples)} examples and {len(generated)} random profiles: "
          f"{len(disagreements)} disagreements" + (f", e.g. {disagreements[0]}" if disagreements else ""))
    if floor is None:
        print(f"plain Python: {floor_missing}")
    # flush before CLIPS's exit message (see main)
    sys.stdout.flush()
    return 1 if disagreements else 0


def _check_agreement(engines, profiles):
    disagreements = []
    for profile in profiles:
        reference = engines[0].conclusions(engines[0].run(profile))
        for engine in engines[1:]:
            if not same_conclusions(reference, engine.conclusions(engine.run(profile))):
                disagreements.append(f"{profile.path} ({engines[0].name} vs {engine.name})")
    return disagreements


def _ratios(numerators, denominators):
    samples = Samples()
    for a, b in zip(numerators, denominators):
        samples.add(a / b)
    return samples


# -- figure 5 --------------------------------------------------------------------
def _cold(options):
    work = Path(tempfile.mkdtemp(prefix="orgdesign-bench-cold-"))
    try:
        rows = _cold_command("5 cold `recommend --json`", ["recommend", str(EXAMPLE), "--json"], options.cold_runs, "cold")
        # The same folder each run: the files are replaced, as a consultant re-running it sees.
        rows += _cold_command("5 cold `recommend --out DIR`", ["recommend", str(EXAMPLE), "--out", str(work / "out")],
                              options.cold_runs, "out")
        rows += _cold_command("  the same, first run: empty caches", ["recommend", str(EXAMPLE), "--out", str(work / "first")],
                              max(1, options.cold_runs // 2), None, empty_caches=work / "caches")
        rows += _cold_command("5 cold `explain` (full text)", ["explain", str(EXAMPLE)], options.cold_runs, "explain")
        if shutil.which("chromium") or shutil.which("chromium-browser"):
            rows += _cold_command("  `recommend --out DIR --pdf`", ["recommend", str(EXAMPLE), "--out", str(work / "pdf"), "--pdf"],
                                  max(1, options.cold_runs // 3), None)
        else:
            rows.append(("  `recommend --out DIR --pdf`", "not measured: no Chromium", None, None, ""))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return rows


def _cold_command(label, arguments, runs, target, empty_caches=None):
    """``runs`` timed runs of one command; with ``empty_caches`` (a folder) each run gets an empty cache
    folder of its own there (XDG_CACHE_HOME), as a consultant's very first run does."""
    samples, cpu = Samples(), Samples()
    # One untimed run first: it writes the caches a consultant's machine has after the first run
    # (bytecode, parsed rule files, compiled templates, chart drawings), which `_environment` lets it
    # write. With empty caches it only makes sure Python's compiled modules exist.
    run_process([_orgdesign(), *arguments], env=_environment())
    for _ in range(runs):
        environment = _environment()
        if empty_caches is not None:
            Path(empty_caches).mkdir(exist_ok=True)
            environment["XDG_CACHE_HOME"] = tempfile.mkdtemp(dir=empty_caches)
        run = run_process([_orgdesign(), *arguments], env=environment)
        if run.returncode != 0:
            raise SystemExit(f"{' '.join(arguments)} failed: {run.stderr}")
        samples.add(run.seconds)
        cpu.add(run.cpu_seconds)
    verdict = _verdict(samples.median < TARGETS[target], f"< {TARGETS[target]:g} s") if target else ""
    cpu_verdict = _verdict(cpu.median < TARGETS[target], f"< {TARGETS[target]:g} s") if target else ""
    return [(f"{label}, whole process (s)", *_stats(samples), verdict),
            ("  the same, CPU time incl. children (s)", *_stats(cpu), cpu_verdict)]


# -- figures 6-7 -----------------------------------------------------------------
def _batches(reasoner, work, options):
    largest = max(options.summary_only_size, options.full_size)
    every = write_profiles(work / "batch", largest, reasoner.knowledge, seed=99)
    full_input = work / "batch-full"
    full_input.mkdir()
    for path in every[:options.full_size]:
        os.link(path, full_input / path.name)
    summary_only_input = work / "batch"
    if options.summary_only_size < largest:
        summary_only_input = work / "batch-summary-only"
        summary_only_input.mkdir()
        for path in every[:options.summary_only_size]:
            os.link(path, summary_only_input / path.name)
    rows = []
    for label, folder, extra, size, target in (
            ("summary_only", summary_only_input, ["--summary-only"], options.summary_only_size, "summary_only"),
            ("full", full_input, [], options.full_size, "full")):
        seconds, cpu, memory = Samples(), Samples(), Samples()
        for attempt in range(options.batch_runs):
            out = work / f"out-{label}-{attempt}"
            command = [_orgdesign(), "batch", str(folder), "--out", str(out), "--force", *extra]
            if options.jobs:
                command += ["--jobs", str(options.jobs)]
            run = run_process(command)
            if run.returncode != 0:
                raise SystemExit(f"batch failed ({run.returncode}): {run.stderr[-2000:]}")
            seconds.add(run.seconds)
            cpu.add(run.cpu_seconds)
            memory.add(run.peak_rss_mb)
            shutil.rmtree(out, ignore_errors=True)
        name = "--summary-only" if label == "summary_only" else "full outputs"
        limit = TARGETS[target]
        rows.append((f"6 batch {name}, {size} profiles (s)", *_stats(seconds),
                     _verdict(seconds.median < limit, f"< {limit:g} s")))
        rows.append(("  = profiles per second", *_stats(Samples([size / s for s in seconds.values])), ""))
        cores = len(os.sched_getaffinity(0))
        rows.append(("  CPU time, all processes (s)", *_stats(cpu), ""))
        rows.append((f"  CPU time / {cores} cores: wall time if idle (s)", *_stats(Samples([c / cores for c in cpu.values])),
                     _verdict(cpu.median / cores < limit, f"< {limit:g} s")))
        rows.append((f"7 peak memory, batch {name} (MB)", *_stats(memory),
                     _verdict(memory.max < TARGETS["memory"], "< 500 MB")))
    return rows


def _environment():
    """This environment, less PYTHONDONTWRITEBYTECODE: a user's Python keeps compiled modules,
    and a cold run without them spends about 0.1 s compiling orgdesign again."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _orgdesign():
    return str(Path(sys.executable).with_name("orgdesign"))


# -- the table -------------------------------------------------------------------
def _stats(samples):
    return samples.min, samples.median, samples.max


def _verdict(met, target):
    return f"{target}: {'met' if met else 'NOT MET'}"


def _header(reasoner, options, agreement):
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    versions = ", ".join(f"{name} {_version(name)}" for name in ("experta", "clipspy"))
    return (f"orgdesign benchmark: {os.cpu_count()} cores (nproc {len(os.sched_getaffinity(0))}), load average {load} "
            f"at the end; Python {platform.python_version()}, {versions}\n"
            f"rule base {reasoner.version}: {len(reasoner.rulebook.rules)} rules; each profile run {options.repeat}x "
            f"per engine\n{agreement}\n")


def _version(name):
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "missing"


def _table(rows):
    """Rows are (label, min, median, max, target); a text in place of min fills the row."""
    head = ("figure", "min", "median", "max", "target")
    cells = [head] + [(label, *_numbers(low, mid, high), target) for label, low, mid, high, target in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(5)]
    lines = []
    for row, source in zip(cells, [None] + rows):
        if source is not None and isinstance(source[1], str):
            lines.append(f"{row[0]:<{widths[0]}}  {source[1]}")
            continue
        lines.append("  ".join([row[0].ljust(widths[0])] + [row[i].rjust(widths[i]) for i in (1, 2, 3)] + [row[4]]))
        if source is None:
            lines.append("-" * len(lines[0]))
    return "\n".join(lines)


def _numbers(*values):
    if isinstance(values[0], str):
        return ("", "", "")
    return tuple("" if v is None else _format(v) for v in values)


def _format(value):
    if value >= 100:
        return f"{value:.0f}"
    if value >= 1:
        return f"{value:.2f}"
    return f"{value:.3f}"


if __name__ == "__main__":
    sys.exit(main())
