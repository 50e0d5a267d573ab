"""The files `recommend --out` writes: written atomically, stamped with the rule base, one chart throughout."""
import json
import os
import re
import shutil
import sys
from pathlib import Path

import pytest

from orgdesign.errors import OrgDesignError
from click.testing import CliRunner

from orgdesign.atomic_write import write_bytes_atomic, write_text_atomic
from orgdesign.cli import main
from orgdesign import paths
from orgdesign.paths import default_knowledge_dir, default_rules_dir, digest_folders
from orgdesign.report.chart import inline_svg

from .conftest import EXAMPLES, REPO


def leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# --- atomic writes -----------------------------------------------------------

def test_a_write_replaces_the_whole_file(tmp_path):
    target = tmp_path / "report.md"
    target.write_text("an old report that is longer than the new one\n")
    write_text_atomic(target, "new\n")
    assert target.read_text() == "new\n"
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("failure", [OSError("disk full"), KeyboardInterrupt()], ids=["disk full", "Ctrl-C"])
def test_a_write_that_fails_midway_leaves_the_old_file_whole(tmp_path, monkeypatch, failure):
    """The crash comes after the new bytes were written, before they are safe on disk."""
    target = tmp_path / "recommendation.json"
    target.write_bytes(b'{"old": true}\n')

    def crash(descriptor):
        raise failure

    monkeypatch.setattr(os, "fsync", crash)
    # A failed write is reported as the command line's `Error: PATH: reason` (or the interrupt goes on).
    with pytest.raises((type(failure), OrgDesignError)):
        write_bytes_atomic(target, b'{"new": "' + b"x" * 100_000 + b'"}\n')
    assert target.read_bytes() == b'{"old": true}\n'
    assert leftovers(tmp_path) == []


def test_the_new_bytes_wait_in_a_hidden_temporary_beside_the_target(tmp_path, monkeypatch):
    """Same folder, so the rename is atomic; hidden and ending in .tmp, so no `*.yaml` or `*.md` glob picks it up
    and a leftover from a killed process is recognisable."""
    target = tmp_path / "profile.yaml"
    seen = []
    real_replace = os.replace

    def watching_replace(source, destination):
        seen.append((Path(source), sorted(p.name for p in tmp_path.iterdir())))
        real_replace(source, destination)

    monkeypatch.setattr(os, "replace", watching_replace)
    write_text_atomic(target, "answers: {}\n")
    [(temporary, listing)] = seen
    assert temporary.parent == tmp_path
    assert temporary.name.startswith(".profile.yaml.") and temporary.name.endswith(".tmp")
    assert listing == [temporary.name]
    assert target.read_text() == "answers: {}\n"


def test_threads_reading_the_umask_at_once_leave_it_as_it_was():
    """Reading the umask sets it for a moment; the file-set writers do it from several threads at once."""
    from concurrent.futures import ThreadPoolExecutor

    from orgdesign.atomic_write import current_umask

    before, interval = os.umask(0o077), sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads take turns as often as they can
    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            seen = set(pool.map(lambda _: current_umask(), range(5000)))
        assert seen == {0o077} and current_umask() == 0o077
    finally:
        sys.setswitchinterval(interval)
        os.umask(before)


def test_a_failed_first_write_leaves_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(os, "replace", lambda *paths: (_ for _ in ()).throw(OSError("read-only")))
    with pytest.raises(OrgDesignError, match="read-only"):
        write_text_atomic(tmp_path / "orgchart.gv", "digraph {}\n")
    assert list(tmp_path.iterdir()) == []


# --- the rule base's digest ----------------------------------------------------

@pytest.fixture
def rule_base(tmp_path):
    rules, knowledge = tmp_path / "rules", tmp_path / "knowledge"
    shutil.copytree(REPO / "rules", rules)
    shutil.copytree(REPO / "knowledge", knowledge)
    return rules, knowledge


def test_digest_is_the_same_for_the_same_files_anywhere(rule_base):
    assert digest_folders(*rule_base) == digest_folders(REPO / "rules", REPO / "knowledge")


def test_digest_is_written_as_design_md_says(rule_base):
    assert re.fullmatch(r"sha256:[0-9a-f]{64}", digest_folders(*rule_base))


@pytest.mark.parametrize("getter, installed, checkout", [(default_knowledge_dir, "knowledge", "knowledge"),
                                                         (default_rules_dir, "rulebase", "rules")])
def test_an_installed_package_reads_its_own_rule_base(tmp_path, monkeypatch, getter, installed, checkout):
    """Installed, the folders sit inside the package; in a checkout, beside it. The installed copy wins."""
    package = tmp_path / "orgdesign"
    monkeypatch.setattr(paths, "_PACKAGE_DIR", package)
    assert getter() == tmp_path / checkout  # neither exists yet: the checkout's place is named
    (tmp_path / checkout).mkdir()
    assert getter() == tmp_path / checkout
    (package / installed).mkdir(parents=True)
    assert getter() == package / installed


def test_digest_changes_with_one_character_of_a_rule_file(rule_base):
    rules, knowledge = rule_base
    before = digest_folders(rules, knowledge)
    path = rules / "evidence" / "where_ml_happens.yaml"
    path.write_text(path.read_text().replace("cf: 0.7", "cf: 0.75", 1))
    assert digest_folders(rules, knowledge) != before


