"""Check: every interview question is read by some rule.

A client asked a question whose answer changes nothing will rightly ask why
it was asked. A question no rule tests, and no rule copies into a fact, is
either missing its rules or should leave the question bank.
"""
from ..engine.rulebook import AnswerValue
from .findings import Finding


def check_unused_questions(context):
    read = set()
    for rule in context.rules:
        read.update(rule.questions_used)
        read.update(v.question for a in rule.then for _, v in a.fields if isinstance(v, AnswerValue))
    # Lint reaches this check only once the knowledge loaded, questions.yaml with it.
    document = context.knowledge.documents["questions"]
    findings = []
    for index, question in enumerate(context.knowledge.questions):
        if question.id not in read:
            findings.append(Finding("unused-question", str(document.path), document.line_of("questions", index, "id"),
                                    f"no rule reads the answer to `{question.id}`, so asking it changes nothing",
                                    "add rules that use it, or remove the question from the bank"))
    return findings
