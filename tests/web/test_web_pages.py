"""The pages show what the command line shows for the same files."""
import re
import shutil

import markupsafe

from orgdesign import load_profile
from orgdesign.advice.diff_text import diff_text
from orgdesign.api import recommendation_data
from orgdesign.diff import compare_recommendations

from .conftest import flashes


def test_clients_lists_every_profile_with_its_headline(client):
    page = client.get("/clients").get_data(as_text=True)
    assert "Acme Logistics GmbH" in page and "Harbor &amp; Pine Retail Group" in page
    assert "Nascent / ad-hoc ML" in page and "Independent ML division" in page


def test_the_recommendation_as_json_is_what_recommend_json_prints(client, workspace):
    from click.testing import CliRunner

    from orgdesign.cli import main

    printed = CliRunner().invoke(main, ["recommend", str(workspace / "mixed-retail.yaml"), "--json"]).output
    assert client.get("/clients/mixed-retail/recommendation.json").get_data(as_text=True) == printed
    listing = client.get("/clients.json").get_json()
    assert [c["name"] for c in listing["clients"]] == ["mixed-retail", "nascent-logistics"]
    assert listing["clients"][1]["archetype"]["id"] == "nascent"


def test_a_new_client_starts_a_profile_the_cli_can_resume(client, workspace, reasoner):
    token = client.form("/clients/mixed-retail/interview")["csrf_token"]
    response = client.post("/clients/new", {"csrf_token": token, "client": "Acme Logistics GmbH"})
    assert response.status_code == 303 and "/clients/acme-logistics-gmbh/interview?step=employees" in response.headers["Location"]
    profile = load_profile(workspace / "acme-logistics-gmbh.yaml", reasoner)
    assert profile.client == "Acme Logistics GmbH" and len(profile.missing) == len(reasoner.knowledge.questions.ids)
    # A second client of the same name gets its own file; an empty name is the CLI's message.
    client.post("/clients/new", {"csrf_token": token, "client": "Acme Logistics GmbH"})
    assert (workspace / "acme-logistics-gmbh-2.yaml").is_file()
    response = client.post("/clients/new", {"csrf_token": token, "client": "  "})
    assert response.status_code == 422
    assert "The client's name is needed to label the profile; please type it." in flashes(response)


def test_milestones_show_two_profiles_and_the_cli_change_note(client, workspace, reasoner):
    later = workspace / "nascent-logistics-2027.yaml"
    later.write_text((workspace / "nascent-logistics.yaml").read_text().replace("ml_headcount: 2", "ml_headcount: 12"))
    page = client.get("/clients/nascent-logistics/milestones").get_data(as_text=True)   # B: the same client's other file
    before, after = load_profile(workspace / "nascent-logistics.yaml", reasoner), load_profile(later, reasoner)
    note = diff_text(compare_recommendations(before, recommendation_data(before, reasoner), after,
                                             recommendation_data(after, reasoner), reasoner.knowledge))
    assert str(markupsafe.escape(note)) in page
    assert '<tr class="changed"><th scope="row"><code>ml_headcount</code>' in page
    assert page.count('<tr class="changed">') == 1


def test_two_files_with_the_same_bytes_are_still_two_profiles(client, workspace):
    shutil.copy(workspace / "mixed-retail.yaml", workspace / "copy.yaml")
    page = client.get("/clients/mixed-retail/milestones?b=copy").get_data(as_text=True)
    assert "mixed-retail.yaml (Harbor" in page and "copy.yaml (Harbor" in page


def test_explain_shows_the_cli_explanation_how_and_why_not(client, workspace, reasoner):
    from orgdesign.explain import explain, render_text

    profile = load_profile(workspace / "mixed-retail.yaml", reasoner)
    page = client.get("/clients/mixed-retail/explain").get_data(as_text=True)
    first_line = render_text(explain(profile, reasoner)).splitlines()[0]
    assert first_line.replace("&", "&amp;") in page
    assert 'aria-label="Derivation graph"' in page and "<svg" in page
    assert page.count("/explain?why_not=") == len(reasoner.knowledge.archetype_ids()) - 1
    page = client.get("/clients/mixed-retail/explain?why_not=nascent").get_data(as_text=True)
    assert "Why not Nascent / ad-hoc ML? The answers fit it" in page
    page = client.get("/clients/mixed-retail/explain?how=design_choices.data_ownership").get_data(as_text=True)
    assert "design_choices.data_ownership" in page and "names no conclusion" not in page
    page = client.get("/clients/mixed-retail/explain?how=nonsense").get_data(as_text=True)
    assert "`nonsense` names no conclusion of this profile" in page


