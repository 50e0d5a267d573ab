"""Answers that contradict each other, found from the answers alone.

The rules in rules/advice/answer_conflicts.yaml read answers only, so their
conditions are checked here without running the engine: the interviews
show the conflicts while the client is still there, and `batch
--summary-only` (whose smaller engine leaves the advice rules out) counts
them. The report lists the same conflicts from the `answer_conflict` facts
the engine concludes; a test holds the two to agreeing.
"""
from ..questions import UNKNOWN

CONFLICT_FACT = "answer_conflict"


def answer_conflicts(rulebook, answers):
    """``[{"questions": [first, second], "text": what to ask}]`` for each conflict rule the answers meet, in
    rule-base order: the recommendation's ``answer_conflicts`` without the fact and rule behind each."""
    found = []
    for rule in rulebook.rules:
        if rule.fact_tests or not all(t.holds(answers.get(t.question, UNKNOWN)) for t in rule.answer_tests):
            continue
        for assertion in rule.then:
            if assertion.fact_type == CONFLICT_FACT:
                fields = dict(assertion.fields)
                found.append({"questions": [fields["first"], fields["second"]], "text": fields["why"]})
    return found
