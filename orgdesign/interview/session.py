"""The interview as a state machine, with no terminal in sight.

The session knows the client's name, the consultant, the interview date,
the answers and notes given so far and which step is current: the client's
name first, then the consultant's name and the interview date (a new
interview asks them; a resumed one has them), then every core question in
bank order whose skip condition does not rule it out.  The next step is
the first one still unanswered, so an interview started from a partial
profile (``--resume``, ``--answers``) continues where it stopped; two moves
change that: after ``back`` the consultant walks forward one answered
question at a time (Enter keeps each shown answer) until the unanswered ones
resume, and after ``edit`` the interview returns to where it was.

An answer that a later revision makes irrelevant (``ml_activity`` changed to
``[none]``) leaves the profile, since the question is no longer asked, but is
remembered and offered as the default if the question comes back.
"""
import datetime

from ..errors import did_you_mean
from ..profile import Profile
from ..questions import UNKNOWN
from .skip import is_asked, load_skip_conditions, load_skipped_answers

CLIENT_NAME = "client name"   # the first step; not a question of the bank
CONSULTANT = "consultant"      # who runs the interview (optional: Enter alone leaves it out)
INTERVIEW_DATE = "interview date"   # ISO date, today unless typed
DETAILS = (CONSULTANT, INTERVIEW_DATE)   # the steps after the client's name, before the questions
FINISHED = "finished"          # the step after the last question


