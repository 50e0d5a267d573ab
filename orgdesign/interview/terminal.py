"""The interview at a terminal: shows each step, reads a line, acts on it.

All decisions live in ``InterviewSession``; this module only renders the
current step, reads what was typed and reports back.  Reading goes through
click's prompt function, so ``CliRunner`` can script a session, and through
``readline`` at a real terminal, so arrow keys edit the line.  Ctrl-C and the
end of input propagate as ``KeyboardInterrupt`` / ``EOFError``: every answer
is already on disk by then.
"""
import shutil
import sys
import textwrap

import click

from ..advice.answer_conflicts import answer_conflicts
from ..profile import MAX_TEXT
from ..questions import UNKNOWN
from ..text_safety import client_line, for_terminal
from .explain import CLIENT_NAME_HELP, CONSULTANT_HELP, DATE_HELP, question_help, why_rules_text, why_text
from .prompt_commands import COMMANDS_HELP, COMMANDS_TABLE, read_command
from .session import CLIENT_NAME, CONSULTANT, DETAILS, FINISHED, INTERVIEW_DATE

OTHER = "other"   # the answer that needs a note to say what it is
from .typed_answers import InvalidAnswer, choice_hint, range_text, read_typed_answer


class TerminalIO:
    """Reads lines and writes text through click (scriptable with ``CliRunner``)."""

    def __init__(self):
        try:
            # Bytes that are not UTF-8 (a Latin-1 terminal, a pasted file) are read as U+FFFD, not a crash.
            sys.stdin.reconfigure(errors="replace")
        except (AttributeError, ValueError):
            pass
        if sys.stdin.isatty():
            try:
                import readline  # noqa: F401  (line editing for input())
            except ImportError:
                pass
        # Wrap long help texts at word boundaries on a terminal; leave lines whole in files and pipes.
        self.width = min(shutil.get_terminal_size().columns, 100) - 1 if sys.stdout.isatty() else None

    def ask(self, prompt):
        # Bytes that are not UTF-8 arrive as lone surrogates (Python's
        # surrogateescape), which no YAML file can hold: cleaned here, like a
        # profile's text, before anything is saved.
        return client_line(click.termui.visible_prompt_func(prompt))

    def say(self, text=""):
        text = for_terminal(text)
        if self.width:
            text = "\n".join(_wrap(line, self.width) for line in text.split("\n"))
        click.echo(text)


def _wrap(line, width):
    indent = line[:len(line) - len(line.lstrip())]
    return textwrap.fill(line, width, subsequent_indent=indent + ("  " if indent else ""),
                         break_on_hyphens=False) if len(line) > width else line


