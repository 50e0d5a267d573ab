"""WHY-NOT and sensitivity: every what-if claim holds when the engine is re-run (issue 4)."""
from itertools import combinations

import pytest

from orgdesign import load_profile
from orgdesign.explain import explain
from orgdesign.explain.alternatives import AnswerSpace
from orgdesign.explain.evidence_model import EvidencePreview

from .conftest import EXAMPLES, example_paths


def load(name, reasoner):
    return load_profile(EXAMPLES / name, reasoner)


def as_answer(value):
    return tuple(value) if isinstance(value, list) else value


def top_after(profile, changes, reasoner):
    return reasoner.infer(profile.with_answers(**{c["question"]: as_answer(c["to"]) for c in changes})).verdict


@pytest.mark.parametrize("name, target, size", [
    ("mixed-retail.yaml", "independent_division", 1),
    ("mixed-retail.yaml", "ml_first", 2),
    ("mixed-retail.yaml", "research_and_development", 1),
    ("product-embedded-fintech.yaml", "independent_division", 2),
    ("nascent-logistics.yaml", "research_and_development", 2),
    # A three-answer change: the search goes through millions of combinations.
    pytest.param("rnd-manufacturing.yaml", "ml_first", 3, marks=pytest.mark.sweep),
    ("unknowns-insurance.yaml", "nascent", 1),
])
def test_why_not_changes_really_make_the_archetype_top(name, target, size, reasoner):
    profile = load(name, reasoner)
    result = explain(profile, reasoner, why_not_archetype=target)["why_not"]
    change = result["smallest_change"]
    assert change["found"] and change["size"] == size
    for proposal in [change["best"]] + change["alternatives"]:
        assert len(proposal["changes"]) == size
        for item in proposal["changes"]:
            assert as_answer(item["from"]) == profile.answer(item["question"]) != as_answer(item["to"])
        verdict = top_after(profile, proposal["changes"], reasoner)
        assert verdict.top == target
        assert verdict.confidence(target) == proposal["confidence"]


def test_why_not_smallest_is_minimal(reasoner):
    """No single answer change makes the fintech an independent division: its two defining traits
    (where ML sits, whom it reports to) both point elsewhere, so two is the least."""
    profile = load("product-embedded-fintech.yaml", reasoner)
    space = AnswerSpace(reasoner)
    for question in space.tested_questions():
        for value in space.alternatives(question, profile.answer(question)):
            assert reasoner.infer(profile.with_answers(**{question: value})).verdict.top != "independent_division"


def test_why_not_lists_failed_conditions_against_answers(reasoner):
    profile = load("mixed-retail.yaml", reasoner)
    result = explain(profile, reasoner, why_not_archetype="independent_division")["why_not"]
    rules = {r["rule"]: r for r in result["supporting_rules"]}
    assert rules["evidence.independent_division.central_division"]["fired"] is True
    failed = rules["evidence.independent_division.reports_to_leadership"]
    assert failed["fired"] is False and failed["cf"] == 1.0
    assert failed["failed"] == [{"condition": "ml_reports_to is senior_leadership", "question": "ml_reports_to",
                                 "answer": "product_engineering_lead", "answer_text": "Product or engineering lead"}]
    assert failed["file"] == "rules/evidence/reporting_and_sponsorship.yaml" and failed["line"] > 0
    # Only rules with positive evidence for the archetype are listed.
    for rule in result["supporting_rules"]:
        spec = reasoner.rulebook.rule(rule["rule"])
        assert any(dict(a.fields).get("archetype") == "independent_division" and dict(a.fields)["cf"] > 0
                   for a in spec.then if a.fact_type == "evidence")


def test_why_not_the_top_archetype(reasoner):
    result = explain(load("mixed-retail.yaml", reasoner), reasoner, why_not_archetype="product_embedded")["why_not"]
    assert result["is_top"] and result["smallest_change"] is None


