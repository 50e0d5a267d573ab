"""A hostile run of the real command line: hundreds of attacks, four promises.

    .venv/bin/python scripts/hostile_run.py            # every attempt (a few minutes)
    .venv/bin/python scripts/hostile_run.py --quick    # one in five

Not part of the test suite (tests/hostile holds one test per class of
problem); this throws many variations at the installed command, each in a
fresh folder, and checks after every attempt that:

- no traceback was printed, and the exit status is one we document;
- it finished within its time limit (no hang);
- no file that was there before was replaced, changed kind, or lost its
  mode, except the outputs the command was asked to write; no temporary
  file was left behind;
- no answer was lost: each interview's typed answers are in the profile.

It prints one line per failed attempt and the totals.
"""
import argparse
import itertools
import os
import random
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.hostile.cases import CASES, GOOD  # noqa: E402

EXIT_CODES = {0, 1, 2, 130}


@dataclass
class Attempt:
    name: str
    args: tuple
    files: dict = field(default_factory=dict)     # relative path -> bytes, or a setup function(folder)
    stdin: bytes = None
    may_change: tuple = ()                        # relative paths the command is asked to write
    timeout: float = 60
    interrupt_after: float = None                 # send SIGINT to the process group after this many seconds
    answers: dict = None                          # (profile path, {question: answer}) the interview must have saved
    answers_file: str = None
    exit_codes: set = None


def profile(text):
    return text.encode("utf-8")


def fifo(folder, name):
    os.mkfifo(folder / name)


def symlink(folder, name, target):
    (folder / name).symlink_to(target)


# -- the attacks -------------------------------------------------------------------------------------
def profile_attacks():
    """Bad and odd profiles, each through several commands."""
    texts = {case.name: case.content for case in CASES if case.content is not None}
    leftovers = {
        "octal number": GOOD.replace("employees: 120", "employees: 0120"),
        "sexagesimal": GOOD.replace("employees: 120", "employees: 1:20:00"),
        "industry no": GOOD.replace("industry: logistics", "industry: no"),
        "key yes": GOOD + "  yes: 1\n",
        "merge key": GOOD.replace("answers:\n", "answers:\n  <<: {employees: 5}\n"),
        "hex with tag": GOOD.replace("employees: 120", "employees: !!int 0x10"),
        "float employees": GOOD.replace("employees: 120", "employees: 1e3"),
        "inf employees": GOOD.replace("employees: 120", "employees: .inf"),
        "notes zero": GOOD + "notes: 0\n",
        "notes false": GOOD + "notes: false\n",
        "notes empty": GOOD + "notes: ''\n",
        "deep nesting": GOOD + "notes:\n  employees: " + "[" * 700 + "]" * 700 + "\n",
        "deep mappings": GOOD + "notes:\n  employees: " + "{a: " * 300 + "1" + "}" * 300 + "\n",
        "huge number": GOOD.replace("employees: 120", "employees: " + "9" * 5000),
        "long value": GOOD.replace("industry: logistics", "industry: " + "x" * 400_000),
        "long key": GOOD + "  ? " + "k" * 200_000 + "\n  : 1\n",
        "clear screen name": GOOD.replace("name: Acme Ltd", r'name: "Acme\e[2J\e[H"'),
        "hyperlink name": GOOD.replace("name: Acme Ltd", r'name: "\e]8;;http://evil\aAcme\e]8;;\a"'),
        "forged line": GOOD.replace("name: Acme Ltd", r'name: "Acme\nWrote out/report.html"'),
        "rtl override": GOOD.replace("name: Acme Ltd", r'name: "Acme \u202eLtd"'),
        "control chars": GOOD.replace("name: Acme Ltd", r'name: "A\x00\x01\b\v\f\x85\x9bB"'),
        "non-characters": GOOD.replace("name: Acme Ltd", r'name: "A\uFFFE\uFFFFB"'),
        "script-like name": GOOD.replace("name: Acme Ltd", "name: 'Data onboarding=fast Ltd javascript: <script>x</script>'"),
        "hostile key": GOOD + '  "x\\e[2J\\nWrote out/report.html": 1\n',
        "hostile note": GOOD + 'notes:\n  employees: "line\\nWrote out/report.html\\e[31m"\n',
        "date client": GOOD.replace("name: Acme Ltd", "name: Acme Ltd\n  interviewed_on: 2026-13-45"),
        "bool name": GOOD.replace("name: Acme Ltd", "name: yes"),
        "numeric name": GOOD.replace("name: Acme Ltd", "name: 0120"),
    }
    texts.update({name: profile(text) for name, text in leftovers.items()})
    rng = random.Random(15)
    good_lines = GOOD.splitlines(keepends=True)
    for number in range(100):  # seeded fuzz: lines shuffled, cut, doubled, bytes flipped
        lines = list(good_lines)
        operation = number % 4
        if operation == 0:
            rng.shuffle(lines)
        elif operation == 1:
            del lines[rng.randrange(len(lines)):]
        elif operation == 2:
            lines.insert(rng.randrange(len(lines)), rng.choice(lines))
        data = bytearray("".join(lines).encode())
        if operation == 3 and data:
            for _ in range(3):
                data[rng.randrange(len(data))] = rng.randrange(256)
        texts[f"fuzz {number}"] = bytes(data)
    commands = [("recommend",), ("recommend", "--json"), ("recommend", "--out", "out"), ("explain",),
                ("render", "--format", "graphml", "-o", "-"), ("render", "-o", "chart.svg")]
    for (name, data), command in zip(sorted(texts.items()), itertools.cycle(commands)):
        args = (command[0], "p.yaml", *command[1:])
        yield Attempt(f"profile: {name} | {' '.join(command)}", args, {"p.yaml": data},
                      may_change=("out", "chart.svg"))
    for name in ("deep nesting", "forged line", "control chars", "octal number"):
        for command in commands:
            yield Attempt(f"profile: {name} | {' '.join(command)} (all commands)", (command[0], "p.yaml", *command[1:]),
                          {"p.yaml": texts[name]}, may_change=("out", "chart.svg"))


