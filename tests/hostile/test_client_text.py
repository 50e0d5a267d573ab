"""Issue 15, classes 5-8: text from clients reaches no terminal, file or tool raw."""
import subprocess
import sys
import xml.etree.ElementTree as ElementTree

import pytest

from orgdesign import load_profile

from .cases import GOOD
from .helpers import REPO, run, run_process, write_profile

# Clear screen, an OSC 8 hyperlink, a backspace, a right-to-left override, and
# a line break that would forge a line of our own output.
HOSTILE_NAME = r'"Acme\e[2J \e]8;;http://evil\aclick\e]8;;\a \b\u202eoC\nWrote out/report.html"'
TERMINAL_CONTROLS = ("\x1b", "\x07", "\x08", "\u202e")


def hostile_profile(folder, name=HOSTILE_NAME, extra=""):
    return write_profile(folder, text=GOOD.replace("name: Acme Ltd", f"name: {name}") + extra)


def assert_terminal_safe(text):
    assert not any(c in text for c in TERMINAL_CONTROLS), repr(text)
    assert "\nWrote out/report.html" not in text


# -- 5. one filter for every terminal path ----------------------------------------------------
@pytest.mark.parametrize("args", [(), ("--json",)])
def test_recommend_summary_is_filtered(tmp_path, args):
    result = run_process("recommend", hostile_profile(tmp_path), *args)
    assert result.returncode == 0
    assert_terminal_safe(result.stdout + result.stderr)


def test_explain_and_diff_are_filtered(tmp_path):
    first = hostile_profile(tmp_path)
    second = write_profile(tmp_path, "b.yaml", first.read_text().replace("employees: 120", "employees: 9000"))
    for args in (("explain", first), ("diff", first, second)):
        result = run(*args)
        assert result.exit_code == 0, result.output
        assert_terminal_safe(result.output)


def test_error_lines_quoting_a_hostile_key_are_filtered(tmp_path):
    profile = write_profile(tmp_path, text=GOOD + '  "x\\e[2J\\nWrote out/report.html": 1\n')
    result = run_process("recommend", profile)
    assert result.returncode == 1
    assert_terminal_safe(result.stderr)
    assert result.stderr.count("\n") == 1


def test_usage_errors_quoting_what_was_typed_are_filtered(tmp_path):
    result = run_process("render", write_profile(tmp_path), "--format", "svg\x1b[2J")
    assert result.returncode == 2
    assert_terminal_safe(result.stderr)


# -- 6. control characters are replaced once, when the profile is read -----------------------------
def test_control_characters_never_reach_a_report_or_a_graph_file(tmp_path, reasoner):
    name = r'"Acme \x00\x01\b\v\f\x85\x9b \uFFFE\uFFFF Ltd"'
    profile = hostile_profile(tmp_path, name, extra='notes:\n  employees: "two\\nlines \\x01"\n')
    loaded = load_profile(profile, reasoner)
    assert loaded.client == "Acme \ufffd\ufffd\ufffd\ufffd\ufffd \ufffd \ufffd\ufffd Ltd"
    assert loaded.notes["employees"] == "two\nlines \ufffd"
    assert run("recommend", profile, "--out", tmp_path / "out").exit_code == 0
    for name in ("report.md", "report.html", "recommendation.json"):
        text = (tmp_path / "out" / name).read_text()
        assert not any(c in text for c in "\x00\x01\x08\x0b\x0c\x85\x9b\ufffe\uffff"), name
    graphml = run("render", profile, "--format", "graphml", "-o", "-")
    assert graphml.exit_code == 0
    ElementTree.fromstring(graphml.output)  # well-formed XML
    assert run("render", profile, "-o", tmp_path / "chart.svg").exit_code == 0  # dot accepts it


# -- 7. harmless words are not mistaken for script -------------------------------------------------
@pytest.mark.parametrize("name", ["Data onboarding=fast Ltd", "javascript: the musical", "<script>alert(1)</script> Ltd"])
def test_names_that_look_like_script_are_written_as_text(tmp_path, name):
    profile = hostile_profile(tmp_path, f"'{name}'")
    result = run("recommend", profile, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    html = (tmp_path / "out" / "report.html").read_text()
    assert "<script>" not in html


def test_an_svg_with_script_is_refused_naming_the_profile():
    from orgdesign.errors import OrgDesignError
    from orgdesign.report.chart import inline_svg

    with pytest.raises(OrgDesignError) as caught:
        inline_svg('<svg xmlns="http://www.w3.org/2000/svg"><g onclick="steal()"/></svg>', "acme.yaml")
    assert str(caught.value).startswith("acme.yaml: the org chart SVG contains an event handler attribute `onclick`")


# -- 8. the interview saves only what it can read back ---------------------------------------------
def test_non_utf8_typing_is_saved_readably(tmp_path, reasoner):
    target = tmp_path / "z.yaml"
    done = subprocess.run([sys.executable, "-m", "orgdesign", "interview", "--out", str(target)],
                          input=b"Caf\xe9\n", capture_output=True, timeout=60,
                          env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8"})
    assert b"Traceback" not in done.stderr
    assert load_profile(target, reasoner).client == "Caf\ufffd"


@pytest.mark.parametrize("typed", ["\u00b2", "1\u00b3", "9" * 5000])
def test_odd_numbers_at_a_number_prompt_are_asked_again(tmp_path, typed):
    target = tmp_path / "z.yaml"
    result = run("interview", "--out", target, input=f"Acme\n\n\n{typed}\n")
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)
    assert "is not a whole number" in result.output
    assert "…" in result.output or len(typed) < 60
