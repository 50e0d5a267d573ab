"""`orgdesign serve`'s safety points, each against the real app over real profile files."""
import os
import re
import subprocess
import sys
import urllib.error
import urllib.request

import pytest
from click.testing import CliRunner

from orgdesign.cli import main
from orgdesign.file_lock import profile_lock
from orgdesign.interview.typed_answers import InvalidAnswer, read_typed_answer
from orgdesign import load_profile
from orgdesign.web import create_app

from .conftest import HOST, flashes

INTERVIEW = "/clients/nascent-logistics/interview"


# -- binding and hosts ---------------------------------------------------------
def test_serve_listens_on_loopback_by_default():
    from orgdesign.cli.serve import serve

    defaults = {param.name: param.default for param in serve.params}
    assert (defaults["host"], defaults["port"]) == ("127.0.0.1", 8765)
    assert next(p for p in serve.params if p.name == "allow_remote").is_flag


def test_another_host_than_loopback_needs_allow_remote(workspace):
    result = CliRunner().invoke(main, ["serve", str(workspace), "--host", "0.0.0.0"])
    assert result.exit_code == 2
    assert "--allow-remote" in result.output


def test_allow_remote_warns_and_answers_to_that_host(workspace):
    # 127.0.0.2 is reachable on this machine only, but it is not a loopback name the server trusts by default.
    process = subprocess.Popen([sys.executable, "-m", "orgdesign", "serve", str(workspace), "--host", "127.0.0.2",
                                "--port", "0", "--allow-remote"], stderr=subprocess.PIPE, text=True)
    try:
        lines = [process.stderr.readline() for _ in range(2)]
        url = re.search(r"http://\S+/", lines[1]).group(0)
        direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))   # never through a proxy
        with direct.open(url + "clients", timeout=30) as response:   # Host: 127.0.0.2:PORT
            assert response.status == 200 and b"Acme Logistics GmbH" in response.read()
        forged = urllib.request.Request(url + "clients", headers={"Host": "attacker.example"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            direct.open(forged, timeout=30)
        assert refused.value.code == 400
    finally:
        process.terminate()
        process.wait(timeout=10)
    assert lines[0].startswith("Warning: listening on 127.0.0.2, reachable from other machines")
    assert lines[1].startswith("Serving ") and "http://127.0.0.2:" in lines[1]


def test_the_host_header_must_name_this_server(client):
    for host in ("127.0.0.1:8765", "localhost:8765", "[::1]:8765", "LOCALHOST"):
        assert client.get("/clients", headers={"Host": host}).status_code == 200, host
    for host in ("attacker.example", "attacker.example:8765", "127.0.0.1.attacker.example", ""):
        response = client.get("/clients", headers={"Host": host})
        assert response.status_code == 400, host
        assert "Nascent" not in response.get_data(as_text=True)


def test_allowed_hosts_extend_the_loopback_names(workspace, reasoner):
    test_client = create_app(workspace, reasoner, allowed_hosts=("consultant-laptop.local",)).test_client()
    assert test_client.get("/clients", headers={"Host": "consultant-laptop.local:8765"}).status_code == 200
    assert test_client.get("/clients", headers={"Host": "other.local:8765"}).status_code == 400


# -- CSRF ----------------------------------------------------------------------
def test_every_form_needs_the_sessions_csrf_token(client, workspace, app):
    before = (workspace / "nascent-logistics.yaml").read_bytes()
    form = client.form(INTERVIEW + "?step=employees")
    for token in ("", "forged-token"):
        response = client.post(INTERVIEW, {**form, "csrf_token": token, "value": "99"})
        assert response.status_code == 403
    # A token from another browser's session is no good either.
    other = app.test_client()
    assert other.post(INTERVIEW, data={**form, "value": "99"}, headers=HOST).status_code == 403
    assert other.post("/clients/new", data={"csrf_token": form["csrf_token"], "client": "X"},
                      headers=HOST).status_code == 403
    assert (workspace / "nascent-logistics.yaml").read_bytes() == before
    assert sorted(p.name for p in workspace.iterdir()) == ["mixed-retail.yaml", "nascent-logistics.yaml"]
    # ...and every form on the pages carries it.
    for url in ("/clients", INTERVIEW):
        page = client.get(url).get_data(as_text=True)
        assert page.count("<form method=\"post\"") == page.count('name="csrf_token" value="' + form["csrf_token"])


# -- escaping ------------------------------------------------------------------
def test_client_text_is_escaped_on_every_page(client, workspace):
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    text = (workspace / "nascent-logistics.yaml").read_text()
    text = text.replace("name: Acme Logistics GmbH", "name: '" + hostile.replace("'", "''") + "'")
    text = text.replace("Two analysts build", "<b onmouseover=alert(2)>Two</b> analysts build")
    (workspace / "nascent-logistics.yaml").write_text(text)
    for url in ("/clients", INTERVIEW + "?step=ml_activity", "/clients/nascent-logistics/report",
                "/clients/nascent-logistics/explain", "/clients/nascent-logistics/milestones"):
        page = client.get(url).get_data(as_text=True)
        assert "<script>alert" not in page and "<img src=x" not in page and "<b onmouseover" not in page, url
        assert "&lt;script&gt;alert(" in page, url
    assert client.get("/clients").headers["Content-Security-Policy"].startswith("default-src 'none'; script-src 'self'")


# -- names and paths -----------------------------------------------------------
def test_names_map_only_to_profiles_inside_the_workspace(client, workspace, tmp_path):
    secret = tmp_path / "secret.yaml"
    secret.write_text(re.sub(r"(?m)^  name: .*$", "  name: Secret Corp", (workspace / "mixed-retail.yaml").read_text()))
    (workspace / "escape.yaml").symlink_to(secret)              # a link leaving the workspace
    (workspace / "inside.yaml").symlink_to(workspace / "mixed-retail.yaml")
    (workspace / ".hidden.yaml").write_text((workspace / "mixed-retail.yaml").read_text())
    listing = client.get("/clients").get_data(as_text=True)
    assert "escape.yaml" not in listing and "Secret Corp" not in listing and ".hidden" not in listing
    assert "inside.yaml" in listing
    for name in ("escape", "..", "...", "..%2Fsecret", "%2e%2e%2fsecret", ".hidden", "mixed-retail.yaml%00",
                 "a%2Fb", "secret", "%2Ftmp%2Fsecret"):
        for page in ("interview", "report", "explain", "milestones"):
            response = client.get(f"/clients/{name}/{page}")
            assert response.status_code == 404, (name, page)
            assert "Secret Corp" not in response.get_data(as_text=True)
    # Milestones compare only workspace profiles, whatever the query says.
    response = client.get("/clients/mixed-retail/milestones?b=escape")
    assert response.status_code == 404 and "Secret Corp" not in response.get_data(as_text=True)
    form = client.form("/clients/mixed-retail/interview?step=employees")
    assert client.post("/clients/escape/interview", {**form, "value": "5"}).status_code == 404
    assert "Secret Corp" in secret.read_text() and "employees: 5\n" not in secret.read_text()


def test_output_files_are_served_only_by_name_from_the_clients_folder(client, workspace, tmp_path):
    out = workspace / "out" / "mixed-retail"
    out.mkdir(parents=True)
    (out / "report.pdf").write_bytes(b"%PDF-1.4 report")
    outside = tmp_path / "private.html"
    outside.write_text("private")
    (out / "audit.html").symlink_to(outside)
    report = client.get("/clients/mixed-retail/report").get_data(as_text=True)
    assert "/clients/mixed-retail/files/report.pdf" in report and "files/audit.html" not in report
    assert client.get("/clients/mixed-retail/files/report.pdf").data == b"%PDF-1.4 report"
    assert client.get("/clients/mixed-retail/files/audit.html").status_code == 404
    assert client.get("/clients/mixed-retail/files/recommendation.json").status_code == 404
    assert client.get("/clients/mixed-retail/files/..%2F..%2Fmixed-retail.yaml").status_code == 404


# -- saving: the CLI's validation, digests, two tabs, the CLI's lock ----------
def _cli_message(reasoner, question_id, typed):
    try:
        read_typed_answer(reasoner.knowledge.questions[question_id], typed)
    except InvalidAnswer as problem:
        return f"Not an answer: {problem}"
    raise AssertionError(f"{typed!r} is a valid answer")


def test_bad_input_shows_the_clis_message_and_saves_nothing(client, workspace, reasoner):
    path = workspace / "nascent-logistics.yaml"
    before = path.read_bytes()
    for step, value in (("employees", "twelve hundred"), ("employees", "0"), ("industry", "shipping"),
                        ("roles_present", ["none", "ml_engineer"])):
        form = client.form(f"{INTERVIEW}?step={step}")
        response = client.post(INTERVIEW, {**form, "value": value, "note": "a note that must not be saved"})
        assert response.status_code == 422
        typed = ", ".join(value) if isinstance(value, list) else value
        assert _cli_message(reasoner, step, typed) in flashes(response)
        assert path.read_bytes() == before
    form = client.form(f"{INTERVIEW}?step=employees")
    response = client.post(INTERVIEW, {**form, "value": "1200", "note": "x" * 2001})
    assert "The note is longer than 2000 characters; please shorten it." in flashes(response)
    assert path.read_bytes() == before


def test_an_answer_is_saved_at_once_with_its_note(client, workspace, reasoner):
    form = client.form(f"{INTERVIEW}?step=employees")
    response = client.post(INTERVIEW, {**form, "value": "1,500", "note": "Group headcount, 2026."})
    assert response.status_code == 303 and response.headers["Location"].endswith("step=industry")
    profile = load_profile(workspace / "nascent-logistics.yaml", reasoner)
    assert profile.answers["employees"] == 1500 and profile.notes["employees"] == "Group headcount, 2026."
    # The hand-written comment at the top is kept, as `interview --resume` keeps it.
    assert "# A mid-sized freight forwarder" in (workspace / "nascent-logistics.yaml").read_text()


def test_nothing_chosen_saves_nothing_unless_the_question_is_optional(client, workspace, reasoner):
    path = workspace / "nascent-logistics.yaml"
    before = path.read_bytes()
    form = client.form(f"{INTERVIEW}?step=roles_present")
    response = client.post(INTERVIEW, form)          # every box unticked
    assert response.status_code == 422 and any(m.startswith("No answer recorded") for m in flashes(response))
    assert path.read_bytes() == before
    form = client.form(f"{INTERVIEW}?step=ml_ambition")  # optional: nothing chosen records unknown, as Enter does
    assert client.post(INTERVIEW, form).status_code == 303
    profile = load_profile(path, reasoner)
    assert profile.answers["ml_ambition"] == "unknown" and "ml_ambition" not in profile.missing


def test_other_stays_on_the_question_for_its_note(client, workspace, reasoner):
    form = client.form(f"{INTERVIEW}?step=ml_reports_to")
    response = client.post(INTERVIEW, {**form, "value": "other"})
    assert response.status_code == 303 and response.headers["Location"].endswith("step=ml_reports_to")
    assert any(m.startswith("Say who or what it is in the note field")
               for m in flashes(client.get(response.headers["Location"])))
    form = client.form(f"{INTERVIEW}?step=ml_reports_to")
    response = client.post(INTERVIEW, {**form, "value": "other", "note": "The COO's office"})
    assert response.headers["Location"].endswith("step=executive_sponsor")
    profile = load_profile(workspace / "nascent-logistics.yaml", reasoner)
    assert (profile.answers["ml_reports_to"], profile.notes["ml_reports_to"]) == ("other", "The COO's office")


def test_a_browsers_line_breaks_and_control_characters_are_cleaned_as_the_terminal_cleans_them(client, workspace,
                                                                                              reasoner):
    form = client.form(f"{INTERVIEW}?step=employees")
    client.post(INTERVIEW, {**form, "value": "1200", "note": "First line\r\nsecond line\x1b[31m"})
    note = load_profile(workspace / "nascent-logistics.yaml", reasoner).notes["employees"]
    assert note == "First line\nsecond line\ufffd[31m"


def test_a_profile_changed_on_disk_is_never_overwritten_silently(client, workspace, reasoner):
    path = workspace / "nascent-logistics.yaml"
    form = client.form(f"{INTERVIEW}?step=employees")
    # Someone changes this very answer in an editor while the page is open.
    path.write_text(path.read_text().replace("employees: 1200", "employees: 1300"))
    changed = path.read_bytes()
    response = client.post(INTERVIEW, {**form, "value": "900"})
    assert response.status_code == 422
    assert any(m.startswith("Not saved: this answer was changed in the file") and "1,300" in m
               for m in flashes(response))
    assert path.read_bytes() == changed
    # A change to another answer is kept, and the page says the file had changed.
    form = client.form(f"{INTERVIEW}?step=employees")
    path.write_text(path.read_text().replace("ml_headcount: 2", "ml_headcount: 4"))
    response = client.post(INTERVIEW, {**form, "value": "900"})
    assert response.status_code == 303
    notices = flashes(client.get(response.headers["Location"]))
    assert any(m.startswith("The file had changed since this page was shown") for m in notices)
    profile = load_profile(path, reasoner)
    assert (profile.answers["employees"], profile.answers["ml_headcount"]) == (900, 4)


def test_two_tabs_cannot_lose_an_answer(client, workspace, reasoner):
    path = workspace / "nascent-logistics.yaml"
    tab_a = client.form(f"{INTERVIEW}?step=industry")
    tab_b = client.form(f"{INTERVIEW}?step=industry")
    tab_b_next = client.form(f"{INTERVIEW}?step=data_access")
    assert client.post(INTERVIEW, {**tab_a, "value": "retail"}).status_code == 303
    # The second tab, opened before, answers the same question differently: refused, the first answer stays.
    response = client.post(INTERVIEW, {**tab_b, "value": "energy_utilities"})
    assert response.status_code == 422 and any("it is now: Retail" in m for m in flashes(response))
    assert load_profile(path, reasoner).answers["industry"] == "retail"
    # The second tab answers another question: both answers are kept.
    assert client.post(INTERVIEW, {**tab_b_next, "value": "good"}).status_code == 303
    profile = load_profile(path, reasoner)
    assert (profile.answers["industry"], profile.answers["data_access"]) == ("retail", "good")


def test_a_profile_open_in_the_cli_interview_is_not_written(client, workspace):
    path = workspace / "nascent-logistics.yaml"
    before = path.read_bytes()
    form = client.form(f"{INTERVIEW}?step=employees")
    with profile_lock(path):   # what `orgdesign interview --resume` holds for its whole run
        response = client.post(INTERVIEW, {**form, "value": "900"})
    assert response.status_code == 422
    assert any(f"in use by process {os.getpid()}" in m for m in flashes(response))
    assert path.read_bytes() == before


def test_a_broken_profile_is_shown_with_the_clis_error_and_not_written(client, workspace):
    path = workspace / "mixed-retail.yaml"
    path.write_text(path.read_text().replace("employees: ", "employes: "))
    broken = path.read_bytes()
    listing = client.get("/clients").get_data(as_text=True)
    assert "unknown key `employes`" in listing
    response = client.get("/clients/mixed-retail/interview")
    assert response.status_code == 409 and "unknown key `employes`" in response.get_data(as_text=True)
    assert path.read_bytes() == broken
