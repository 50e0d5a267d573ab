"""Deliberately broken copies of the shipped rule base, one defect each.

Each case copies rules/ and knowledge/ to tmp_path, plants one defect by
editing the real YAML text, runs the real linter and checks that the finding
it must produce is there, at the right file and line.
"""
import datetime
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from orgdesign.lint import run_lint

REPO = Path(__file__).resolve().parent.parent

EXTRA_RULE = """
  - id: design.model_ownership.{name}
    title: A planted rule
    description: A rule added by the lint test.
    rationale: Planted to exercise one check.
    source: [article]
    when:
{when}
    then:
{then}
    tests:
      fires: [{{ml_activity: [none]}}]
"""


@dataclass
class Defect:
    name: str
    file: str            # relative to the copy's root: rules/... or knowledge/...
    old: str             # text to replace (must occur once); None appends `new` to the file
    new: str
    check: str           # the check that must report it
    message: str         # part of the finding's message (skip conditions: only the culprit, as the
                         # interview's own validator words them its way)
    marker: str = None   # the finding's line is the (first) line holding this text in the broken file
    hint: str = None     # the finding's whole hint
    first: bool = False  # `old` may occur several times; break the first
    prove: bool = False  # the finding needs the completeness proof (slow on a big rule base)
    cases: bool = False  # the finding needs the rules' test cases run
    at: str = None       # the finding's file when it is not the broken one (relative to the copy's root)


def rule(name, when, then):
    indent = lambda block: "\n".join("      " + line for line in block.strip().splitlines())
    return EXTRA_RULE.format(name=name, when=indent(when), then=indent(then))


