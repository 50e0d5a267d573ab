"""The client's report (report.md, report.html, report.pdf) and the audit trail, for real profiles.

The chart is a real SVG from Graphviz's `dot`; the PDF is printed by
headless Chromium through `recommend --pdf` and read back with pdftotext.
"""
import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner

from orgdesign import OrgDesignError, load_profile, recommend
from orgdesign.cli import main
from orgdesign.outputs import REPORT_LINKS
from orgdesign.report import render_audit, render_report

from .conftest import EXAMPLES, example_paths, profile_text, shared

EXAMPLES_PARENT = EXAMPLES.parent

SECTIONS = ["Executive summary", "Design choices: today and for the target", "Recommended org chart",
            "Roles and hiring plan", "Interview loops", "How to run ML projects", "Roadmap: from today to the target",
            "Risks and mitigations", "Reference", "Appendix"]
EVIL_NAME = '<script>alert("x")</script> Evil & *Co* | Ltd'
CHART_DOT = 'digraph { company -> leadership -> engineering; engineering -> product_teams [style=dotted] }'


@pytest.fixture(scope=shared("module"))
def chart_svg():
    CHART_SVG_CACHE["svg"] = subprocess.run(["dot", "-Tsvg"], input=CHART_DOT, capture_output=True, text=True,
                                            check=True).stdout
    return CHART_SVG_CACHE["svg"]


@pytest.fixture(scope=shared("module"))
def reports(reasoner, chart_svg):
    result = {}
    for path in example_paths():
        profile = load_profile(path, reasoner)
        rec = recommend(profile, reasoner)
        result[path.name] = (profile, rec) + render_report(rec, profile, chart_svg, reasoner.knowledge)
    return result


def evil_report(reasoner, make_profile, chart_svg):
    profile = make_profile({"ml_activity": ["none"], "planned_ml_hires": 2}, client=EVIL_NAME)
    rec = recommend(profile, reasoner)
    return rec, render_report(rec, profile, chart_svg, reasoner.knowledge)


class _Page(HTMLParser):
    """Collects the tags, attributes and visible text of an HTML page."""

    def __init__(self):
        super().__init__()
        self.tags, self.attributes, self.text, self.styles = [], [], [], []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes.extend(attrs)
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        (self.styles if self._in_style else self.text).append(data)


def parse(html):
    page = _Page()
    page.feed(html)
    return page


def section_texts(markdown, html):
    """The ten sections of each report, split at their numbered headings."""
    markdown = markdown.replace("\\", "")
    md_parts = re.split(r"^## \d+\. .*$", markdown, flags=re.MULTILINE)
    md_titles = re.findall(r"^## \d+\. (.*)$", markdown, flags=re.MULTILINE)
    html_parts = re.split(r"<h2><span class=\"num\">\d+</span> [^<]*</h2>", html)
    html_titles = [parse(t).text[-1].strip() for t in re.findall(r"<h2><span class=\"num\">\d+</span> [^<]*</h2>", html)]
    return [(md_titles, md_parts[1:]), (html_titles, [" ".join(parse(p).text) for p in html_parts[1:]])]


