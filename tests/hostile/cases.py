"""Bad inputs a user or a client can hand to orgdesign, and what each must say.

Shared by the tests (tests/test_hostile_inputs.py) and by
scripts/bad_inputs_table.py, which runs each case through the real command
line and writes docs/bad-inputs.md, so the documented messages are the
messages users really get.
"""
from dataclasses import dataclass

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
    expected: str = ""           # the whole first line of stderr


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
             expected="Error: profile.yaml: is not a folder; give --out a folder path"),
]
