"""Every command of the README's ``sh`` code blocks runs as pasted, after the set-up command.

The commands run in README order, each in its own ``bash``, in a temporary
folder holding what a fresh clone has (examples/, rules/, knowledge/) and
``.venv`` (a link to the environment running the tests, where orgdesign is
installed), so ``. .venv/bin/activate`` works as written and nothing reaches
``orgdesign`` until the README has said how. Interactive commands get their
answers on standard input (``INPUTS``); commands not run here are skipped
by name with the reason (``NOT_RUN``); the slow lint runs go to the sweep
(``SLOW``). The README's Python example is run as a doctest by
tests/test_api.py.
"""
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO

README = REPO / "README.md"

# The set-up commands and the ones that do not end by themselves: skipped by name.
NOT_RUN = {
    "make demo": "the set-up command itself: it made the environment these tests run in",
    "make test": "runs this test suite: it would run itself",
    "make sweep": "runs the long sweeps, this test's slow half included",
    "make mutation": "takes hours (docs/mutation-testing.md)",
    "orgdesign serve": "a server runs until stopped; its own tests start and stop it",
}
# Slow runs (the completeness proof, thousands of random profiles): run by `make sweep`.
SLOW = ("orgdesign lint",)

# The consultant's answers, typed as in a meeting: name, consultant, Enter for today's date, the questions, Enter to finish.
NASCENT_INTERVIEW = ["Acme Logistics GmbH", "A. Consultant", "", "1,200", "logistics", "n", "no", "2", "Little", "1",
                     "none", "none", "limited", "shared_with_engineering", "not_deployed", "balanced", "n", "n", "6",
                     "2", "3", "", ""]
INPUTS = {
    "orgdesign interview -o acme.yaml": "\n".join(NASCENT_INTERVIEW) + "\n",
    "orgdesign interview --resume acme.yaml": "\n",        # every question answered: Enter finishes
}
# What some commands must leave behind, besides exiting 0.
WRITES = {
    "orgdesign recommend examples/mixed-retail.yaml -o out/harbor": ["out/harbor/report.html", "out/harbor/orgchart.svg"],
    "orgdesign interview -o acme.yaml": ["acme.yaml"],
    "orgdesign render examples/mixed-retail.yaml": ["mixed-retail.svg"],
    "orgdesign batch examples/ -o out/portfolio": ["out/portfolio/summary.csv"],
}


def readme_blocks():
    """``{first line: [(command, line number), ...]}``: every ``sh`` block of the README, in order."""
    blocks, block = {}, None
    for number, line in enumerate(README.read_text(encoding="utf-8").splitlines(), 1):
        if block is None and line.strip() == "```sh":
            block = blocks.setdefault(number + 1, [])
        elif block is not None and line.strip() == "```":
            block = None
        elif block is not None and line.strip() and not line.lstrip().startswith("#"):
            block.append((line.strip(), number))
    return blocks


def readme_commands():
    """``(command, line number)`` of every command line in the README's ``sh`` blocks, in order."""
    return [command for block in readme_blocks().values() for command in block]


def bare(command):
    """The command without its trailing comment (a comment is pasted too, and the shell ignores it)."""
    return re.sub(r"\s+#\s.*$", "", command).strip()


@pytest.fixture(scope="module")
def clone(tmp_path_factory):
    """A folder holding what a fresh clone has, with the installed environment as ``.venv``."""
    root = tmp_path_factory.mktemp("readme")
    for folder in ("examples", "rules", "knowledge"):
        shutil.copytree(REPO / folder, root / folder)
    (root / ".venv").symlink_to(Path(sys.prefix), target_is_directory=True)
    return root


class Shell:
    """Runs README lines one by one; after `. .venv/bin/activate` the later ones run activated, as in a terminal."""

    def __init__(self, cwd):
        self.cwd = cwd
        self.activated = False
        env = dict(os.environ)
        env.pop("VIRTUAL_ENV", None)
        # The PATH of a fresh terminal: orgdesign is not on it until the README says how.
        env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep)
                                      if not (Path(p) / "orgdesign").exists())
        self.env = env

    def run(self, command):
        if bare(command) == ". .venv/bin/activate":
            self.activated = True
        script = (". .venv/bin/activate\n" if self.activated else "") + command + "\n"
        return subprocess.run(["bash", "-c", script], cwd=self.cwd, env=self.env, input=INPUTS.get(bare(command), ""),
                              capture_output=True, text=True, timeout=300)


