"""Bad inputs a user or a client can hand to orgdesign, and what each must say.

Shared by the tests (tests/test_hostile_inputs.py) and by
scripts/bad_inputs_table.py, which runs each case through the real command
line and writes docs/bad-inputs.md, so the documented messages are the
messages users really get.
"""
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent

GOOD = """profile_version: 1
client:
  name: Acme Ltd
answers:
  employees: 120
  industry: logistics
  ml_activity: [ad_hoc]
"""


@dataclass(frozen=True)
class BadInput:
    name: str
    content: bytes = None        # written to profile.yaml; None = no file
    as_folder: bool = False      # create a folder named profile.yaml instead
    args: tuple = ()             # extra command-line arguments
    expected: str = ""           # the whole of stderr (exit 1), or its last line (exit 2)
    command: str = "recommend"   # orgdesign COMMAND profile.yaml ARGS...
    setup: object = None         # setup(folder): more files the case needs (a FIFO, a rule base...)
    exit_code: int = 1


def _text(s):
    return s.encode("utf-8")


CASES = [
    BadInput("wrong type (text for a number)", _text(GOOD.replace("employees: 120", "employees: many")),
             expected="Error: profile.yaml:5: `employees` must be a whole number, not 'many'; write a number such as 1, or `unknown`"),
    BadInput("wrong type (mapping for the client)", _text(GOOD.replace("client:\n  name: Acme Ltd", "client: [Acme]")),
             expected="Error: profile.yaml:2: `client` must be a mapping with at least `name`; write `client:` then an indented `name: Acme Ltd`"),
    BadInput("unknown key", _text(GOOD.replace("industry:", "industy:")),
             expected="Error: profile.yaml:6: unknown key `industy`; did you mean `industry`?"),
    BadInput("unknown top-level key", _text(GOOD + "anwsers: {}\n"),
             expected="Error: profile.yaml:8: unknown key `anwsers`; did you mean `answers`?"),
    BadInput("unknown value", _text(GOOD.replace("industry: logistics", "industry: shipping")),
             expected="Error: profile.yaml:6: `shipping` is not a valid answer to `industry`; allowed: software, internet, "
                      "financial_services, insurance, oil_and_gas, manufacturing, telecommunications, energy_utilities, "
                      "education, logistics, retail, healthcare, media, public_sector, other"),
    BadInput("number out of range", _text(GOOD.replace("employees: 120", "employees: 0")),
             expected="Error: profile.yaml:5: `employees` is 0, outside 1..10000000; give a number in that range, or `unknown`"),
    BadInput("duplicate YAML key", _text(GOOD + "  employees: 130\n"),
             expected="Error: profile.yaml:8: duplicate key `employees` (first on line 5); keep one of the two"),
    BadInput("empty file", b"",
             expected="Error: profile.yaml: file is empty; write the YAML content, or pick another file"),
    BadInput("only comments", b"# nothing here\n",
             expected="Error: profile.yaml:1: file holds no YAML data (only comments?); write the YAML content"),
    BadInput("binary file", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
             expected="Error: profile.yaml: looks like a binary file (it holds NUL bytes); give a YAML text file"),
    BadInput("not UTF-8", "profile_version: 1\nclient:\n  name: Caf\xe9 Ltd\n".encode("latin-1"),
             expected="Error: profile.yaml:3: is not valid UTF-8 (byte 0xe9); save the file as UTF-8"),
    BadInput("huge file", _text(GOOD + "# " + "x" * (1024 * 1024) + "\n"),
             expected="Error: profile.yaml: file is 1048695 bytes, larger than the 1048576-byte limit; "
                      "a profile or rule file should be a few KiB; check you chose the right file"),
    BadInput("alias bomb (billion laughs)",
             _text("a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                   "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"),
             expected="Error: profile.yaml:1: YAML anchors and aliases (& and *) are not allowed; write the value out in full"),
    BadInput("Python object tag", _text("profile_version: !!python/object/apply:os.system [echo hacked]\n"),
             expected="Error: profile.yaml:1: the YAML tag `!!python/object/apply:os.system` is not allowed; "
                      "write a plain value without a `!` tag"),
    BadInput("tab-indented file", _text(GOOD.replace("  name: Acme Ltd", "\tname: Acme Ltd")),
             expected="Error: profile.yaml:3: YAML does not allow tab characters for indentation; indent with spaces"),
    BadInput("YAML syntax error", _text(GOOD.replace("[ad_hoc]", "[ad_hoc")),
             expected="Error: profile.yaml:8: YAML syntax error: did not find expected ',' or ']'; fix the YAML syntax at that line"),
    BadInput("folder instead of a file", as_folder=True,
             expected="Error: profile.yaml: is a folder, not a profile; give the path of a YAML file"),
    BadInput("missing file",
             expected="Error: profile.yaml: no such profile; check the path"),
    BadInput("profile_version from the future", _text(GOOD.replace("profile_version: 1", "profile_version: 2")),
             expected="Error: profile.yaml:1: profile_version 2 is from a newer orgdesign (this one reads up to 1); "
                      "upgrade orgdesign, or save the profile in version 1 format"),
    BadInput("missing profile_version", _text(GOOD.replace("profile_version: 1\n", "")),
             expected="Error: profile.yaml:1: missing `profile_version`; add `profile_version: 1` at the top"),
    BadInput("a list instead of a mapping", _text("- employees: 3\n"),
             expected="Error: profile.yaml:1: a profile must be a mapping with `profile_version`, `client` and `answers`; "
                      "see examples/ for the format"),
    BadInput("`none` mixed with other activities", _text(GOOD.replace("[ad_hoc]", "[none, ad_hoc]")),
             expected="Error: profile.yaml:7: `ml_activity` lists `none` together with other values; keep `none` alone, or remove it"),
    BadInput("yes/no question given a number", _text(GOOD + "  publishes_research: 3\n"),
             expected="Error: profile.yaml:8: `publishes_research` must be yes or no, not 3; write yes, no or unknown"),
    BadInput("over-long client name", _text(GOOD.replace("Acme Ltd", "A" * 2001)),
             expected="Error: profile.yaml:3: `client.name` is longer than 2000 characters; shorten it"),
    BadInput("--out is an existing file", _text(GOOD), args=("--out", "profile.yaml"),
             expected="Error: profile.yaml: is not a folder; give -o a folder path"),
]


# -- cases added for issue 15 (inputs, outputs, rule files, usage) ------------------------------------
def _fifo(name):
    return lambda folder: os.mkfifo(folder / name)


def _folder(name):
    return lambda folder: (folder / name).mkdir(parents=True)


def _broken_rules(file, old, new):
    """A copy of the shipped rules in ./rules with one text replaced."""
    def setup(folder):
        shutil.copytree(REPO / "rules", folder / "rules")
        path = folder / "rules" / file
        path.write_text(path.read_text().replace(old, new, 1))
    return setup


def _copy(name):
    return lambda folder: shutil.copytree(REPO / name, folder / name)


_RULES = ("--rules", "rules")

CASES += [
    BadInput("a FIFO instead of a file", setup=_fifo("profile.yaml"),
             expected="Error: profile.yaml: is a FIFO (named pipe), not a profile file; give the path of a regular YAML file"),
    BadInput("nesting 600 levels deep", _text(GOOD + "notes:\n  employees: " + "[" * 600 + "]" * 600 + "\n"),
             expected="Error: profile.yaml:9: lists and mappings are nested more than 50 levels deep; "
                      "flatten the structure; no orgdesign file needs more than a few levels"),
    BadInput("YAML 1.1 sexagesimal number", _text(GOOD.replace("employees: 120", "employees: 1:20:00")),
             expected="Error: profile.yaml:5: `employees` must be a whole number, not '1:20:00'; write a number such as 1, or `unknown`"),
    BadInput("YAML 1.1 `no` as an answer", _text(GOOD.replace("industry: logistics", "industry: no")),
             expected="Error: profile.yaml:6: `no` is not a valid answer to `industry`; allowed: software, internet, "
                      "financial_services, insurance, oil_and_gas, manufacturing, telecommunications, energy_utilities, "
                      "education, logistics, retail, healthcare, media, public_sector, other"),
    BadInput("YAML 1.1 `yes` as a key", _text(GOOD + "  yes: 1\n"),
             expected="Error: profile.yaml:8: unknown key `yes`; allowed: employees, industry, ml_is_core_product, tech_forward, "
                      "ml_activity, ml_expertise, ml_reports_to, executive_sponsor, models_in_production, data_access, "
                      "data_engineering, model_ownership_today, engineering_vs_research_today, publishes_research, "
                      "long_term_ml_projects, roles_present, ml_headcount, planned_ml_hires, ml_ambition"),
    BadInput("YAML merge key", _text(GOOD.replace("answers:\n", "answers:\n  <<: {employees: 5}\n")),
             expected="Error: profile.yaml:5: YAML merge keys (`<<:`) are not allowed; write the keys out in full"),
    BadInput("hexadecimal with an `!!int` tag", _text(GOOD.replace("employees: 120", "employees: !!int 0x1F")),
             expected="Error: profile.yaml:5: cannot read '0x1F' as a whole number; write it plainly, without the `!!` tag "
                      "(numbers in decimal)"),
    BadInput("a number of 5,000 digits", _text(GOOD.replace("employees: 120", "employees: " + "9" * 5000)),
             expected="Error: profile.yaml:5: the number `" + "9" * 59 + "…` has 5000 digits; no answer needs a number "
                      "that long; check the value"),
    BadInput("a 500 KB value", _text(GOOD.replace("industry: logistics", "industry: " + "x" * 500_000)),
             expected="Error: profile.yaml:6: `" + "x" * 59 + "…` is not a valid answer to `industry`; allowed: software, "
                      "internet, financial_services, insurance, oil_and_gas, manufacturing, telecommunications, "
                      "energy_utilities, education, logistics, retail, healthcare, media, public_sector, other"),
    BadInput("`notes: 0`", _text(GOOD + "notes: 0\n"),
             expected="Error: profile.yaml:8: `notes` must be a mapping of question id to text, not 0; write `notes:` then "
                      "indented `ml_activity: text` lines, or remove `notes`"),
    BadInput("`notes: false`", _text(GOOD + "notes: false\n"),
             expected="Error: profile.yaml:8: `notes` must be a mapping of question id to text, not False; write `notes:` then "
                      "indented `ml_activity: text` lines, or remove `notes`"),
    BadInput("`notes: ''`", _text(GOOD + "notes: ''\n"),
             expected="Error: profile.yaml:8: `notes` must be a mapping of question id to text, not ''; write `notes:` then "
                      "indented `ml_activity: text` lines, or remove `notes`"),
    BadInput("--out where report.md should go is a folder", _text(GOOD), args=("--out", "out"), setup=_folder("out/report.md"),
             expected="Error: out/report.md: is a folder, not a regular file; orgdesign never replaces one; "
                      "give the path of a file to write"),
    BadInput("--out under /proc", _text(GOOD), args=("--out", "/proc/orgdesign-out"),
             expected="Error: /proc/orgdesign-out: cannot write (No such file or directory); create the folder first, "
                      "or choose another path"),
    BadInput("render -o a FIFO", _text(GOOD), command="render", args=("-o", "n"), setup=_fifo("n"),
             expected="Error: n: is a FIFO (named pipe), not a regular file; orgdesign never replaces one; "
                      "give the path of a file to write"),
    BadInput("render -o the rule base", _text(GOOD), command="render", args=(*_RULES, "--format", "gv", "-o", "rules/rulebase.yaml"),
             setup=_copy("rules"),
             expected="Error: rules/rulebase.yaml: would overwrite the input file (the run reads it: profile, rule or "
                      "knowledge file); choose another output path"),
    BadInput("explain --out a knowledge file", _text(GOOD), command="explain",
             args=("--knowledge", "knowledge", "--out", "knowledge/archetypes.yaml"), setup=_copy("knowledge"),
             expected="Error: knowledge/archetypes.yaml: would overwrite the input file (the run reads it: profile, rule or "
                      "knowledge file); choose another output path"),
    BadInput("rule: `answer:` given a list", _text(GOOD), args=_RULES,
             setup=_broken_rules("evidence/where_ml_happens.yaml", "      - answer: ml_activity\n", "      - answer: [ml_activity]\n"),
             expected="Error: rules/evidence/where_ml_happens.yaml:13: `rules[0].when[0].answer`: must be text, not ['ml_activity']"),
    BadInput("rule: `where:` given a list", _text(GOOD), args=_RULES,
             setup=_broken_rules("orgchart/product_embedded.yaml", "where: {id: product_embedded}", "where: [id, product_embedded]"),
             expected="Error: rules/orgchart/product_embedded.yaml:18: `rules[0].when[0].where`: must be a mapping, "
                      "not ['id', 'product_embedded']"),
    BadInput("rulebase: `combine_evidence_salience: fifty`", _text(GOOD), args=_RULES,
             setup=_broken_rules("rulebase.yaml", "combine_evidence_salience: 50", "combine_evidence_salience: fifty"),
             expected="Error: rules/rulebase.yaml:60: `combine_evidence_salience`: must be a whole number, not 'fifty'"),
    BadInput("rulebase: `fact_types: []`", _text(GOOD), args=_RULES,
             setup=_broken_rules("rulebase.yaml", "fact_types:\n", "fact_types: []\nold_fact_types:\n"),
             expected="Error: rules/rulebase.yaml:74: `fact_types`: must be a mapping, not []"),
    BadInput("rulebase: a layer folder outside the rules", _text(GOOD), args=_RULES,
             setup=_broken_rules("rulebase.yaml", "folder: evidence", "folder: /"),
             expected="Error: rules/rulebase.yaml:13: the folder of layer `evidence`, `/`, is not inside the rules folder; "
                      "give a folder below the folder of rulebase.yaml, such as `evidence`"),
    BadInput("rulebase: a misspelt layer folder", _text(GOOD), args=_RULES,
             setup=_broken_rules("rulebase.yaml", "folder: evidence", "folder: evidnce"),
             expected="Error: rules/rulebase.yaml:13: the folder of layer `evidence`, `evidnce`, does not exist; "
                      "create it, or correct the name"),
    BadInput("explain --how an unknown name", _text(GOOD), command="explain", args=("--how", "archetyp"), exit_code=2,
             expected="Error: Invalid value for --how: `archetyp` names no conclusion of this profile; did you mean `archetype`?"),
]
