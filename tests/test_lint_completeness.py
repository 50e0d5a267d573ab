"""The completeness proof's building blocks: the answer space it covers and the org-chart test."""
import math
import re
from pathlib import Path

import pytest

from orgdesign.lint.answer_space import AnswerSpace
from orgdesign.lint.completeness import org_chart_gaps
from orgdesign.questions import UNKNOWN


def expected_answer_count(question, knowledge):
    if question.type == "yes_no":
        return 3
    if question.type == "choice":
        return len(question.values) + 1
    if question.type == "multi_choice":
        others = [v for v in question.values if v != "none"]
        return 2 ** len(others) - 1 + (1 if "none" in question.values else 0) + 1
    return len(knowledge.bands_for(question.id)) + 1


def test_answer_space_counts_every_combination(reasoner):
    space = AnswerSpace(reasoner.knowledge, reasoner.rulebook.rules)
    raw, classes = space.combinations()
    assert raw == math.prod(expected_answer_count(q, reasoner.knowledge) for q in reasoner.knowledge.questions)
    assert classes < raw
    for question_id, representatives in space.classes.items():
        assert UNKNOWN in space.domains[question_id]
        assert set(representatives) <= set(space.domains[question_id])


def test_values_no_rule_tells_apart_share_a_class(reasoner):
    space = AnswerSpace(reasoner.knowledge, reasoner.rulebook.rules)
    tests = sorted(space.tests["industry"], key=repr)

    def signature(value):
        return tuple(t.holds(value) for t in tests)

    by_signature = {signature(r): r for r in space.classes["industry"]}
    assert len(by_signature) == len(space.classes["industry"])
    assert {signature(v) for v in space.domains["industry"]} == set(by_signature)

    def named(value):
        return any(value in (t.operand if isinstance(t.operand, tuple) else (t.operand,)) for t in tests)

    unnamed = [v for v in space.domains["industry"] if v != UNKNOWN and not named(v)]
    named_plainly = [v for v in space.domains["industry"] if any(not t.negated and v in t.operand for t in tests)]
    assert len(unnamed) >= 2 and named_plainly
    # Industries no rule names are one class; one a rule names is told apart from them.
    assert len({signature(v) for v in unnamed}) == 1
    assert signature(named_plainly[0]) != signature(unnamed[0])


def chart(nodes, edges):
    return {"nodes": [{"id": n} for n in nodes], "edges": [{"from": a, "to": b, "line": "solid"} for a, b in edges]}


def test_connected_org_chart_has_no_gaps():
    assert org_chart_gaps(chart(["ceo", "cto", "ml"], [("ceo", "cto"), ("cto", "ml")])) == []
    assert org_chart_gaps({"nodes": [], "edges": []}) == []


def test_org_chart_with_two_roots():
    assert org_chart_gaps(chart(["ceo", "cto", "ml"], [("ceo", "cto")])) == [
        "has an org chart with 2 roots (ceo, ml), not one"]


def test_org_chart_with_a_detached_loop():
    gaps = org_chart_gaps(chart(["ceo", "a", "b"], [("a", "b"), ("b", "a")]))
    assert gaps == ["has org-chart nodes not reachable from `ceo`: a, b"]


def test_proof_finds_a_unit_that_hangs_loose_from_the_chart(planted_proof):
    """A planted defect: the nascent chart at the several-teams scale gets a unit with no reporting line."""
    chart_gaps = [line for line in planted_proof.output.splitlines() if "[completeness]" in line and "org chart" in line]
    assert chart_gaps, planted_proof.output
    # The chart is proved with every target and chart scale imposed, so each gap names both.
    assert all("org_scale several_teams, target nascent" in line and "org chart with 2 roots (company, ml_research)" in line
               for line in chart_gaps), "\n".join(chart_gaps)
    # Every gap a real profile was found for names that profile, and it is there.
    gaps = [line for line in planted_proof.output.splitlines() if "[completeness]" in line]
    written = [re.search(r"profile written to (\S+);", line) for line in gaps]
    assert sorted(planted_proof.out.glob("counter-example-*.yaml")) == sorted(Path(m.group(1)) for m in written if m)


PLANTED_CUTS = """rules:
  - id: evidence.test.cuts
    title: Number tests that cut the bands
    description: Planted by the answer-space test.
    rationale: Only for the test.
    source: [article]
    when:
      - answer: ml_headcount
        between: [3, 7]
      - answer: ml_headcount
        one_of: [12, 40]
      - answer: employees
        between: [0, 3]
      - answer: planned_ml_hires
        equals: 10000
    then:
      - evidence: {archetype: product_embedded, trait: company, cf: 0.2}
"""


def test_number_tests_cut_the_bands_where_they_change_and_stay_inside_each_question_s_limits(reasoner, tmp_path):
    """Each number a rule tests starts a new class, and so does the number just past it; nothing outside the limits."""
    import shutil

    from orgdesign.engine.rulebook import load_rulebook
    from orgdesign.paths import default_rules_dir

    rules = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), rules)
    (rules / "evidence" / "zz_cuts.yaml").write_text(PLANTED_CUTS)
    space = AnswerSpace(reasoner.knowledge, load_rulebook(rules, reasoner.knowledge).rules)
    numbers = {q: [v for v in space.domains[q] if v != UNKNOWN] for q in ("ml_headcount", "employees", "planned_ml_hires")}
    for question_id, points in numbers.items():
        question = reasoner.knowledge.questions[question_id]
        assert points == sorted(points) and all(question.minimum <= p <= question.maximum for p in points), question_id
        assert {max(b["min"], question.minimum) for b in reasoner.knowledge.bands_for(question_id)} <= set(points)
    assert {3, 8, 12, 13, 40, 41} <= set(numbers["ml_headcount"]) and not {9, 14, 42} & set(numbers["ml_headcount"])
    assert numbers["employees"][:2] == [1, 4]
    assert numbers["planned_ml_hires"][-1] == 10000


def test_a_recommendation_without_a_roadmap_is_a_gap_that_gives_the_reason_or_says_there_is_none():
    from orgdesign.lint.completeness import roadmap_gaps

    assert roadmap_gaps({"roadmap": [], "roadmap_note": "the rule base plans no stages"}) == [
        "has no roadmap (the rule base plans no stages)"]
    assert roadmap_gaps({"roadmap": None, "roadmap_note": None}) == ["has no roadmap (and no reason for none)"]
