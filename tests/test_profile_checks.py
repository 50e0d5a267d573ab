"""What a profile file may say: its version, its client's name, each answer's range.

Each check is tested at its edge: the last accepted value and the first
refused one, through the real parser, with the message a consultant reads.
"""
import pytest
import yaml

from orgdesign.errors import ProfileError
from orgdesign.profile import Profile, load_profile, parse_profile


def profile(version=1, name="Acme Ltd", **answers):
    return yaml.safe_dump({"profile_version": version, "client": {"name": name}, "answers": answers}, sort_keys=False)


def refusal(reasoner, text):
    with pytest.raises(ProfileError) as raised:
        parse_profile(text, reasoner.knowledge, path="p.yaml")
    return str(raised.value)


def test_version_one_is_read(reasoner):
    assert parse_profile(profile(version=1), reasoner.knowledge).client == "Acme Ltd"


@pytest.mark.parametrize("version", [0, -1])
def test_versions_below_one_are_refused(reasoner, version):
    assert refusal(reasoner, profile(version=version)) == (
        f"p.yaml:1: profile_version {version} is not valid; write `profile_version: 1`")


def test_a_newer_version_is_refused(reasoner):
    assert "profile_version 2 is from a newer orgdesign" in refusal(reasoner, profile(version=2))


@pytest.mark.parametrize("name", ["", "   ", "\t\n"])
def test_a_blank_client_name_is_refused(reasoner, name):
    assert "`client.name` must be non-empty text" in refusal(reasoner, profile(name=name))


def test_a_name_with_spaces_around_it_is_kept(reasoner):
    assert parse_profile(profile(name=" Acme "), reasoner.knowledge).client == " Acme "


def integer_questions(reasoner):
    return [q for q in reasoner.knowledge.questions if q.type == "integer"]


def test_integer_answers_at_their_limits_are_read(reasoner):
    for question in integer_questions(reasoner):
        for value in (question.minimum, question.maximum):
            if value is not None:
                parsed = parse_profile(profile(**{question.id: value}), reasoner.knowledge)
                assert parsed.answer(question.id) == value


def test_integer_answers_past_their_limits_are_refused(reasoner):
    bounded = [q for q in integer_questions(reasoner) if q.maximum is not None]
    assert bounded, "the bank has questions with a maximum (employees at least)"
    for question in integer_questions(reasoner):
        for value in (question.minimum - 1 if question.minimum is not None else None,
                      question.maximum + 1 if question.maximum is not None else None):
            if value is not None:
                message = refusal(reasoner, profile(**{question.id: value}))
                assert f"`{question.id}` is {value}, outside {question.minimum}..{question.maximum}" in message


@pytest.mark.parametrize("raw", [True, "12", 3.5])
def test_an_integer_answer_must_be_a_whole_number(reasoner, raw):
    assert "`employees` must be a whole number" in refusal(reasoner, profile(employees=raw))


@pytest.mark.parametrize("version", ["1", True, 1.0])
def test_a_version_that_is_not_a_whole_number_is_refused(reasoner, version):
    assert refusal(reasoner, profile(version=version)).startswith(
        "p.yaml:1: `profile_version` must be a whole number, not ")


