"""Check: the question bank's ``ask_if`` skip conditions and defaults.

The interview owns the skip logic, and with it the validator of the bank's
skip conditions (``orgdesign.interview.check_interview_bank``: the question
tested is asked earlier, the test is one the interview knows, the operand is
an answer it can take). Lint reports that validator's problems as findings,
so a bank the interview would refuse is caught before it ships.
"""
from .findings import finding_from_error


def check_ask_if(context):
    if context.knowledge is None:
        return []
    # Imported here: the interview package is large, and lint's other checks do not need it.
    from ..interview import check_interview_bank

    return [finding_from_error("ask-if", problem) for problem in check_interview_bank(context.knowledge)]