def output_attacks():
    """Output paths that are special files, links, inputs, or cannot be written."""
    good = {"p.yaml": profile(GOOD)}
    targets = {
        "fifo": lambda f: fifo(f, "n"),
        "link to profile": lambda f: symlink(f, "n", "p.yaml"),
        "dangling link": lambda f: symlink(f, "n", "nowhere/x"),
        "folder": lambda f: (f / "n").mkdir(),
        "hard link to profile": lambda f: os.link(f / "p.yaml", f / "n"),
    }
    for (name, setup), (command, extra) in itertools.product(targets.items(), [
            ("render", ("-o", "n")), ("render", ("--format", "gv", "-o", "n")), ("explain", ("--out", "n")),
            ("recommend", ("--out", "n"))]):
        yield Attempt(f"output: {name} | {command} {' '.join(extra)}", (command, "p.yaml", *extra),
                      {**good, "n": setup}, may_change=("n",) if name == "dangling link" else ())
    for place in ("/proc/orgdesign-x", "/sys/orgdesign-x", "/proc/self/orgdesign", "/dev/null/x"):
        for command, extra in (("recommend", ("--out", place)), ("render", ("-o", place + ".svg")),
                               ("explain", ("--out", place)), ("batch", ("--out", place))):
            args = (command, "p.yaml", *extra) if command != "batch" else ("batch", "p.yaml", *extra)
            yield Attempt(f"output: {place} | {command}", args, good)
        yield Attempt(f"output: {place} | interview", ("interview", "--out", place + ".yaml"), {}, stdin=b"Acme\n")
    for name in ("report.md", "orgchart.svg", "recommendation.json"):
        yield Attempt(f"output: folder where {name} goes", ("recommend", "p.yaml", "--out", "out"),
                      {**good, f"out/{name}": lambda f, n=name: (f / "out" / n).mkdir(parents=True)})
        yield Attempt(f"output: fifo where {name} goes", ("recommend", "p.yaml", "--out", "out"),
                      {**good, f"out/{name}": lambda f, n=name: ((f / "out").mkdir(exist_ok=True), fifo(f / "out", n))})
    for rel in ("rules/rulebase.yaml", "rules/evidence/where_ml_happens.yaml", "knowledge/archetypes.yaml"):
        setup = {**good, "rules": _copy("rules"), "knowledge": _copy("knowledge")}
        for command, extra in (("render", ("--format", "gv", "-o", rel)), ("explain", ("--out", rel))):
            yield Attempt(f"output: over input {rel} | {command}",
                          (command, "p.yaml", "--rules", "rules", "--knowledge", "knowledge", *extra), setup)