DEFECTS = [
    Defect("rule key misspelt", "rules/evidence/company_profile.yaml", "    rationale: The source names these sectors",
           "    rationle: The source names these sectors", "schema", "unknown key `rationle`", "rationle:",
           hint="did you mean `rationale`?"),
    Defect("rule without rationale", "rules/evidence/company_profile.yaml",
           "    rationale: The source names these sectors as typical homes of the R&D archetype.\n", "",
           "schema", "missing `rationale`", "- id: evidence.rnd.research_heavy_industry",
           hint="every rule and knowledge entry states where its knowledge comes from (source) and why it holds (rationale)"),
    Defect("rule with an empty title", "rules/evidence/company_profile.yaml",
           "    title: An industry the source calls less technology-forward", '    title: ""', "schema",
           "`rules[0].title`: must not be empty", '    title: ""'),
    Defect("fact type asserted by a misspelt party", "rules/rulebase.yaml", "    asserted_by: engine\n", "    asserted_by: engin\n",
           "schema", "`engin` is not allowed here", "asserted_by: engin", hint="did you mean `engine`?"),
    Defect("size band ending at a word", "knowledge/size_bands.yaml", "    min: 10000\n    max: null\n", "    min: 10000\n    max: lots\n",
           "schema", "`employees[3].max`: must be integer or null, not 'lots'", "max: lots"),
    Defect("rule without source", "rules/evidence/company_profile.yaml",
           "    rationale: The source names these sectors as typical homes of the R&D archetype.\n    source: [article]\n",
           "    rationale: The source names these sectors as typical homes of the R&D archetype.\n",
           "schema", "missing `source`", "- id: evidence.rnd.research_heavy_industry"),
    Defect("unknown question", "rules/evidence/where_ml_happens.yaml", "      - answer: ml_activity\n        contains: rnd_lab",
           "      - answer: ml_activty\n        contains: rnd_lab", "references", "unknown question `ml_activty`", "ml_activty",
           hint="did you mean `ml_activity`?"),
    Defect("unknown answer value", "rules/evidence/where_ml_happens.yaml", "        contains: product_teams\n    then:\n      - evidence: {archetype: product_embedded, trait: where_ml_happens, cf: 0.7}",
           "        contains: product_team\n    then:\n      - evidence: {archetype: product_embedded, trait: where_ml_happens, cf: 0.7}",
           "references", "`product_team` is not a valid answer to `ml_activity`", "contains: product_team\n",
           hint="did you mean `product_teams`? allowed: none, ad_hoc, rnd_lab, product_teams, central_division, company_wide"),
    Defect("unknown fact type", "rules/design/model_ownership.yaml",
           "      - design_choice: {dimension: model_ownership, position: rarely_deployed}",
           "      - design_choise: {dimension: model_ownership, position: rarely_deployed}",
           "references", "unknown fact type `design_choise`", "design_choise", hint="did you mean `design_choice`?"),
    Defect("unknown knowledge id in a rule", "rules/design/model_ownership.yaml", "position: rarely_deployed}",
           "position: rarely_deploy}", "references", "`rarely_deploy` is not a known design_positions id", "rarely_deploy}",
           hint="did you mean `rarely_deployed`?"),
    Defect("unknown source in a rule", "rules/design/model_ownership.yaml",
           "    rationale: The source's design table for product-embedded ML.\n    source: [article]",
           "    rationale: The source's design table for product-embedded ML.\n    source: [artcle]",
           "references", "`artcle` is not a known source id", "[artcle]", hint="did you mean `article`?"),
    Defect("duplicate rule id", "rules/design/model_ownership.yaml", "  - id: design.model_ownership.rnd",
           "  - id: design.model_ownership.nascent", "references", "duplicate rule id `design.model_ownership.nascent`",
           "  - id: design.model_ownership.nascent\n    title: R&D"),
    Defect("unknown source in knowledge", "knowledge/roles.yaml", "    source: [article, fsdl-2021, fsdl-2022]",
           "    source: [article, fsdl_2021, fsdl-2022]", "references", "`fsdl_2021` is not a known source id", "fsdl_2021",
           hint="did you mean `fsdl-2021`?"),
    Defect("unknown archetype in knowledge", "knowledge/industries.yaml",
           "  - id: software\n    name: \"Software\"\n    typical_archetypes: [product_embedded, ml_first]",
           "  - id: software\n    name: \"Software\"\n    typical_archetypes: [product_embedded, ml_frist]", "references", "`ml_frist` is not a known archetype id", "ml_frist",
           hint="did you mean `ml_first`?"),
    Defect("skill level that is not on the scale", "knowledge/roles.yaml",
           "    skills: {software_engineering: low, ml_expertise: low_to_medium, communication: highest}",
           "    skills: {software_engineering: low, ml_expertise: low_to_meduim, communication: highest}",
           "references", "`low_to_meduim` is not a known skill_level id", "skills: {software_engineering: low, ml_expertise: low_to_meduim",
           hint="did you mean `low_to_medium`?"),
    Defect("completeness section built from an unknown fact type", "rules/rulebase.yaml", "  target: [target]\n",
           "  target: [targets]\n", "references", "`targets` is not a known fact_type id", "  target: [targets]",
           hint="did you mean `target`?"),
    # `ref` names a collection of knowledge ids; the skill scale and the integer questions are lists of another kind.
    Defect("fact field holding ids of no collection", "rules/rulebase.yaml", "      trait: {ref: traits}\n",
           "      trait: {ref: skill_levels}\n", "references", "`skill_levels` is not a known collection id", "{ref: skill_levels}"),
    Defect("fact field holding integer questions", "rules/rulebase.yaml", "      trait: {ref: traits}\n",
           "      trait: {ref: integer_questions}\n", "references", "`integer_questions` is not a known collection id",
           "{ref: integer_questions}"),
    Defect("archetype like no other in knowledge", "knowledge/industries.yaml",
           "  - id: software\n    name: \"Software\"\n    typical_archetypes: [product_embedded, ml_first]",
           "  - id: software\n    name: \"Software\"\n    typical_archetypes: [product_embedded, zebra]", "references",
           "`zebra` is not a known archetype id", "zebra",
           hint="allowed: nascent, research_and_development, product_embedded, independent_division, ml_first"),
    Defect("knowledge key misspelt", "knowledge/archetypes.yaml", "    summary: \"Nobody in the company",
           "    sumary: \"Nobody in the company", "schema", "unknown key `sumary`", "sumary:", hint="did you mean `summary`?"),
    Defect("position value not an answer", "knowledge/design_choices.yaml", "    value: research\n", "    value: reserch\n",
           "references", "`reserch` is not an answer to `engineering_vs_research_today`", "value: reserch",
           hint="did you mean `research`?"),
    Defect("size band for no integer question", "knowledge/size_bands.yaml", "\nplanned_ml_hires:\n", "\nplanned_ml_hirs:\n",
           "references", "`planned_ml_hirs` is not a known integer_question id", None, hint="did you mean `planned_ml_hires`?"),
    Defect("fact field referring to no collection", "rules/rulebase.yaml", "      id: {ref: archetypes}\n",
           "      id: {ref: archetype}\n", "references", "`archetype` is not a known collection id", "{ref: archetype}",
           hint="did you mean `archetypes`?", first=True),
    Defect("duplicate knowledge id", "knowledge/archetypes.yaml", "      - id: long_term_big_wins\n",
           "      - id: experienced_researchers\n", "references", "duplicate id `experienced_researchers` (first on line 73)",
           "      - id: experienced_researchers\n        text: \"The team can work", hint="give each entry its own id"),
    # Knowledge that does not load leaves every check that reads it to the load finding (and crashes none).
    Defect("YAML syntax error in knowledge", "knowledge/hiring.yaml", 'name: "LinkedIn and similar professional networks"',
           'name: "LinkedIn and similar professional networks', "load", "YAML syntax error", None),
    Defect("YAML syntax error in rulebase.yaml", "rules/rulebase.yaml", 'version: "0.1.0"', 'version: "0.1.0', "load",
           "YAML syntax error", None),
    Defect("YAML syntax error", "rules/design/model_ownership.yaml", "    title: R&D models are rarely deployed",
           "    title: [R&D models are rarely deployed", "load", "YAML syntax error", None),
    Defect("skip condition on an unknown value", "knowledge/questions.yaml",
           "    ask_if: {answer: ml_activity, not_only: [none]}\n", "    ask_if: {answer: ml_activity, not_only: [nothing]}\n",
           "ask-if", "`nothing`", "not_only: [nothing]", first=True),
    Defect("skip condition on a later question", "knowledge/questions.yaml",
           "    ask_if: {answer: ml_activity, not_only: [none]}\n", "    ask_if: {answer: data_access, equals: poor}\n",
           "ask-if", "`data_access`", "answer: data_access, equals", first=True),
    Defect("rule without tests", "rules/evidence/company_profile.yaml",
           "    tests:\n      fires: [{industry: logistics}]\n      quiet: [{industry: software}]\n", "",
           "rule-tests", "rule `evidence.nascent.less_tech_forward_industry` has no `tests:` cases",
           "- id: evidence.nascent.less_tech_forward_industry",
           hint="add `tests: {fires: [{question: answer, ...}], quiet: [...]}` with answers on which it must and must not fire"),
    Defect("quiet case on which the rule fires", "rules/evidence/company_profile.yaml", "      quiet: [{industry: software}]",
           "      quiet: [{industry: education}]", "rule-tests",
           "rule `evidence.nascent.less_tech_forward_industry` fires on its quiet case 1: {'industry': 'education'}",
           "quiet: [{industry: education}]", hint="correct the rule or the case", cases=True),
    Defect("case naming an unknown question", "rules/evidence/company_profile.yaml", "      fires: [{industry: logistics}]",
           "      fires: [{industri: logistics}]", "rule-tests",
           "rule `evidence.nascent.less_tech_forward_industry`, fires case 1: unknown question `industri`",
           "fires: [{industri: logistics}]", hint="did you mean `industry`?", cases=True),
    Defect("rule case that does not hold", "rules/evidence/company_profile.yaml", "      fires: [{industry: logistics}]",
           "      fires: [{industry: retail}]", "rule-tests",
           "rule `evidence.nascent.less_tech_forward_industry` does not fire on its fires case 1", "fires: [{industry: retail}]",
           cases=True),
    Defect("contradictory answer tests", "rules/evidence/company_profile.yaml",
           "      - answer: industry\n        one_of: [education, logistics]\n",
           "      - answer: industry\n        one_of: [education, logistics]\n      - answer: industry\n        equals: retail\n",
           "dead-rule", "rule `evidence.nascent.less_tech_forward_industry` can never fire: its tests of `industry` contradict each other",
           "    when:\n      - answer: industry\n        one_of: [education, logistics]\n      - answer: industry\n        equals",
           hint="remove or correct one of the tests"),
    # A rule only a dead rule feeds is dead too: the first is found by its contradictory tests, the second by propagation.
    Defect("a fact only a dead rule asserts", "rules/design/model_ownership.yaml", None,
           rule("dead_feeder", "- answer: industry\n  equals: retail\n- answer: industry\n  equals: software",
                "- design_choice: {dimension: model_ownership, position: research_over_engineering}")
           + rule("fed_by_the_dead", "- fact: design_choice\n  where: {dimension: model_ownership, position: research_over_engineering}",
                  "- design_choice: {dimension: model_ownership, position: users_operate_models}"),
           "dead-rule", "rule `design.model_ownership.fed_by_the_dead` can never fire: it needs a design_choice fact with "
           "dimension = model_ownership, position = research_over_engineering, which no rule asserts",
           "    when:\n      - fact: design_choice\n        where: {dimension: model_ownership, position: research_over_engineering}",
           hint="add a rule upstream that concludes it, or correct the condition"),
    Defect("a fact only a rule with excluding conditions asserts", "rules/design/model_ownership.yaml", None,
           rule("dead_by_facts", "- fact: archetype\n  where: {id: nascent}\n- fact: archetype\n  where: {id: ml_first}",
                "- design_choice: {dimension: data_ownership, position: research_over_engineering}")
           + rule("fed_by_dead_facts", "- fact: design_choice\n  where: {dimension: data_ownership, position: research_over_engineering}",
                  "- design_choice: {dimension: model_ownership, position: users_operate_models}"),
           "dead-rule", "rule `design.model_ownership.fed_by_dead_facts` can never fire: it needs a design_choice fact with "
           "dimension = data_ownership, position = research_over_engineering, which no rule asserts",
           "    when:\n      - fact: design_choice\n        where: {dimension: data_ownership, position: research_over_engineering}"),
    # A chain A -> B -> C with C listed before B: C is found dead only on a second pass, after B.
    # B's first condition is on a fact the engine asserts, which the check passes over to reach the next.
    Defect("a chain of rules fed by a dead one, listed out of order", "rules/design/model_ownership.yaml", None,
           rule("chain_a", "- answer: industry\n  equals: retail\n- answer: industry\n  equals: software",
                "- design_choice: {dimension: data_ownership, position: users_operate_models}")
           + rule("chain_c", "- fact: design_choice\n  where: {dimension: engineering_vs_research, position: users_operate_models}",
                  "- design_choice: {dimension: model_ownership, position: users_operate_models}")
           + rule("chain_b", "- fact: archetype\n  where: {id: nascent}\n"
                             "- fact: design_choice\n  where: {dimension: data_ownership, position: users_operate_models}",
                  "- design_choice: {dimension: engineering_vs_research, position: users_operate_models}"),
           "dead-rule", "rule `design.model_ownership.chain_c` can never fire: it needs a design_choice fact with "
           "dimension = engineering_vs_research, position = users_operate_models, which no rule asserts",
           "    when:\n      - fact: design_choice\n        where: {dimension: engineering_vs_research, position: users_operate_models}",
           hint="add a rule upstream that concludes it, or correct the condition"),
    Defect("fact nothing asserts", "rules/design/model_ownership.yaml", None,
           rule("unfed", "- fact: design_choice\n  where: {dimension: model_ownership, position: research_over_engineering}",
                                      "- design_choice: {dimension: model_ownership, position: users_operate_models}"),
           "dead-rule", "rule `design.model_ownership.unfed` can never fire: it needs a design_choice fact with dimension = model_ownership, "
           "position = research_over_engineering, which no rule asserts", "    when:\n      - fact: design_choice"),
    Defect("a second target after a higher-salience one", "rules/target/target.yaml",
           "      - fact: archetype\n        where: {id: ml_first}\n      - not:\n          fact: target\n",
           "      - fact: archetype\n        where: {id: ml_first}\n",
           "single-fact", "can assert a second `target` fact", "  - id: target.stay.ml_first",
           hint="add `- not: {fact: target}` to its conditions"),
    # Waiting for no target of one kind is no wait: a target of another kind may already exist.
    Defect("a wait for one kind of target only", "rules/target/target.yaml",
           "      - not:\n          fact: target\n    then:\n      - target: {id: independent_division,",
           "      - not:\n          fact: target\n          where: {id: ml_first}\n    then:\n      - target: {id: independent_division,",
           "single-fact", "rule `target.build.independent_division` can assert a second `target` fact: it fires after rules of "
           "salience 49 that assert one", "  - id: target.build.independent_division",
           hint="add `- not: {fact: target}` to its conditions", first=True),
    Defect("two targets in one rule", "rules/target/target.yaml",
           "      - target: {id: independent_division, why: ",
           "      - target: {id: ml_first, why: \"A second target.\"}\n      - target: {id: independent_division, why: ",
           "single-fact", "rule `target.build.independent_division` asserts more than one `target` fact, which is declared single",
           "  - id: target.build.independent_division", hint="keep one", first=True),
    Defect("a question no rule reads", "knowledge/questions.yaml", None,
           "\n  - id: favourite_colour\n    text: \"Which colour does the CEO like?\"\n    help: \"Asked for no reason.\"\n"
           "    type: choice\n    optional: true\n    values:\n      - {id: blue, label: \"Blue\"}\n    source: [article]\n",
           "unused-question", "no rule reads the answer to `favourite_colour`", "  - id: favourite_colour",
           hint="add rules that use it, or remove the question from the bank"),
    Defect("fact conditions that exclude each other", "rules/design/model_ownership.yaml", None,
           rule("two_archetypes", "- fact: archetype\n  where: {id: nascent}\n- fact: archetype\n  where: {id: ml_first}",
                "- design_choice: {dimension: model_ownership, position: build_and_run_end_to_end}"),
           "dead-rule", "rule `design.model_ownership.two_archetypes` can never fire: its fact conditions contradict each other",
           "    when:\n      - fact: archetype\n        where: {id: nascent}\n      - fact: archetype\n        where: {id: ml_first}",
           hint="remove or correct one of the conditions"),
    Defect("a fact required and excluded", "rules/design/model_ownership.yaml", None,
           rule("yes_and_no", "- fact: archetype\n  where: {id: nascent}\n- not:\n    fact: archetype\n    where: {id: nascent}",
                "- design_choice: {dimension: model_ownership, position: build_and_run_end_to_end}"),
           "dead-rule", "rule `design.model_ownership.yes_and_no` can never fire: its fact conditions contradict each other",
           "    when:\n      - fact: archetype\n        where: {id: nascent}\n      - not:"),
    # A verdict that cannot happen (a rule needing nascent mixed with itself) needs the completeness
    # proof: see test_a_rule_needing_an_impossible_verdict_is_found_by_the_proof below.
    Defect("redundant rule", "rules/evidence/company_profile.yaml",
           "    tests:\n      fires: [{industry: logistics}]\n      quiet: [{industry: software}]\n",
           "    tests:\n      fires: [{industry: logistics}]\n      quiet: [{industry: software}]\n"
           "  - id: evidence.nascent.logistics_again\n    title: Logistics\n    description: A logistics firm.\n"
           "    rationale: Planted duplicate.\n    source: [article]\n    when:\n      - answer: industry\n        equals: logistics\n"
           "    then:\n      - evidence: {archetype: nascent, trait: company, cf: 0.15}\n    tests:\n      fires: [{industry: logistics}]\n",
           "redundant-rule", "rule `evidence.nascent.logistics_again` is redundant: `evidence.nascent.less_tech_forward_industry`",
           "  - id: evidence.nascent.logistics_again"),
    Defect("conflicting positions", "rules/design/model_ownership.yaml", None,
           rule("nascent_rarely", "- fact: archetype\n  where: {id: nascent}",
                                      "- design_choice: {dimension: model_ownership, position: rarely_deployed}"),
           "conflict", "rule `design.model_ownership.nascent_rarely` and `design.model_ownership.nascent`",
           "  - id: design.model_ownership.nascent_rarely"),
    Defect("rules feeding their own premise", "rules/design/model_ownership.yaml", None,
           rule("echo", "- fact: design_choice\n  where: {dimension: model_ownership}",
                                      "- design_choice: {dimension: model_ownership, position: rarely_deployed}"),
           "cycle", "rules feed each other's premises in a cycle: design.model_ownership.echo -> design.model_ownership.echo",
           "  - id: design.model_ownership.echo"),
    # A loop of two rules, the first in the rule base not the first by name: the finding is at the first listed.
    # The second rule's positive condition comes after a negated one, which must not hide it from the check.
    Defect("two rules feeding each other", "rules/design/model_ownership.yaml", None,
           rule("zz_first", "- fact: design_choice\n  where: {dimension: model_ownership, position: rarely_deployed}",
                "- design_choice: {dimension: model_ownership, position: build_and_run_end_to_end}")
           + rule("aa_second", "- not:\n    fact: target\n    where: {id: nascent}\n"
                               "- fact: design_choice\n  where: {dimension: model_ownership, position: build_and_run_end_to_end}",
                  "- design_choice: {dimension: model_ownership, position: rarely_deployed}"),
           "cycle", "rules feed each other's premises in a cycle: design.model_ownership.zz_first -> "
                    "design.model_ownership.aa_second -> design.model_ownership.zz_first",
           "  - id: design.model_ownership.zz_first",
           hint="a conclusion must not be used to derive its own premise; break the loop"),
    # Both actions reach a client with no sponsor and no model in production; the finding is at the rule.
    Defect("exclusive advice that can reach one client", "knowledge/actions.yaml", "excludes: [staff_ml_infrastructure]",
           "excludes: [find_executive_sponsor]", "exclusions",
           "rule `actions.find_executive_sponsor` (actions:find_executive_sponsor) and rule `actions.first_end_to_end_win`",
           "  - id: actions.find_executive_sponsor", at="rules/advice/actions.yaml",
           hint="narrow one rule's conditions so they cannot hold together, or drop the `excludes` entry"),
    Defect("exclusive advice naming no advice", "knowledge/actions.yaml", "excludes: [staff_ml_infrastructure]",
           "excludes: [\"practices:no_such_practice\"]", "exclusions",
           "`first_end_to_end_win` excludes `practices:no_such_practice`, which is no known advice", "excludes: [\"practices:",
           hint="write SECTION:ID with SECTION one of actions, practices, attraction and an id listed there"),
    Defect("knowledge dated in the future", "knowledge/hiring.yaml", "(in 2019, NeurIPS, ICLR and ICML)\"\n    source: [article]\n    as_of: 2019",
           "(in 2019, NeurIPS, ICLR and ICML)\"\n    source: [article]\n    as_of: 2999", "knowledge-age",
           "`as_of: 2999` is not a past year", "as_of: 2999", hint="write the year the entry describes, e.g. `as_of: 2019`"),
    Defect("knowledge dated in words", "knowledge/hiring.yaml", "(in 2019, NeurIPS, ICLR and ICML)\"\n    source: [article]\n    as_of: 2019",
           "(in 2019, NeurIPS, ICLR and ICML)\"\n    source: [article]\n    as_of: twenty-nineteen", "knowledge-age",
           "`as_of: twenty-nineteen` is not a past year", "as_of: twenty"),
    # 1900 is the first year accepted: old, not impossible.
    Defect("knowledge from the first year accepted", "knowledge/hiring.yaml",
           "(in 2019, NeurIPS, ICLR and ICML)\"\n    source: [article]\n    as_of: 2019",
           "(in 2019, NeurIPS, ICLR and ICML)\"\n    source: [article]\n    as_of: 1900", "knowledge-age",
           "this entry describes 1900,", "as_of: 1900"),
    Defect("dated knowledge without an age limit", "knowledge/notes.yaml", "as_of_warn_after_years: 8\n", "", "knowledge-age",
           "an entry is dated 2019, but knowledge/notes.yaml states no `as_of_warn_after_years`", None, at="knowledge/hiring.yaml",
           hint="add `as_of_warn_after_years: N` to knowledge/notes.yaml"),
    Defect("knowledge older than the limit", "knowledge/hiring.yaml", "(in 2019, NeurIPS, ICLR and ICML)\"\n    source: [article]\n    as_of: 2019",
           "(in 2019, NeurIPS, ICLR and ICML)\"\n    source: [article]\n    as_of: 1999", "knowledge-age",
           f"this entry describes 1999, {datetime.date.today().year - 1999} years ago, more than the 8 years "
           "knowledge/notes.yaml allows", "as_of: 1999",
           hint="check that it still holds and update it (and its `as_of`), or describe it in lasting terms"),
]