class InterviewSession:
    def __init__(self, knowledge, interviewed_on, client=None, consultant=None, answers=None, notes=None,
                 details_given=True):
        """``details_given=False``: a new interview at the terminal, which asks the consultant and the date."""
        self.bank = knowledge.questions
        self.conditions = load_skip_conditions(knowledge)
        self.implied = load_skipped_answers(knowledge)
        self.interviewed_on = interviewed_on
        self.client = client
        self.consultant = consultant
        self.answers = {q: v for q, v in (answers or {}).items() if q in self.bank}
        self.notes = {q: t for q, t in (notes or {}).items() if q in self.bank}
        self.set_aside = {}          # question id -> (answer, note) of questions no longer asked
        self.revising = False        # after `back`: step forward one question at a time
        self.return_to = None        # after `edit`: the step to go back to
        self.last_answered = None    # the question whose answer was just given (where `note` goes)
        self.details_pending = [] if details_given else list(DETAILS)   # consultant and date, still to ask
        # A new interview walks through the consultant and the date; a resumed one has them (`edit date` reaches them).
        self.asks_details = not details_given
        self.names = {}              # the profile's `names:`, kept as read (the interview does not ask them)
        self.dropped = self._drop_unasked()
        self.current = self.first_unanswered()

    @classmethod
    def from_profile(cls, profile, knowledge, interviewed_on, details_given=True):
        """A session holding what ``profile`` answers; its unanswered questions come next.

        ``details_given=False`` (a new interview pre-filled from prepared
        answers) still asks the consultant and the date, offering the
        profile's as defaults.
        """
        answers = {q: v for q, v in profile.answers.items() if q not in profile.missing}
        session = cls(knowledge, interviewed_on, profile.client, profile.consultant, answers, profile.notes,
                      details_given)
        session.names = profile.names
        return session

    # -- where we are ------------------------------------------------------
    def is_asked(self, question_id):
        return is_asked(self.conditions.get(question_id), self.answers)

    def skip_reason(self, question_id):
        """Why a question is not asked, e.g. ``ml_activity is exactly [none]``; None when it is asked."""
        if self.is_asked(question_id):
            return None
        return self.conditions[question_id].why_false(self.answers)

    def asked_questions(self):
        return [q for q in self.bank if self.is_asked(q.id)]

    def first_unanswered(self):
        if self.client is None:
            return CLIENT_NAME
        if self.details_pending:
            return self.details_pending[0]
        return next((q.id for q in self.asked_questions() if q.id not in self.answers), FINISHED)

    @staticmethod
    def read_date(text):
        """``(ISO date, None)`` for a typed interview date, or ``(None, why not)``.

        >>> InterviewSession.read_date(" 2026-11-20 "), InterviewSession.read_date("20.11.2026")[1]
        (('2026-11-20', None), 'write the date as YYYY-MM-DD, e.g. 2026-11-20')
        """
        try:
            return datetime.date.fromisoformat(text.strip()).isoformat(), None
        except ValueError:
            return None, "write the date as YYYY-MM-DD, e.g. 2026-11-20"

    def question(self):
        """The current ``Question``, or None at the client's name and when finished."""
        return self.bank[self.current] if self.current in self.bank else None

    def progress(self):
        """``(number, total)`` of the current question among those asked."""
        asked = [q.id for q in self.asked_questions()]
        return (asked.index(self.current) + 1 if self.current in asked else 0), len(asked)

    def default(self):
        """The answer Enter accepts: the current answer, a set-aside one, or the bank's default."""
        if self.current == CLIENT_NAME:
            return self.client
        if self.current == CONSULTANT:
            return self.consultant
        if self.current == INTERVIEW_DATE:
            return self.interviewed_on
        if self.current in self.answers:
            return self.answers[self.current]
        if self.current in self.set_aside:
            return self.set_aside[self.current][0]
        question = self.question()
        if question is not None and question.default is not None:
            value, problem = question.normalise(question.default)
            return None if problem else value
        return None

    # -- changes -----------------------------------------------------------
    def answer(self, value):
        """Record ``value`` for the current step and move to the first unanswered one.

        Returns the ids of questions this answer took out of the interview.
        """
        answered = self.current
        if answered == CLIENT_NAME:
            self.client = value
        elif answered in DETAILS:
            if answered == CONSULTANT:
                self.consultant = value or None
            else:
                self.interviewed_on = value
            if answered in self.details_pending:
                self.details_pending.remove(answered)
        else:
            self.answers[answered] = value
            _, note = self.set_aside.pop(answered, (None, None))
            if note and answered not in self.notes:
                self.notes[answered] = note
        self.last_answered = answered if answered in self.bank else None
        dropped = self._drop_unasked()
        self.current = self._step_after(answered)
        return dropped

    def _step_after(self, answered):
        if self.return_to is not None:
            back_to, self.return_to = self.return_to, None
            # The edit may have taken that question out of the interview (or added earlier ones).
            return back_to if back_to in self.bank and self.is_asked(back_to) else self.first_unanswered()
        if self.revising:
            following = self._asked_after(answered)
            if following is not None and self.is_given(following):
                return following
            self.revising = False
        return self.first_unanswered()

    def steps(self):
        """Every step in order: the client's name, the consultant, the date, then the questions asked."""
        details = DETAILS if self.asks_details or self.current in DETAILS else ()
        return [CLIENT_NAME, *details, *(q.id for q in self.asked_questions())]

    def _asked_after(self, step):
        steps = self.steps()
        position = steps.index(step) if step in steps else len(steps)
        return steps[position + 1] if position + 1 < len(steps) else None

    def is_given(self, step):
        """True when ``step`` holds an answer (a detail counts once it was asked or read from the profile)."""
        if step == CLIENT_NAME:
            return self.client is not None
        if step in DETAILS:
            return step not in self.details_pending
        return step in self.answers

    def back(self):
        """Step back to the step before the current one; False at the very first step."""
        if self.current == CLIENT_NAME:
            return False
        steps = self.steps()
        position = steps.index(self.current) if self.current in steps else len(steps)
        self.current = steps[position - 1]
        self.revising, self.return_to, self.last_answered = True, None, None
        return True

    def find_step(self, text):
        """``(step, None)`` for a question id, a question number or ``client``; ``(None, why not)`` otherwise."""
        text = text.strip()
        asked = [q.id for q in self.asked_questions()]
        if text.lower() in ("client", "name", "client name"):
            return CLIENT_NAME, None
        if text.lower() in ("consultant", "by"):
            return CONSULTANT, None
        if text.lower() in ("date", "interview date", "interviewed_on"):
            return INTERVIEW_DATE, None
        if text.isdigit():
            number = int(text)
            if 1 <= number <= len(asked):
                return asked[number - 1], None
            return None, f"there is no question {number}; the questions are numbered 1 to {len(asked)}"
        if text in asked:
            return text, None
        if text in self.bank:
            return None, f"`{text}` is not asked, because {self.skip_reason(text)}"
        close = did_you_mean(text, asked)
        return None, f"`{text}` is not a question{' (' + close + ')' if close else ''}; type `review` to see them"

    def edit(self, step):
        """Go to ``step`` to change its answer; the next answer returns to where the interview was."""
        if step != self.current:
            self.return_to = self.current if self.return_to is None else self.return_to
            self.current = step
        self.last_answered = None

    def note_target(self):
        """The question a note typed now belongs to: the answer just given, else the question on screen."""
        if self.last_answered is not None and self.last_answered in self.answers:
            return self.last_answered
        return self.current if self.current in self.bank else None

    def note(self, text, question_id):
        """Attach ``text`` to ``question_id`` (replacing its note); empty text removes it."""
        if text:
            self.notes[question_id] = text
        else:
            self.notes.pop(question_id, None)

    def _drop_unasked(self):
        dropped = []
        for question in self.bank:
            if question.id in self.answers and not self.is_asked(question.id):
                value = self.answers.pop(question.id)
                if value == self.implied.get(question.id):
                    continue   # the answer skipping implies, read back from a saved profile
                self.set_aside[question.id] = (value, self.notes.pop(question.id, None))
                dropped.append(question.id)
        return dropped

    # -- results -----------------------------------------------------------
    def is_finished(self):
        return self.current == FINISHED

    def profile(self, path=None):
        """The profile as it stands: skipped questions hold the answer skipping implies, if any;
        unanswered ones count as unknown."""
        answers = dict(self.answers)
        answers.update((q, v) for q, v in self.implied.items() if not self.is_asked(q))
        missing = tuple(q.id for q in self.bank if q.id not in answers)
        answers = {q.id: answers.get(q.id, UNKNOWN) for q in self.bank}
        notes = {q.id: self.notes[q.id] for q in self.bank if q.id in self.notes}
        return Profile(self.client, answers, notes, self.interviewed_on, self.consultant, missing, path,
                       names=self.names)

    def skip_reasons(self):
        """``{question id: why it is not asked}`` for every skipped question."""
        return {q.id: self.skip_reason(q.id) for q in self.bank if not self.is_asked(q.id)}