def run_all(clone, wanted, commands=None):
    """Run the README's commands (``commands``: those of one block) that ``wanted`` accepts, in order.

    The shell is activated when the README activates it before them, as a
    reader's terminal would be.
    """
    shell = Shell(clone)
    if commands is None:
        commands = readme_commands()
    else:
        before = [bare(c) for c, line in readme_commands() if line < commands[0][1]]
        shell.activated = ". .venv/bin/activate" in before
    failures, ran = [], []
    for command, line in commands:
        if any(bare(command).startswith(name) for name in NOT_RUN):
            continue
        if not wanted(bare(command)) and bare(command) != ". .venv/bin/activate":
            continue
        done = shell.run(command)
        ran.append(bare(command))
        missing = [f for f in WRITES.get(bare(command), []) if not (clone / f).exists()]
        if done.returncode != 0 or "Traceback" in done.stderr or missing:
            failures.append(f"README.md:{line}: `{command}` exited {done.returncode}"
                            f"{'; did not write ' + ', '.join(missing) if missing else ''}\n{done.stderr[-1500:]}")
    return ran, failures


def test_the_readme_names_its_commands_and_how_to_reach_them():
    commands = [bare(c) for c, _ in readme_commands()]
    assert commands[:2] == ["make demo", "make test"]
    first_orgdesign = next(i for i, c in enumerate(commands) if c.startswith("orgdesign"))
    assert ". .venv/bin/activate" in commands[:first_orgdesign]
    for name in INPUTS:
        assert name in commands, f"INPUTS names `{name}`, which the README no longer shows"
    interactive = [c for c in commands if c.startswith("orgdesign interview")]
    assert interactive and all(c in INPUTS for c in interactive)


BLOCKS = readme_blocks()


@pytest.mark.parametrize("first_line", list(BLOCKS), ids=[f"README.md:{n}" for n in BLOCKS])
def test_every_readme_command_runs_as_pasted(clone, first_line):
    """One test per code block (they share no files), so the test processes share the work."""
    ran, failures = run_all(clone, lambda command: not command.startswith(SLOW), BLOCKS[first_line])
    assert not failures, "\n\n".join(failures)
    if any(c.startswith("orgdesign interview -o acme.yaml") for c in ran):
        # The interview typed above made the example's profile, with who ran it and when.
        assert "consultant: A. Consultant" in (clone / "acme.yaml").read_text()


def test_all_but_the_skipped_and_slow_commands_are_run():
    runnable = [bare(c) for c, _ in readme_commands()
                if not any(bare(c).startswith(name) for name in NOT_RUN) and not bare(c).startswith(SLOW)]
    assert len(runnable) >= 15


@pytest.mark.sweep
def test_the_readme_lint_commands_run_as_pasted(clone):
    ran, failures = run_all(clone, lambda command: command.startswith(SLOW))
    assert not failures, "\n\n".join(failures)
    assert sum(c.startswith("orgdesign lint") for c in ran) >= 3


@pytest.mark.parametrize("command", ["interview", "recommend", "explain", "render", "batch", "diff", "lint"])
def test_each_commands_help_ends_with_examples_and_one_output_option(command):
    from click.testing import CliRunner

    from orgdesign.cli import main

    text = CliRunner().invoke(main, [command, "--help"], terminal_width=200).output
    examples = text[text.index("Examples:"):text.index("Options:")].splitlines()[1:]
    examples = [line.strip() for line in examples if line.strip()]
    assert len(examples) >= 2 and all(line.startswith(f"orgdesign {command}") for line in examples)
    for word in " ".join(examples).split():
        if word.startswith("examples/") and "*" not in word:
            assert (REPO / word).exists(), f"`orgdesign {command} --help` names {word}, which is not shipped"
    assert "-o, --output" in text and "--out " not in text      # --out still works, unlisted