def test_a_profile_that_is_not_yaml_raises_a_profile_error(reasoner, tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("profile_version: 1\nclient: {name: [Acme\n")
    for load in (lambda: load_profile(broken, reasoner.knowledge), lambda: parse_profile(broken.read_text(), reasoner.knowledge)):
        with pytest.raises(ProfileError):
            load()


def test_questions_the_file_leaves_out_read_as_unknown(reasoner):
    loaded = parse_profile(profile(employees=120), reasoner.knowledge)
    assert loaded.answer("employees") == 120 and loaded.answer("industry") == "unknown"
    assert "industry" in loaded.unknown_answers() and "employees" not in loaded.unknown_answers()
    assert set(loaded.unknown_answers()) == set(loaded.missing)
    # A Profile built by hand (recommend() takes one) reads a question it lacks as unknown too.
    assert Profile("Acme", {}).answer("industry") == "unknown"


def test_a_loaded_profile_knows_its_file(reasoner, tmp_path):
    path = tmp_path / "acme.yaml"
    path.write_text(profile(employees=120))
    assert load_profile(path, reasoner.knowledge).path == str(path)


FULL = """\
profile_version: 1
client:
  name: Acme Ltd
  interviewed_on: 2026-11-02
  consultant: Jo
answers:
  employees: 120
  ml_activity: [ad_hoc]
notes:
  employees: roughly
names:
  units: {ml_division: Data Lab}
"""


def test_the_profile_digest_follows_content_not_layout(reasoner):
    digest = parse_profile(FULL, reasoner.knowledge).digest()
    assert digest.startswith("sha256:") and len(digest) == len("sha256:") + 64
    relaid = ("# the same profile, laid out otherwise\nanswers: {ml_activity: [ad_hoc], employees: 120}\n"
              "names:\n  units: {ml_division: Data Lab}\nnotes: {employees: roughly}\n"
              "client: {consultant: Jo, name: Acme Ltd, interviewed_on: '2026-11-02'}\nprofile_version: 1\n")
    assert parse_profile(relaid, reasoner.knowledge).digest() == digest
    for old, new in [("employees: 120", "employees: 121"), ("consultant: Jo", "consultant: Al"),
                     ("2026-11-02", "2026-11-03"), ("employees: roughly", "employees: exactly"),
                     ("Data Lab", "Data Den"), ("Acme Ltd", "Acme plc"), ("[ad_hoc]", "[rnd_lab]")]:
        assert parse_profile(FULL.replace(old, new), reasoner.knowledge).digest() != digest, new


def test_a_what_if_copy_changes_only_the_answers_asked(reasoner):
    original = parse_profile(FULL, reasoner.knowledge, path="acme.yaml")
    changed = original.with_answers(employees=5000, industry="software")
    assert changed.answers == {**original.answers, "employees": 5000, "industry": "software"}
    assert changed.missing == tuple(q for q in original.missing if q != "industry")
    assert (changed.client, changed.interviewed_on, changed.consultant, changed.notes, changed.names, changed.path,
            changed.lines) == (original.client, original.interviewed_on, original.consultant, original.notes,
                               original.names, original.path, original.lines)
    assert original.answer("employees") == 120   # the original is left as it was


@pytest.mark.parametrize("version, message", [
    ("'1'", "`profile_version` must be a whole number, not '1'; write `profile_version: 1`"),
    ("2", "profile_version 2 is from a newer orgdesign (this one reads up to 1); upgrade orgdesign, or save the "
          "profile in version 1 format"),
    ("0", "profile_version 0 is not valid; write `profile_version: 1`")])
def test_a_version_mistake_is_shown_at_the_versions_own_line(reasoner, version, message):
    text = f"client:\n  name: Acme\nanswers: {{}}\nprofile_version: {version}\n"
    assert refusal(reasoner, text) == f"p.yaml:4: {message}"


def test_client_mistakes_are_shown_at_their_own_lines(reasoner):
    text = "profile_version: 1\nclient:\n  consultant: Jo\n  nmae: Acme\n  name: ''\nanswers: {}\n"
    assert refusal(reasoner, text).splitlines() == [
        "p.yaml:4: unknown key `nmae`; did you mean `name`?",
        "p.yaml:5: `client.name` must be non-empty text; write the client's name"]


def test_the_consultant_must_be_text_of_at_most_2000_characters(reasoner):
    head = "profile_version: 1\nanswers: {}\nclient:\n  name: Acme\n"
    assert refusal(reasoner, head + "  consultant: 42\n") == "p.yaml:5: `client.consultant` must be text"
    assert refusal(reasoner, head + f"  consultant: {'c' * 2001}\n") == (
        "p.yaml:5: `client.consultant` is longer than 2000 characters; shorten it")
    assert parse_profile(head + f"  consultant: {'c' * 2000}\n", reasoner.knowledge).consultant == "c" * 2000
    assert parse_profile(profile(name="n" * 2000), reasoner.knowledge).client == "n" * 2000


def test_an_interview_date_with_a_time_keeps_the_date(reasoner):
    text = "profile_version: 1\nclient:\n  name: Acme\n  interviewed_on: 2026-11-02 10:30:00\nanswers: {}\n"
    assert parse_profile(text, reasoner.knowledge).interviewed_on == "2026-11-02"


def test_answers_must_be_a_mapping(reasoner):
    text = "profile_version: 1\nclient: {name: Acme}\nanswers: [employees, 120]\n"
    assert refusal(reasoner, text) == ("p.yaml:3: `answers` must be a mapping of question id to answer; "
                                       "write `answers:` then indented `employees: 120` lines")


def test_note_mistakes_are_shown_at_their_own_lines(reasoner):
    head = "profile_version: 1\nclient: {name: Acme}\nanswers: {}\nnotes:\n"
    assert refusal(reasoner, head + "  industy: shipping\n") == (
        "p.yaml:5: unknown key `industy`; did you mean `industry`?")
    assert refusal(reasoner, head + "  industry: 42\n") == "p.yaml:5: the note on `industry` must be text, not 42; quote it"
    assert refusal(reasoner, head + f"  industry: {'n' * 2001}\n") == (
        "p.yaml:5: the note on `industry` is longer than 2000 characters")
    assert parse_profile(head + f"  industry: {'n' * 2000}\n", reasoner.knowledge).notes == {"industry": "n" * 2000}


def test_names_must_be_a_mapping(reasoner):
    text = "profile_version: 1\nclient: {name: Acme}\nanswers: {}\nnames: [Data Lab]\n"
    assert refusal(reasoner, text) == ("p.yaml:4: `names` must be a mapping with `units` and/or `roles`, not "
                                       "['Data Lab']; write `names:` then indented `units:` and `roles:` mappings "
                                       "of id to the client's name")


def test_the_clients_own_names_are_checked_where_they_are_written(reasoner):
    head = "profile_version: 1\nclient: {name: Acme}\nanswers: {}\nnames:\n  units:\n"
    assert refusal(reasoner, head + f"    ml_division: {'d' * 121}\n") == (
        "p.yaml:6: the name of unit `ml_division` is longer than 120 characters; "
        "a chart box holds a short name; put the rest in `notes`")
    assert parse_profile(head + f"    ml_division: {'d' * 120}\n", reasoner.knowledge).names == {
        "units": {"ml_division": "d" * 120}}
    assert refusal(reasoner, head + "    ml_division: 7\n") == (
        "p.yaml:6: the name of unit `ml_division` must be non-empty text, not 7; quote it")
    units = list(reasoner.knowledge.org_units)
    # A bad `units:` does not stop the check of `roles:`.
    first, second = refusal(reasoner, head.replace("  units:\n", "  units: [Lab]\n  roles: {nobody: X}\n")).splitlines()
    assert first == (f"p.yaml:5: `names.units` must be a mapping of unit id to name, not ['Lab']; "
                     f"write indented `{units[1]}: Our own name` lines")
    assert second.startswith("p.yaml:6: `nobody` is not a role id")
