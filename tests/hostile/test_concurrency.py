"""Issue 15, classes 16-21: locks, links, freshness, Ctrl-C, --jobs, --how."""
import json
import os
import shutil
import subprocess
import sys

import pytest

from benchmarks.profiles import write_profiles
from orgdesign import load_profile
from orgdesign.batch import runner
from orgdesign.file_lock import folder_lock, profile_lock

from .helpers import REPO, one_error_line, run, run_process, write_profile


# -- 16. advisory locks --------------------------------------------------------------------------
def test_a_second_interview_on_one_profile_is_refused(tmp_path):
    profile = tmp_path / "acme.yaml"
    first = subprocess.Popen([sys.executable, "-m", "orgdesign", "interview", "--out", str(profile)],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             env=dict(os.environ, PYTHONPATH=str(REPO)))
    try:
        first.stdin.write("Acme\n\n\n")   # the client, no consultant, today
        first.stdin.flush()
        while "Question 1 of" not in first.stdout.readline():  # the name is saved, the lock held
            pass
        second = run_process("interview", "--resume", profile, input="\n", timeout=60)
        assert second.returncode == 1
        assert second.stderr == (f"Error: {profile}: in use by process {first.pid}; another `orgdesign interview` is "
                                 "saving this profile; finish or stop it first\n")
    finally:
        first.stdin.write("120\n")
        first.stdin.close()
        first.wait(timeout=60)
    assert load_profile(profile).answer("employees") == 120  # the first interview's answer is not lost
    assert not (tmp_path / ".acme.yaml.lock").exists()


def test_a_second_batch_into_one_folder_is_refused(tmp_path):
    profile = write_profile(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    with folder_lock(out):
        result = run_process("batch", profile, "--out", out, timeout=60)
    assert result.returncode == 1
    assert result.stderr == (f"Error: {out}: in use by process {os.getpid()}; another `orgdesign batch` is writing into "
                             "this folder; wait for it, or choose another --out\n")
    assert sorted(p.name for p in out.iterdir()) == []


def test_a_lock_left_by_a_dead_process_blocks_nobody(tmp_path):
    profile = write_profile(tmp_path, "acme.yaml")
    (tmp_path / ".acme.yaml.lock").write_text("999999\n")
    assert run("interview", "--resume", profile, input="unknown\n" * 25 + "\n" * 5).exit_code == 0
    with profile_lock(profile):
        assert (tmp_path / ".acme.yaml.lock").read_text() == f"{os.getpid()}\n"


# -- 17. --resume through a link, keeping hand comments ----------------------------------------------
def test_resume_writes_through_a_link_and_keeps_hand_comments(tmp_path, reasoner):
    real = tmp_path / "real.yaml"
    text = (REPO / "examples" / "mixed-retail.yaml").read_text()
    text = text.replace("answers:\n", "answers:\n  # confirmed with the CTO on Monday\n", 1)
    real.write_text("# prepared by A. Consultant\n" + text.replace("  employees:", "  # employees: not answered yet\n  #employees:"))
    link = tmp_path / "link.yaml"
    link.symlink_to(real.name)
    result = run("interview", "--resume", link, input="4200\n\n")
    assert result.exit_code == 0, result.output
    assert link.is_symlink()
    saved = real.read_text()
    assert load_profile(real, reasoner).answer("employees") == 4200
    assert "# prepared by A. Consultant\n" in saved
    assert "answers:\n  # confirmed with the CTO on Monday\n" in saved


# -- 18. freshness by content ---------------------------------------------------------------------
def test_a_changed_profile_with_an_older_time_is_run_again(tmp_path):
    profiles = tmp_path / "in"
    profiles.mkdir()
    profile = write_profile(profiles, "acme.yaml")
    old_time = profile.stat().st_mtime - 3600
    out = tmp_path / "out"
    assert run("batch", profiles, "--out", out, "--jobs", "1").exit_code == 0
    profile.write_text(profile.read_text().replace("employees: 120", "employees: 9000"))
    os.utime(profile, (old_time, old_time))  # as `cp -p` or `git checkout` of an older version leave it
    again = run("batch", profiles, "--out", out, "--jobs", "1")
    assert again.exit_code == 0 and "up to date" not in again.output
    rec = json.loads((out / "acme" / "recommendation.json").read_text())
    assert any(f["type"] == "answer" and f["fields"] == {"question": "employees", "value": 9000}
               for f in rec["trace"]["facts"]) or '"value": 9000' in json.dumps(rec["trace"])


# -- 19. Ctrl-C ------------------------------------------------------------------------------------
@pytest.fixture
def many(tmp_path, reasoner):
    folder = tmp_path / "in"
    write_profiles(folder, 40, reasoner.knowledge, seed=3)
    return folder


def test_ctrl_c_in_a_batch_exits_130_and_keeps_what_finished(tmp_path, many, monkeypatch):
    calls = {"n": 0}
    real_run_job = runner.run_job

    def interrupted_on_the_fourth(job):
        calls["n"] += 1
        if calls["n"] == 4:
            raise KeyboardInterrupt
        return real_run_job(job)

    monkeypatch.setattr(runner, "run_job", interrupted_on_the_fourth)
    out = tmp_path / "out"
    result = run("batch", many, "--out", out, "--jobs", "1")
    assert result.exit_code == 130
    assert "Interrupted: 37 profiles not run; run the same command again to go on." in result.output
    document = json.loads((out / "summary.json").read_text())
    assert document["interrupted"] is True and document["totals"]["ok"] == 3
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]


def test_a_worker_stopped_mid_write_leaves_no_temporary_file(tmp_path, many, monkeypatch, reasoner):
    # No grace at all: the pool is terminated at once, whatever its workers are writing.
    monkeypatch.setattr(runner, "STOP_GRACE_SECONDS", 0.0)
    rows = []

    def interrupt_after_two(row, reused):
        rows.append(row)
        if len(rows) == 2:
            raise KeyboardInterrupt

    plan = runner.plan_batch([many], tmp_path / "out", force=True)
    result = runner.execute_batch(plan, jobs=2, on_row=interrupt_after_two)
    assert result.interrupted and 2 <= len(result.rows) < 40
    assert not [p for p in (tmp_path / "out").rglob("*") if p.name.endswith(".tmp")]
    for row in result.rows:
        assert sorted(row["outputs"]) == sorted(p.name for p in (tmp_path / "out" / row["output"]).iterdir())


# -- 20. --jobs is capped ------------------------------------------------------------------------------
def test_jobs_are_capped_to_profiles_and_cpus(tmp_path, many):
    result = run("batch", many, "--out", tmp_path / "out", "--jobs", "10000", "--summary-only")
    assert result.exit_code == 0
    cpus = runner.available_cpus()
    assert f"Note: --jobs 10000 capped to {min(40, cpus)} (40 profiles to run, {cpus} CPUs)." in result.output
    assert runner.worker_count(10000, 100) == min(100, cpus) and runner.worker_count(None, 1) == 1


# -- 21. explain --how UNKNOWN ---------------------------------------------------------------------------
def test_how_with_an_unknown_name_is_a_usage_error(tmp_path):
    result = run("explain", write_profile(tmp_path), "--how", "design_choises")
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == ("Error: Invalid value for --how: `design_choises` names no conclusion "
                                              "of this profile; did you mean `design_choice`?")
