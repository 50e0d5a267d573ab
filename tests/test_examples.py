"""Each bundled example reaches the archetype its story describes."""
import pytest

from orgdesign import load_profile, recommend

from .conftest import EXAMPLES

EXPECTED = {
    "nascent-logistics.yaml": ("nascent", None),
    "rnd-manufacturing.yaml": ("research_and_development", None),
    "product-embedded-fintech.yaml": ("product_embedded", None),
    "independent-division-bank.yaml": ("independent_division", None),
    "ml-first-startup.yaml": ("ml_first", None),
    "mixed-retail.yaml": ("product_embedded", None),
    "unknowns-insurance.yaml": ("product_embedded", None),
}


def test_every_example_has_an_expectation():
    assert sorted(p.name for p in EXAMPLES.glob("*.yaml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_archetype(name, reasoner):
    result = recommend(load_profile(EXAMPLES / name, reasoner), reasoner)
    archetype, mixed = EXPECTED[name]
    assert result["archetype"]["id"] == archetype
    assert result["archetype"]["mixed_with"] == mixed
    assert set(result["design_choices"]) == {"engineering_vs_research", "data_ownership", "model_ownership"}


def test_unknown_answers_lower_confidence(reasoner):
    full = load_profile(EXAMPLES / "product-embedded-fintech.yaml", reasoner)
    thinned = full.with_answers(data_access="unknown", ml_expertise="unknown", tech_forward="unknown")
    before = recommend(full, reasoner)["archetype"]
    after = recommend(thinned, reasoner)["archetype"]
    assert after["id"] == before["id"]
    assert after["confidence"] < before["confidence"]


def test_all_unknown_still_concludes(make_profile, reasoner):
    result = recommend(make_profile({}), reasoner)
    assert result["archetype"]["id"] in reasoner.knowledge.archetypes
    assert len(result["design_choices"]) == 3
    # Today is unknown: no gap can be claimed (a position without a single value is never one).
    assert all(choice["gap"] is None or choice["value"] is None for choice in result["design_choices"].values())
