"""The workspace's profiles as the pages see them: loaded, reasoned about, and changed safely.

Everything shown is computed from a profile file's bytes, and kept (a small
LRU) under the digest of those bytes and of the rule base: a page asked for
again costs nothing until the file changes, and a file changed by hand or
by the CLI is never shown stale.

Every change goes through ``Store.change``: under a lock per file (threads
of this server) and the CLI interview's own advisory lock (other
processes), it re-reads the file, checks it against what the page showed,
applies one answer or one new client with the CLI's own code
(``InterviewSession``, ``InterviewScreen``, ``ProfileSaver``) and saves it
atomically.
"""
import json
import threading
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from ..errors import OrgDesignError
from ..file_lock import profile_lock
from ..interview.files import ProfileSaver
from ..interview.files import _check_new_output as check_new_output   # the CLI's `--out` checks and messages
from ..interview.session import CLIENT_NAME, FINISHED, InterviewSession
from ..interview.terminal import InterviewScreen
from ..profile import MAX_TEXT, load_profile
from ..text_safety import client_line, client_text
from .workspace import file_digest

_CACHE_SIZE = 96
NOTHING_CHOSEN = "No answer recorded: choose or type an answer, or press \"Nobody knows (unknown)\"."
# The CLI's messages that mean nothing was recorded (see interview/terminal.py).
_REFUSALS = ("Not an answer:", "No answer recorded", "The name is longer", "The client's name",
             "The note is longer", "Cannot edit", "All questions are answered")


@dataclass
class Snapshot:
    """One profile file as read now: its digest, and the profile or the error that stops it loading."""
    name: str
    path: object
    digest: str = None
    profile: object = None
    error: str = None
    mtime: float = None


@dataclass
class Outcome:
    """What a change did: the messages to show, whether it saved, and the step to show next."""
    saved: bool = False
    messages: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    next_step: str = None
    name: str = None


class _SayingIO:
    """The terminal interview's IO, collecting what it would print."""

    def __init__(self):
        self.said = []

    def say(self, text=""):
        if text:
            self.said.append(text.strip())

    def ask(self, prompt):   # pragma: no cover - the web never prompts
        raise EOFError


def answer_key(value):
    """An answer (or note) as the text a form carries to say what it showed: tuples as lists, JSON."""
    if value is None:
        return ""
    return json.dumps(list(value) if isinstance(value, tuple) else value, ensure_ascii=False)


