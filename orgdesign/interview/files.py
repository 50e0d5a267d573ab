"""Which file an interview starts from and where it saves, with the safety checks.

``-o/--output`` starts a new profile and refuses to replace an existing file
unless ``--force``; ``--resume`` continues a saved profile in place (through
a symbolic link to the file it names, keeping the file's mode and the
comments written into it by hand);
``--answers`` pre-fills a new profile from a prepared one (never written to).
Every problem is found before the first question is asked.
"""
from pathlib import Path

from ..errors import OrgDesignError
from ..profile import load_profile
from .profile_writer import save_profile
from .session import InterviewSession


class ProfileSaver:
    """Saves the session's profile to ``path`` (atomically) each time it is called."""

    def __init__(self, path, bank, keep_comments=False):
        self.path = Path(path)
        self.bank = bank
        self.keep_comments = keep_comments
        self.saved = False

    def __call__(self, session):
        if session.client is None:
            return   # a profile needs the client's name; nothing to save before it
        save_profile(self.path, session.profile(str(self.path)), self.bank, session.skip_reasons(),
                     keep_comments=self.keep_comments)
        self.saved = True


def open_interview(knowledge, today, out=None, resume=None, answers=None, force=False):
    """``(session, saver)`` for a new (``out``) or resumed (``resume``) interview."""
    if resume is not None:
        profile = load_profile(resume, knowledge)
        session = InterviewSession.from_profile(profile, knowledge, profile.interviewed_on or today)
        return session, ProfileSaver(resume, knowledge.questions, keep_comments=True)
    out = Path(out)
    _check_new_output(out, force)
    if answers is not None:
        if Path(answers).resolve() == out.resolve():
            raise OrgDesignError("the --answers file is also the -o/--output file", out,
                                 hint=f"an input is never replaced: continue it with `orgdesign interview --resume {out}`")
        prepared = load_profile(answers, knowledge)
        session = InterviewSession.from_profile(prepared, knowledge, today, details_given=False)
    else:
        session = InterviewSession(knowledge, today, details_given=False)
    return session, ProfileSaver(out, knowledge.questions)


def _check_new_output(out, force):
    if out.is_dir():
        raise OrgDesignError("is a folder", out, hint="give the path of the profile file to write, e.g. acme.yaml")
    if not out.parent.is_dir():
        raise OrgDesignError(f"the folder `{out.parent}` does not exist", out, hint="create it first, or choose another path")
    if out.exists() and not force:
        raise OrgDesignError("already exists", out,
                             hint=f"continue it with `orgdesign interview --resume {out}`, or start over with --force")
