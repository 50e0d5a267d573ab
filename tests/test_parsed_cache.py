"""Parsed rule and knowledge files kept between runs: a speed-up that never changes what is read."""
import os

import pytest

from orgdesign import yaml_source
from orgdesign.errors import OrgDesignError
from orgdesign.yaml_source import ParsedCache, load_yaml

from .conftest import REPO

RULE_FILE = REPO / "rules" / "evidence" / "capabilities.yaml"


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "orgdesign" / "parsed-yaml"


def test_a_cached_file_reads_as_parsed_with_its_lines(cache_home, tmp_path, monkeypatch):
    copy = tmp_path / "rules.yaml"
    copy.write_bytes(RULE_FILE.read_bytes())
    parsed = load_yaml(copy, cached=True)
    assert len(list(cache_home.iterdir())) == 1
    # The second read comes from the cache: parsing is not even possible now.
    monkeypatch.setattr(yaml_source, "parse_yaml", lambda *a, **k: pytest.fail("parsed again"))
    again = load_yaml(copy, cached=True)
    assert (again.data, again.lines, again.path) == (parsed.data, parsed.lines, str(copy))
    assert again.line_of("rules", 0, "id") == parsed.line_of("rules", 0, "id") > 1


def test_a_changed_file_is_parsed_again(cache_home, tmp_path):
    path = tmp_path / "k.yaml"
    path.write_text("a: 1\n")
    assert load_yaml(path, cached=True).data == {"a": 1}
    path.write_text("a: 2\nb: [x]\n")
    document = load_yaml(path, cached=True)
    assert document.data == {"a": 2, "b": ["x"]} and document.line_of("b") == 2
    assert len(list(cache_home.iterdir())) == 2


def test_errors_are_never_cached_and_a_bad_entry_is_ignored(cache_home, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("a: 1\na: 2\n")
    for _ in range(2):
        with pytest.raises(OrgDesignError, match="duplicate key"):
            load_yaml(bad, cached=True)
    assert not cache_home.exists() or not list(cache_home.iterdir())
    good = tmp_path / "good.yaml"
    good.write_text("a: [1, 2]\n")
    load_yaml(good, cached=True)
    (entry,) = cache_home.iterdir()
    entry.write_bytes(b"not marshal data")
    assert load_yaml(good, cached=True).data == {"a": [1, 2]}


def test_a_cache_that_cannot_be_written_costs_nothing_but_time(tmp_path, monkeypatch):
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    path = tmp_path / "k.yaml"
    path.write_text("when: 2026-11-20\n")  # a date: not plain marshal data either
    assert str(load_yaml(path, cached=True).data["when"]) == "2026-11-20"
    assert ParsedCache().get(path.read_text()) is None and os.path.isfile(blocker)


def test_the_cache_keeps_to_its_limit(cache_home, tmp_path, monkeypatch):
    monkeypatch.setattr(ParsedCache, "LIMIT", 4)
    path = tmp_path / "k.yaml"
    for number in range(7):
        path.write_text(f"a: {number}\n")
        load_yaml(path, cached=True)
    assert 2 <= len(list(cache_home.iterdir())) <= 4
    assert load_yaml(path, cached=True).data == {"a": 6}
