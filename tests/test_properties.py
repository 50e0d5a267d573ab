"""Property tests over random valid profiles, with hostile free text."""
import html
import re
import string
import subprocess
import xml.dom.minidom

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from orgdesign import recommend
from orgdesign.engine.reasoner import get_reasoner
from orgdesign.profile import Profile
from orgdesign.questions import UNKNOWN

BANK = get_reasoner().knowledge.questions
NASTY_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=60) | st.sampled_from(
    ['Acme "R&D" <Labs> \\ Co', "<script>alert(1)</script>", "=HYPERLINK(\"x\")", "+1", "\u202eevil", "a\nb\tc\x07",
     "Acme \u2067Co\u2069 <b>bold</b>"]
)


def answer_strategy(question):
    if question.type == "integer":
        upper = min(question.maximum or 10**6, 10**6)
        choice = st.integers(question.minimum or 0, upper)
    elif question.type == "yes_no":
        choice = st.sampled_from(["yes", "no"])
    elif question.type == "choice":
        choice = st.sampled_from(question.values)
    else:
        others = [v for v in question.values if v != "none"]
        choice = st.lists(st.sampled_from(others), min_size=1, unique=True).map(
            lambda vs: tuple(v for v in question.values if v in vs))
        if "none" in question.values:
            choice = choice | st.just(("none",))
    return st.one_of(st.just(UNKNOWN), choice)


PROFILES = st.builds(
    lambda answers, client, notes: Profile(client, answers, notes),
    st.fixed_dictionaries({q.id: answer_strategy(q) for q in BANK}),
    NASTY_TEXT,
    st.dictionaries(st.sampled_from(BANK.ids), NASTY_TEXT, max_size=3),
)


def check_one_archetype(profile):
    reasoner = get_reasoner()
    first = recommend(profile, reasoner)
    archetype = first["archetype"]
    ids = [r["id"] for r in archetype["ranking"]]
    assert archetype["id"] == ids[0] and sorted(ids) == sorted(reasoner.knowledge.archetypes)
    assert all(0.0 <= r["fit"] <= 1.0 for r in archetype["ranking"]) and 0.0 <= archetype["confidence"] <= 1.0
    assert first["target"]["id"] in reasoner.knowledge.archetypes
    assert archetype["mixed_with"] in (None, *ids[1:2])
    assert len(first["design_choices"]) == 3
    assert recommend(profile, reasoner) == first


# 30 here; the sweep below (make sweep, CI) tries 1,000.
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PROFILES)
def test_any_valid_profile_gets_one_archetype(profile):
    check_one_archetype(profile)


@pytest.mark.sweep
@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PROFILES)
def test_any_valid_profile_gets_one_archetype_sweep(profile):
    check_one_archetype(profile)


def markup_skeleton(page):
    """Every tag, comment and declaration of a page with its attribute values blanked: the page's markup without its text.

    Client text can only become markup by bringing a `<` of its own (a new
    tag) or a quote of its own (ending an attribute value early); either
    changes this skeleton.
    """
    return [re.sub(r"\"[^\"]*\"|'[^']*'", "''", tag) for tag in re.findall(r"<[^<>]*>?", page)]


def shown_text(page):
    """The text a browser shows, roughly: tags dropped, character references decoded."""
    return html.unescape(re.sub(r"<[^<>]*>", "", page))


def plain_twin(profile):
    """The same profile with harmless words in place of every client-provided string."""
    return Profile("Plain Client", profile.answers, {q: "plain note" for q in profile.notes})


# Client-provided strings in every output: a smaller run, since each example
# draws the chart with the real `dot` program and renders the report.
ALL_UNKNOWN = {q.id: UNKNOWN for q in BANK}


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PROFILES)
# Names that contain markup-like text once escaped (`\\<?`), or text the page's own markup has (`<a`).
@example(Profile("<?", ALL_UNKNOWN, {}))
@example(Profile("<a", ALL_UNKNOWN, {"industry": "<a href='x'>link</a>"}))
def test_client_strings_are_escaped_in_every_output(profile):
    check_client_strings_escaped(profile)


@pytest.mark.sweep
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PROFILES)
def test_client_strings_are_escaped_in_every_output_sweep(profile):
    check_client_strings_escaped(profile)


def check_client_strings_escaped(profile):
    from orgdesign.orgchart import chart_gv
    from orgdesign.report import render_report
    from orgdesign.report.escaping import markdown_text

    reasoner = get_reasoner()
    recommendation = recommend(profile, reasoner)
    gv = chart_gv(recommendation)
    assert gv == chart_gv(recommendation)
    drawn = subprocess.run(["dot", "-Tsvg"], input=gv.encode("utf-8"), capture_output=True)
    assert drawn.returncode == 0, drawn.stderr.decode("utf-8", "replace")
    assert b"syntax error" not in drawn.stderr.lower()
    chart = drawn.stdout.decode("utf-8")
    xml.dom.minidom.parseString(chart)  # the chart itself is well-formed: `dot` escaped the labels
    markdown, page = render_report(recommendation, profile, chart, reasoner.knowledge)
    # No client string reaches the HTML as markup: the page has the very tags,
    # attributes, comments and declarations it has, around the same chart,
    # for a client with plain words.
    twin = plain_twin(profile)
    _, plain_page = render_report(recommend(twin, reasoner), twin, chart, reasoner.knowledge)
    assert markup_skeleton(page) == markup_skeleton(plain_page)
    # In Markdown the client's name is there, escaped as inert text.
    assert markdown_text(profile.client) in markdown
    # Right-to-left overrides and isolates never reach an output as they are.
    for output in (gv, page, markdown):
        assert not re.search("[\u202a-\u202e\u2066-\u2069]", output)
    # ...and a printable name is shown, as text.
    if profile.client.isprintable() and profile.client == " ".join(profile.client.split()):
        assert profile.client in shown_text(page)


def literal_text(markdown):
    """What CommonMark shows for text where only backslash escapes may occur: (text, is_each_char_escaped)."""
    shown, escaped, i = [], [], 0
    while i < len(markdown):
        if markdown[i] == "\\" and i + 1 < len(markdown) and markdown[i + 1] in string.punctuation:
            shown.append(markdown[i + 1])
            escaped.append(True)
            i += 2
        else:
            shown.append(markdown[i])
            escaped.append(False)
            i += 1
    return "".join(shown), escaped


# Characters that open markup in CommonMark or in GitHub's tables and strike-through.
MARKUP_OPENERS = set("\\`*_{}[]<>#+!|~&")


@settings(max_examples=300, deadline=None)
@given(NASTY_TEXT | st.text(alphabet="\\`*_{}[]<>#+!|~&()-=. a\n", max_size=30))
def test_markdown_text_shows_the_client_text_and_nothing_else(text):
    from orgdesign.report.escaping import markdown_text
    from orgdesign.text_safety import without_bidi_controls

    escaped = markdown_text(text)
    shown, was_escaped = literal_text(escaped)
    # A reader sees the text itself, on one line...
    assert shown == without_bidi_controls(" ".join(text.split()))
    assert "\n" not in escaped
    # ...and none of its characters that could open markup is left bare.
    assert all(flag for char, flag in zip(shown, was_escaped) if char in MARKUP_OPENERS)


def test_markdown_link_brackets_are_shown_not_linked():
    from orgdesign.report.escaping import markdown_text

    assert markdown_text("[Acme](http://evil.example)") == "\\[Acme\\](http://evil.example)"


def test_a_missing_value_prints_as_nothing_in_markdown():
    from orgdesign.report.escaping import markdown_text

    assert markdown_text(None) == ""