def broken_copy(tmp_path, defect):
    rules, knowledge = tmp_path / "rules", tmp_path / "knowledge"
    shutil.copytree(REPO / "rules", rules)
    shutil.copytree(REPO / "knowledge", knowledge)
    target = tmp_path / defect.file
    text = target.read_text(encoding="utf-8")
    if defect.old is None:
        broken = text + defect.new
    else:
        assert text.count(defect.old) == 1 or defect.first and defect.old in text, f"the defect's anchor is not in {defect.file}"
        broken = text.replace(defect.old, defect.new, 1)
    target.write_text(broken, encoding="utf-8")
    return rules, knowledge, target, broken


def line_of(text, marker):
    offset = text.index(marker)
    return text.count("\n", 0, offset) + 1


@pytest.mark.parametrize("defect", DEFECTS, ids=[d.name for d in DEFECTS])
def test_planted_defect_is_found(tmp_path, defect):
    rules, knowledge, target, broken = broken_copy(tmp_path, defect)
    report = run_lint(rules, knowledge, out_dir=tmp_path / "out", completeness=defect.prove, rule_cases=defect.cases)
    matching = [f for f in report.findings if f.check == defect.check and defect.message in f.message]
    assert matching, f"expected a {defect.check} finding '{defect.message}', got:\n" + "\n".join(f.to_text() for f in report.findings)
    finding = matching[0]
    assert Path(finding.path) == (tmp_path / defect.at if defect.at else target)
    if defect.marker is not None:
        text = (tmp_path / defect.at).read_text(encoding="utf-8") if defect.at else broken
        assert finding.line == line_of(text, defect.marker), finding.to_text()
    else:
        assert finding.line is not None
    if defect.hint:
        assert finding.hint == defect.hint, finding.to_text()


