"""How long `orgdesign lint` takes as the rule base grows (not a test).

    .venv/bin/python -m benchmarks.lint_scale             # the shipped rules, +1,000 and +10,000
    .venv/bin/python -m benchmarks.lint_scale 0 1000      # chosen sizes (extra rules)

The extra rules are variants of the shipped evidence rules: each copies one
rule's conditions and asserts evidence for the same archetype with its own
certainty factor, under a new id, in files of 500 rules in the evidence
layer. They load, compile and pass lint like the shipped rules, so every
check does its full work on them.
"""
import shutil
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
PER_FILE = 500


def write_scaled_rule_base(destination, extra):
    """A copy of rules/ with ``extra`` generated evidence rules; returns the rules folder."""
    rules = Path(destination) / "rules"
    shutil.copytree(REPO / "rules", rules)
    templates = [rule for path in sorted((REPO / "rules" / "evidence").glob("*.yaml"))
                 for rule in yaml.safe_load(path.read_text(encoding="utf-8"))["rules"]]
    generated = []
    for number in range(extra):
        rule = dict(templates[number % len(templates)])
        rule["id"] = f"evidence.generated.r{number:05d}"
        rule["then"] = [_varied(assertion, number) for assertion in rule["then"]]
        generated.append(rule)
    for start in range(0, extra, PER_FILE):
        path = rules / "evidence" / f"zz_generated_{start // PER_FILE:03d}.yaml"
        text = yaml.dump({"rules": generated[start:start + PER_FILE]}, Dumper=_PlainDumper, sort_keys=False)
        path.write_text(text, encoding="utf-8")
    return rules


class _PlainDumper(yaml.SafeDumper):
    """Writes shared values out in full: rule files may not hold anchors and aliases."""

    def ignore_aliases(self, data):
        return True


def _varied(assertion, number):
    (fact_type, fields), = assertion.items()
    if fact_type == "evidence" and isinstance(fields.get("cf"), (int, float)):
        # Distinct certainty factors: no generated rule merely repeats another.
        sign = 1 if fields["cf"] > 0 else -1
        fields = dict(fields, cf=sign * round(0.01 + (number % 97) / 200, 3))
    return {fact_type: fields}


def time_lint(extra):
    from orgdesign.lint import run_lint

    with tempfile.TemporaryDirectory(prefix="orgdesign-lint-scale-") as work:
        rules = write_scaled_rule_base(work, extra)
        started, cpu_started = time.perf_counter(), time.process_time()
        report = run_lint(rules, REPO / "knowledge", out_dir=Path(work) / "counterexamples")
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    return report.figures.get("rules", 0), seconds, cpu, len(report.findings)


def main(argv=None):
    sizes = [int(a) for a in (argv if argv is not None else sys.argv[1:])] or [0, 1000, 10000]
    # CPU time beside wall time: on a shared machine the wall time measures the neighbours too.
    print("| rules | lint, wall (s) | lint, CPU (s) | findings |\n|---:|---:|---:|---:|")
    for extra in sizes:
        rules, seconds, cpu, findings = time_lint(extra)
        print(f"| {rules:,} | {seconds:.1f} | {cpu:.1f} | {findings} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
