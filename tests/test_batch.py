"""`orgdesign batch`: generated profiles, a corrupt one, resume, Ctrl-C."""
import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest
import yaml
from click.testing import CliRunner

from benchmarks.profiles import write_profiles
from orgdesign import load_profile, recommend
from orgdesign.cli import main

from .conftest import REPO, profile_text


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def profiles(tmp_path, reasoner):
    folder = tmp_path / "in"
    write_profiles(folder, 6, reasoner.knowledge, seed=7)
    return folder


def summary(out):
    return json.loads((out / "summary.json").read_text())


def test_corrupt_profile_is_reported_and_the_others_go_on(tmp_path, profiles, reasoner):
    bad = profiles / "client-00003.yaml"
    bad.write_text(profile_text({"employees": 50, "industry": "shipping"}))
    out = tmp_path / "out"
    result = run("batch", profiles, "--out", out, "--jobs", "2")
    assert result.exit_code == 1
    rows = summary(out)["profiles"]
    assert [r["profile"] for r in rows] == [str(p) for p in sorted(profiles.glob("*.yaml"))]
    failed = [r for r in rows if r["status"] == "failed"]
    assert [r["profile"] for r in failed] == [str(bad)]
    assert failed[0]["error"].startswith(f"{bad}:6: `shipping` is not a valid answer to `industry`")
    assert f"Error: {failed[0]['error']}" in result.output
    for row in rows:
        if row["status"] == "ok":
            expected = recommend(load_profile(row["profile"], reasoner), reasoner)
            assert row["archetype"] == expected["archetype"]["id"]
            assert row["confidence"] == expected["archetype"]["confidence"]
            written = json.loads((out / row["output"] / "recommendation.json").read_text())
            assert written == expected
    with open(out / "summary.csv", newline="") as handle:
        table = list(csv.DictReader(handle))
    assert [(r["profile"], r["status"]) for r in table] == [(r["profile"], r["status"]) for r in rows]
    assert "5 ok, 1 failed" in result.output


def test_rerun_skips_up_to_date_results_and_redoes_changed_ones(tmp_path, profiles):
    out = tmp_path / "out"
    assert run("batch", profiles, "--out", out, "--jobs", "1").exit_code == 0
    first_summary = (out / "summary.csv").read_bytes()
    first_summary_json = (out / "summary.json").read_text()
    marker = out / "client-00000" / "recommendation.json"
    stamp = marker.stat().st_mtime_ns

    again = run("batch", profiles, "--out", out, "--jobs", "1")
    assert again.exit_code == 0 and "(6 up to date, skipped)" in again.output
    assert marker.stat().st_mtime_ns == stamp
    assert (out / "summary.csv").read_bytes() == first_summary

    touched = profiles / "client-00001.yaml"
    later = time.time() + 5
    os.utime(touched, (later, later))  # a newer time alone changes nothing: freshness is by content
    changed = profiles / "client-00002.yaml"
    changed.write_text(changed.read_text() + "# revised\n")
    partial = run("batch", profiles, "--out", out, "--jobs", "1")
    assert "(5 up to date, skipped)" in partial.output
    assert summary(out)["profiles"][2]["profile_file_digest"] != json.loads(first_summary_json)["profiles"][2]["profile_file_digest"]
    assert marker.stat().st_mtime_ns == stamp

    forced = run("batch", profiles, "--out", out, "--jobs", "1", "--force")
    assert "up to date" not in forced.output and marker.stat().st_mtime_ns != stamp


def test_a_changed_rule_file_makes_every_result_stale(tmp_path, profiles, monkeypatch):
    from orgdesign.engine import reasoner as reasoner_module

    rules = tmp_path / "rules"
    shutil.copytree(REPO / "rules", rules)
    out = tmp_path / "out"
    assert run("batch", profiles, "--out", out, "--jobs", "1", "--rules", rules).exit_code == 0
    rule_file = rules / "evidence" / "where_ml_happens.yaml"
    rule_file.write_text(rule_file.read_text() + "# reviewed\n")
    monkeypatch.setattr(reasoner_module, "_CACHE", {})  # each command is a new process, reading the rules afresh
    again = run("batch", profiles, "--out", out, "--jobs", "1", "--rules", rules)
    assert again.exit_code == 0 and "up to date" not in again.output


