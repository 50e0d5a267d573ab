"""Every bad input ends in exit 1 and one clear `Error: FILE:LINE: ...` line."""
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orgdesign.cli import main
from orgdesign.errors import OrgDesignError
from orgdesign.profile import parse_profile

from .hostile.cases import CASES

REPO = Path(__file__).resolve().parent.parent


def run_case(case, folder, in_process=True):
    """Run one case through the command line, from inside ``folder``: in this process (click's
    runner, the same ``main`` the command calls) or, with ``in_process=False``, as a new process."""
    target = folder / "profile.yaml"
    if case.as_folder:
        target.mkdir()
    elif case.content is not None:
        target.write_bytes(case.content)
    if case.setup is not None:
        case.setup(folder)
    args = [case.command, "profile.yaml", *case.args]
    if not in_process:
        return subprocess.run([sys.executable, "-m", "orgdesign", *args], cwd=folder, capture_output=True, text=True,
                              env=dict(os.environ, PYTHONPATH=str(REPO)))
    previous = os.getcwd()
    os.chdir(folder)
    try:
        result = CliRunner().invoke(main, args, prog_name="orgdesign")
    finally:
        os.chdir(previous)
    return SimpleNamespace(returncode=result.exit_code, stdout=result.stdout, stderr=result.stderr)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input(case, tmp_path):
    done = run_case(case, tmp_path)
    assert done.returncode == case.exit_code
    assert "Traceback" not in done.stderr
    if case.exit_code == 1:
        assert done.stderr == case.expected + "\n"
    else:  # click's usage errors: the usage lines, then the message
        assert done.stderr.splitlines()[-1] == case.expected
    assert done.stdout == ""


# A new process adds nothing to most cases (the same `main` reads the same files); a few, one per
# command, still go through `python -m orgdesign` as a user runs it.
IN_A_REAL_PROCESS = [c for c in CASES if c.name in {"explain --out a knowledge file", "render -o the rule base",
                                                    "--out under /proc"}]


@pytest.mark.parametrize("case", IN_A_REAL_PROCESS, ids=[c.name for c in IN_A_REAL_PROCESS])
def test_bad_input_in_a_real_process(case, tmp_path):
    done = run_case(case, tmp_path, in_process=False)
    assert done.returncode == case.exit_code
    assert done.stderr == case.expected + "\n" and done.stdout == ""


def test_bad_inputs_table_is_current():
    """docs/bad-inputs.md is generated from CASES; regenerate with `make docs`."""
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        from bad_inputs_table import render_table
    finally:
        sys.path.pop(0)
    assert (REPO / "docs" / "bad-inputs.md").read_text(encoding="utf-8") == render_table(CASES)


# A bounded fuzz run of the profile loader: whatever the text, the loader
# either returns a profile or raises OrgDesignError with a location.
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_loader_fuzz_text(reasoner, text):
    try:
        parse_profile(text, reasoner.knowledge, "fuzz.yaml")
    except OrgDesignError as err:
        assert str(err).startswith("fuzz.yaml")


_YAMLISH = st.recursive(
    st.none() | st.booleans() | st.integers(-10, 10**9) | st.text(max_size=20) | st.sampled_from(["unknown", "yes", "none"]),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(answers=st.dictionaries(st.sampled_from(["employees", "industry", "ml_activity", "tech_forward", "roles_present",
                                                 "ml_headcount", "bogus"]), _YAMLISH, max_size=5),
       version=st.one_of(st.just(1), _YAMLISH))
def test_random_invalid_structures_never_crash(reasoner, answers, version):
    import yaml

    text = yaml.safe_dump({"profile_version": version, "client": {"name": "Fuzz"}, "answers": answers})
    try:
        parse_profile(text, reasoner.knowledge, "fuzz.yaml")
    except OrgDesignError as err:
        assert str(err).startswith("fuzz.yaml")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(content=st.binary(max_size=300) | st.text(max_size=300).map(lambda t: t.encode("utf-8")))
def test_random_files_through_the_command_line(tmp_path, content):
    """Whatever the bytes, the command exits 0 or 1 with `Error:` lines naming the file (one per mistake), never a traceback."""
    from click.testing import CliRunner

    from orgdesign.cli import main

    path = tmp_path / "random.yaml"
    path.write_bytes(content)
    result = CliRunner().invoke(main, ["recommend", str(path)])
    assert result.exit_code in (0, 1)
    if result.exit_code == 1:
        lines = result.output.splitlines()
        assert lines and all(line.startswith(f"Error: {path}") for line in lines), result.output
        assert isinstance(result.exception, SystemExit)
