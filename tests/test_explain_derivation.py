"""HOW: every explanation bottoms out in the profile's own answers (issue 4)."""
import pytest

from orgdesign import load_profile
from orgdesign.explain import UnknownConclusion, explain
from orgdesign.explain.derivation import Derivations
from orgdesign.explain.describe import Describer

from .conftest import EXAMPLES, example_paths


def derivations_for(path, reasoner):
    profile = load_profile(path, reasoner)
    inference = reasoner.infer(profile)
    return profile, inference, Derivations(inference, Describer(reasoner))


def walk(node):
    yield node
    for child in node.get("from", []):
        yield from walk(child)


@pytest.mark.parametrize("path", example_paths(), ids=lambda p: p.name)
def test_every_conclusion_bottoms_out_in_answers_of_the_profile(path, reasoner):
    profile, inference, derivations = derivations_for(path, reasoner)
    conclusions = derivations.conclusions()
    assert conclusions, "an example with no conclusion explains nothing"
    for conclusion in conclusions:
        # Alone, a conclusion's tree is fully expanded, except where two premises
        # share a premise (a diamond): its second showing refers to the first.
        (tree,) = derivations.trees([conclusion])
        expanded = set()
        for node in walk(tree):
            if node["type"] == "answer":
                assert not node.get("from")
                expected = profile.answer(node["question"])
                assert node["value"] == (list(expected) if isinstance(expected, tuple) else expected)
                continue
            if node.get("shown_above"):
                assert node["fact"] in expanded, f"{node['fact']} refers to a derivation not shown"
                continue
            expanded.add(node["fact"])
            # Each premise is something the firing's rule really read.
            spec = reasoner.rulebook.rule(node["by"]["rule"])
            if spec is not None:
                for child in node["from"]:
                    if child["type"] == "answer":
                        assert child["question"] in spec.questions_used
                        tests = [t for t in spec.answer_tests if t.question == child["question"]]
                        assert all(t.holds(profile.answer(child["question"])) for t in tests)
            assert node["from"], f"{node['fact']} has no premises"
        assert derivations.leaves(tree), f"{tree['fact']} never reaches an answer"


@pytest.mark.parametrize("path", example_paths(), ids=lambda p: p.name)
def test_every_derived_fact_is_explained(path, reasoner):
    """Conclusions plus the evidence under them cover every fact the engine derived."""
    _, inference, derivations = derivations_for(path, reasoner)
    seen = {node["fact"] for tree in derivations.trees(derivations.conclusions()) for node in walk(tree)}
    derived = {f.id for f in inference.trace.facts.values() if "firing" in f.origin}
    assert derived <= seen


def test_combination_step_lists_strongest_evidence_for_the_winner_first(reasoner):
    _, inference, derivations = derivations_for(EXAMPLES / "mixed-retail.yaml", reasoner)
    (tree,) = derivations.trees(derivations.resolve("archetype"))
    assert tree["by"]["rule"] == "engine.combine_evidence"
    assert tree["by"]["file"] == "knowledge/inference.yaml" and tree["by"]["inference"] is True
    factors = [(c["fields"]["archetype"], c["fields"]["cf"]) for c in tree["from"]]
    ours = [cf for a, cf in factors if a == "product_embedded"]
    assert factors[0] == ("product_embedded", max(ours))
    positives = [cf for cf in ours if cf > 0]
    assert positives == sorted(positives, reverse=True)
    combine = next(f for f in inference.trace.firings if f.rule == "engine.combine_evidence")
    assert [c["fact"] for c in tree["from"]] != combine.matched  # reordered...
    assert sorted(c["fact"] for c in tree["from"]) == sorted(combine.matched)  # ...but complete


@pytest.mark.parametrize("wanted, expected", [
    ("archetype", ["archetype.product_embedded"]),
    ("archetype.product_embedded", ["archetype.product_embedded"]),
    ("design_choices.data_ownership", ["design_choice.data_ownership"]),
    ("design_choice.data_ownership", ["design_choice.data_ownership"]),
    ("design_choice", ["design_choice.data_ownership", "design_choice.engineering_vs_research",
                       "design_choice.model_ownership"]),
])
def test_how_names(wanted, expected, reasoner):
    _, _, derivations = derivations_for(EXAMPLES / "mixed-retail.yaml", reasoner)
    assert sorted(derivations.name(f) for f in derivations.resolve(wanted)) == expected


def test_how_by_fact_id_and_answer(reasoner):
    profile, inference, derivations = derivations_for(EXAMPLES / "mixed-retail.yaml", reasoner)
    evidence = inference.facts_of_type("evidence")[0]
    (tree,) = derivations.trees(derivations.resolve(evidence.id))
    assert tree["by"]["rule"] == evidence.origin["rule"]
    (answer,) = derivations.trees(derivations.resolve("answer:ml_activity"))
    assert answer["value"] == list(profile.answer("ml_activity"))


def test_how_unknown_name_is_an_error_naming_the_choices(reasoner):
    _, _, derivations = derivations_for(EXAMPLES / "mixed-retail.yaml", reasoner)
    with pytest.raises(UnknownConclusion) as caught:
        derivations.resolve("org_chart")
    assert "archetype.product_embedded, target.independent_division, design_choice.data_ownership" in str(caught.value)


def test_design_choice_tree_expands_the_target_and_archetype_when_shown_alone(reasoner):
    profile = load_profile(EXAMPLES / "mixed-retail.yaml", reasoner)
    result = explain(profile, reasoner, how="design_choices.data_ownership")
    (tree,) = result["conclusions"]
    (target,) = tree["from"]
    assert target["type"] == "target" and "shown_above" not in target
    archetype = next(c for c in target["from"] if c["type"] == "archetype")
    assert archetype["type"] == "archetype" and "shown_above" not in archetype
    assert archetype["from"] and "sensitivity" not in result and "why_not" not in result