def test_a_rule_needing_an_impossible_verdict_is_found_by_the_proof(planted_proof):
    """A rule needing a verdict mixed with itself: only the completeness proof can tell it never fires."""
    line = line_of(planted_proof.ownership.read_text(), "  - id: design.model_ownership.self_mixed")
    assert f"{planted_proof.ownership}:{line}: [dead-rule] rule `design.model_ownership.self_mixed` never fires" \
        in planted_proof.output, planted_proof.output


def test_the_shipped_rule_base_has_no_finding_short_of_the_proof():
    """Every check but the completeness proof, on the shipped files: no false alarm.

    The planted defects above say each check finds what it must; this says no
    check reports what is not there. test_lint_cli.py's clean run says it
    again with the proof, at ten times the cost.
    """
    report = run_lint(REPO / "rules", REPO / "knowledge", completeness=False)
    assert [f.to_text() for f in report.findings] == []
    assert report.figures["rules"] == len(_rule_ids()) > 200   # every rule file was read


def _rule_ids():
    import yaml

    return [rule["id"] for path in sorted((REPO / "rules").rglob("*.yaml")) if path.name != "rulebase.yaml"
            for rule in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("rules", [])]


@pytest.mark.parametrize("waiting", ["", "\n- not:\n    fact: target\n    where: {id: nascent}"], ids=["answers", "and a wait"])
def test_of_two_equal_rules_only_the_later_is_redundant_and_a_wider_rule_counts_after_them(tmp_path, waiting):
    """`twin_a` and `twin_b` say the same thing on the same answers; `wider` says it on fewer.

    The later twin repeats the earlier one; the earlier twin is not redundant
    because of its twin, but it is because of `wider`, listed after both.
    `wider` itself repeats nobody. The same holds when all three also wait for
    the same fact to be absent (a `not:` condition).
    """
    conclusion = "- design_choice: {dimension: model_ownership, position: rarely_deployed}"
    both = "- answer: industry\n  equals: logistics\n- answer: ml_expertise\n  equals: little" + waiting
    planted = (rule("twin_a", both, conclusion) + rule("twin_b", both, conclusion)
               + rule("wider", "- answer: industry\n  equals: logistics" + waiting, conclusion))
    defect = Defect("equal and wider rules", "rules/design/model_ownership.yaml", None, planted, "redundant-rule", "")
    rules, knowledge, path, text = broken_copy(tmp_path, defect)
    report = run_lint(rules, knowledge, completeness=False, rule_cases=False)
    found = [(f.line, f.message, f.hint) for f in report.findings if f.check == "redundant-rule"]
    at = {name: line_of(text, f"  - id: design.model_ownership.{name}\n") for name in ("twin_a", "twin_b", "wider")}
    hint = "delete it, or make its conclusion differ"
    assert found == [
        (at["twin_a"], f"rule `design.model_ownership.twin_a` is redundant: `design.model_ownership.wider` ({path}:{at['wider']}) "
                       "concludes the same whenever it fires", hint),
        (at["twin_b"], f"rule `design.model_ownership.twin_b` is redundant: `design.model_ownership.twin_a` ({path}:{at['twin_a']}) "
                       "concludes the same whenever it fires", hint)]


