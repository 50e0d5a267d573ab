"""Property tests over random valid profiles, with hostile free text."""
from hypothesis import HealthCheck, given, settings
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


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PROFILES)
def test_any_valid_profile_gets_one_archetype(profile):
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


# Client-provided strings in every output: a smaller run, since each example
# draws the chart with the real `dot` program and renders the report.
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PROFILES)
def test_client_strings_are_escaped_in_every_output(profile):
    import html as html_module
    import re
    import subprocess

    from orgdesign.orgchart import chart_gv
    from orgdesign.report import render_report

    reasoner = get_reasoner()
    recommendation = recommend(profile, reasoner)
    gv = chart_gv(recommendation)
    assert gv == chart_gv(recommendation)
    drawn = subprocess.run(["dot", "-Tsvg"], input=gv.encode("utf-8"), capture_output=True)
    assert drawn.returncode == 0, drawn.stderr.decode("utf-8", "replace")
    assert b"syntax error" not in drawn.stderr.lower()
    markdown, page = render_report(recommendation, profile, drawn.stdout.decode("utf-8"), reasoner.knowledge)
    # No client string reaches the HTML as markup: every `<` of it arrives escaped.
    for text in [profile.client, *profile.notes.values()]:
        if re.search(r"<[A-Za-z/!?]", text):
            assert text not in page
            assert text not in markdown
    assert not re.search(r"<script", page, re.IGNORECASE)
    # Right-to-left overrides and isolates never reach an output as they are.
    for output in (gv, page, markdown):
        assert not re.search("[\u202a-\u202e\u2066-\u2069]", output)
    # ...and a printable name is shown, as text.
    if profile.client.isprintable() and profile.client == " ".join(profile.client.split()):
        assert html_module.escape(profile.client, quote=False) in page or html_module.escape(profile.client) in page
