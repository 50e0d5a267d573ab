"""The tuned matcher changes speed only: traces equal those of experta's own matcher."""
import pytest

from benchmarks.profiles import write_profiles
from orgdesign import load_profile
from orgdesign.engine.experta_compat import KnowledgeEngine, ReteMatcher
from orgdesign.engine.trace import TraceRecorder

from .conftest import example_paths


def run(engine, profile, reasoner):
    recorder = TraceRecorder(profile.answers, reasoner.location)
    engine.infer(dict(profile.answers), recorder)
    return recorder.to_json(), vars(recorder.verdict)


@pytest.mark.parametrize("random_profiles", [20, pytest.param(200, marks=pytest.mark.sweep)])
def test_same_trace_as_experta_matcher(tmp_path, reasoner, random_profiles):
    untuned_class = type("UntunedEngine", (reasoner.compiled.engine_class,),
                         {"__matcher__": ReteMatcher, "get_deffacts": KnowledgeEngine.get_deffacts})
    untuned = untuned_class(reasoner.compiled)
    assert type(reasoner.engine.matcher) is not ReteMatcher
    paths = example_paths() + write_profiles(tmp_path, random_profiles, reasoner.knowledge, seed=5)
    for path in paths:
        profile = load_profile(path, reasoner)
        tuned_result = run(reasoner.engine, profile, reasoner)
        assert tuned_result == run(untuned, profile, reasoner), path
        assert tuned_result[0]["firings"], path


def shape(element):
    """A rule, condition or pattern as plain nested data, its classes included (tuples compare equal across classes)."""
    from orgdesign.engine.experta_compat import Fact

    if isinstance(element, Fact):
        return type(element).__name__, sorted((str(k), shape(v)) for k, v in element.items())
    if isinstance(element, tuple):
        return type(element).__name__, [shape(e) for e in element]
    return type(element).__name__, repr(element)


def test_every_shipped_rule_reaches_the_network_as_experta_would_prepare_it(reasoner):
    from orgdesign.engine.experta_compat import prepare_rule
    from orgdesign.engine.matcher import _in_normal_form, prepared_for_network

    rules = reasoner.engine.get_rules()
    assert all(_in_normal_form(rule) for rule in rules)  # else the shortcut would save nothing
    for rule in rules:
        ours, theirs = prepared_for_network(rule), prepare_rule(rule)
        assert shape(ours) == shape(theirs) and ours == theirs, rule._wrapped.__name__
        assert (ours.salience, ours._wrapped) == (theirs.salience, theirs._wrapped)


def test_a_rule_with_alternatives_is_rewritten_by_experta():
    from orgdesign.engine.experta_compat import NOT, Fact, P, Rule, prepare_rule
    from orgdesign.engine.matcher import _in_normal_form, prepared_for_network

    def fire():
        pass

    either = Rule(Fact(size=P(lambda s: s > 1) | P(lambda s: s < 0)), NOT(Fact(kind="x")))(fire)
    starts_negated = Rule(NOT(Fact(kind="x")), Fact(size=1))(fire)
    assert not _in_normal_form(either) and _in_normal_form(starts_negated)
    for rule in (either, starts_negated):
        assert shape(prepared_for_network(rule)) == shape(prepare_rule(rule))
