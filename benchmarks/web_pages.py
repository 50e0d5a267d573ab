"""Figure 8: how fast `orgdesign serve` answers, page by page, over real HTTP on loopback.

A waitress server in a thread serves a copy of examples/; each page is asked
for once (the first view of a profile: reasoning, drawing, rendering) and then
``repeat`` times (the views that follow, served from the digest-keyed cache
until the file changes).  The interview's own loop is timed too: an answer
posted, saved and the next question shown, for every question of a new
client, each one a new file digest and so a fresh reasoning run.
"""
import html
import http.cookiejar
import re
import shutil
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

from .measure import Samples

REPO = Path(__file__).resolve().parent.parent
CLIENT = "mixed-retail"
PAGES = (("Clients", "/clients"), ("Interview", f"/clients/{CLIENT}/interview?step=employees"),
         ("Report", f"/clients/{CLIENT}/report"), ("Explain", f"/clients/{CLIENT}/explain"),
         ("Milestones", f"/clients/{CLIENT}/milestones?b=product-embedded-fintech"))
TARGET = 0.2   # seconds, median


def web_rows(reasoner, work, repeat=20):
    from waitress import create_server

    from orgdesign.web import create_app

    folder = Path(work) / "web-workspace"
    folder.mkdir(parents=True)
    for path in (REPO / "examples").glob("*.yaml"):
        shutil.copy(path, folder / path.name)
    server = create_server(create_app(folder, reasoner), host="127.0.0.1", port=0, threads=4)
    threading.Thread(target=server.run, daemon=True).start()
    base = f"http://127.0.0.1:{server.effective_port}"
    browser = urllib.request.build_opener(urllib.request.ProxyHandler({}),
                                          urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    rows = []
    try:
        for label, url in PAGES:
            first, _ = _get(browser, base + url)
            samples = Samples([_get(browser, base + url)[0] for _ in range(repeat)])
            rows.append((f"8 serve: {label} page, first view (ms)", first * 1000, first * 1000, first * 1000, ""))
            rows.append((f"  {label}, views that follow (ms)", *_ms(samples),
                         f"< {TARGET * 1000:.0f} ms median: {'met' if samples.median < TARGET else 'NOT MET'}"))
        answers = _answers_loop(browser, base)
        rows.append(("8 serve: answer saved + next question shown (ms)", *_ms(answers),
                     f"< {TARGET * 1000:.0f} ms median: {'met' if answers.median < TARGET else 'NOT MET'}"))
    finally:
        server.task_dispatcher.shutdown()   # let the last request's thread finish before the socket goes
        server.close()
    return rows


def _get(browser, url, data=None):
    start = time.perf_counter()
    with browser.open(url, data=data) as response:
        body = response.read().decode("utf-8")
        if response.status != 200:
            raise SystemExit(f"{url}: HTTP {response.status}")
    return time.perf_counter() - start, body


def _answers_loop(browser, base):
    """A new client answered question by question (the answers of examples/nascent-logistics.yaml)."""
    import yaml

    answers = yaml.safe_load((REPO / "examples" / "nascent-logistics.yaml").read_text())["answers"]
    _, page = _get(browser, base + "/clients")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    _, page = _get(browser, base + "/clients/new", urllib.parse.urlencode({"csrf_token": token, "client": "Bench Co"}).encode())
    samples = Samples()
    while True:
        fields = {k: html.unescape(v) for k, v in re.findall(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)">', page)}
        step = fields.get("step")
        if step in (None, "finished"):
            return samples
        value = answers.get(step, "unknown")
        if value is True or value is False:
            value = "yes" if value else "no"
        values = [("value", v) for v in value] if isinstance(value, list) else [("value", str(value))]
        if value == "unknown":
            values = [("action", "unknown")]
        elapsed, page = _get(browser, base + "/clients/bench-co/interview",
                             urllib.parse.urlencode(list(fields.items()) + values).encode())
        samples.add(elapsed)


def _ms(samples):
    return samples.min * 1000, samples.median * 1000, samples.max * 1000
