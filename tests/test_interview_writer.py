"""The profile writer: any profile an interview can produce loads back identically."""
from hypothesis import given, settings
from hypothesis import strategies as st

from orgdesign import get_reasoner, load_profile
from orgdesign.interview import profile_yaml, read_typed_answer, save_profile
from orgdesign.interview.session import InterviewSession
from orgdesign.profile import parse_profile
from orgdesign.questions import UNKNOWN
from orgdesign.text_safety import client_line, client_text

KNOWLEDGE = get_reasoner().knowledge
BANK = KNOWLEDGE.questions
# Any text a keyboard or a paste can produce, as the interview reads it
# (TerminalIO cleans every line typed, as the profile loader cleans a file).
TEXT = st.text(min_size=1, max_size=40).map(client_line).filter(lambda t: t.strip())


def answer_strategy(question):
    if question.type == "integer":
        value = st.integers(question.minimum, question.maximum)
    elif question.type == "yes_no":
        value = st.sampled_from(["yes", "no"])
    elif question.type == "choice":
        value = st.sampled_from(question.values)
    else:
        value = st.one_of(st.just(("none",)) if "none" in question.values else st.nothing(),
                          st.sets(st.sampled_from([v for v in question.values if v != "none"]), min_size=1)
                          .map(lambda chosen: tuple(v for v in question.values if v in chosen)))
    return st.one_of(value, st.just(UNKNOWN))


ANSWERS = st.fixed_dictionaries({}, optional={q.id: answer_strategy(q) for q in BANK})
NOTES = st.dictionaries(st.sampled_from(BANK.ids), TEXT, max_size=3)


@settings(max_examples=60, deadline=None)
@given(client=TEXT, consultant=st.none() | TEXT, answers=ANSWERS, notes=NOTES)
def test_written_profile_loads_back_identically(client, consultant, answers, notes):
    session = InterviewSession(KNOWLEDGE, "2026-11-27", client, consultant, answers, notes)
    profile = session.profile()
    text = profile_yaml(profile, BANK, session.skip_reasons())
    loaded = parse_profile(text, KNOWLEDGE)
    assert loaded.to_data() == profile.to_data()
    assert loaded.missing == profile.missing
    assert profile_yaml(loaded, BANK, session.skip_reasons()) == text     # stable: same profile, same bytes


def test_yes_no_written_as_typed():
    session = InterviewSession(KNOWLEDGE, "2026-11-27", "No", answers={"tech_forward": "yes", "ml_is_core_product": "no"})
    text = profile_yaml(session.profile(), BANK, session.skip_reasons())
    assert "  tech_forward: yes\n" in text and "  ml_is_core_product: no\n" in text
    assert "  name: 'No'\n" in text      # a client called No stays a name, not a boolean


def test_typed_answers_for_every_question_type():
    assert read_typed_answer(BANK["employees"], " 12 000 ") == 12000
    assert read_typed_answer(BANK["employees"], "1,200") == 1200
    assert read_typed_answer(BANK["industry"], "OIL AND GAS") == "oil_and_gas"
    assert read_typed_answer(BANK["industry"], "10") == "logistics"
    assert read_typed_answer(BANK["tech_forward"], "Y") == "yes"
    assert read_typed_answer(BANK["ml_activity"], "2 4") == ("ad_hoc", "product_teams")
    assert read_typed_answer(BANK["ml_activity"], "4,2,4") == ("ad_hoc", "product_teams")
    assert read_typed_answer(BANK["roles_present"], "Unknown") == UNKNOWN


def test_plain_text_is_written_without_quotes_and_a_merge_key_with_them():
    """A file a consultant reads and diffs: quotes only where YAML would read the text as something else."""
    session = InterviewSession(KNOWLEDGE, "2026-11-27", "Acme Logistics GmbH", "<<", {"employees": 5},
                               {"employees": "Counted in March"})
    text = profile_yaml(session.profile(), BANK, session.skip_reasons())
    assert "  name: Acme Logistics GmbH\n" in text and "  employees: Counted in March\n" in text
    assert "  consultant: '<<'\n" in text     # `<<` is YAML's merge key


TRICKY = ["null", "~", "yes", "2026-01-01", "1e3", "0x1F", "- item", "a: b", "#hash", "'", '"', "[x]", "{x}",
          "*alias", "&anchor", "!tag", "%", "@", "`", "line\nbreak", "tab\tin", " lead", "trail ", "\x85", "\u2028",
          "\x7f", "\ufeffbom", "\x00nul", "é ü ß 中文 🙂", "...", "---", "? key", "|", ">"]


def test_tricky_texts_survive_the_round_trip(tmp_path):
    for index, text in enumerate(TRICKY):
        name = text if text.strip() else "X" + text      # a blank name is refused before it is saved
        session = InterviewSession(KNOWLEDGE, "2026-11-27", name, text, {"employees": 5}, {"employees": text})
        path = tmp_path / f"{index}.yaml"
        save_profile(path, session.profile(), BANK, session.skip_reasons())
        loaded = load_profile(path, get_reasoner())
        # Control characters come back as the loader shows them (text_safety), the rest as written.
        expected = (client_line(name), client_line(text), {"employees": client_text(text)})
        assert (loaded.client, loaded.consultant, loaded.notes) == expected, repr(text)
