"""The command line, through CliRunner and as a real process."""
import json
import subprocess
import sys

from click.testing import CliRunner

from orgdesign import __version__
from orgdesign.cli import main

from .conftest import EXAMPLES, profile_text

EXAMPLE = str(EXAMPLES / "ml-first-startup.yaml")


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and __version__ in result.output


def test_summary():
    result = run("recommend", EXAMPLE)
    assert result.exit_code == 0
    assert "Today: resembles ML-first, a strong match" in result.output
    assert "Recommended target: ML-first (keep today's structure and strengthen it)" in result.output
    assert "Data ownership" in result.output


def test_json_output():
    result = run("recommend", EXAMPLE, "--json")
    assert result.exit_code == 0
    assert json.loads(result.output)["archetype"]["id"] == "ml_first"


def test_out_folder_keeps_other_files(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    result = run("recommend", EXAMPLE, "--out", str(tmp_path))
    assert result.exit_code == 0
    assert json.loads((tmp_path / "recommendation.json").read_text())["client"] == "Perceptive Robotics Inc."
    assert (tmp_path / "notes.txt").read_text() == "mine"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_invalid_profile_exits_1_with_file_and_line(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(profile_text({"employees": 50, "industry": "logistic"}))
    result = run("recommend", str(path))
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {path}:6: `logistic` is not a valid answer to `industry`; did you mean `logistics`? "
        "allowed: software, internet, financial_services, insurance, oil_and_gas, manufacturing, "
        "telecommunications, energy_utilities, education, logistics, retail, healthcare, media, "
        "public_sector, other\n"
    )
    assert "Traceback" not in result.output


def test_unknown_key_suggests(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(profile_text({"ml_activty": ["none"]}))
    result = run("recommend", str(path))
    assert result.exit_code == 1
    assert result.output == f"Error: {path}:5: unknown key `ml_activty`; did you mean `ml_activity`?\n"


def test_missing_file():
    result = run("recommend", "/nonexistent/profile.yaml")
    assert result.exit_code == 1
    assert result.output == "Error: /nonexistent/profile.yaml: no such profile; check the path\n"


def test_usage_error_is_exit_2():
    assert run("recommend").exit_code == 2


def test_every_command_has_help():
    for name, command in main.commands.items():
        assert command.help and command.help.strip(), name
        assert run(name, "-h").exit_code == 0


def test_real_process(tmp_path):
    done = subprocess.run([sys.executable, "-m", "orgdesign", "recommend", EXAMPLE, "--json"],
                          capture_output=True, text=True, check=True)
    assert json.loads(done.stdout)["archetype"]["id"] == "ml_first"
    bad = tmp_path / "future.yaml"
    bad.write_text("profile_version: 7\nclient: {name: X}\nanswers: {}\n")
    done = subprocess.run([sys.executable, "-m", "orgdesign", "recommend", str(bad)], capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stderr.startswith(f"Error: {bad}:1: profile_version 7 is from a newer orgdesign")
    assert "Traceback" not in done.stderr