def test_sections_in_order_with_concluded_content(reports, reasoner):
    for name, (profile, rec, markdown, html) in reports.items():
        for titles, parts in section_texts(markdown, html):
            assert titles == SECTIONS, name
            summary, design, chart, roles, loops, practices, roadmap, risks, reference, appendix = parts
            archetype = rec["archetype"]
            assert archetype["name"] in summary and archetype["confidence_words"] in summary
            assert archetype["ranking"][0]["fit_words"] in summary and rec["target"]["name"] in summary
            # Fits are not probabilities: the summary never shows them as percentages.
            assert not [r for r in archetype["ranking"] if f"{r['fit']:.0%}" in summary]
            if archetype["provisional"]:
                assert "confirm these answers first" in summary
            runner_up = next(r for r in rec["archetype"]["ranking"] if r["id"] == rec["archetype"]["runner_up"])
            assert runner_up["name"] in summary
            assert [a["name"] in summary for a in rec["actions"][:3]] == [True] * 3
            for choice in rec["design_choices"].values():
                assert choice["summary"] in design and choice["name"] in design
            assert "Chart not available" not in chart
            # The body says why each item matters here; what is the same for
            # every client (what a role does, where to find candidates, what a
            # lever or practice means, how to assess a check) is in the reference.
            for role in rec["roles"]:
                assert role["name"] in roles and role["why"][0]["text"] in roles
                assert role["background"] in reference and role["does"] not in roles
            for guidance in rec["hiring"]["roles"]:
                assert guidance["look_for"][0] in reference and guidance["channels"][0] in reference
                assert guidance["look_for"][0] not in roles
            for lever in rec["hiring"]["attraction"]:
                assert lever["company_offers"] in reference and lever["why"][0]["text"] in roles
            for loop in rec["hiring"]["interviews"]:
                assert loop["name"] in loops
                for check in loop["checks"]:
                    assert check["text"] in loops and check["assessments"][0] in reference
            for practice in rec["practices"]:
                assert practice["name"] in practices and practice["text"] in reference
                assert all(w["text"] in practices for w in practice["why"] if not w["rule"].endswith(".every_team"))
            for risk in rec["risks"]:
                assert risk["text"] in risks and risk["mitigation"] in risks
            for action in rec["actions"]:
                assert action["name"] in roadmap and action["stage_name"] in roadmap
            for risk in rec["risks"]:
                assert f"likelihood {risk['likelihood']}, impact {risk['impact']}".lower() in risks.lower()
            for answer in profile.answers:
                assert reasoner.knowledge.questions[answer].text.replace("\\", "") in appendix.replace("\\", "")
        assert "{{" not in markdown and "{{" not in html
        # Words that a template glued together when a value lost its leading space.
        assert not re.search(r"hireis|\)\.[A-Z]|\.\(our", markdown), name


def test_hiring_plan_rows_match_planned_hires(reports):
    for name, (profile, rec, markdown, html) in reports.items():
        planned = profile.answer("planned_ml_hires")
        rows = re.findall(r"^\| (\d+) \| ", markdown, flags=re.MULTILINE)
        plan_rows = re.findall(r'<td data-label="#">(\d+)</td>', html)
        expected = rec["hiring"]["count"] if planned == "unknown" else planned
        assert len(rows) == len(plan_rows) == expected, name


def test_answers_given_are_listed(reports, reasoner):
    profile, rec, markdown, html = reports["nascent-logistics.yaml"]
    text = " ".join(parse(html).text)
    for question in reasoner.knowledge.questions:
        assert question.text in text
    assert "Two analysts build demand-forecasting models in spreadsheets." in text
    assert "Logistics" in text and "Budget approved for three hires in 2027." in markdown


def test_html_loads_nothing_external(reports):
    for name, (_, _, _, html) in reports.items():
        page = parse(html)
        assert not {"script", "link", "img", "iframe", "object", "embed", "image", "use"} & set(page.tags), name
        assert "svg" in page.tags
        for attribute, value in page.attributes:
            if attribute in ("src", "href", "xlink:href", "srcset", "action", "data"):
                # A roadmap stage's small chart links to its full-size SVG, written beside the report.
                assert value.startswith("#") or attribute == "href" and re.fullmatch(r"orgchart-stage-\d+\.svg", value), \
                    (name, attribute, value)
        styles = "".join(page.styles)
        assert "url(" not in styles and "@import" not in styles and "style=\"background" not in html
    # Written beside its files, the report links to them (a link loads nothing), and only to those.
    page = parse(linked_report(reports["mixed-retail.yaml"])[1])
    assert not {"script", "link", "img", "iframe", "object", "embed", "image", "use"} & set(page.tags)
    links = {value for attribute, value in page.attributes if attribute == "href" and not value.startswith("#")}
    assert links == {"audit.html", "orgchart.svg", "orgchart-today.svg", "orgchart-stage-1.svg", "orgchart-stage-2.svg",
                     "orgchart-stage-3.svg"}


