"""The library's front door for notebooks and scripts: ``recommend()`` and ``Recommendation``.

``recommend`` takes what a notebook user has at hand (a dict of answers, or
a loaded ``Profile``) and returns a ``Recommendation`` that can show itself:
its chart, its report, its explanation.  A ``Recommendation`` is also
the dict of the JSON recommendation, so code written against the
plain dict (``rec["archetype"]["id"]``, ``json.dumps(rec)``) keeps working.
"""
from collections.abc import Mapping

from .profile import PROFILE_VERSION, Profile, profile_from_document
from .yaml_source import YamlDocument

ANSWERS_SOURCE = "<answers>"   # where a ProfileError says the bad answer came from


def recommend(answers_or_profile, reasoner=None, client="Client", names=None):
    """The recommendation for a profile or a dict of answers (question id -> value, as in a profile file).

    ``names`` is a profile's ``names:`` section (the client's own names for
    units and roles, e.g. ``{"units": {"ml_team": "Data Lab"}}``), validated
    as in a file; it applies to a dict of answers.

    >>> rec = recommend({"employees": 300, "ml_activity": ["product_teams"]})
    >>> rec.archetype["id"], rec["archetype"]["id"] == rec.archetype["id"]
    ('product_embedded', True)
    """
    from . import get_reasoner

    reasoner = reasoner or get_reasoner()
    profile = as_profile(answers_or_profile, reasoner.knowledge, client, names)
    return Recommendation(profile, recommendation_data(profile, reasoner), reasoner)


def recommendation_data(profile, reasoner):
    """The recommendation as the JSON-ready dict (``recommend --json``); what the command line uses."""
    from .advice.recommendation import build_recommendation

    return build_recommendation(reasoner.infer(profile), reasoner)


def as_profile(answers_or_profile, knowledge, client="Client", names=None):
    """A ``Profile``; a dict of answers is validated exactly as a profile file's ``answers:`` would be."""
    if isinstance(answers_or_profile, Profile):
        return answers_or_profile
    if not isinstance(answers_or_profile, Mapping):
        raise TypeError(f"recommend() takes a dict of answers or a Profile, not {type(answers_or_profile).__name__}")
    data = {"profile_version": PROFILE_VERSION, "client": {"name": client}, "answers": dict(answers_or_profile)}
    if names is not None:
        data["names"] = names
    return profile_from_document(YamlDocument(ANSWERS_SOURCE, data), knowledge)


class Recommendation(dict):
    """One client's recommendation, with its chart, report and explanation a call away.

    It is the JSON recommendation itself (a dict), so ``json.dumps(rec)``,
    ``rec["archetype"]["id"]`` and every function written for the plain dict
    keep working; the attributes and methods add the views a notebook wants.
    """

    def __init__(self, profile, data, reasoner):
        super().__init__(data)
        self.profile = profile
        self._reasoner = reasoner

    def to_dict(self):
        """The recommendation as a plain dict, exactly what ``recommend --json`` prints."""
        return dict(self)

    # -- the parts a reader asks for first ----------------------------------
    @property
    def target(self):
        return self.get("target")

    @property
    def archetype(self):
        return self["archetype"]

    @property
    def design_choices(self):
        return self["design_choices"]

    @property
    def org_chart(self):
        """The recommended org chart as a networkx DiGraph."""
        from .orgchart import graph_from_chart

        return graph_from_chart(self["org_chart"])

    # -- renderings ---------------------------------------------------------
    def render(self, fmt="svg", direction="TB"):
        """The org chart in ``fmt`` (svg, png, pdf, gv, graphml, json); text formats as str, others as bytes."""
        from .orgchart import render_chart

        drawn = render_chart(self.org_chart, fmt, direction)
        return drawn if fmt in ("png", "pdf") else drawn.decode("utf-8")

    def report_html(self):
        """The client's report as one self-contained HTML page (the org chart drawn inline)."""
        from .report import render_report

        return render_report(self, self.profile, self.render("svg"), self._reasoner.knowledge)[1]

    def explain(self):
        """The explanation text `orgdesign explain` prints: verdict, evidence, derivations, what would change it."""
        from .explain import explain, render_text

        return render_text(explain(self.profile, self._reasoner))

    def _repr_html_(self):
        # Jupyter shows the headline and the chart; the full report is one call away.
        from html import escape

        from .report.chart import inline_svg

        target = self.target["name"] if self.target else "none"
        return (f"<div><p><b>{escape(self.profile.client)}</b>: grow towards <b>{escape(target)}</b>; "
                f"today resembles {escape(self.archetype['name'])} "
                f"(confidence {escape(self.archetype['confidence_words'])}, {self.archetype['confidence']:.2f})</p>"
                f"{inline_svg(self.render('svg'))}</div>")

    def __repr__(self):
        return f"<Recommendation for {self.profile.client!r}: {self.archetype['id']}>"
