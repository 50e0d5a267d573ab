"""What `orgdesign lint` checks in the question bank on the interview's behalf.

The skip logic (``ask_if``, ``skipped_answer``) and the ``default`` a
question may declare are read only by the interview, so the engine never
notices when they are wrong; this is where they are checked.
"""
from ..errors import RuleBaseError
from ..questions import UNKNOWN
from .skip import check_skip_conditions


def check_interview_bank(knowledge):
    """Every problem in the interview's part of the bank, as ``RuleBaseError``s with file and line."""
    return check_skip_conditions(knowledge) + check_defaults(knowledge)


def check_defaults(knowledge):
    """A declared ``default`` must be a valid answer to its question (Enter would record it)."""
    document = knowledge.documents["questions"]
    problems = []
    for index, question in enumerate(knowledge.questions):
        if question.default is None:
            continue
        value, problem = question.normalise(question.default)
        if problem is None and value == UNKNOWN:
            problem = ("a default of `unknown` is what Enter records anyway", "remove `default`")
        if problem:
            problems.append(document.error(f"`default` of `{question.id}`: {problem[0]}", "questions", index,
                                           "default", hint=problem[1], error_class=RuleBaseError))
    return problems