def _copy(name):
    return lambda folder: shutil.copytree(REPO / name, folder / name)


def rule_attacks():
    """Rule bases with wrong types and wandering layer folders, through every command."""
    defects = {
        "answer list": ("evidence/where_ml_happens.yaml", "      - answer: ml_activity\n", "      - answer: [ml_activity]\n"),
        "where list": ("orgchart/product_embedded.yaml", "where: {id: product_embedded}", "where: [id, product_embedded]"),
        "salience word": ("rulebase.yaml", "combine_evidence_salience: 50", "combine_evidence_salience: fifty"),
        "fact types list": ("rulebase.yaml", "fact_types:", "fact_types: []\nold_fact_types:"),
        "layer at root": ("rulebase.yaml", "folder: evidence", "folder: /"),
        "layer outside": ("rulebase.yaml", "folder: evidence", "folder: ../knowledge"),
        "layer misspelt": ("rulebase.yaml", "folder: evidence", "folder: evidnce"),
        "deep rule": ("evidence/where_ml_happens.yaml", "rules:\n", "rules: " + "[" * 800 + "]" * 800 + "\nold:\n"),
        "then string": ("evidence/where_ml_happens.yaml", "    then:\n", "    then: nothing\n    old_then:\n"),
        "cf word": ("evidence/where_ml_happens.yaml", "cf: 0.6", "cf: high"),
    }

    def broken(file, old, new):
        def setup(folder):
            shutil.copytree(REPO / "rules", folder / "rules")
            path = folder / "rules" / file
            path.write_text(path.read_text().replace(old, new, 1))
        return setup

    for (name, (file, old, new)), command in itertools.product(defects.items(), [
            ("recommend", "p.yaml"), ("render", "p.yaml", "-o", "-"), ("explain", "p.yaml"), ("lint",),
            ("batch", "p.yaml", "--out", "out")]):
        yield Attempt(f"rules: {name} | {command[0]}", (*command, "--rules", "rules"),
                      {"p.yaml": profile(GOOD), "rules": broken(file, old, new)}, may_change=("out",), timeout=180)


