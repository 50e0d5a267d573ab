"""Issue 15, classes 1-4, and output file modes: nothing replaced, sets complete or absent."""
import errno
import os
import shutil
import stat

import pytest

from orgdesign import file_set

from .helpers import REPO, one_error_line, run, run_process, snapshot, write_profile

REPORT_FILES = {"recommendation.json", "orgchart.gv", "orgchart.svg", "report.md", "report.html", "audit.md", "audit.html"}


# -- 1. special files and links ----------------------------------------------------------------
def test_a_fifo_target_is_refused_and_stays_a_fifo(tmp_path):
    profile = write_profile(tmp_path)
    target = tmp_path / "n"
    os.mkfifo(target)
    result = run("render", profile, "-o", target)
    assert result.exit_code == 1
    assert one_error_line(result) == (f"Error: {target}: is a FIFO (named pipe), not a regular file; orgdesign never "
                                      "replaces one; give the path of a file to write")
    assert stat.S_ISFIFO(target.lstat().st_mode)


def test_dash_writes_to_standard_output(tmp_path):
    profile = write_profile(tmp_path)
    result = run("render", profile, "--format", "gv", "-o", "-")
    assert result.exit_code == 0 and "\ndigraph" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["profile.yaml"]


def test_a_link_is_written_through_and_stays_a_link(tmp_path):
    profile = write_profile(tmp_path)
    real = tmp_path / "real.gv"
    real.write_text("old\n")
    link = tmp_path / "chart.gv"
    link.symlink_to(real.name)
    assert run("render", profile, "--format", "gv", "-o", link).exit_code == 0
    assert link.is_symlink() and os.readlink(link) == "real.gv"
    assert "\ndigraph" in real.read_text()


