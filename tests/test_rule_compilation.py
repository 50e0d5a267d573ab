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


def refusal(rules_dir):
    """(file, line, message, hint) of the error building a reasoner on ``rules_dir`` raises."""
    with pytest.raises(RuleBaseError) as caught:
        Reasoner(default_knowledge_dir(), rules_dir)
    error = caught.value
    return str(error.path), error.line, error.message, error.hint


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


@pytest.mark.parametrize(
    "folder, message, hint",
    [
        ("/", "the folder of layer `evidence`, `/`, is not inside the rules folder",
         "give a folder below the folder of rulebase.yaml, such as `evidence`"),
        ("../evidence", "the folder of layer `evidence`, `../evidence`, is not inside the rules folder",
         "give a folder below the folder of rulebase.yaml, such as `evidence`"),
        ("evidnce", "the folder of layer `evidence`, `evidnce`, does not exist", "create it, or correct the name"),
    ],
)
def test_a_layer_folder_outside_the_rules_or_missing_is_refused_at_its_line(rules_copy, folder, message, hint):
    header = rules_copy / "rulebase.yaml"
    text = header.read_text()
    header.write_text(text.replace("    folder: evidence\n", f"    folder: {folder}\n", 1))
    line = text[: text.index("    folder: evidence\n")].count("\n") + 1
    assert refusal(rules_copy) == (str(header), line, message, hint)


ANSWER_TEST = "      - answer: industry\n        equals: software\n"


@pytest.mark.parametrize(
    "condition, line, message, hint",
    [
        ("      - answer: employees\n        in_bands: [larg]\n", 9, "`larg` is not a band of `employees`", "did you mean `large`?"),
        ("      - answer: industry\n        equals: software\n        one_of: [retail]\n", 8,
         "an answer condition needs exactly one test, found ['equals', 'one_of']",
         "allowed: equals, one_of, between, band, in_bands, contains, contains_any, only, unknown"),
        ("      - answer: employees\n        equals: many\n", 9, "`'many'` is not a number", None),
        ("      - fact: archetypes\n", 8, "unknown fact type `archetypes`", "did you mean `archetype`?"),
    ],
    ids=["misspelt band", "two tests", "a word for a number", "misspelt fact type"],
)
def test_a_condition_the_schema_allows_but_the_knowledge_does_not_is_refused_with_a_hint(rules_copy, condition, line, message, hint):
    """What only the rule book reader can tell (bands, fact types, operators, numbers), at the line, with what to write."""
    path = write_rule(rules_copy, GOOD_RULE.replace(ANSWER_TEST, condition))
    assert refusal(rules_copy) == (str(path), line, message, hint)


CONCLUSION = "      - evidence: {archetype: product_embedded, trait: company, cf: 0.2}\n"


@pytest.mark.parametrize(
    "conclusion, message, hint",
    [
        ("      - archetype: {id: nascent}\n", "`archetype` facts are asserted by the engine itself, not by rules", None),
        ("      - evidence: {archetype: product_embedded, trait: {answer: industri}, cf: 0.2}\n", "unknown question `industri`",
         "did you mean `industry`?"),
        ("      - evidence: {archetype: product_embedded, trait: company, cf: 0.2, traits: company}\n",
         "`evidence` has no field `traits`", "did you mean `trait`?"),
        ("      - evidence: {archetype: product_embedded, trait: company, cf: 0.2, weight: 2}\n",
         "`evidence` has no field `weight`", "allowed: archetype, trait, cf"),
        ("      - role_need: {role: ml_engineer, priority: first, why: Planted.}\n", "`priority` must be a number, not 'first'", None),
        ("      - role_need: {role: ml_engineer, priority: 1, why: 3}\n", "`why` must be text", None),
    ],
    ids=["a fact the engine asserts", "an answer copied from no question", "a misspelt field", "a field of no kind",
         "a word for a whole number", "a number for text"],
)
def test_a_conclusion_the_rule_base_does_not_declare_is_refused_at_its_line(rules_copy, conclusion, message, hint):
    path = write_rule(rules_copy, GOOD_RULE.replace(CONCLUSION, conclusion))
    assert refusal(rules_copy) == (str(path), 11, message, hint)