def test_report_is_the_report_html_with_the_workspace_bar(client, workspace, reasoner):
    from orgdesign.outputs import write_outputs

    profile = load_profile(workspace / "mixed-retail.yaml", reasoner)
    out = workspace / "out" / "mixed-retail"
    before = client.get("/clients/mixed-retail/report").get_data(as_text=True)
    assert "audit.html" not in before    # not written yet: no link to it
    write_outputs(recommendation_data(profile, reasoner), out, profile=profile, knowledge=reasoner.knowledge)
    page = client.get("/clients/mixed-retail/report").get_data(as_text=True)
    written = (out / "report.html").read_text()
    # The same document, with only the stylesheet link and the bar added.
    head, body = re.split(r"<body\b[^>]*>", written, maxsplit=1)
    # The one link that differs: the workspace serves the audit trail from the client's files/.
    assert page.count('href="files/audit.html"') == 1 == body.count('href="audit.html"')
    page = page.replace('href="files/audit.html"', 'href="audit.html"')
    assert page.count('<div class="report-files">') == 1 and "data-workspace>" in page
    assert head.rsplit("</head>", 1)[0] in page and body in page
    assert page.count("<svg") == written.count("<svg") >= 2   # today, recommended, and each roadmap stage
    # Every chart file the report links to is served under its own name.
    for linked in set(re.findall(r'href="(orgchart[a-z0-9-]*\.svg)"', page)) | {"orgchart.svg", "orgchart-today.svg"}:
        chart = client.get(f"/clients/mixed-retail/{linked}")
        assert chart.mimetype == "image/svg+xml" and chart.get_data(as_text=True).startswith("<svg"), linked
    assert client.get("/clients/mixed-retail/orgchart-stage-99.svg").status_code == 404


def test_pages_asked_for_at_once_get_the_same_answers_as_one_by_one(workspace, reasoner):
    """waitress serves requests in threads; the engine runs one profile at a time underneath."""
    from concurrent.futures import ThreadPoolExecutor

    from orgdesign.web import create_app

    from .conftest import EXAMPLES, HOST

    for path in EXAMPLES.glob("*.yaml"):
        shutil.copy(path, workspace / path.name)
    names = sorted(p.stem for p in workspace.glob("*.yaml"))

    def headline(app, name):
        page = app.test_client().get(f"/clients/{name}/interview?step=employees", headers=HOST)
        assert page.status_code == 200, name
        text = page.get_data(as_text=True)
        return text[text.index('<aside class="headline"'):text.index("</aside>")]

    together = create_app(workspace, reasoner)
    with ThreadPoolExecutor(max_workers=4) as pool:
        at_once = list(pool.map(lambda name: headline(together, name), names))
    one_by_one = create_app(workspace, reasoner)
    assert at_once == [headline(one_by_one, name) for name in names]


def test_the_interview_page_names_answers_that_disagree_with_links_to_them(client, workspace):
    """Nordwerk's answers say a few models run in production and that none is deployed: every interview page says so."""
    from ..conftest import EXAMPLES

    shutil.copy(EXAMPLES / "rnd-manufacturing.yaml", workspace / "nordwerk.yaml")
    page = client.get("/clients/nordwerk/interview?step=data_access").get_data(as_text=True)
    block = page[page.index('id="headline-conflicts"'):page.index("</aside>")]
    assert "These answers disagree; settle them now:" in block
    assert 'href="/clients/nordwerk/interview?step=models_in_production">models_in_production</a>' in block
    assert 'href="/clients/nordwerk/interview?step=model_ownership_today">model_ownership_today</a>' in block
    assert "Models are said to run in production, yet also not to be deployed." in block
    assert 'id="headline-conflicts"' not in client.get("/clients/mixed-retail/interview?step=data_access").get_data(as_text=True)