def test_conflicts_within_one_rule_on_two_keys_and_after_another_conclusion_are_found_past_a_dead_rule(tmp_path):
    """Four planted rules in model_ownership.yaml, and a dead one listed before them all.

    - `both_ways` concludes two positions for one dimension: it conflicts with itself;
    - `high` and `low` set one risk's likelihood two ways: a key of two fields;
    - `second` concludes a practice first, then a position `first` contradicts;
    - `home_and_need` places a role and asks for it: two kinds of fact that share
      the key's field name, which is no conflict.
    The dead rule (data_ownership.yaml, earlier in the rule base) must not end the search.
    """
    position = "- design_choice: {{dimension: model_ownership, position: {}}}"
    likelihood = "- risk_factor: {{weakness: little_support, side: likelihood, level: {}}}"
    retail = "- answer: industry\n  equals: retail"
    planted = (rule("both_ways", retail, position.format("rarely_deployed") + "\n" + position.format("build_and_run_end_to_end"))
               + rule("high", retail, likelihood.format("high")) + rule("low", retail, likelihood.format("low"))
               + rule("first", retail, position.format("rarely_deployed"))
               + rule("second", retail, "- practice: {practice: probabilistic_planning, why: \"Planted.\"}\n"
                                        + position.format("build_and_run_end_to_end"))
               + rule("home_and_need", retail, "- role_home: {role: ml_engineer, unit: ml_division}\n"
                                               "- role_need: {role: ml_engineer, priority: 1, why: \"Planted.\"}"))
    defect = Defect("conflicts", "rules/design/model_ownership.yaml", None, planted, "conflict", "")
    rules, knowledge, path, text = broken_copy(tmp_path, defect)
    dead_file = rules / "design" / "data_ownership.yaml"
    dead_file.write_text(dead_file.read_text(encoding="utf-8") + rule("never", "- answer: industry\n  equals: retail\n"
                                                                      "- answer: industry\n  equals: software",
                                                                      position.replace("model_ownership", "data_ownership")
                                                                      .format("build_first_pipeline")), encoding="utf-8")
    report = run_lint(rules, knowledge, completeness=False, rule_cases=False)
    assert any(f.check == "dead-rule" and "design.model_ownership.never" in f.message for f in report.findings)
    planted_ids = ("both_ways", "high", "low", "first", "second", "home_and_need")
    at = {name: line_of(text, f"  - id: design.model_ownership.{name}\n") for name in planted_ids}

    def between_planted(finding):
        named = re.findall(r"`design\.model_ownership\.(\w+)`", finding.message)
        return finding.check == "conflict" and named and all(n in planted_ids for n in named)

    found = [(f.line, f.message, f.hint) for f in report.findings if between_planted(f)]

    def clash(name, other, fact_type="design_choice", key="dimension `model_ownership`", key_fields="dimension"):
        """The finding at rule `name` for its clash with `other` (None: with itself)."""
        with_ = "itself" if other is None else f"`design.model_ownership.{other}` ({path}:{at[other]})"
        return (at[name], f"rule `design.model_ownership.{name}` and {with_} can fire together and assert different "
                          f"`{fact_type}` facts for {key}",
                f"`{fact_type}` allows one fact per {key_fields}; narrow one rule's conditions or give them different saliences")

    # In rule-base order of the pair's first rule, then its second.
    assert found == [clash("both_ways", None), clash("first", "both_ways"), clash("second", "both_ways"),
                     clash("low", "high", "risk_factor", "weakness `little_support`, side `likelihood`", "weakness, side"),
                     clash("second", "first")]


