"""The real `orgdesign interview` process in a pseudo-terminal: Ctrl-C loses nothing, --resume continues,
and the prompt commands behave in front of a client (help, stray Enters, back, note, review, edit)."""
import os
import pty
import re
import select
import signal
import sys
import time

import pytest

from orgdesign import load_profile

from .conftest import EXAMPLES

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")


class Terminal:
    """A child process on a pseudo-terminal, driven like a person at a keyboard."""

    def __init__(self, *args, cwd):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:   # the child: becomes the program, with the pty as its terminal
            # Ctrl-C as a terminal has it, even when pytest was started with SIGINT ignored (from a background job).
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            os.chdir(cwd)
            os.execvpe(sys.executable, [sys.executable, "-m", "orgdesign", *args], dict(os.environ, TERM="xterm"))
        self.screen = ""
        self.seen = 0

    def expect(self, text, timeout=30):
        """Wait until ``text`` appears after what was already matched; return the output up to it."""
        deadline = time.monotonic() + timeout
        while text not in self.screen[self.seen:]:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not self._read(remaining):
                raise AssertionError(f"{text!r} did not appear; the terminal shows:\n{self.screen[self.seen:]}")
        end = self.screen.index(text, self.seen) + len(text)
        shown, self.seen = self.screen[self.seen:end], end
        return shown

    def type(self, line):
        os.write(self.fd, line.encode() + b"\r")

    def exit_code(self, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self._read(0.2)
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                os.close(self.fd)
                return os.waitstatus_to_exitcode(status)
        os.kill(self.pid, signal.SIGKILL)
        raise AssertionError("the interview did not exit")

    def _read(self, timeout):
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return False
        try:
            chunk = os.read(self.fd, 4096)
        except OSError:      # the child closed the terminal
            return False
        self.screen += re.sub(r"\x1b\[[0-9;?]*[a-zA-Z]", "", chunk.decode("utf-8", "replace")).replace("\r\n", "\n")
        return bool(chunk)


def test_ctrl_c_keeps_every_answer_and_resume_continues(tmp_path, reasoner):
    out = tmp_path / "acme.yaml"
    first = Terminal("interview", "--out", "acme.yaml", cwd=tmp_path)
    first.expect("Client: what is the client's name?\n> ")
    first.type("Acme Logistics GmbH")
    first.expect("Consultant: who is running this interview?")
    first.expect("> ")
    first.type("A. Consultant")
    first.expect("Interview date (YYYY-MM-DD")
    first.expect("] > ")
    for answer, next_question in (("", "employees"), ("1200", "industry"),
                                  ("logistics", "ml_is_core_product"), ("n", "tech_forward"), ("n", "ml_activity")):
        first.type(answer)
        first.expect(f"({next_question})")
        first.expect("> ")
    # What Ctrl-C sends, while the consultant is at ml_activity. CPython's readline
    # loses a SIGINT that lands between drawing the prompt and waiting for a key
    # (a person then presses Ctrl-C again), so the test presses again if nothing happened.
    for _ in range(5):
        os.kill(first.pid, signal.SIGINT)
        try:
            first.expect("Interrupted. Every answer given is saved in acme.yaml; "
                         "continue with: orgdesign interview --resume acme.yaml", timeout=3)
            break
        except AssertionError:
            continue
    else:
        raise AssertionError(f"Ctrl-C did not stop the interview; the terminal shows:\n{first.screen}")
    assert first.exit_code() == 130
    assert "Traceback" not in first.screen

    profile = load_profile(out, reasoner)
    assert profile.client == "Acme Logistics GmbH"
    assert [profile.answers[q] for q in ("employees", "industry", "ml_is_core_product", "tech_forward")] \
        == [1200, "logistics", "no", "no"]
    assert profile.missing[0] == "ml_activity"
    assert [p.name for p in tmp_path.iterdir()] == ["acme.yaml"]     # no temporary file left behind

    second = Terminal("interview", "--resume", "acme.yaml", cwd=tmp_path)
    assert "(tech_forward)" not in second.expect("Question 5 of 19 (ml_activity)")
    for answer in ("2", "little", "1", "none", "none", "limited", "shared_with_engineering", "not_deployed",
                   "balanced", "n", "n", "6", "2", "3", ""):
        second.expect("> ")
        second.type(answer)
    second.expect("(Enter to finish) > ")
    second.type("")
    second.expect("Resembles today: Nascent / ad-hoc ML")
    assert second.exit_code() == 0
    assert load_profile(out, reasoner).answers == load_profile(EXAMPLES / "nascent-logistics.yaml", reasoner).answers


def test_a_meeting_at_the_terminal(tmp_path, reasoner):
    """help at the name prompt, stray Enters, back, note, review and edit, in a real terminal."""
    term = Terminal("interview", "--out", "acme.yaml", cwd=tmp_path)
    term.expect("Client: what is the client's name?\n> ")
    term.type("help")                                     # explained, never saved as the name
    term.expect("The client's name as it should appear on the report.")
    term.expect("> ")
    term.type("Acme Logistics GmbH")
    term.expect("Consultant: who is running this interview?")
    term.expect("> ")
    term.type("A. Consultant")
    term.expect("Interview date (YYYY-MM-DD")
    term.expect("] > ")
    term.type("31/12/2026")                               # not an ISO date: explained, asked again
    term.expect("Not a date: `31/12/2026`; write the date as YYYY-MM-DD")
    term.expect("] > ")
    term.type("2026-11-20")
    term.expect("(employees)")
    term.expect("> ")
    term.type("")                                         # a stray Enter records nothing
    term.expect("No answer recorded")
    term.expect("> ")
    term.type("1200")
    term.expect("(industry)")
    term.expect("> ")
    term.type("note headcount includes 200 contractors")  # goes to the answer just given
    term.expect("Note saved on the answer to employees")
    term.expect("> ")
    term.type("logistics")
    term.expect("(ml_is_core_product)")
    term.expect("> ")
    term.type("back")                                     # industry, with its answer shown
    term.expect("(industry)")
    term.expect("[logistics] > ")
    term.type("")                                         # keeps it and moves on one question
    assert "(tech_forward)" not in term.expect("(ml_is_core_product)")
    term.expect("[no] > ")
    term.type("y")
    term.expect("(tech_forward)")
    term.expect("> ")
    term.type("review")
    listed = term.expect("(not answered yet)")
    assert "Logistics" in listed and "note: headcount includes 200 contractors" in listed
    term.expect("> ")
    term.type("edit 1")
    term.expect("(employees)")
    term.expect("[1200] > ")
    term.type("1300")
    term.expect("(tech_forward)")                         # back where the interview was
    term.expect("> ")
    os.kill(term.pid, signal.SIGTERM)
    term.exit_code()

    profile = load_profile(tmp_path / "acme.yaml", reasoner)
    assert (profile.client, profile.consultant, profile.interviewed_on) == ("Acme Logistics GmbH", "A. Consultant",
                                                                            "2026-11-20")
    assert [profile.answers[q] for q in ("employees", "industry", "ml_is_core_product")] == [1300, "logistics", "yes"]
    assert profile.notes == {"employees": "headcount includes 200 contractors"}
    assert profile.missing[0] == "tech_forward"