class InterviewScreen:
    """Runs a session to its end, saving through ``save`` after every change."""

    def __init__(self, session, save, reasoner, io, where="the profile"):
        self.session = session
        self.save = save
        self.reasoner = reasoner
        self.io = io
        self.where = where

    def run(self):
        self.io.say(f"Saving {self.where} after every answer; Ctrl-C stops, --resume continues.\n"
                    + COMMANDS_TABLE
                    + "\nEnter alone accepts the [answer] shown; a question with none shown needs an answer "
                      "(or `unknown`).")
        for question_id in self.session.dropped:
            self.io.say(f"Note: the answer to `{question_id}` was left out: it is not asked, because "
                        f"{self.session.skip_reason(question_id)}.")
        shown = None
        while True:
            if self.session.current != shown:
                shown = self.session.current
                self.io.say()
                self.io.say(self.render_step())
            text = self.io.ask(self.prompt())
            if self.handle(text) == "done":
                return

    # -- rendering ---------------------------------------------------------
    def conflicts_text(self):
        """Answers that cannot both be true, while the client is still there to settle them."""
        conflicts = answer_conflicts(self.reasoner.rulebook, self.session.profile().answers)
        if not conflicts:
            return []
        lines = ["These answers disagree; settle them now (`edit ID` changes an answer):"]
        lines += [f"  {' / '.join(c['questions'])}: {c['text']}" for c in conflicts]
        return lines + [""]

    def render_step(self):
        session = self.session
        if session.current == CLIENT_NAME:
            return "Client: what is the client's name?"
        if session.current == CONSULTANT:
            return "Consultant: who is running this interview? (the report prints it; Enter alone leaves it out)"
        if session.current == INTERVIEW_DATE:
            return "Interview date (YYYY-MM-DD; Enter alone keeps the date shown):"
        if session.current == FINISHED:
            return "\n".join(["All questions are answered.", review_text(session), "", *self.conflicts_text(),
                              "Press Enter to see the recommendation; `edit ID` changes an answer, "
                              "`back` revises the last one."])
        question = session.question()
        number, total = session.progress()
        lines = [f"Question {number} of {total} ({question.id})", question.text]
        if question.type in ("choice", "multi_choice"):
            width = max(len(label) for label in question.labels)
            lines += [f"  {i:>2}  {label:<{width}}  {value}"
                      for i, (value, label) in enumerate(zip(question.values, question.labels), 1)]
        lines.append(_answer_hint(question))
        if question.optional:
            lines.append("Optional: Enter alone records unknown.")
        if question.id in session.notes:
            lines.append(f"Note: {session.notes[question.id]}")
        return "\n".join(lines)

    def prompt(self):
        default = self.session.default()
        shown = "" if default is None else f"[{_display(default)}] "
        if self.session.current == FINISHED:
            return "(Enter to finish) > "
        question = self.session.question()
        if question is not None and question.type == "yes_no":
            return f"(y/n) {shown}> "
        return f"{shown}> "

    # -- handling a line ---------------------------------------------------
    def handle(self, text):
        command = read_command(text)
        if command is not None:
            return getattr(self, "command_" + {"?": "help"}.get(command[0], command[0]))(command[1])
        if not text.strip():
            return self.enter()
        return self.typed(text)

    def enter(self):
        if self.session.current == FINISHED:
            return "done"
        default = self.session.default()
        if default is not None:
            return self.record(default)
        if self.session.current == CLIENT_NAME:
            return self.io.say("  The client's name is needed to label the profile; please type it.")
        if self.session.current == CONSULTANT:
            return self.record(None)   # optional: the profile leaves it out
        if self.session.question().optional:
            return self.record(UNKNOWN)
        # A stray Enter in a meeting must not record `unknown` for the client.
        return self.io.say("  No answer recorded: type an answer, `unknown` if nobody knows, or `?` for help.")

    def typed(self, text):
        session = self.session
        if session.current == FINISHED:
            return self.io.say("  All questions are answered: press Enter to finish, or type `back`.")
        if session.current in (CLIENT_NAME, CONSULTANT):
            name = text.strip()
            if len(name) > MAX_TEXT:
                return self.io.say(f"  The name is longer than {MAX_TEXT} characters; please shorten it.")
            return self.record(name)
        if session.current == INTERVIEW_DATE:
            date, problem = session.read_date(text)
            if problem:
                return self.io.say(f"  Not a date: `{text.strip()}`; {problem}.")
            return self.record(date)
        try:
            value = read_typed_answer(session.question(), text)
        except InvalidAnswer as problem:
            return self.io.say(f"  Not an answer: {problem}")
        return self.record(value)

    def record(self, value):
        question = self.session.question()
        dropped = self.session.answer(value)
        self.save(self.session)
        if value == OTHER and question is not None and question.id not in self.session.notes:
            self.io.say("  Say who or what it is with `note TEXT` now; the note stays with this answer.")
        for question_id in dropped:
            self.io.say(f"  ({question_id} is no longer asked, because {self.session.skip_reason(question_id)}; "
                        "its answer is set aside and offered again if the question returns.)")

    # -- prompt commands ---------------------------------------------------
    def command_help(self, _):
        question = self.session.question()
        helps = {CLIENT_NAME: CLIENT_NAME_HELP, CONSULTANT: CONSULTANT_HELP, INTERVIEW_DATE: DATE_HELP}
        if self.session.current in helps:
            return self.io.say(helps[self.session.current] + "\n" + COMMANDS_HELP)
        if question is None:
            return self.io.say("All questions are answered. Press Enter to finish, or type `back` to revise.")
        return self.io.say(question_help(question, self.reasoner.knowledge))

    def command_why(self, argument):
        question = self.session.question()
        if question is None:
            helps = {CLIENT_NAME: CLIENT_NAME_HELP, CONSULTANT: CONSULTANT_HELP, INTERVIEW_DATE: DATE_HELP}
            if self.session.current in helps:
                return self.io.say(helps[self.session.current])
            return self.io.say("There is no question here; type `back` to revise the last answer.")
        explain = why_rules_text if argument == "rules" else why_text
        return self.io.say(explain(question, self.reasoner.rulebook, self.reasoner.knowledge, self.session.conditions))

    def command_review(self, _):
        self.io.say(review_text(self.session))

    def command_edit(self, text):
        if not text:
            return self.io.say("  Type `edit` followed by a question id or number, e.g. `edit 3`; `review` lists them.")
        if self.session.client is None:
            return self.io.say("  Nothing is answered yet; type the client's name first.")
        step, problem = self.session.find_step(text)
        if problem:
            return self.io.say(f"  Cannot edit: {problem}.")
        self.session.edit(step)

    def command_back(self, _):
        if not self.session.back():
            self.io.say("  This is the first question; there is nothing before it.")

    def command_unknown(self, _):
        if self.session.current == CLIENT_NAME:
            return self.io.say("  The client's name cannot be unknown; type a name (it can be a code name).")
        if self.session.current == CONSULTANT:
            return self.record(None)
        if self.session.current == INTERVIEW_DATE:
            return self.io.say("  The interview date cannot be unknown; Enter keeps the date shown.")
        if self.session.current == FINISHED:
            return self.io.say("  All questions are answered: press Enter to finish, or type `back`.")
        return self.record(UNKNOWN)

    def command_note(self, text):
        question_id = self.session.note_target()
        if question_id is None:
            return self.io.say("  Notes attach to answers; answer the first question, then type the note.")
        if not text:
            current = self.session.notes.get(question_id)
            return self.io.say(f"  Note on {question_id}: {current}" if current
                               else f"  Type `note` followed by the text; it attaches to {question_id}.")
        if len(text) > MAX_TEXT:
            return self.io.say(f"  The note is longer than {MAX_TEXT} characters; please shorten it.")
        self.session.note(text, question_id)
        self.save(self.session)
        self.io.say(f"  Note saved on the answer to {question_id} ({self.session.bank[question_id].text})")


def review_text(session):
    """The answers so far, numbered as the questions are, with notes; for `review` and the end."""
    lines = [f"Answers so far ({session.client or 'client name not given yet'}; "
             f"interviewed on {session.interviewed_on}{' by ' + session.consultant if session.consultant else ''}):"]
    asked = session.asked_questions()
    width = max(len(q.id) for q in asked) if asked else 0
    for number, question in enumerate(asked, 1):
        value = session.answers.get(question.id)
        shown = "(not answered yet)" if value is None else question.answer_label(value)
        lines.append(f"  {number:>2}  {question.id:<{width}}  {shown}")
        if question.id in session.notes:
            lines.append(f"      {'':<{width}}  note: {session.notes[question.id]}")
    return "\n".join(lines)


def _answer_hint(question):
    if question.type == "integer":
        return range_text(question).capitalize() + "."
    if question.type == "yes_no":
        return "Type y or n."
    return choice_hint(question).capitalize() + "."


def _display(value):
    if isinstance(value, tuple):
        return ", ".join(value)
    return str(value)