def test_client_name_with_script_is_text(reasoner, make_profile, chart_svg):
    _, (markdown, html) = evil_report(reasoner, make_profile, chart_svg)
    page = parse(html)
    assert "script" not in page.tags and EVIL_NAME in page.text
    assert EVIL_NAME in "".join(page.text)
    assert "&lt;script&gt;" in html and "<script" not in html.lower()
    assert "\\<script\\>alert(\"x\")\\</script\\> Evil \\& \\*Co\\* \\| Ltd" in markdown
    assert "<script" not in markdown.replace("\\<script", "")


def test_notes_cannot_break_markdown_tables(reasoner, tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(profile_text({"ml_activity": ["none"]}).replace(
        "answers:", "notes:\n  ml_activity: 'a | b\n\n    # not a heading'\nanswers:"))
    profile = load_profile(path, reasoner)
    markdown, _ = render_report(recommend(profile, reasoner), profile, None, reasoner.knowledge)
    row = next(line for line in markdown.splitlines() if "a \\| b" in line)
    assert row.startswith("| ") and "\\# not a heading" in row


def test_missing_chart_is_announced(reasoner, make_profile):
    profile = make_profile({"ml_activity": ["none"]})
    markdown, html = render_report(recommend(profile, reasoner), profile, None, reasoner.knowledge)
    assert "Chart not available" in markdown and "Chart not available" in html
    assert "<svg" not in html


def test_chart_with_script_is_refused(reasoner, make_profile, chart_svg):
    profile = make_profile({"ml_activity": ["none"]})
    bad = chart_svg.replace("</svg>", "<script>alert(1)</script></svg>")
    with pytest.raises(OrgDesignError, match="script"):
        render_report(recommend(profile, reasoner), profile, bad, reasoner.knowledge)


def test_report_is_deterministic(reasoner, chart_svg, reports):
    profile, rec, markdown, html = reports["mixed-retail.yaml"]
    assert render_report(rec, profile, chart_svg, reasoner.knowledge) == (markdown, html)


def test_recommend_out_writes_both_reports(tmp_path):
    example = str(example_paths()[0])
    result = CliRunner().invoke(main, ["recommend", example, "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    markdown = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "Crown Meridian Bank plc" in html and markdown.startswith("# ML organisation report: Crown Meridian Bank plc")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def linked_report(entry):
    """``(markdown, html)`` of a report written beside its files, as `recommend --out` writes it."""
    profile, rec, _, _ = entry
    return render_report(rec, profile, CHART_SVG_CACHE["svg"], today_svg=CHART_SVG_CACHE["svg"], links=REPORT_LINKS)


def rule_ids_in(text, reasoner):
    """The rule ids of the rule base that ``text`` names (whole ids, not a prefix of a longer one)."""
    ids = [rule.id for rule in reasoner.rulebook.rules] + ["engine.combine_evidence"]
    # One pass over the text: the ids as one alternation, longest first, each a whole id.
    pattern = re.compile(r"(?<![\w.])(" + "|".join(re.escape(i) for i in sorted(ids, key=len, reverse=True)) + r")(?![\w.])")
    found = set(pattern.findall(text))
    return [i for i in ids if i in found]


PATH_PATTERN = re.compile(r"\b(?:rules|knowledge|shared|orgdesign|examples|tests)/|\.ya?ml\b|\.py\b|file:")


def test_client_report_names_no_rule_or_path_and_the_audit_holds_them(reports, reasoner):
    for name, entry in reports.items():
        profile, rec, _, _ = entry
        audit_md, audit_html = render_audit(rec, profile, reasoner.knowledge, links=REPORT_LINKS)
        for text in linked_report(entry) + entry[2:]:
            assert rule_ids_in(text, reasoner) == [], name
            assert not PATH_PATTERN.search(text), (name, PATH_PATTERN.search(text))
            assert str(profile.path) not in text and str(EXAMPLES_PARENT) not in text
        for text in (audit_md, audit_html.replace("&#39;", "'")):
            assert rec["rulebase"]["digest"] in text and rec["rulebase"]["version"] in text
            for firing in rec["trace"]["firings"]:
                assert firing["rule"] in text and f"{firing['file']}:{firing['line']}" in text, (name, firing)
            assert "engine.combine_evidence" in text and "shared/reference/ml-teams-article.txt" in text


def test_recommend_out_links_report_audit_and_full_size_charts(tmp_path):
    result = CliRunner().invoke(main, ["recommend", str(example_paths()[0]), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    markdown = (tmp_path / "report.md").read_text(encoding="utf-8")
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "![Organisation chart today](orgchart-today.svg)" in markdown
    assert "![Recommended organisation chart](orgchart.svg)" in markdown and "drawn side by side" not in markdown
    assert "[audit.md](audit.md)" in markdown and 'href="audit.html"' in html
    assert 'href="orgchart.svg"' in html and 'href="orgchart-today.svg"' in html
    assert 'href="report.html"' in (tmp_path / "audit.html").read_text(encoding="utf-8")
    assert "](report.md)" in (tmp_path / "audit.md").read_text(encoding="utf-8")
    # The chart keeps a legible least size (3/4 of its natural width) and scrolls in its frame beyond it.
    svg = (tmp_path / "orgchart.svg").read_text(encoding="utf-8")
    width = float(re.search(r'<svg width="([0-9.]+)pt"', svg).group(1))
    assert f'--chart-width: {width:g}pt; --chart-min-width: {width * 0.75:.0f}pt' in html
    assert ".chart-frame { overflow: auto;" in html


CHART_SVG_CACHE = {}
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PDFTOTEXT = shutil.which("pdftotext")
# .ci/run installs both; elsewhere the test is skipped unless a run demands it.
needs_chromium = pytest.mark.skipif(
    not (CHROMIUM and PDFTOTEXT) and not os.environ.get("ORGDESIGN_REQUIRE_CHROMIUM"),
    reason="headless Chromium and pdftotext are not installed (apt-get install chromium poppler-utils)")


@needs_chromium
def test_report_pdf_has_a_cover_a_running_footer_and_no_half_empty_page(tmp_path, reasoner):
    assert CHROMIUM and PDFTOTEXT, "install chromium and poppler-utils"
    profile = tmp_path / "evil.yaml"
    profile.write_text(profile_text({"ml_activity": ["product_teams"], "planned_ml_hires": 3, "employees": 800},
                                    client=EVIL_NAME), encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["recommend", str(profile), "--out", str(out), "--pdf"])
    assert result.exit_code == 0, result.output
    pages = pdf_pages(out / "report.pdf")
    rec = json.loads((out / "recommendation.json").read_text(encoding="utf-8"))
    flat = [" ".join(page.split()) for page in pages]
    # The cover: the client and the contents, and no footer.
    assert EVIL_NAME in flat[0] and "Contents" in flat[0] and "Risks" in flat[0] and "Confidential" not in flat[0]
    # Every later page: client, date, "Confidential", page N of M (no interview date: the day it was printed).
    for number, text in enumerate(flat[1:], start=2):
        assert f"{EVIL_NAME} · " in text and " · Confidential" in text, number
        assert f"Page {number} of {len(pages)}" in text
    assert rec["archetype"]["name"] in " ".join(flat)
    assert not rule_ids_in(" ".join(flat), reasoner)
    # No page left half empty by a forced break: every page but the cover and the last is well filled.
    for number, page in enumerate(pages[1:-1], start=2):
        assert len([line for line in page.splitlines() if line.strip()]) >= 12, (number, page)


def test_pdf_without_chromium_says_what_to_install(tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for program in ("dot", "unflatten"):
        if shutil.which(program):
            (bin_dir / program).symlink_to(shutil.which(program))
    result = subprocess.run([sys.executable, "-m", "orgdesign", "recommend", str(example_paths()[0]),
                             "--out", str(tmp_path / "out"), "--pdf"],
                            capture_output=True, text=True, env={**os.environ, "PATH": str(bin_dir)}, timeout=120)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (
        "Error: report.pdf is printed by headless Chromium, which was not found (looked for chromium, "
        "chromium-browser, google-chrome, google-chrome-stable); install Chromium (Debian/Ubuntu: "
        "`sudo apt-get install chromium`; macOS: `brew install --cask chromium`), or leave out --pdf")
    assert not (tmp_path / "out").exists()


def test_pdf_needs_an_output_folder():
    result = CliRunner().invoke(main, ["recommend", str(example_paths()[0]), "--pdf"])
    assert result.exit_code == 2 and "give -o DIR as well" in result.output


def pdf_pages(pdf):
    text = subprocess.run([PDFTOTEXT, "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return text.rstrip("\f").split("\f")


def test_each_role_and_each_attraction_lever_is_one_bullet_with_all_its_reasons(reports):
    """A role concluded for two reasons is one entry saying both, not the same heading twice."""
    profile, rec, markdown, html = reports["mixed-retail.yaml"]
    mlops = next(r for r in rec["roles"] if r["id"] == "mlops_engineer")
    assert len(mlops["why"]) > 1  # the example this test relies on: two reasons for one role
    for role in rec["roles"]:
        if role["why"]:
            line = next(line for line in markdown.splitlines() if line.startswith(f"- **{role['name']}:**"))
            assert markdown.count(f"- **{role['name']}:**") == 1
            assert all(w["text"] in line for w in role["why"])
    levers = [line for line in markdown.splitlines() if line.startswith("- **Interesting data:**")]
    assert len(levers) == 1


def test_each_practice_is_one_bullet_with_all_its_reasons_for_this_client(reports):
    """R&D with researchers on staff: 'researchers and engineers work together' for two reasons, said once."""
    profile, rec, markdown, html = reports["rnd-manufacturing.yaml"]
    assert any(len([w for w in p["why"] if not w["rule"].endswith(".every_team")]) > 1 for p in rec["practices"])
    section = markdown[markdown.index("## 6. How to run ML projects"):markdown.index("## 7.")]
    for practice in rec["practices"]:
        reasons = [w["text"] for w in practice["why"] if not w["rule"].endswith(".every_team")]
        if reasons:
            [line] = [line for line in section.splitlines() if line.startswith(f"- **{practice['name']}:**")]
            assert line == f"- **{practice['name']}:** " + " ".join(reasons)


def test_answers_that_contradict_each_other_lead_the_report(reports, reasoner):
    """Nordwerk says a few models run in production and that models are not deployed: the report says so first.

    Sections further down read one answer each (the hiring pitch: models in
    production; the design table: not deployed), so the consultant must
    settle the pair before the client acts on either.
    """
    from orgdesign.advice.summary import summary_text

    profile, rec, markdown, html = reports["rnd-manufacturing.yaml"]
    [conflict] = rec["answer_conflicts"]
    assert conflict["questions"] == ["models_in_production", "model_ownership_today"]
    assert conflict["rule"] == "answer_conflicts.production_but_not_deployed"
    assert rec["trace"]["facts"][[f["id"] for f in rec["trace"]["facts"]].index(conflict["fact"])]["type"] == "answer_conflict"
    summary = markdown[markdown.index("## 1. Executive summary"):markdown.index("**Recommended target:**")]
    assert "**Answers that disagree: settle them first.**" in summary
    assert ("- _How many ML models run in production today?_ A few; _Who deploys and maintains ML models today?_ "
            "Models are not deployed. " + conflict["text"]) in summary.splitlines()
    page_summary = html[html.index('<section id="summary">'):html.index('<div class="verdict">')]
    assert "Answers that disagree: settle them first." in page_summary and conflict["text"] in page_summary
    lines = summary_text(rec, reasoner.knowledge.questions).splitlines()
    assert lines[1].startswith("ANSWERS DISAGREE (How many ML models run in production today? Who deploys")
    # The audit trail says which rule found the conflict, and from which answers.
    audit_md, _ = render_audit(rec, profile, reasoner.knowledge, links=REPORT_LINKS)
    section = audit_md[audit_md.index("### Answers that disagree"):audit_md.index("### Target")]
    assert conflict["text"] in section and "`answer_conflicts.production_but_not_deployed`" in section
    assert "answer models\\_in\\_production = A few; answer model\\_ownership\\_today = Models are not deployed" in section
    # Every other example's answers agree with each other, and their reports say nothing of it.
    for name, (_, other, other_markdown, other_html) in reports.items():
        if name != "rnd-manufacturing.yaml":
            assert other["answer_conflicts"] == [], name
            assert "Answers that disagree" not in other_markdown + other_html, name