def interview_attacks():
    """Typed input of every kind; each answer typed must be in the saved profile."""
    cases = [
        ("non-UTF-8 name", b"Caf\xe9\n120\n", {"employees": 120}),
        ("superscript number", "Acme\n\u00b2\n120\n".encode(), {"employees": 120}),
        ("huge number", ("Acme\n" + "9" * 5000 + "\n120\n").encode(), {"employees": 120}),
        ("escape in name", b"Acme\x1b[2J\n120\n", {"employees": 120}),
        ("NUL in name", b"Ac\x00me\n120\n", {"employees": 120}),
        ("help as name", b"?\nAcme\n120\n", {"employees": 120}),
        ("control in note", b"Acme\n120\nnote a\x08b\x07c\n", {"employees": 120}),
        ("long note", ("Acme\n120\nnote " + "n" * 5000 + "\n").encode(), {"employees": 120}),
        ("stray enters", b"Acme\n\n\n\n", {}),
        ("only EOF", b"", {}),
    ]
    for name, typed, answers in cases:
        yield Attempt(f"interview: {name}", ("interview", "--out", "z.yaml"), {}, stdin=typed,
                      answers=answers, answers_file="z.yaml", may_change=("z.yaml",))
    for name, typed, answers in cases[:6]:
        yield Attempt(f"interview --resume: {name}", ("interview", "--resume", "r.yaml"),
                      {"r.yaml": profile(GOOD.replace("  employees: 120\n", ""))}, stdin=typed.split(b"\n", 1)[1],
                      answers={"industry": "logistics", **answers}, answers_file="r.yaml", may_change=("r.yaml",))
    yield Attempt("interview --resume through a link", ("interview", "--resume", "link.yaml"),
                  {"r.yaml": profile("# kept\n" + GOOD), "link.yaml": lambda f: symlink(f, "link.yaml", "r.yaml")},
                  stdin=b"\n" * 30, answers={"employees": 120}, answers_file="r.yaml", may_change=("r.yaml",))
    for seconds in (0.5, 1.5, 3):
        yield Attempt(f"interview: Ctrl-C after {seconds} s", ("interview", "--out", "z.yaml"), {},
                      stdin=b"Acme\n120\n", interrupt_after=seconds, may_change=("z.yaml",))


def batch_attacks():
    good = {f"in/c{i}.yaml": profile(GOOD.replace("employees: 120", f"employees: {100 + i}")) for i in range(12)}
    yield Attempt("batch: --jobs 10000", ("batch", "in", "--out", "out", "--jobs", "10000"), good, may_change=("out",))
    yield Attempt("batch: fifo among profiles", ("batch", "in", "in/f.yaml", "--out", "out"),
                  {**good, "in/f.yaml": lambda f: fifo(f / "in", "f.yaml")}, may_change=("out",))
    yield Attempt("batch: out is an input folder", ("batch", "in", "--out", "in"), good, may_change=("in",))
    yield Attempt("batch: planted summary fifo", ("batch", "in", "--out", "out"),
                  {**good, "out/summary.json": lambda f: ((f / "out").mkdir(exist_ok=True), fifo(f / "out", "summary.json"))},
                  may_change=("out",))
    for seconds in (0.8, 1.5, 2.5, 4):
        yield Attempt(f"batch: Ctrl-C after {seconds} s", ("batch", "in", "--out", "out", "--jobs", "2"), good,
                      interrupt_after=seconds, may_change=("out",))
    for how in ("UNKNOWN", "archetyp", "f-99999", "answer:nothing", "\x1b[2J", "x" * 10_000):
        yield Attempt(f"explain --how {how[:20]!r}", ("explain", "p.yaml", "--how", how), {"p.yaml": profile(GOOD)})
    for why_not in ("nope", "\x1b]8;;x\x07", "ml_firts"):
        yield Attempt(f"explain --why-not {why_not!r}", ("explain", "p.yaml", "--why-not", why_not), {"p.yaml": profile(GOOD)})


def all_attempts():
    return [*profile_attacks(), *output_attacks(), *rule_attacks(), *interview_attacks(), *batch_attacks()]


# -- running and checking ------------------------------------------------------------------------------
def prepare(folder, attempt):
    for relative, content in attempt.files.items():
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if callable(content):
            content(folder)
        else:
            target.write_bytes(content)


def snapshot(folder):
    result = {}
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(root) / name
            status = path.lstat()
            if stat.S_ISLNK(status.st_mode):
                content = os.readlink(path)
            elif stat.S_ISREG(status.st_mode):
                content = path.read_bytes()
            else:
                content = None
            result[path.relative_to(folder).as_posix()] = (stat.S_IFMT(status.st_mode), stat.S_IMODE(status.st_mode), content)
    return result