def test_sources_in_knowledge_files_without_a_schema_of_their_own_are_checked_wherever_they_sit(tmp_path):
    """hiring.yaml and practices.yaml have no schema of their own: the references check alone reads their sources.

    An unknown id in a `source` list, a `source` written as one id rather than
    a list, and a `*_source` list of any name are each reported on their own
    line with a did-you-mean; a `source` left empty is no crash.
    """
    rules, knowledge = tmp_path / "rules", tmp_path / "knowledge"
    shutil.copytree(REPO / "rules", rules)
    shutil.copytree(REPO / "knowledge", knowledge)
    hiring, practices = knowledge / "hiring.yaml", knowledge / "practices.yaml"
    hiring_text = hiring.read_text(encoding="utf-8").replace(
        '"LinkedIn and similar professional networks"\n    source: [article]',
        '"LinkedIn and similar professional networks"\n    source: [article, fsdl-2O22]', 1).replace(
        '"A recruiting agency"\n    source: [article]', '"A recruiting agency"\n    source: artcle', 1).replace(
        '"University career fairs and on-campus recruiting"\n    source: [article]',
        '"University career fairs and on-campus recruiting"\n    source: [article]\n    reach_source: [fsdl-2021, fdsl-2022]\n'
        '    cost_source:', 1)
    hiring.write_text(hiring_text, encoding="utf-8")
    practices_text = practices.read_text(encoding="utf-8").replace("    source: [article, fsdl-2022]", "    source: [fsdl-2022, articl]", 1)
    practices_text = practices_text.replace("    source: [article]", "    source:\n      - article\n      - a-blog-post", 1)
    practices.write_text(practices_text, encoding="utf-8")

    report = run_lint(rules, knowledge, completeness=False, rule_cases=False)
    assert [f.to_text() for f in report.sorted_findings() if f.check == "references"] == [
        f"{hiring}:{line_of(hiring_text, 'fsdl-2O22')}: [references] `fsdl-2O22` is not a known source id; did you mean `fsdl-2022`?",
        f"{hiring}:{line_of(hiring_text, 'artcle')}: [references] `artcle` is not a known source id; did you mean `article`?",
        f"{hiring}:{line_of(hiring_text, 'fdsl-2022')}: [references] `fdsl-2022` is not a known source id; did you mean `fsdl-2022`?",
        f"{practices}:{line_of(practices_text, 'articl]')}: [references] `articl` is not a known source id; did you mean `article`?",
        f"{practices}:{line_of(practices_text, 'a-blog-post')}: [references] `a-blog-post` is not a known source id; "
        f"allowed: {', '.join(_source_ids())}"]