def test_a_not_inside_a_not_is_refused_at_its_line_with_what_to_do(rules_copy):
    path = write_rule(rules_copy, GOOD_RULE.replace(
        "      - answer: industry\n        equals: software\n",
        "      - not:\n          not:\n            answer: industry\n            equals: software\n"))
    assert refusal(rules_copy) == (
        str(path), 8, "`not:` inside `not:` is not allowed", "drop both")


def test_each_rule_says_whether_it_is_our_own_inference_as_its_file_does(reasoner):
    """The report marks a rule's reasoning as the source's or ours from this flag."""
    import yaml

    flagged = {}
    for path in sorted(default_rules_dir().rglob("*.yaml")):
        for raw in (yaml.safe_load(path.read_text()) or {}).get("rules", []):
            flagged[raw["id"]] = raw.get("inference", False) is True
    read = {rule.id: rule.inference for rule in reasoner.rulebook.rules}
    assert read == flagged
    assert set(read.values()) == {True, False}


def test_shipped_rule_base_has_layers_and_rules():
    reasoner = Reasoner()
    layers = {rule.layer for rule in reasoner.rulebook.rules}
    assert {"evidence", "design", "orgchart", "advice"} <= layers
    assert Path(reasoner.rulebook.path).name == "rulebase.yaml"


def _order_rule(rule_id, archetype):
    return GOOD_RULE[len("rules:\n"):].replace("evidence.test.rule", rule_id).replace("product_embedded", archetype)


def _firing_order(rules_dir, make_profile, *rule_ids):
    reasoner = Reasoner(default_knowledge_dir(), rules_dir)
    fired = [f.rule for f in reasoner.infer(make_profile({"industry": "software"})).trace.firings]
    return [r for r in fired if r in rule_ids]


def test_rules_of_one_salience_fire_in_the_order_the_rule_base_lists_them(rules_copy, make_profile):
    """rules/rulebase.yaml: within a salience, by file name, then by position in the file."""
    first, second = _order_rule("evidence.order.first", "product_embedded"), _order_rule("evidence.order.second", "nascent")
    write_rule(rules_copy, "rules:\n" + first + second)
    assert _firing_order(rules_copy, make_profile, "evidence.order.first", "evidence.order.second") == [
        "evidence.order.first", "evidence.order.second"]
    write_rule(rules_copy, "rules:\n" + second + first)
    assert _firing_order(rules_copy, make_profile, "evidence.order.first", "evidence.order.second") == [
        "evidence.order.second", "evidence.order.first"]
    # A file that sorts earlier fires earlier, wherever the rule sits in it.
    write_rule(rules_copy, "rules:\n" + first)
    (rules_copy / "evidence" / "aa_test.yaml").write_text("rules:\n" + second)
    assert _firing_order(rules_copy, make_profile, "evidence.order.first", "evidence.order.second") == [
        "evidence.order.second", "evidence.order.first"]


def test_a_rule_matched_by_several_facts_fires_for_them_in_the_order_they_were_concluded(reasoner):
    """A trace reads in conclusion order: the interview rule of a role runs for hire 1 before hire 2."""
    from orgdesign import load_profile

    repeated = 0
    for path in sorted((Path(__file__).parent.parent / "examples").glob("*.yaml")):
        firings = reasoner.infer(load_profile(path, reasoner)).trace.firings
        by_rule = {}
        for firing in firings:
            by_rule.setdefault(firing.rule, []).append(firing.matched)
        for rule, matches in by_rule.items():
            if len(matches) > 1:
                repeated += 1
                numbers = [int(m[-1].split("-")[1]) for m in matches]
                assert numbers == sorted(numbers), (path.name, rule, matches)
    assert repeated >= 3


def test_a_rule_base_that_needs_more_firings_than_the_limit_is_stopped_with_a_reason(reasoner, make_profile, monkeypatch):
    from orgdesign.engine import compiler

    profile = make_profile({"industry": "software", "ml_activity": ["product_teams"]})
    needed = len(reasoner.infer(profile).trace.firings)
    monkeypatch.setattr(compiler, "MAX_FIRINGS", needed)
    assert len(reasoner.infer(profile).trace.firings) == needed
    monkeypatch.setattr(compiler, "MAX_FIRINGS", needed - 1)
    with pytest.raises(RuntimeError, match=f"did not settle after {needed - 1} firings; look for rules that feed each other"):
        reasoner.infer(profile)