def test_summary_only_writes_no_folders_and_resumes(tmp_path, profiles):
    out = tmp_path / "out"
    result = run("batch", str(profiles / "*.yaml"), "--out", out, "--summary-only", "--jobs", "2")
    assert result.exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == ["summary.csv", "summary.json"]
    assert summary(out)["totals"] == {"profiles": 6, "ok": 6, "failed": 0}
    full = tmp_path / "full"
    assert run("batch", profiles, "--out", full, "--jobs", "1").exit_code == 0
    strip = lambda rows: [{k: v for k, v in r.items() if k not in ("output", "outputs")} for r in rows]  # noqa: E731
    assert strip(summary(out)["profiles"]) == strip(summary(full)["profiles"])
    assert "(6 up to date, skipped)" in run("batch", profiles, "--out", out, "--summary-only").output


def test_csv_cells_cannot_become_formulas(tmp_path):
    profile = tmp_path / "evil.yaml"
    profile.write_text(profile_text({"employees": 40}, client="=HYPERLINK(\"http://x\",\"y\")\n"))
    out = tmp_path / "out"
    assert run("batch", profile, "--out", out, "--summary-only").exit_code == 0
    with open(out / "summary.csv", newline="") as handle:
        row = next(csv.DictReader(handle))
    assert row["client"] == "'=HYPERLINK(\"http://x\",\"y\") "
    # The line break was already folded when the profile was read (text_safety.client_line).
    assert summary(out)["profiles"][0]["client"] == "=HYPERLINK(\"http://x\",\"y\") "


def test_same_file_name_in_two_folders_gets_two_output_folders(tmp_path):
    for folder in ("north", "south"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "acme.yaml").write_text(profile_text({"employees": 40}, client=folder))
    out = tmp_path / "out"
    assert run("batch", tmp_path / "north", tmp_path / "south", "--out", out, "--jobs", "1").exit_code == 0
    rows = summary(out)["profiles"]
    assert len({r["output"] for r in rows}) == 2
    for row in rows:
        assert json.loads((out / row["output"] / "recommendation.json").read_text())["client"] == row["client"]


def test_a_path_that_names_nothing_is_an_error(tmp_path):
    result = run("batch", tmp_path / "nothing" / "*.yaml", "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert result.output == f"Error: {tmp_path / 'nothing' / '*.yaml'}: matches no profile files (*.yaml, *.yml); check the path or the pattern\n"


@pytest.mark.sweep   # a real process and a real SIGINT; the mid-write case runs in make test, in-process
def test_ctrl_c_stops_cleanly_and_keeps_the_summary_of_what_finished(tmp_path, reasoner):
    """The real command in its own process, interrupted as a terminal does; the summary lets a rerun go on.

    40 profiles: the first result is printed long before the last could be
    (chunks of 2, at most 8 profiles in flight), so the batch is always
    interrupted part-way whatever the machine's load.
    """
    folder = tmp_path / "in"
    write_profiles(folder, 40, reasoner.knowledge, seed=11)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "orgdesign", "batch", str(folder), "--out", str(out), "--jobs", "2"]
    # SIGINT back to its default in the child: a runner started from a background job ignores it,
    # and so would a Python started from it.
    process = subprocess.Popen(command, stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True, start_new_session=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    first_line = process.stderr.readline()
    assert first_line.startswith("[1/40] ok")
    os.killpg(process.pid, signal.SIGINT)  # what a terminal does on Ctrl-C: the whole process group
    _, err = process.communicate(timeout=120)
    assert process.returncode == 130 and "Interrupted: " in err and "Traceback" not in err
    document = summary(out)
    finished = document["profiles"]
    assert document["interrupted"] is True and 0 < len(finished) < 40
    assert all(r["status"] == "ok" and (out / r["output"] / "recommendation.json").is_file() for r in finished), \
        [(r["status"], r.get("error")) for r in finished if r["status"] != "ok"]
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]
    resumed = run("batch", folder, "--out", out, "--jobs", "2")
    assert resumed.exit_code == 0 and f"({len(finished)} up to date, skipped)" in resumed.output
    assert summary(out)["interrupted"] is False and summary(out)["totals"]["ok"] == 40