def _source_ids():
    import yaml

    return [source["id"] for source in yaml.safe_load((REPO / "knowledge" / "sources.yaml").read_text(encoding="utf-8"))["sources"]]


def test_a_position_the_check_cannot_compare_is_passed_over_and_the_next_still_checked(tmp_path):
    """The first position names no known dimension (the schema reports it); a later one's value is no answer."""
    rules, knowledge = tmp_path / "rules", tmp_path / "knowledge"
    shutil.copytree(REPO / "rules", rules)
    shutil.copytree(REPO / "knowledge", knowledge)
    choices = knowledge / "design_choices.yaml"
    text = choices.read_text(encoding="utf-8").replace("    dimension: engineering_vs_research\n", "    dimension: engineering_vs_reserch\n", 1)
    text = text.replace("    value: shared_with_engineering\n", "    value: shared_with_enginering\n", 1)
    text = text.replace("    value: none\n", "    value: everybody\n", 1)
    choices.write_text(text, encoding="utf-8")
    report = run_lint(rules, knowledge, completeness=False, rule_cases=False)
    assert [f.to_text() for f in report.sorted_findings() if f.check == "references"] == [
        f"{choices}:{line_of(text, 'engineering_vs_reserch')}: [references] `positions[0].dimension`: `engineering_vs_reserch` "
        "is not a known design_dimension id; did you mean `engineering_vs_research`?",
        f"{choices}:{line_of(text, 'value: everybody')}: [references] `everybody` is not an answer to `data_engineering`, "
        "which dimension `data_ownership` compares against; allowed: none, shared_with_engineering, within_ml_team, "
        "ml_owns_company_platform",
        f"{choices}:{line_of(text, 'value: shared_with_enginering')}: [references] `shared_with_enginering` is not an answer to "
        "`data_engineering`, which dimension `data_ownership` compares against; did you mean `shared_with_engineering`?"]


