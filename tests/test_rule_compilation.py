"""Rule files compile, and malformed ones are rejected with file and line."""
import shutil
from pathlib import Path

import pytest

from orgdesign.engine.reasoner import Reasoner
from orgdesign.errors import RuleBaseError
from orgdesign.paths import default_knowledge_dir, default_rules_dir

GOOD_RULE = """rules:
  - id: evidence.test.rule
    title: A test rule
    description: Fires for software companies.
    rationale: Only for the test.
    source: [article]
    when:
      - answer: industry
        equals: software
    then:
      - evidence: {archetype: product_embedded, trait: company, cf: 0.2}
"""


@pytest.fixture
def rules_copy(tmp_path):
    target = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), target)
    return target


def write_rule(rules_dir, text):
    path = rules_dir / "evidence" / "zz_test.yaml"
    path.write_text(text)
    return path


def test_added_rule_compiles_and_fires(rules_copy, make_profile):
    write_rule(rules_copy, GOOD_RULE)
    reasoner = Reasoner(default_knowledge_dir(), rules_copy)
    inference = reasoner.infer(make_profile({"industry": "software"}))
    firing = next(f for f in inference.trace.firings if f.rule == "evidence.test.rule")
    assert firing.file == "rules/evidence/zz_test.yaml" and firing.line == 2
    assert firing.matched == ["answer:industry"]


@pytest.mark.parametrize(
    "broken, line, message",
    [
        (GOOD_RULE.replace("equals: software", "equals: sofware"), 9, "`sofware` is not a valid answer to `industry`; did you mean `software`?"),
        (GOOD_RULE.replace("answer: industry", "answer: industri"), 8, "unknown question `industri`; did you mean `industry`?"),
        (GOOD_RULE.replace("cf: 0.2", "cf: 1.5"), 11, "certainty factor must be a non-zero number from -1 to 1"),
        (GOOD_RULE.replace("    rationale: Only for the test.\n", ""), 2, "`rules[0]`: missing `rationale`"),
        (GOOD_RULE.replace("source: [article]", "source: [blogpost]"), 6, "`blogpost` is not a known source id"),
        (GOOD_RULE.replace("archetype: product_embedded", "archetype: product"), 11, "`product` is not a known archetypes id"),
        # The schema check runs first and points at the misspelt key itself.
        (GOOD_RULE.replace("equals: software", "eqals: software"), 9, "unknown key `eqals`; did you mean `equals`?"),
        (GOOD_RULE + GOOD_RULE[len("rules:\n"):], 12, "duplicate rule id `evidence.test.rule` (also at"),
    ],
)
def test_malformed_rule_rejected_with_file_and_line(rules_copy, broken, line, message):
    path = write_rule(rules_copy, broken)
    with pytest.raises(RuleBaseError) as caught:
        Reasoner(default_knowledge_dir(), rules_copy)
    text = str(caught.value)
    assert text.startswith(f"{path}:{line}: "), text
    assert message in text


def test_shipped_rule_base_has_layers_and_rules():
    reasoner = Reasoner()
    layers = {rule.layer for rule in reasoner.rulebook.rules}
    assert {"evidence", "design", "orgchart", "advice"} <= layers
    assert Path(reasoner.rulebook.path).name == "rulebase.yaml"
