"""A profile with several mistakes gets all of them listed at once, as a linter lists findings."""
from click.testing import CliRunner

import orgdesign
from orgdesign.cli import main
from orgdesign.errors import ProfileError, ProfileErrors

from .conftest import REPO

SEVERAL = REPO / "tests" / "profiles" / "several-mistakes.yaml"

# (line, what the message must say), in file order: a bad date, a number out of range, a value
# not among the choices, an unknown question (did you mean), `none` beside other values,
# a note that is not text, an unknown unit id in names (did you mean).
EXPECTED = [
    (6, "`client.interviewed_on` is not a date: 'next tuesday'; write it as YYYY-MM-DD"),
    (8, "`employees` is -3, outside 1..10000000"),
    (9, "`shipping` is not a valid answer to `industry`; allowed: software,"),
    (10, "unknown key `ml_activty`; did you mean `ml_activity`?"),
    (11, "`roles_present` lists `none` together with other values"),
    (13, "the note on `industry` must be text, not 42"),
    (16, "`ml_divison` is not a unit id; did you mean `ml_division`?"),
]


def test_every_mistake_is_listed_once_with_its_line():
    result = CliRunner().invoke(main, ["recommend", str(SEVERAL)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert len(lines) == len(EXPECTED), result.output
    for line, (number, message) in zip(lines, EXPECTED):
        assert line.startswith(f"Error: {SEVERAL}:{number}: {message}"), line
    assert "Traceback" not in result.output


def test_the_library_raises_them_together_and_the_first_reads_as_one_error(reasoner):
    try:
        orgdesign.load_profile(SEVERAL, reasoner)
    except ProfileErrors as err:
        assert isinstance(err, ProfileError) and len(err.errors) == len(EXPECTED)
        assert (err.line, err.path) == (6, str(SEVERAL))
        assert [e.line for e in err.errors] == [number for number, _ in EXPECTED]
        assert str(err).count("\n") == len(EXPECTED) - 1
    else:
        raise AssertionError("the profile loaded")


def test_one_mistake_is_one_plain_error(tmp_path, reasoner):
    profile = tmp_path / "one.yaml"
    profile.write_text("profile_version: 1\nclient: {name: One}\nanswers:\n  industry: shipping\n")
    result = CliRunner().invoke(main, ["recommend", str(profile)])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {profile}:4: `shipping` is not a valid answer to `industry`")
    assert result.output.count("\n") == 1
    try:
        orgdesign.load_profile(profile, reasoner)
    except ProfileError as err:
        assert not isinstance(err, ProfileErrors)
