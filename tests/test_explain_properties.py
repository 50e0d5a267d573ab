"""Any valid profile can be explained, and its explanation bottoms out in its own answers."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orgdesign.engine.reasoner import get_reasoner
from orgdesign.explain import explain, render_dot, render_text
from orgdesign.profile import Profile
from orgdesign.questions import UNKNOWN

BANK = get_reasoner().knowledge.questions


def answers_for(question):
    if question.type == "integer":
        values = st.integers(question.minimum or 0, min(question.maximum or 10**6, 10**6))
    elif question.type == "multi_choice":
        others = [v for v in question.values if v != "none"]
        values = st.lists(st.sampled_from(others), min_size=1, unique=True).map(
            lambda chosen: tuple(v for v in question.values if v in chosen))
    else:
        values = st.sampled_from(question.allowed_values())
    return st.one_of(st.just(UNKNOWN), values)


PROFILES = st.builds(lambda answers: Profile("Property Client", answers),
                     st.fixed_dictionaries({q.id: answers_for(q) for q in BANK}))


def leaves(node):
    if node["type"] == "answer":
        return [node]
    return [leaf for child in node.get("from", []) for leaf in leaves(child)]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PROFILES)
def test_any_profile_explains_down_to_its_answers(profile):
    reasoner = get_reasoner()
    result = explain(profile, reasoner, how="design_choice")
    assert result["archetype"]["id"] == reasoner.infer(profile).verdict.top
    for tree in result["conclusions"]:
        for leaf in leaves(tree):
            value = profile.answer(leaf["question"])
            assert leaf["value"] == (list(value) if isinstance(value, tuple) else value)
    assert render_text(result).startswith("Property Client: how we reached our recommendation\n")
    assert render_dot(result).startswith("digraph derivation {")