def test_digest_changes_when_a_file_is_renamed_or_added(rule_base):
    rules, knowledge = rule_base
    before = digest_folders(rules, knowledge)
    (rules / "design" / "model_ownership.yaml").rename(rules / "design" / "model_ownership_v2.yaml")
    renamed = digest_folders(rules, knowledge)
    assert renamed != before
    (knowledge / "extra.yaml").write_text("{}\n")
    assert digest_folders(rules, knowledge) not in (before, renamed)


def test_digest_tells_which_folder_a_file_is_in(tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()
    (one / "a.yaml").write_text("x: 1\n")
    moved = digest_folders(one, two)
    (one / "a.yaml").rename(two / "a.yaml")
    assert digest_folders(one, two) != moved


def test_every_output_is_stamped_with_the_rule_base_it_came_from(rule_base, tmp_path):
    example = str(EXAMPLES / "mixed-retail.yaml")

    def stamp(rules, knowledge):
        result = CliRunner().invoke(main, ["recommend", example, "--json", "--rules", str(rules), "--knowledge", str(knowledge)])
        assert result.exit_code == 0, result.output
        return json.loads(result.output)["rulebase"]["digest"]

    shipped = stamp(*rule_base)
    # An edited copy (its own folders: a reasoner is built once per folder and process).
    rules, knowledge = tmp_path / "edited" / "rules", tmp_path / "edited" / "knowledge"
    shutil.copytree(rule_base[0], rules)
    shutil.copytree(rule_base[1], knowledge)
    assert stamp(rules, knowledge) == shipped
    path = knowledge / "archetypes.yaml"
    path.write_text(path.read_text() + "\n# a consultant's comment\n")
    edited = tmp_path / "edited-again"
    shutil.copytree(tmp_path / "edited", edited)
    assert stamp(edited / "rules", edited / "knowledge") != shipped


# --- one chart throughout ----------------------------------------------------

@pytest.mark.parametrize("name", ["mixed-retail", "independent-division-bank"])
def test_report_inlines_exactly_the_chart_written_as_orgchart_svg(tmp_path, name):
    example = str(EXAMPLES / f"{name}.yaml")
    result = CliRunner().invoke(main, ["recommend", example, "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    out = tmp_path / "out"
    chart = (out / "orgchart.svg").read_text(encoding="utf-8")
    page = (out / "report.html").read_text(encoding="utf-8")
    # Today's chart, the recommended one (orgchart.svg) and, small, each roadmap stage's are inlined.
    today = (out / "orgchart-today.svg").read_text(encoding="utf-8")
    stages = sorted(out.glob("orgchart-stage-*.svg"))
    assert len(stages) >= 2 and page.count("<svg") == 2 + len(stages)
    assert inline_svg(chart) in page
    assert inline_svg(today, label="Organisation chart today") in page
    # ...and it is the chart `render` draws for the same profile.
    rendered = CliRunner().invoke(main, ["render", example, "--format", "svg", "-o", str(tmp_path / "render.svg")])
    assert rendered.exit_code == 0, rendered.output
    assert (tmp_path / "render.svg").read_text(encoding="utf-8") == chart
    assert leftovers(out) == []


def test_caches_live_where_design_md_says(monkeypatch, tmp_path):
    """$XDG_CACHE_HOME/orgdesign/NAME, and ~/.cache/orgdesign/NAME when the variable is unset or empty."""
    from orgdesign.paths import cache_folder

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_folder("drawings") == tmp_path / "xdg" / "orgdesign" / "drawings"
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    for unset in (lambda: monkeypatch.delenv("XDG_CACHE_HOME"), lambda: monkeypatch.setenv("XDG_CACHE_HOME", "")):
        unset()
        assert cache_folder("parsed-yaml") == tmp_path / "home" / ".cache" / "orgdesign" / "parsed-yaml"


def test_a_disk_that_fills_up_mid_write_is_reported_at_the_file_with_what_to_do(tmp_path, monkeypatch):
    import errno

    target = tmp_path / "report.html"

    def full(descriptor):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OrgDesignError) as caught:
        write_bytes_atomic(target, b"<html></html>")
    assert str(caught.value) == (f"{target}: cannot write (No space left on device); "
                                 "free some space, or choose a folder on another disk")
    assert leftovers(tmp_path) == [] and not target.exists()


def test_a_path_through_a_file_is_reported_at_the_path(tmp_path):
    (tmp_path / "notes.txt").write_text("a file, not a folder")
    target = tmp_path / "notes.txt" / "report.html"
    with pytest.raises(OrgDesignError) as caught:
        write_bytes_atomic(target, b"<html></html>")
    assert str(caught.value) == (f"{target}: cannot write (Not a directory); "
                                 "a part of the path is a file, not a folder; choose another path")


@pytest.mark.parametrize("name, options, refused", [
    ("orgchart-stage-1.gv", (), True),      # a stage chart this run writes
    ("report.pdf", ("--pdf",), True),       # the PDF, when asked for
    ("report.pdf", (), False),              # not written without --pdf, so not in the way
])
def test_a_run_never_writes_over_the_profile_it_reads(tmp_path, name, options, refused):
    from click.testing import CliRunner

    from orgdesign.cli import main

    out = tmp_path / "out"
    out.mkdir()
    profile = out / name
    text = (REPO / "examples" / "product-embedded-fintech.yaml").read_text()
    profile.write_text(text)
    result = CliRunner().invoke(main, ["recommend", str(profile), "-o", str(out), *options])
    assert profile.read_text() == text
    if refused:
        assert result.exit_code == 1
        assert result.output == (f"Error: {profile}: would overwrite the input file (the run reads it: profile, rule or "
                                 "knowledge file); choose another output path\n")
    else:
        assert result.exit_code == 0, result.output