def test_knowledge_dated_this_year_or_as_old_as_the_limit_allows_is_not_reported(tmp_path):
    """notes.yaml allows 8 years: an entry of this year, and one of exactly 8 years ago, both pass."""
    this_year = datetime.date.today().year
    defect = Defect("knowledge of this year", "knowledge/hiring.yaml", "(in 2019, NeurIPS, ICLR and ICML)\"\n    source: [article]\n    as_of: 2019",
                    f"(in 2019, NeurIPS, ICLR and ICML)\"\n    source: [article]\n    as_of: {this_year}", "knowledge-age", "", None)
    rules, knowledge, _, _ = broken_copy(tmp_path, defect)
    notes = knowledge / "notes.yaml"
    assert "as_of_warn_after_years: 8\n" in notes.read_text() and "    as_of: 2019\n" in notes.read_text()
    notes.write_text(notes.read_text().replace("    as_of: 2019\n", f"    as_of: {this_year - 8}\n"))
    report = run_lint(rules, knowledge, completeness=False, rule_cases=False)
    assert [f.to_text() for f in report.findings] == []


def test_a_rulebase_file_holding_a_list_is_one_schema_finding(tmp_path):
    rules, knowledge = tmp_path / "rules", tmp_path / "knowledge"
    shutil.copytree(REPO / "rules", rules)
    shutil.copytree(REPO / "knowledge", knowledge)
    (rules / "rulebase.yaml").write_text("- version\n- layers\n", encoding="utf-8")
    report = run_lint(rules, knowledge, completeness=False, rule_cases=False)
    assert [f.to_text() for f in report.findings] == [
        f"{rules / 'rulebase.yaml'}:1: [schema] must be a mapping, not ['version', 'layers']"]
