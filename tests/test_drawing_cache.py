"""Chart drawings kept between runs: the same DOT text and the same Graphviz give the same SVG, so it is reused.

Every test draws with the real `dot` (and `unflatten`), in a cache folder of its own.
"""
import json
import multiprocessing
import os
import shutil
import stat

import pytest
from click.testing import CliRunner

from orgdesign.cli import main
from orgdesign.orgchart import GraphvizMissingError, graphviz_program
from orgdesign.orgchart.drawing_cache import DrawingCache
from orgdesign.orgchart.graphviz_program import WRAP_WIDTH_PT, laid_out, svg_width_pt

from .conftest import EXAMPLES

NARROW = 'digraph g {\n\ta [label="Acme"]\n\tb [label="Data team"]\n\ta -> b\n}\n'
# A fan too wide for one rank: drawn again with its leaves staggered (unflatten), and that drawing is kept.
WIDE = "digraph g {\n" + "".join(f'\thead -> leaf{n} [label=""]\n\tleaf{n} [label="Team member {n}"]\n'
                                 for n in range(14)) + "}\n"


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "orgdesign" / "drawings"


def no_graphviz_runs(monkeypatch):
    """From here on, any Graphviz process fails the test."""
    def refuse(*args, **kwargs):
        pytest.fail("Graphviz was run although the drawing was kept")

    monkeypatch.setattr(graphviz_program, "run_dot", refuse)
    monkeypatch.setattr(graphviz_program, "unflatten", refuse)


def entries(cache):
    return sorted(p for p in cache.iterdir() if not p.name.startswith(".")) if cache.exists() else []


@pytest.mark.parametrize("source", [NARROW, WIDE], ids=["narrow", "wide"])
def test_a_drawing_made_again_is_the_kept_one_byte_for_byte(cache, monkeypatch, source):
    drawn = laid_out(source)
    assert len(entries(cache)) == 1
    no_graphviz_runs(monkeypatch)
    assert laid_out(source) == drawn