class Store:
    def __init__(self, workspace, reasoner, today):
        self.workspace = workspace
        self.reasoner = reasoner
        self.today = today          # a callable giving today's date as YYYY-MM-DD
        self._cache = OrderedDict()
        self._cache_lock = threading.Lock()
        self._compute_lock = threading.RLock()
        self._file_locks = {}
        self._file_locks_lock = threading.Lock()

    # -- reading -----------------------------------------------------------
    def snapshot(self, name):
        path = self.workspace.path_for(name)
        snap = Snapshot(name, path)
        try:
            snap.mtime = path.stat().st_mtime
            snap.digest, _ = file_digest(path)
            snap.profile = self.cached(snap, "profile", lambda: load_profile(path, self.reasoner.knowledge))
        except OrgDesignError as err:
            snap.error = str(err)
        return snap

    def cached(self, snap, kind, compute):
        """``compute()``, remembered under the file (its name and digest), the rule base and ``kind``.

        The name is part of the key: two files with the same bytes are still two profiles (each
        names its own path in what is shown).
        """
        key = (snap.name, snap.digest, self.reasoner.digest, kind)
        with self._cache_lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        with self._compute_lock:
            # The engine is not safe to run from two threads at once; one computation at a time.
            with self._cache_lock:
                if key in self._cache:
                    return self._cache[key]
            value = compute()
        with self._cache_lock:
            self._cache[key] = value
            while len(self._cache) > _CACHE_SIZE:
                self._cache.popitem(last=False)
        return value

    def recommendation(self, snap):
        from ..api import recommendation_data

        return self.cached(snap, "recommendation", lambda: recommendation_data(snap.profile, self.reasoner))

    def charts(self, snap):
        """The charts `recommend --out` draws, as SVG text by file name: recommended, today, each roadmap stage."""
        def draw():
            from ..orgchart import chart_gv
            from ..orgchart.graphviz_program import laid_out
            from ..outputs import ORGCHART_SVG, ORGCHART_TODAY_SVG, stage_chart_names

            rec = self.recommendation(snap)
            sources = {ORGCHART_SVG: chart_gv(rec), ORGCHART_TODAY_SVG: chart_gv(rec, chart="org_chart_today")}
            for stage in rec.get("roadmap") or []:
                sources[stage_chart_names(stage["number"])[1]] = chart_gv({"chart": stage["chart"]}, chart="chart")
            # Each `dot` is its own process: drawn side by side, a report's five charts take the time of two.
            # Drawn as `recommend --out` draws them (a wide chart wrapped), so the page is report.html.
            with ThreadPoolExecutor(max_workers=4) as pool:
                drawn = pool.map(lambda source: laid_out(source)[1], sources.values())
                return dict(zip(sources, drawn))
        return self.cached(snap, "charts", draw)

    def report_html(self, snap):
        """The report exactly as `recommend --out` writes report.html, its links pointing where the workspace serves them."""
        from ..outputs import AUDIT_HTML_FILE, REPORT_LINKS

        # The page sits at /clients/NAME/report: the charts are served beside it under their own
        # names, the written files under files/; the audit trail is linked once it has been written.
        has_audit = self.workspace.output_file(snap.name, AUDIT_HTML_FILE) is not None
        links = {key: value for key, value in REPORT_LINKS.items() if key != "audit_html"}
        if has_audit:
            links["audit_html"] = f"files/{AUDIT_HTML_FILE}"

        def render():
            from ..outputs import ORGCHART_SVG, ORGCHART_TODAY_SVG
            from ..report import render_report

            charts = dict(self.charts(snap))
            chart, today = charts.pop(ORGCHART_SVG), charts.pop(ORGCHART_TODAY_SVG)
            return render_report(self.recommendation(snap), snap.profile, chart, self.reasoner.knowledge,
                                 today_svg=today, stage_svgs=charts, links=links)[1]
        return self.cached(snap, ("report", has_audit), render)

    def explanation(self, snap, how=None, why_not=None):
        from ..explain import explain

        return self.cached(snap, ("explain", how, why_not),
                           lambda: explain(snap.profile, self.reasoner, how=how, why_not_archetype=why_not))

    def derivation_svg(self, snap):
        """The derivation graph of the full explanation, as SVG checked for inlining."""
        def draw():
            from ..explain import render_svg
            from ..report.chart import inline_svg

            return inline_svg(render_svg(self.explanation(snap)), str(snap.path), "Derivation graph")
        return self.cached(snap, "derivation-svg", draw)

    def warm(self):
        """Compute what each page of each profile shows, so first views are quick (`serve` runs it in a thread).

        The thread runs at the lowest CPU priority, so a request always comes first; whatever it has
        not reached yet is computed when asked for, as without it.
        """
        import os

        try:
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
        except (AttributeError, OSError):
            pass
        for name in self.workspace.names():
            snap = self.snapshot(name)
            if snap.error is None:
                self.recommendation(snap)
        for name in self.workspace.names():
            snap = self.snapshot(name)
            if snap.error is None:
                try:
                    self.report_html(snap)
                    self.derivation_svg(snap)
                except OrgDesignError:
                    pass   # shown on the page when asked for

    # -- changing ----------------------------------------------------------
    def _lock_for(self, path):
        with self._file_locks_lock:
            return self._file_locks.setdefault(str(path), threading.Lock())

    def create_client(self, client_name):
        """A new profile holding only the client's name, saved as the CLI interview saves it."""
        outcome = Outcome()
        client_name = client_line(client_name or "")
        session = InterviewSession(self.reasoner.knowledge, self.today())
        with self._lock_for("<new>"):
            name = self.workspace.new_name(client_name or "client")
            path = self.workspace.folder / (name + ".yaml")
            saver = ProfileSaver(path, self.reasoner.knowledge.questions)
            screen = InterviewScreen(session, saver, self.reasoner, _SayingIO(), str(path))
            try:
                with profile_lock(path):
                    check_new_output(path, force=False)   # made meanwhile by another process: never replaced
                    if client_name.strip():
                        screen.typed(client_name)
                    else:
                        screen.enter()
            except OrgDesignError as err:
                outcome.errors.append(str(err))
                return outcome
        _sort(screen.io.said, outcome, saver.saved)
        outcome.saved, outcome.name, outcome.next_step = saver.saved, name, session.current
        return outcome

    def change(self, name, step, base_digest, shown_answer, shown_note, action, text=None, note=None):
        """Apply one step of the interview to ``name``'s file, as the page that showed ``base_digest`` asked.

        ``shown_answer``/``shown_note`` are what the page showed for ``step``
        (``answer_key``); when the file changed since, the change is applied to
        the file as it is now, unless that very answer (or note) changed too:
        then nothing is saved and the page says what the file holds now.
        """
        outcome = Outcome(name=name)
        path = self.workspace.path_for(name)
        # What a browser sends is cleaned as the terminal cleans a typed line (and a textarea's CRLF is a newline).
        text = None if text is None else client_line(text)
        note = None if note is None else client_text(note.replace("\r\n", "\n").replace("\r", "\n"))
        try:
            with self._lock_for(path), profile_lock(path):
                digest, _ = file_digest(path)
                profile = load_profile(path, self.reasoner.knowledge)
                session = InterviewSession.from_profile(profile, self.reasoner.knowledge,
                                                        profile.interviewed_on or self.today())
                if not self._find(session, step, outcome):
                    return outcome
                on_disk = session.client if step == CLIENT_NAME else session.answers.get(step)
                note_on_disk = session.notes.get(step)
                note_changed = note is not None and note.strip() != (_from_key(shown_note) or "")
                if action == "skip":
                    outcome.next_step = _asked_after(session, step)
                    return outcome   # nothing to save, so nothing the file's changes could clash with
                if digest != base_digest:
                    if answer_key(on_disk) != shown_answer or (note_changed and answer_key(note_on_disk) != shown_note):
                        outcome.errors.append(_conflict(session, step, on_disk))
                        outcome.next_step = step
                        return outcome
                    outcome.messages.append("The file had changed since this page was shown (another tab, "
                                            "the command line or an editor); your answer was added to it as it is "
                                            "now, and the other changes were kept.")
                if note_changed and len(note.strip()) > MAX_TEXT:
                    # Checked before the answer is recorded, so a refused note saves nothing at all.
                    outcome.errors.append(f"The note is longer than {MAX_TEXT} characters; please shorten it.")
                    outcome.next_step = step
                    return outcome
                self._apply(session, step, action, text, note if note_changed else None, path, outcome)
        except OrgDesignError as err:
            outcome.errors.append(str(err))
            outcome.next_step = step
        return outcome

    def _find(self, session, step, outcome):
        if step == CLIENT_NAME:
            return True
        found, problem = session.find_step(step or "")
        if found is None or found != step:
            outcome.errors.append(f"Cannot edit: {problem or 'no such question'}.")
            outcome.next_step = session.first_unanswered()
            return False
        return True

    def _apply(self, session, step, action, text, note, path, outcome):
        saver = ProfileSaver(path, self.reasoner.knowledge.questions, keep_comments=True)
        io = _SayingIO()
        screen = InterviewScreen(session, saver, self.reasoner, io, str(path))
        # As after `back` at the terminal: a revised answer walks forward one question at a time.
        session.current, session.return_to = step, None
        session.revising = step == CLIENT_NAME or step in session.answers
        if note is not None and step != CLIENT_NAME:
            # The note goes with the answer, in the same save; a refused answer saves neither.
            session.note(note.strip(), step)
        empty = text is None or not str(text).strip()
        if action == "unknown" or (empty and step != CLIENT_NAME and session.question().optional):
            screen.command_unknown("")     # as Enter alone on an optional question at the terminal
        elif empty and step != CLIENT_NAME:
            # A form sends what is ticked: nothing ticked is no answer (the terminal's Enter would keep
            # the answer shown, which here is not shown as chosen any more).
            io.say(NOTHING_CHOSEN)
        elif empty:
            screen.enter()                 # the client's name: keep the one saved
        else:
            screen.typed(text)
        _sort([_for_the_page(text) for text in io.said], outcome, saver.saved)
        outcome.saved = saver.saved
        outcome.next_step = session.current if saver.saved else step
        if any(text.startswith("Say who or what it is") for text in io.said):
            outcome.next_step = step   # `other` wants its note: the page stays on the question with the note field


def _for_the_page(text):
    """A terminal message, with a prompt command the page has as a field said as that field."""
    return text.replace("with `note TEXT` now", "in the note field (then Save again)")


def _sort(said, outcome, saved):
    for text in said:
        refused = text.startswith(_REFUSALS) or (not saved and not text.startswith("("))
        (outcome.errors if refused else outcome.messages).append(text)


def _from_key(key):
    return json.loads(key) if key else None


def _conflict(session, step, on_disk):
    if step == CLIENT_NAME:
        now = session.client
    else:
        now = "not answered" if on_disk is None else session.bank[step].answer_label(on_disk)
    return (f"Not saved: this answer was changed in the file since this page was shown (it is now: {now}). "
            "Nothing was overwritten; the page below shows the file as it is now; choose again if you still want "
            "to change it.")


def _asked_after(session, step):
    asked = [q.id for q in session.asked_questions()]
    if step == CLIENT_NAME:
        return asked[0] if asked else FINISHED
    position = asked.index(step) if step in asked else len(asked)
    return asked[position + 1] if position + 1 < len(asked) else FINISHED
