"""The structured interview: asks the question bank and saves a profile after every answer.

``InterviewSession`` holds the interview's state and decides what comes
next; ``InterviewScreen`` runs it at a terminal; ``open_interview`` applies the
file-safety rules; ``check_interview_bank`` (skip conditions and defaults)
validates the bank for ``orgdesign lint``.
"""
from .bank_checks import check_defaults, check_interview_bank
from .files import ProfileSaver, open_interview
from .profile_writer import profile_yaml, save_profile
from .session import InterviewSession
from .skip import check_skip_conditions, load_skip_conditions
from .terminal import InterviewScreen, TerminalIO
from .typed_answers import InvalidAnswer, read_typed_answer

__all__ = [
    "InterviewScreen",
    "InterviewSession",
    "InvalidAnswer",
    "ProfileSaver",
    "TerminalIO",
    "check_defaults",
    "check_interview_bank",
    "check_skip_conditions",
    "load_skip_conditions",
    "open_interview",
    "profile_yaml",
    "read_typed_answer",
    "save_profile",
]
