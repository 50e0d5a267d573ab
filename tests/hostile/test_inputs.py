"""Issue 15, classes 9-15: hostile profiles and rule bases end in one clear line."""
import os
import shutil

import pytest

from orgdesign import load_profile

from .cases import GOOD
from .helpers import REPO, one_error_line, run, run_process, write_profile

DEEP = "[" * 600 + "]" * 600


# -- 9. nesting depth --------------------------------------------------------------------------
def test_deep_nesting_in_a_profile(tmp_path):
    profile = write_profile(tmp_path, text=GOOD + f"notes:\n  employees: {DEEP}\n")
    result = run("recommend", profile)
    assert result.exit_code == 1
    assert one_error_line(result) == (f"Error: {profile}:9: lists and mappings are nested more than 50 levels deep; "
                                      "flatten the structure; no orgdesign file needs more than a few levels")


@pytest.mark.parametrize("command", ["recommend", "lint"])
def test_deep_nesting_in_a_rule_file(tmp_path, command):
    rules = tmp_path / "rules"
    shutil.copytree(REPO / "rules", rules)
    (rules / "evidence" / "deep.yaml").write_text(f"rules: {DEEP}\n")
    args = ("recommend", write_profile(tmp_path), "--rules", rules) if command == "recommend" else ("lint", "--rules", rules)
    result = run(*args)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "deep.yaml:1: " in result.output and "nested more than 50 levels deep" in result.output


# -- 10. non-regular files are refused before they are opened ------------------------------------
@pytest.mark.parametrize("command", ["recommend", "batch"])
def test_a_fifo_profile_is_refused_without_hanging(tmp_path, command):
    fifo = tmp_path / "client.yaml"
    os.mkfifo(fifo)
    args = ("recommend", fifo) if command == "recommend" else ("batch", fifo, "--out", tmp_path / "out", "--jobs", "1")
    result = run_process(*args, timeout=30)   # a hang fails here, by timeout
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{fifo}: is a FIFO (named pipe), not a profile file; give the path of a regular YAML file" in result.stderr


def test_a_device_or_a_socket_is_named_for_what_it_is(tmp_path):
    import socket

    listening = socket.socket(socket.AF_UNIX)
    try:
        listening.bind(str(tmp_path / "client.yaml"))
        for path, kind in (("/dev/null", "a character device"), (tmp_path / "client.yaml", "a socket")):
            result = run("recommend", path)
            assert result.exit_code == 1
            assert one_error_line(result) == f"Error: {path}: is {kind}, not a profile file; give the path of a regular YAML file"
    finally:
        listening.close()


def test_a_path_through_a_file_is_refused_with_what_to_check(tmp_path):
    (tmp_path / "client.yaml").write_text(GOOD)
    path = tmp_path / "client.yaml" / "profile.yaml"
    result = run("recommend", path)
    assert result.exit_code == 1
    assert one_error_line(result) == f"Error: {path}: cannot read: Not a directory; check the path and that the profile is readable"


def test_a_second_yaml_document_in_a_profile_is_refused_at_its_start(tmp_path):
    path = write_profile(tmp_path, text=GOOD + "---\nprofile_version: 1\n")
    line = GOOD.count("\n") + 1
    result = run("recommend", path)
    assert result.exit_code == 1
    assert one_error_line(result) == (f"Error: {path}:{line}: holds more than one YAML document; "
                                      "keep one document per file (remove the extra `---`)")


@pytest.mark.parametrize("key, hint", [("[a, b]", "; use a simple key such as `name:`"), ("null", ""), ("~", "")],
                         ids=["a list", "null", "a tilde"])
def test_a_key_that_is_not_a_plain_word_is_refused_at_its_line(tmp_path, key, hint):
    path = write_profile(tmp_path, text=GOOD + f"notes:\n  {key}: a note\n")
    result = run("recommend", path)
    assert result.exit_code == 1
    assert one_error_line(result) == f"Error: {path}:{GOOD.count(chr(10)) + 2}: a key must be a plain word{hint}"


@pytest.mark.parametrize("old, new, message", [
    ("    min: 10000\n    max: null\n", "    min: 10000\n    max: lots\n", "`max` of band `very_large` must be a whole number or null, not 'lots'"),
    ("    min: 2000\n", "    min: two thousand\n", "`min` of band `large` must be a whole number, not 'two thousand'"),
], ids=["max", "min"])
def test_a_size_band_ending_at_a_word_is_an_error_at_its_line_for_every_command(tmp_path, old, new, message):
    knowledge = tmp_path / "knowledge"
    shutil.copytree(REPO / "knowledge", knowledge)
    bands = knowledge / "size_bands.yaml"
    text = bands.read_text()
    bands.write_text(text.replace(old, new, 1))
    line = text[: text.index(old)].count("\n") + 1 + (1 if "max" in message[:6] else 0)
    result = run("recommend", write_profile(tmp_path), "--knowledge", knowledge)
    assert result.exit_code == 1
    assert one_error_line(result) == f"Error: {bands}:{line}: {message}"


# -- 11. YAML 1.1 leftovers ----------------------------------------------------------------------
def test_numbers_are_decimal_and_words_stay_words(tmp_path, reasoner):
    profile = write_profile(tmp_path, text=GOOD.replace("employees: 120", "employees: 0120") + "  tech_forward: yes\n")
    loaded = load_profile(profile, reasoner)
    assert loaded.answer("employees") == 120 and loaded.answer("tech_forward") == "yes"