@pytest.mark.parametrize("name", ["mixed-retail.yaml", "unknowns-insurance.yaml"])
def test_sensitivity_claims_hold_and_nothing_is_missed(name, reasoner):
    profile = load(name, reasoner)
    result = explain(profile, reasoner)["sensitivity"]
    top = result["top"]
    claimed = {}
    for entry in result["answers"] + result["unknown_answers"]:
        assert (profile.answer(entry["question"]) == "unknown") == (entry in result["unknown_answers"])
        for flip in entry["flips"]:
            verdict = reasoner.infer(profile.with_answers(**{entry["question"]: as_answer(flip["to"])})).verdict
            assert verdict.top == flip["top"] != top
            claimed.setdefault(entry["question"], set()).add(repr(as_answer(flip["to"])))
    assert claimed, "the examples chosen here do hinge on some answer"
    # Completeness: every other value the rules tell apart leaves the top archetype alone.
    space = AnswerSpace(reasoner)
    for question in space.tested_questions():
        for value in space.alternatives(question, profile.answer(question), include_unknown=True):
            if repr(value) not in claimed.get(question, set()):
                assert reasoner.infer(profile.with_answers(**{question: value})).verdict.top == top


def test_sensitivity_on_mixed_retail_names_the_reporting_line(reasoner):
    result = explain(load("mixed-retail.yaml", reasoner), reasoner)["sensitivity"]
    reporting = next(e for e in result["answers"] if e["question"] == "ml_reports_to")
    # `other` (a line no rule reads, named in a note) weighs like `unknown`, so it flips the call the same way.
    assert {f["to"] for f in reporting["flips"]} == {"rnd_head", "senior_leadership", "ceo", "other", "unknown"}
    assert {f["top"] for f in reporting["flips"]} == {"independent_division"}


@pytest.mark.parametrize("path", example_paths(), ids=lambda p: p.name)
def test_evidence_preview_agrees_with_the_engine(path, reasoner):
    """The why-not search prunes with the preview, so it must match the engine's beliefs."""
    profile = load_profile(path, reasoner)
    preview = EvidencePreview(reasoner, profile.answers)
    space = AnswerSpace(reasoner)
    cases = [{}] + [{q: v} for q in ("ml_activity", "industry", "employees", "ml_reports_to")
                    for v in space.alternatives(q, profile.answer(q), include_unknown=True)[:4]]
    cases.append({"industry": "financial_services", "employees": 5000, "publishes_research": "no",
                  "long_term_ml_projects": "no"})
    for changes in cases:
        engine = reasoner.infer(profile.with_answers(**changes)).verdict.beliefs
        assert preview.beliefs(changes) == pytest.approx(engine, abs=1e-6), changes


def test_alternatives_are_one_per_class_the_rules_distinguish(reasoner):
    space = AnswerSpace(reasoner)
    samples = {"industry": "retail", "roles_present": ("data_engineer", "ml_engineer"), "ml_headcount": 28,
               "employees": 6500}
    for question_id, current in samples.items():
        tests = space.tests[question_id]

        def signature(value, tests=tests):
            return tuple(t.holds(value) for t in tests)

        chosen = space.alternatives(question_id, current)
        signatures = [signature(v) for v in chosen]
        assert len(set(signatures)) == len(signatures), question_id
        assert signature(current) not in signatures, question_id
        question = reasoner.knowledge.questions[question_id]
        if question.type == "integer":
            everything = range(question.minimum or 0, 200001, 7)
        elif question.type == "multi_choice":
            others = [v for v in question.values if v != "none"]
            everything = [tuple(v for v in question.values if v in set(c))
                          for n in range(1, len(others) + 1) for c in combinations(others, n)]
        else:
            everything = question.values
        # Every possible answer behaves like the current one or like a chosen one.
        assert {signature(v) for v in everything} <= set(signatures) | {signature(current)}, question_id
    # Industries no rule tells apart collapse into one class.
    assert len(space.alternatives("industry", "retail")) < len(reasoner.knowledge.questions["industry"].values) - 1
    assert "unknown" in space.alternatives("ml_headcount", 28, include_unknown=True)