def test_ctrl_c_while_a_worker_is_mid_write_leaves_no_temporary_file(tmp_path, reasoner, monkeypatch):
    """Deterministic: Ctrl-C comes exactly while a worker has half of a result written.

    The worker writing the profile of "Slow Client" stops after its first
    file (as a process stopped by the scheduler would) and says so; only then
    is Ctrl-C pressed.  It cannot finish within the grace period, so the pool
    is terminated with the half-written set on disk: none of it may stay, and
    nothing of that profile may look finished.  The pool's workers are forked
    from this process, so they write through the patched function.
    """
    from orgdesign import file_set
    from orgdesign.batch import runner

    folder = tmp_path / "in"
    paths = write_profiles(folder, 12, reasoner.knowledge, seed=5)
    slow = paths[1]   # chunks of one profile: it goes to a worker at once, beside the first
    document = yaml.safe_load(slow.read_text())
    document["client"]["name"] = "Slow Client"
    slow.write_text(yaml.safe_dump(document, sort_keys=False))
    mid_write = tmp_path / "mid-write"
    real_write_new = file_set._write_new

    def write_then_stall(path, data, mode):
        real_write_new(path, data, mode)
        if b"Slow Client" in data:
            mid_write.touch()
            time.sleep(600)   # until the pool is terminated

    monkeypatch.setattr(file_set, "_write_new", write_then_stall)
    monkeypatch.setattr(runner, "available_cpus", lambda: 2)   # a pool even on a one-CPU machine
    monkeypatch.setattr(runner, "STOP_GRACE_SECONDS", 0.2)

    def ctrl_c_once_the_slow_worker_is_mid_write(row, reused):
        for _ in range(1200):
            if mid_write.exists():
                break
            time.sleep(0.05)
        assert mid_write.exists(), "the worker never started writing the slow profile's results"
        raise KeyboardInterrupt

    out = tmp_path / "out"
    plan = runner.plan_batch([folder], out, force=True)
    result = runner.execute_batch(plan, jobs=2, on_row=ctrl_c_once_the_slow_worker_is_mid_write)
    assert result.interrupted
    leftovers = [p for p in out.rglob("*") if p.name.endswith(".tmp") or p.name.startswith(".orgdesign-")]
    assert leftovers == []
    assert str(slow) not in {row["profile"] for row in result.rows}
    assert not (out / slow.stem).exists()
    for row in result.rows:   # what the summary lists is complete
        assert sorted(row["outputs"]) == sorted(p.name for p in (out / row["output"]).iterdir())
    assert summary(out)["interrupted"] is True


@pytest.mark.parametrize("mode", [[], ["--summary-only"]], ids=["full", "summary-only"])
def test_the_summary_counts_answers_that_disagree(tmp_path, mode):
    """A portfolio shows which profiles need their answers settled: Nordwerk's two contradict each other."""
    out = tmp_path / "out"
    assert run("batch", REPO / "examples", "--out", out, "--jobs", "1", *mode).exit_code == 0
    with open(out / "summary.csv", newline="") as handle:
        reader = csv.DictReader(handle)
        table = list(reader)
    assert reader.fieldnames[reader.fieldnames.index("gaps") + 1] == "conflicts"
    counts = {os.path.basename(r["profile"]): r["conflicts"] for r in table}
    assert counts.pop("rnd-manufacturing.yaml") == "1"
    assert set(counts.values()) == {"0"} and len(counts) >= 6
    assert {r["conflicts"] for r in summary(out)["profiles"]} == {0, 1}