@pytest.mark.parametrize("old, new, message", [
    ("employees: 120", "employees: 1:20:00", "5: `employees` must be a whole number, not '1:20:00'"),
    ("industry: logistics", "industry: no", "6: `no` is not a valid answer to `industry`"),
    ("industry: logistics", "industry: logistics\n  yes: 1", "7: unknown key `yes`"),
    ("answers:\n", "answers:\n  <<: {employees: 3}\n", "5: YAML merge keys (`<<:`) are not allowed; write the keys out in full"),
    ("employees: 120", "employees: !!int 0x1F", "5: cannot read '0x1F' as a whole number"),
])
def test_ambiguous_yaml_is_refused_quoting_what_was_typed(tmp_path, old, new, message):
    profile = write_profile(tmp_path, text=GOOD.replace(old, new))
    result = run("recommend", profile)
    assert result.exit_code == 1
    assert one_error_line(result).startswith(f"Error: {profile}:{message}")


# -- 12. long values are cut ----------------------------------------------------------------------
@pytest.mark.parametrize("old, new", [
    ("industry: logistics", "industry: " + "x" * 500_000),
    ("employees: 120", "employees: " + "y" * 500_000),
    ("industry: logistics", "industry: logistics\n  ? " + "k" * 300_000 + "\n  : 1"),
    ("employees: 120", "employees: " + "9" * 5000),
])
def test_error_lines_stay_short(tmp_path, old, new):
    profile = write_profile(tmp_path, text=GOOD.replace(old, new))
    result = run("recommend", profile)
    assert result.exit_code == 1
    line = one_error_line(result)
    assert len(line) < 600 and "…" in line


# -- 13. notes must be a mapping of texts ---------------------------------------------------------
@pytest.mark.parametrize("value, shown", [("0", "0"), ("false", "False"), ("''", "''")])
def test_notes_of_the_wrong_type_are_refused(tmp_path, value, shown):
    profile = write_profile(tmp_path, text=GOOD + f"notes: {value}\n")
    result = run("recommend", profile)
    assert result.exit_code == 1
    assert one_error_line(result) == (f"Error: {profile}:8: `notes` must be a mapping of question id to text, not {shown}; "
                                      "write `notes:` then indented `ml_activity: text` lines, or remove `notes`")


def test_empty_notes_section_is_fine(tmp_path, reasoner):
    assert load_profile(write_profile(tmp_path, text=GOOD + "notes:\n"), reasoner).notes == {}


# -- 14. rule files of the wrong types: schema first, at the right line, in every command -----------
RULE_DEFECTS = [
    ("evidence/where_ml_happens.yaml", "      - answer: ml_activity\n", "      - answer: [ml_activity]\n",
     "`rules[0].when[0].answer`: must be text, not ['ml_activity']"),
    ("orgchart/product_embedded.yaml", "where: {id: product_embedded}", "where: [id, product_embedded]",
     "`rules[0].when[0].where`: must be a mapping, not ['id', 'product_embedded']"),
    ("rulebase.yaml", "combine_evidence_salience: 50", "combine_evidence_salience: fifty",
     "`combine_evidence_salience`: must be a whole number, not 'fifty'"),
]


@pytest.mark.parametrize("file, old, new, message", RULE_DEFECTS, ids=[d[3].split(":")[0] for d in RULE_DEFECTS])
@pytest.mark.parametrize("command", ["recommend", "render", "explain", "lint"])
def test_rule_files_are_checked_against_the_schemas(tmp_path, file, old, new, message, command):
    rules = tmp_path / "rules"
    shutil.copytree(REPO / "rules", rules)
    target = rules / file
    text = target.read_text()
    assert old in text
    broken = text.replace(old, new, 1)
    target.write_text(broken)
    line = broken[:broken.index(new)].count("\n") + 1
    profile = write_profile(tmp_path)
    args = {"recommend": ("recommend", profile), "render": ("render", profile, "-o", "-"),
            "explain": ("explain", profile), "lint": ("lint",)}[command]
    result = run(*args, "--rules", rules)
    assert result.exit_code == 1 and "Traceback" not in result.output
    where = f"{target}:{line}: "
    if command == "lint":
        assert f"rules/{file}:{line}: [schema] {message}" in result.output
    else:
        assert one_error_line(result) == f"Error: {where}{message}"


def test_fact_types_as_a_list_is_a_schema_error(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(REPO / "rules", rules)
    text = (rules / "rulebase.yaml").read_text()
    start = text.index("fact_types:")
    (rules / "rulebase.yaml").write_text(text[:start] + "fact_types: []\n")
    line = text[:start].count("\n") + 1
    result = run("recommend", write_profile(tmp_path), "--rules", rules)
    assert one_error_line(result) == f"Error: {rules / 'rulebase.yaml'}:{line}: `fact_types`: must be a mapping, not []"


# -- 15. layer folders stay inside the rules folder, and exist ----------------------------------
@pytest.mark.parametrize("folder, problem", [("/", "is not inside the rules folder"),
                                             ("../knowledge", "is not inside the rules folder"),
                                             ("evidnce", "does not exist")])
def test_layer_folders_are_confined_and_must_exist(tmp_path, folder, problem):
    rules = tmp_path / "rules"
    shutil.copytree(REPO / "rules", rules)
    text = (rules / "rulebase.yaml").read_text()
    broken = text.replace("folder: evidence", f"folder: {folder}", 1)
    (rules / "rulebase.yaml").write_text(broken)
    line = broken[:broken.index(f"folder: {folder}")].count("\n") + 1
    result = run_process("recommend", write_profile(tmp_path), "--rules", rules, timeout=60)
    assert result.returncode == 1
    assert result.stderr == (f"Error: {rules / 'rulebase.yaml'}:{line}: the folder of layer `evidence`, `{folder}`, {problem}; "
                             + ("create it, or correct the name" if problem == "does not exist"
                                else "give a folder below the folder of rulebase.yaml, such as `evidence`") + "\n")