def test_a_special_file_inside_an_output_folder_is_refused_before_anything_is_written(tmp_path):
    profile = write_profile(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    os.mkfifo(out / "report.html")
    result = run("recommend", profile, "--out", out)
    assert result.exit_code == 1 and "report.html: is a FIFO (named pipe), not a regular file" in one_error_line(result)
    assert sorted(p.name for p in out.iterdir()) == ["report.html"]


# -- 2. no output replaces an input ---------------------------------------------------------------
def test_render_cannot_replace_a_rule_file(tmp_path):
    profile = write_profile(tmp_path)
    rules = tmp_path / "myrules"
    shutil.copytree(REPO / "rules", rules)
    before = (rules / "rulebase.yaml").read_bytes()
    result = run("render", profile, "--rules", rules, "--format", "gv", "-o", rules / "rulebase.yaml")
    assert result.exit_code == 1
    assert one_error_line(result) == (f"Error: {rules / 'rulebase.yaml'}: would overwrite the input file (the run reads "
                                      "it: profile, rule or knowledge file); choose another output path")
    assert (rules / "rulebase.yaml").read_bytes() == before


def test_explain_cannot_replace_a_knowledge_file(tmp_path):
    profile = write_profile(tmp_path)
    knowledge = tmp_path / "knowledge"
    shutil.copytree(REPO / "knowledge", knowledge)
    target = knowledge / "archetypes.yaml"
    before = target.read_bytes()
    result = run("explain", profile, "--knowledge", knowledge, "--how", "archetype", "--out", target)
    assert result.exit_code == 1 and "would overwrite the input file" in one_error_line(result)
    assert target.read_bytes() == before


def test_a_hard_link_to_the_profile_is_an_input_too(tmp_path):
    profile = write_profile(tmp_path)
    os.link(profile, tmp_path / "chart.gv")
    result = run("render", profile, "--format", "gv", "-o", tmp_path / "chart.gv")
    assert result.exit_code == 1 and "would overwrite the input file" in one_error_line(result)
    assert profile.read_text().startswith("profile_version")


# -- 3. write failures: one Error line, exit 1, and the set complete or absent -----------------------
@pytest.mark.parametrize("command", ["recommend", "batch", "render", "interview"])
def test_a_path_under_proc_is_a_clear_error(tmp_path, command):
    profile = write_profile(tmp_path)
    target = "/proc/orgdesign-cannot-write-here"
    args = {"recommend": ("recommend", profile, "--out", target),
            "batch": ("batch", profile, "--out", target),
            "render": ("render", profile, "-o", target + "/chart.svg"),
            "interview": ("interview", "--out", target + ".yaml")}[command]
    result = run(*args, input="Acme\n")
    assert result.exit_code == 1, result.output
    line = one_error_line(result)
    assert line.startswith("Error: /proc/orgdesign-cannot-write-here")


def test_a_folder_where_a_report_should_go_is_refused_and_nothing_is_written(tmp_path):
    profile = write_profile(tmp_path)
    out = tmp_path / "out"
    (out / "report.md").mkdir(parents=True)
    result = run("recommend", profile, "--out", out)
    assert result.exit_code == 1 and "report.md: is a folder, not a regular file" in one_error_line(result)
    assert sorted(p.name for p in out.iterdir()) == ["report.md"]


def _disk_fills_after(monkeypatch, files_written):
    real_write = file_set._write_new
    count = {"n": 0}

    def failing_write(path, data, mode):
        count["n"] += 1
        if count["n"] > files_written:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        return real_write(path, data, mode)

    monkeypatch.setattr(file_set, "_write_new", failing_write)


def test_a_full_disk_leaves_no_output_folder(tmp_path, monkeypatch):
    profile = write_profile(tmp_path)
    _disk_fills_after(monkeypatch, 4)
    out = tmp_path / "out"
    result = run("recommend", profile, "--out", out)
    assert result.exit_code == 1
    assert one_error_line(result) == (f"Error: {out}: cannot write (No space left on device); free some space, "
                                      "or choose a folder on another disk")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["profile.yaml"]


def test_a_full_disk_leaves_the_previous_outputs_untouched(tmp_path, monkeypatch):
    profile = write_profile(tmp_path)
    out = tmp_path / "out"
    assert run("recommend", profile, "--out", out).exit_code == 0
    before = snapshot(out)
    profile.write_text(profile.read_text().replace("employees: 120", "employees: 9000"))
    _disk_fills_after(monkeypatch, 4)
    result = run("recommend", profile, "--out", out)
    assert result.exit_code == 1 and "No space left on device" in one_error_line(result)
    assert snapshot(out) == before


def test_a_full_disk_in_a_batch_is_a_failed_row_not_a_traceback(tmp_path, monkeypatch):
    write_profile(tmp_path / "in" if (tmp_path / "in").mkdir() is None else tmp_path)
    _disk_fills_after(monkeypatch, 2)
    result = run("batch", tmp_path / "in", "--out", tmp_path / "out", "--jobs", "1")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "cannot write (No space left on device)" in result.output
    assert not (tmp_path / "out" / "profile").exists()


# -- 4 and issue 14: modes as people expect -------------------------------------------------------
@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_outputs_get_the_mode_open_gives_under_the_umask(tmp_path, umask, mode):
    profile = write_profile(tmp_path)
    # In this process under the umask (a new process would inherit it the same way); one real process below.
    previous = os.umask(umask)
    try:
        assert run("recommend", profile, "--out", tmp_path / "out").exit_code == 0
        assert run("render", profile, "-o", tmp_path / "chart.svg").exit_code == 0
        assert run("explain", profile, "--out", tmp_path / "why.txt").exit_code == 0
    finally:
        os.umask(previous)
    written = [tmp_path / "out" / name for name in REPORT_FILES] + [tmp_path / "chart.svg", tmp_path / "why.txt"]
    assert {p.name: stat.S_IMODE(p.stat().st_mode) for p in written} == {p.name: mode for p in written}
    assert stat.S_IMODE((tmp_path / "out").stat().st_mode) == 0o777 & ~umask


def test_a_real_process_applies_its_umask(tmp_path):
    assert run_process("recommend", write_profile(tmp_path), "--out", tmp_path / "out", umask=0o077).returncode == 0
    assert {stat.S_IMODE((tmp_path / "out" / name).stat().st_mode) for name in REPORT_FILES} == {0o600}


def test_a_replaced_output_keeps_its_mode(tmp_path):
    profile = write_profile(tmp_path)
    out = tmp_path / "out"
    assert run("recommend", profile, "--out", out).exit_code == 0
    os.chmod(out / "report.html", 0o640)
    chart = tmp_path / "chart.svg"
    chart.write_text("old")
    os.chmod(chart, 0o604)
    assert run("recommend", profile, "--out", out).exit_code == 0
    assert run("render", profile, "-o", chart).exit_code == 0
    assert stat.S_IMODE((out / "report.html").stat().st_mode) == 0o640
    assert stat.S_IMODE(chart.stat().st_mode) == 0o604 and chart.read_text().startswith("<?xml")


def test_resume_keeps_the_profile_mode(tmp_path):
    profile = tmp_path / "acme.yaml"
    shutil.copy(REPO / "examples" / "mixed-retail.yaml", profile)
    os.chmod(profile, 0o644)
    result = run("interview", "--resume", profile, input="\n\n")
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(profile.stat().st_mode) == 0o644