def test_the_wide_drawing_keeps_its_wrapped_source(cache):
    wrapped, svg = laid_out(WIDE)
    assert wrapped != WIDE and svg_width_pt(graphviz_program.run_dot(WIDE, "svg").decode()) > WRAP_WIDTH_PT
    assert laid_out(WIDE) == (wrapped, svg)
    # `render --format png` draws the wrapped text it takes from the cache.
    assert graphviz_program.draw(WIDE, "png")[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_changed_text_is_drawn_anew(cache):
    _, before = laid_out(NARROW)
    _, after = laid_out(NARROW.replace("Data team", "Forecasting Lab"))
    assert "Data team" in before and "Forecasting Lab" in after and "Data team" not in after
    assert len(entries(cache)) == 2


def fake_dot(folder):
    """A `dot` of its own on PATH: another program as far as the cache can tell, drawing as the real one."""
    folder.mkdir()
    for name in ("dot", "unflatten"):
        program = folder / name
        program.write_text(f'#!/bin/sh\nexec {shutil.which(name)} "$@"\n')
        program.chmod(0o755)
    return folder / "dot"


def test_another_graphviz_draws_anew(cache, tmp_path, monkeypatch):
    laid_out(NARROW)
    dot = fake_dot(tmp_path / "bin")
    monkeypatch.setenv("PATH", f"{dot.parent}{os.pathsep}{os.environ['PATH']}")
    laid_out(NARROW)
    assert len(entries(cache)) == 2
    # An upgrade in place (same path, new file) is another program too.
    os.utime(dot, ns=(1, 1))
    laid_out(NARROW)
    assert len(entries(cache)) == 3


def test_without_dot_the_chart_is_not_taken_from_the_cache(cache, tmp_path, monkeypatch):
    laid_out(NARROW)
    empty = tmp_path / "empty-path"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    with pytest.raises(GraphvizMissingError):
        laid_out(NARROW)


DAMAGE = {
    "empty": lambda key: b"",
    "cut short": lambda key: json.dumps({"key": key, "wrapped": None, "svg": "<svg></svg>"}).encode()[:20],
    "garbage": lambda key: b"not json at all",
    "not UTF-8": lambda key: b"\xff\xfe\x00",
    "not an entry": lambda key: b"[1, 2]",
    "another key": lambda key: json.dumps({"key": "0" * 64, "wrapped": None, "svg": "<svg></svg>"}).encode(),
    "no SVG": lambda key: json.dumps({"key": key, "wrapped": None, "svg": 3}).encode(),
    "wrapped not text": lambda key: json.dumps({"key": key, "wrapped": 7, "svg": "<svg></svg>"}).encode(),
}


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_a_damaged_entry_costs_a_drawing_and_is_replaced(cache, damage):
    drawn = laid_out(WIDE)
    (entry,) = entries(cache)
    entry.write_bytes(damage(entry.name))
    assert DrawingCache().get(entry.name) is None
    assert laid_out(WIDE) == drawn
    assert DrawingCache().get(entry.name) == drawn


def test_a_cache_that_cannot_be_written_costs_only_time(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file-where-the-cache-folder-would-be"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert laid_out(WIDE) == laid_out(WIDE)
    assert blocker.is_file() and blocker.read_text() == ""


def test_an_entry_is_written_whole_under_its_final_name_and_leaves_no_temporary(cache):
    laid_out(NARROW)
    assert [p.name for p in cache.iterdir()] == [entries(cache)[0].name]
    # A drawing names the client: other users may not enter the folder.
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700 & ~_umask()
    mode = stat.S_IMODE(entries(cache)[0].stat().st_mode)
    assert mode == 0o666 & ~_umask()


def _umask():
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def test_the_cache_keeps_to_its_limit(cache, monkeypatch):
    monkeypatch.setattr(DrawingCache, "LIMIT", 4)
    for number in range(7):
        laid_out(NARROW.replace("Acme", f"Acme {number}"))
    assert 2 <= len(entries(cache)) <= 4
    no_graphviz_runs(monkeypatch)
    assert "Acme 6" in laid_out(NARROW.replace("Acme", "Acme 6"))[1]


def _write_entries(folder, key, svg, rounds):
    cache = DrawingCache(folder)
    for _ in range(rounds):
        cache.put(key, None, svg)


def _read_entries(folder, key, svg, rounds, seen):
    cache = DrawingCache(folder)
    for _ in range(rounds):
        seen.append(cache.get(key) == (None, svg))


def test_writers_and_readers_at_once_see_whole_entries_only(tmp_path):
    folder = tmp_path / "drawings"
    key = DrawingCache.key(NARROW, "test", ())
    svg = "<svg>" + "x" * 1_000_000 + "</svg>"  # large enough that a write takes many system calls
    # Once an entry is there, a reader finds it whole however many processes write it again meanwhile.
    DrawingCache(folder).put(key, None, svg)
    context = multiprocessing.get_context("fork")
    with context.Manager() as manager:
        seen = manager.list()
        processes = [context.Process(target=_write_entries, args=(folder, key, svg, 8)) for _ in range(3)]
        processes += [context.Process(target=_read_entries, args=(folder, key, svg, 40, seen)) for _ in range(2)]
        for process in processes:
            process.start()
        for process in processes:
            process.join(timeout=120)
        assert [p.exitcode for p in processes] == [0] * len(processes)
        assert len(seen) == 80 and all(seen)
    assert DrawingCache(folder).get(key) == (None, svg)
    assert [p.name for p in folder.iterdir()] == [key]


def test_recommend_out_again_writes_the_same_files_without_graphviz(cache, tmp_path, monkeypatch):
    runner = CliRunner()
    profile = str(EXAMPLES / "mixed-retail.yaml")
    first = runner.invoke(main, ["recommend", profile, "-o", str(tmp_path / "first")])
    assert first.exit_code == 0, first.output
    assert len(entries(cache)) == len(list((tmp_path / "first").glob("*.svg"))) == 5
    no_graphviz_runs(monkeypatch)
    again = runner.invoke(main, ["recommend", profile, "-o", str(tmp_path / "again")])
    assert again.exit_code == 0, again.output
    names = sorted(p.name for p in (tmp_path / "first").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "again").iterdir())
    for name in names:
        assert (tmp_path / "again" / name).read_bytes() == (tmp_path / "first" / name).read_bytes(), name


def test_a_change_of_fonts_draws_anew(cache, tmp_path, monkeypatch):
    """dot measures labels in the installed fonts: installing one (fontconfig's cache changes) may move nodes."""
    from orgdesign.orgchart import drawing_cache

    fonts = tmp_path / "fontconfig"
    fonts.mkdir()
    monkeypatch.setattr(drawing_cache, "font_cache_folders", lambda: (str(fonts),))
    laid_out(NARROW)
    laid_out(NARROW)
    assert len(entries(cache)) == 1
    os.utime(fonts, ns=(1, 1))
    laid_out(NARROW)
    assert len(entries(cache)) == 2
