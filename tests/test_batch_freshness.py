"""A re-run of `orgdesign batch` redoes exactly the results a rule-base change could alter.

A result stands while the digests of its profile and of the rule base are
the ones recorded with it; file times play no part (issue 15: a `cp -p` or a
checkout must not hide a change, and a touched file changes nothing). A reasoner is
built once per folder and process, so each changed rule base here is a
copy in a folder of its own, as it would be in a new `orgdesign` process.
"""
import json
import os
import shutil
import time

import pytest
from click.testing import CliRunner

from benchmarks.profiles import write_profiles
from orgdesign.cli import main

from .conftest import REPO

PROFILES = 2


@pytest.fixture
def profiles(tmp_path, reasoner):
    folder = tmp_path / "in"
    write_profiles(folder, PROFILES, reasoner.knowledge, seed=11)
    return folder


def rule_base_copy(tmp_path, name):
    """A copy of the shipped rule base with the files' times kept (shutil.copytree copies them)."""
    shutil.copytree(REPO / "rules", tmp_path / name / "rules")
    shutil.copytree(REPO / "knowledge", tmp_path / name / "knowledge")
    return tmp_path / name / "rules", tmp_path / name / "knowledge"


def batch(profiles, out, rule_base, *options):
    rules, knowledge = rule_base
    result = CliRunner().invoke(main, ["batch", str(profiles), "--out", str(out), "--jobs", "1", "--rules", str(rules),
                                       "--knowledge", str(knowledge), *options])
    assert result.exit_code == 0, result.output
    return result.output


def edit_keeping_time(path, old, new):
    """Change a file's content but not its modification time (a copy, a checkout, a clock skew)."""
    stat = path.stat()
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


@pytest.mark.parametrize("options", [()], ids=["outputs"])
def test_the_same_rule_base_in_another_folder_reuses_every_result(tmp_path, profiles, options):
    out = tmp_path / "out"
    batch(profiles, out, rule_base_copy(tmp_path, "first"), *options)
    again = batch(profiles, out, rule_base_copy(tmp_path, "same"), *options)
    assert f"({PROFILES} up to date, skipped)" in again


@pytest.mark.parametrize("options", [("--summary-only",)], ids=["summary only"])
def test_changed_rules_redo_every_result_even_with_old_file_times(tmp_path, profiles, options):
    out = tmp_path / "out"
    batch(profiles, out, rule_base_copy(tmp_path, "first"), *options)
    rules, knowledge = rule_base_copy(tmp_path, "edited")
    edit_keeping_time(rules / "evidence" / "where_ml_happens.yaml", "cf: 0.7", "cf: 0.75")
    assert "up to date" not in batch(profiles, out, (rules, knowledge), *options)


def test_a_summary_without_its_rule_base_stamp_redoes_everything(tmp_path, profiles):
    """An older or hand-edited summary.json: its results cannot be trusted, and the batch must not crash on it."""
    out = tmp_path / "out"
    rule_base = rule_base_copy(tmp_path, "only")
    batch(profiles, out, rule_base, "--summary-only")
    summary = out / "summary.json"
    document = json.loads(summary.read_text())
    del document["rulebase"]
    summary.write_text(json.dumps(document))
    assert "up to date" not in batch(profiles, out, rule_base, "--summary-only")




def test_a_result_whose_output_folder_was_renamed_is_redone_not_taken_from_an_older_folder(tmp_path, reasoner):
    """A profile's folder name depends on its neighbours (two `acme.yaml` get hashed names).

    When the name changes back, the folder of that name may still hold an
    older run's results, from another rule base: they must not be taken
    for the current ones.
    """
    profiles = tmp_path / "in"
    write_profiles(profiles / "a", 1, reasoner.knowledge, seed=11)
    (lone,) = (profiles / "a").glob("*.yaml")
    out = tmp_path / "out"
    old_rules, old_knowledge = rule_base_copy(tmp_path, "old")
    edit_keeping_time(old_rules / "evidence" / "where_ml_happens.yaml", "cf: 0.7", "cf: 0.75")
    batch(profiles, out, (old_rules, old_knowledge))             # run 1: old rule base, folder <stem>
    plain = out / lone.stem
    old_digest = json.loads((plain / "recommendation.json").read_text())["rulebase"]["digest"]
    twin = profiles / "b" / lone.name
    twin.parent.mkdir()
    shutil.copy2(lone, twin)
    current = rule_base_copy(tmp_path, "current")
    batch(profiles, out, current)                                  # run 2: two twins, hashed folders
    twin.unlink()
    batch(profiles, out, current)                                  # run 3: the plain name again
    new_digest = json.loads((plain / "recommendation.json").read_text())["rulebase"]["digest"]
    assert new_digest != old_digest