def run_attempt(attempt, folder):
    prepare(folder, attempt)
    before = snapshot(folder)
    env = dict(os.environ, PYTHONPATH=str(REPO), PYTHONIOENCODING="utf-8")
    command = [sys.executable, "-m", "orgdesign", *attempt.args]
    started = time.monotonic()
    process = subprocess.Popen(command, cwd=folder, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env=env, start_new_session=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    problems = []
    try:
        if attempt.interrupt_after is not None:
            process.stdin.write(attempt.stdin or b"")
            process.stdin.flush()
            time.sleep(attempt.interrupt_after)
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGINT)
            out, err = process.communicate(timeout=attempt.timeout)
        else:
            out, err = process.communicate(attempt.stdin or b"", timeout=attempt.timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        return ["hang"], time.monotonic() - started
    seconds = time.monotonic() - started
    text = (out + err).decode("utf-8", "replace")
    if "Traceback" in text:
        problems.append("traceback: " + text.strip().splitlines()[-1][:200])
    allowed = attempt.exit_codes or EXIT_CODES
    if process.returncode not in allowed:
        problems.append(f"exit status {process.returncode}")
    if process.returncode == 1 and not attempt.interrupt_after and "Error:" not in text and "finding" not in text \
            and "Input ended" not in text and "failed" not in text:
        problems.append("exit 1 without an Error: line")
    if any(c in text for c in "\x1b\x07\x08\u202e"):
        problems.append("a control character reached the terminal")
    problems += changed_files(before, snapshot(folder), attempt.may_change)
    if attempt.answers is not None:
        problems += lost_answers(folder / attempt.answers_file, attempt.answers)
    return problems, seconds


def changed_files(before, after, may_change):
    problems = []
    for path, (kind, mode, content) in before.items():
        if any(path == p or path.startswith(p + "/") for p in may_change):
            if path in after and after[path][0] != kind:
                problems.append(f"{path} changed kind")
            continue
        if path not in after:
            problems.append(f"{path} was removed")
        elif after[path] != (kind, mode, content):
            problems.append(f"{path} was replaced or changed")
    problems += [f"temporary file left: {path}" for path in after if path.endswith(".tmp") or ".orgdesign-" in path]
    return problems


def lost_answers(path, answers):
    from orgdesign import load_profile
    from orgdesign.errors import OrgDesignError

    if not answers:
        return []
    try:
        saved = load_profile(path)
    except OrgDesignError as err:
        return [f"profile not readable: {err}"]
    return [f"answer lost: {q}" for q, v in answers.items() if saved.answer(q) != v]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="run one attempt in five")
    options = parser.parse_args(argv)
    attempts = all_attempts()
    if options.quick:
        attempts = attempts[::5]
    totals = {"attempts": 0, "tracebacks": 0, "hangs": 0, "files replaced": 0, "answers lost": 0, "other": 0}
    failed = 0
    started = time.monotonic()
    for attempt in attempts:
        folder = Path(tempfile.mkdtemp(prefix="orgdesign-hostile-"))
        try:
            problems, _ = run_attempt(attempt, folder)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        totals["attempts"] += 1
        for problem in problems:
            key = ("tracebacks" if problem.startswith("traceback") else "hangs" if problem == "hang"
                   else "answers lost" if problem.startswith(("answer lost", "profile not readable"))
                   else "files replaced" if "replaced" in problem or "removed" in problem or "kind" in problem
                   or "temporary" in problem else "other")
            totals[key] += 1
        if problems:
            failed += 1
            print(f"FAIL {attempt.name}: {'; '.join(problems)}", flush=True)
    print(f"{totals['attempts']} attempts in {time.monotonic() - started:.0f} s: {failed} failed; "
          + ", ".join(f"{key} {value}" for key, value in totals.items() if key != "attempts"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
