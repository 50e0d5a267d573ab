"""How a profile may write each kind of answer, and what it means: yes/no, one choice, several choices, unknown.

Every case goes through the real profile parser, and a refusal is checked by
the message a consultant reads (see test_profile_checks.py for numbers and
the version).
"""
import pytest
import yaml

from orgdesign.errors import ProfileError
from orgdesign.profile import parse_profile


def read(reasoner, **answers):
    text = yaml.safe_dump({"profile_version": 1, "client": {"name": "Acme"}, "answers": answers}, sort_keys=False)
    return parse_profile(text, reasoner.knowledge, path="p.yaml")


def refusal(reasoner, **answers):
    with pytest.raises(ProfileError) as raised:
        read(reasoner, **answers)
    return str(raised.value)


@pytest.mark.parametrize("raw", ["unknown", "Unknown", " UNKNOWN "])
@pytest.mark.parametrize("question", ["employees", "industry", "tech_forward", "ml_activity"])
def test_unknown_is_accepted_for_any_question_in_any_case(reasoner, question, raw):
    assert read(reasoner, **{question: raw}).answer(question) == "unknown"


@pytest.mark.parametrize("raw, meant", [(True, "yes"), (False, "no"), ("yes", "yes"), (" No ", "no"), ("YES", "yes")])
def test_a_yes_no_answer_reads_as_yes_or_no(reasoner, raw, meant):
    assert read(reasoner, tech_forward=raw).answer("tech_forward") == meant


@pytest.mark.parametrize("raw", ["maybe", 1, ["yes"]])
def test_anything_else_is_not_a_yes_no_answer(reasoner, raw):
    assert refusal(reasoner, tech_forward=raw).startswith(
        "p.yaml:5: `tech_forward` must be yes or no, not ")   # the answer's own line
    assert "write yes, no or unknown" in refusal(reasoner, tech_forward=raw)


def test_a_choice_must_be_one_of_the_value_ids(reasoner):
    assert read(reasoner, industry="software").answer("industry") == "software"
    message = refusal(reasoner, industry="sofware")
    assert "`sofware` is not a valid answer to `industry`; did you mean `software`?" in message
    assert "allowed: software, internet," in message
    # A label is not a value id, and a choice question takes one value.
    assert "is not a valid answer to `industry`" in refusal(reasoner, industry="Software")
    assert "is not a valid answer to `industry`" in refusal(reasoner, industry=["software"])


def test_several_choices_are_kept_once_each_in_the_banks_order(reasoner):
    answer = read(reasoner, ml_activity=["central_division", "ad_hoc", "central_division"]).answer("ml_activity")
    assert answer == ("ad_hoc", "central_division")


def test_a_single_choice_may_be_written_without_a_list(reasoner):
    assert read(reasoner, ml_activity="rnd_lab").answer("ml_activity") == ("rnd_lab",)


def test_an_empty_list_means_none(reasoner):
    assert read(reasoner, ml_activity=[]).answer("ml_activity") == ("none",)


def test_none_must_stand_alone(reasoner):
    assert "`ml_activity` lists `none` together with other values; keep `none` alone, or remove it" in refusal(
        reasoner, ml_activity=["none", "ad_hoc"])
    assert read(reasoner, ml_activity=["none"]).answer("ml_activity") == ("none",)


@pytest.mark.parametrize("raw", [{"ad_hoc": 1}, 5])
def test_several_choices_must_be_a_list(reasoner, raw):
    message = refusal(reasoner, ml_activity=raw)
    assert "`ml_activity` must be a list of values; write e.g. [none], or `unknown`; allowed: none, ad_hoc," in message


def test_every_listed_value_must_be_a_value_id(reasoner):
    assert "`rnd` is not a valid answer to `ml_activity`" in refusal(reasoner, ml_activity=["ad_hoc", "rnd"])
    assert "is not a valid answer to `ml_activity`" in refusal(reasoner, ml_activity=["ad_hoc", 3])


def test_a_number_is_shown_with_thousands_separators(reasoner):
    question = reasoner.knowledge.questions["employees"]
    assert question.answer_label(6500) == "6,500"
    assert question.answer_label("unknown") == "unknown"


def test_what_lint_and_what_if_take_as_allowed_is_what_a_profile_accepts(reasoner):
    for question in reasoner.knowledge.questions:
        if question.type in ("choice", "yes_no"):
            allowed = question.allowed_values()
            assert allowed, question.id
            for value in allowed:
                assert read(reasoner, **{question.id: value}).answer(question.id) == value
