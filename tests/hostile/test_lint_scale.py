"""Issue 15, class 22: lint's work grows with the rule base, not with its square.

Timing is benchmarks/lint_scale.py's job; here we count the work: how many
times the checks look at a rule's conditions, and how many rule pairs they
compare, for the shipped rules and for 600 more.
"""
import pytest

from benchmarks.lint_scale import write_scaled_rule_base
from orgdesign.engine import rulebook
from orgdesign.lint import conflicts
from orgdesign.lint.answer_space import AnswerSpace
from orgdesign.lint.context import load_context
from orgdesign.lint.cycles import check_cycles

from .helpers import REPO


def _context(tmp_path, extra):
    rules = write_scaled_rule_base(tmp_path / f"scaled-{extra}", extra)
    return load_context(rules, REPO / "knowledge")


def _work(context, monkeypatch):
    counts = {"conditions read": 0, "pairs compared": 0}
    real_fact_tests = rulebook.RuleSpec.__dict__["fact_tests"].func
    real_clash = conflicts._clashing_assertions

    def counted_fact_tests(rule):
        counts["conditions read"] += 1
        return real_fact_tests(rule)

    def counted_clash(*args):
        counts["pairs compared"] += 1
        return real_clash(*args)

    with monkeypatch.context() as patch:
        patch.setattr(rulebook.RuleSpec, "fact_tests", property(counted_fact_tests))
        patch.setattr(conflicts, "_clashing_assertions", counted_clash)
        check_cycles(context)
        conflicts.check_conflicts(context, AnswerSpace(context.knowledge, context.rules), set())
    return counts


@pytest.fixture(scope="module")
def contexts(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lint-scale")
    return _context(folder, 0), _context(folder, 600)


def test_checks_do_linear_work(contexts, monkeypatch):
    small, large = contexts
    growth = len(large.rules) / len(small.rules)          # about 4.3
    before, after = _work(small, monkeypatch), _work(large, monkeypatch)
    for measure in before:
        # Comparing every pair of rules would multiply the work by growth squared (about 18).
        assert after[measure] <= growth * before[measure] * 1.2, (measure, before[measure], after[measure])


def test_the_index_finds_every_rule_asserting_a_type(contexts):
    _, large = contexts
    book = large.book
    for fact_type in book.fact_types:
        expected = tuple(r for r in book.rules if any(a.fact_type == fact_type for a in r.then))
        assert book.asserting(fact_type) == expected
    rule = book.rules[-1]
    assert book.position(rule.id) == len(book.rules) - 1