def test_a_conclusion_can_carry_the_clients_answer_and_says_unknown_without_one(reasoner, make_profile):
    """rules/orgchart: `ml_staff: {answer: ml_headcount}` puts the client's headcount on the unit."""
    from orgdesign.questions import UNKNOWN

    base = {"ml_activity": ["product_teams"], "ml_reports_to": "product_engineering_lead", "planned_ml_hires": 4}
    for answers, staff in (({**base, "ml_headcount": 12}, 12), (base, UNKNOWN)):
        units = reasoner.infer(make_profile(answers)).facts_of_type("org_unit")
        carrying = [u.fields for u in units if "ml_staff" in u.fields]
        assert carrying and all(u["ml_staff"] == staff and u["ml_hires"] == 4 for u in carrying)


def test_the_archetype_call_names_the_unknown_answers_that_lowered_its_confidence(reasoner):
    """explain lists, as premises of the archetype fact, exactly the unknown answers inference.yaml gives a weight."""
    from orgdesign import load_profile
    from orgdesign.questions import UNKNOWN

    profile = load_profile(Path(__file__).parent.parent / "examples" / "unknowns-insurance.yaml", reasoner)
    inference = reasoner.infer(profile)
    weights = reasoner.knowledge.inference["unknown_penalty"]["weights"]
    expected = {f"answer:{q}" for q, weight in weights.items() if weight and profile.answer(q) == UNKNOWN}
    assert any(profile.answer(q) != UNKNOWN for q in weights)  # answered, weighted: not a premise
    assert len(expected) >= 3
    combine = next(f for f in inference.trace.firings if f.rule == "engine.combine_evidence")
    assert {m for m in combine.matched if m.startswith("answer:")} == expected
    archetype = inference.trace.facts_of_type("archetype")[0]
    assert archetype.origin == {"firing": combine.seq, "rule": "engine.combine_evidence"}


def test_evidence_is_combined_after_every_evidence_rule_and_before_any_later_layer(reasoner, make_profile):
    """DESIGN.md: the engine's combination step fires at its own salience, between the evidence layer and the rest."""
    layer_of = {r.id: r.salience for r in reasoner.rulebook.rules}
    combine_salience = reasoner.rulebook.combine_salience
    profile = make_profile({"ml_activity": ["product_teams"], "ml_reports_to": "product_engineering_lead",
                            "industry": "software", "employees": 800})
    fired = [f.rule for f in reasoner.infer(profile).trace.firings]
    at = fired.index("engine.combine_evidence")
    assert fired.count("engine.combine_evidence") == 1
    assert all(layer_of[r] > combine_salience for r in fired[:at])
    assert all(layer_of[r] < combine_salience for r in fired[at + 1:]) and fired[at + 1:]


def test_a_reasoner_reads_the_folders_it_is_given(tmp_path, make_profile):
    rules = tmp_path / "rules"
    knowledge = tmp_path / "knowledge"
    shutil.copytree(default_rules_dir(), rules)
    shutil.copytree(default_knowledge_dir(), knowledge)
    write_rule(rules, GOOD_RULE)
    archetypes = knowledge / "archetypes.yaml"
    archetypes.write_text(archetypes.read_text().replace('name: "ML-first"', 'name: "ML-first (our copy)"', 1))
    reasoner = Reasoner(knowledge, rules)
    assert reasoner.knowledge.archetypes["ml_first"]["name"] == "ML-first (our copy)"
    assert "evidence.test.rule" in {r.id for r in reasoner.rulebook.rules}
    shipped = Reasoner(default_knowledge_dir(), default_rules_dir())
    assert reasoner.digest != shipped.digest
    # The digest covers both folders: the knowledge copy alone changes it too.
    assert Reasoner(knowledge, default_rules_dir()).digest not in (shipped.digest, reasoner.digest)


def test_one_reasoner_per_rule_base_even_when_named_alike(tmp_path, monkeypatch):
    """`--rules rules` in two working folders names two rule bases."""
    from orgdesign.engine.reasoner import get_reasoner

    for name in ("one", "two"):
        shutil.copytree(default_rules_dir(), tmp_path / name / "rules")
    monkeypatch.chdir(tmp_path / "one")
    first = get_reasoner(default_knowledge_dir(), "rules")
    assert get_reasoner(default_knowledge_dir(), "rules") is first
    monkeypatch.chdir(tmp_path / "two")
    assert get_reasoner(default_knowledge_dir(), "rules") is not first
