"""What a profile file may say: its version, its client's name, each answer's range.

Each check is tested at its edge: the last accepted value and the first
refused one, through the real parser, with the message a consultant reads.
"""
import pytest
import yaml

from orgdesign.errors import ProfileError
from orgdesign.profile import parse_profile


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
