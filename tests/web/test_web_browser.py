"""The web workspace in a real browser (Debian's chromium, driven by Selenium through chromedriver).

One browser for the module and one server in a thread; two interviews, done
by clicking and typing: one with script on, then the report and its charts;
one with script off.  Each writes a profile the CLI interview writes for
the same answers, to the byte.
"""
import os
import shutil
import threading

import pytest

from orgdesign import load_profile

from ..test_interview_cli import NASCENT, NO_ML, interview

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
REQUIRED = bool(os.environ.get("ORGDESIGN_REQUIRE_CHROMIUM"))
BROWSER_ARGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--no-proxy-server", "--window-size=1280,900")

# Whole interviews clicked in a real browser take some 15 s of the suite's budget: they run with
# `make sweep` (CI runs it once after `make test`), marked `browser`.
pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER) and not REQUIRED,
                                 reason="chromium and chromium-driver are not installed (apt-get install chromium-driver)")]


@pytest.fixture(scope="module")
def browser():
    assert CHROMIUM and CHROMEDRIVER, "install chromium and chromium-driver (ORGDESIGN_REQUIRE_CHROMIUM is set)"
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in BROWSER_ARGS:
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def server(tmp_path_factory, reasoner):
    from waitress import create_server

    from orgdesign.web import create_app

    folder = tmp_path_factory.mktemp("workspace")
    running = create_server(create_app(folder, reasoner), host="127.0.0.1", port=0, threads=2)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    yield folder, f"http://127.0.0.1:{running.effective_port}"
    running.close()   # the thread is a daemon: it ends with the test process


def cli_profile(lines, tmp_path):
    """The profile file the CLI interview writes for these typed lines."""
    out = tmp_path / "cli.yaml"
    result = interview(lines + [""], out=out)
    assert result.exit_code == 0, result.output
    return out


def run_interview(driver, base, client, profile, script):
    """Create the client on the Clients page, then answer every question the page asks, as ``profile`` does."""
    from selenium.webdriver.common.by import By

    driver.get(base + "/clients")
    driver.find_element(By.ID, "client").send_keys(client)
    submit_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form.new-client button"))
    asked = []
    while True:
        step = driver.find_element(By.NAME, "step").get_attribute("value")
        if step == "finished":
            return asked
        asked.append(step)
        answer_step(driver, step, profile, script)


def answer_step(driver, step, profile, script):
    from selenium.webdriver.common.by import By

    form = driver.find_element(By.ID, "answer-form")
    value, note = profile.answers[step], profile.notes.get(step)
    if note:
        driver.find_element(By.ID, "note").send_keys(note)
    if value == "unknown":
        return submit_and_wait(driver, form.find_element(By.CSS_SELECTOR, "button[value=unknown]"))
    boxes = form.find_elements(By.CSS_SELECTOR, "input[name=value][type=checkbox]")
    radios = form.find_elements(By.CSS_SELECTOR, "input[name=value][type=radio]")
    save = form.find_element(By.CSS_SELECTOR, "button[value=save]")
    if boxes:
        for box in boxes:
            if box.is_selected() != (box.get_attribute("value") in value):
                box.click()
    elif radios:
        radio = form.find_element(By.CSS_SELECTOR, f"input[name=value][value='{value}']")
        if script and not note and not radio.is_selected():
            return submit_and_wait(driver, radio)    # our script saves a choice as soon as it is clicked
        radio.click()
    else:
        field = form.find_element(By.ID, "value")
        field.clear()
        field.send_keys(f"{value:,}")                 # typed as a consultant would: 1,200
    submit_and_wait(driver, save)


def submit_and_wait(driver, element):
    """Click ``element`` and wait until the browser shows the page the click led to."""
    from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
    from selenium.webdriver.support.ui import WebDriverWait

    page = driver.find_element("tag name", "html")

    def left(_driver):
        try:
            page.is_enabled()
        except StaleElementReferenceException:
            return True
        except WebDriverException:
            return False   # mid-navigation chromedriver may say "node does not belong to the document": ask again
        return False

    try:
        element.click()
    except WebDriverException:
        # A radio button our script submits at once can leave the page while chromedriver still
        # finishes the click: that is the navigation waited for below (if none comes, the wait fails).
        pass
    WebDriverWait(driver, 20, poll_frequency=0.05).until(left)


def test_a_whole_interview_by_clicking_and_typing_then_the_report_and_its_chart(browser, server, tmp_path, reasoner):
    from selenium.webdriver.common.by import By

    folder, base = server
    # The answers of examples/nascent-logistics.yaml, with a note on ml_activity.
    expected = cli_profile(NASCENT[:8] + ["note Two analysts, spreadsheets."] + NASCENT[8:], tmp_path)
    profile = load_profile(expected, reasoner)
    asked = run_interview(browser, base, profile.client, profile, script=True)
    assert asked == list(reasoner.knowledge.questions.ids)
    headline = browser.find_element(By.CSS_SELECTOR, "aside.headline").text
    assert "Resembles today\nNascent / ad-hoc ML" in headline and "Recommended target" in headline
    written = folder / "acme-logistics-gmbh.yaml"
    assert written.read_text() == expected.read_text()

    assert "script" in browser.find_element(By.TAG_NAME, "html").get_attribute("class")
    browser.find_element(By.LINK_TEXT, "Report").click()
    charts = {chart.get_attribute("aria-label"): chart for chart in browser.find_elements(By.CSS_SELECTOR, "svg[role=img]")}
    for label in ("Recommended organisation chart", "Organisation chart today"):
        assert charts[label].is_displayed(), label
        assert charts[label].size["width"] > 100 and charts[label].size["height"] > 50, label
    assert profile.client in browser.find_element(By.TAG_NAME, "h1").text


def test_without_script_the_browser_writes_the_clis_profile_answer_for_answer(browser, server, tmp_path, reasoner):
    folder, base = server
    # Skip logic, `unknown` answers and a note.
    expected = cli_profile(NO_ML[:8] + ["note Nobody has tried ML yet."] + NO_ML[8:], tmp_path)
    profile = load_profile(expected, reasoner)
    browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        asked = run_interview(browser, base, profile.client, profile, script=False)
        # Our script marks the page when it runs: it did not.
        assert "script" not in (browser.find_element("tag name", "html").get_attribute("class") or "")
    finally:
        browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})
    assert len(asked) < 20   # skip logic left questions out
    web = load_profile(folder / "quiet-freight.yaml", reasoner)
    for question in reasoner.knowledge.questions:
        assert web.answers[question.id] == profile.answers[question.id], question.id
    assert (web.notes, web.missing, web.client, web.interviewed_on) == (
        profile.notes, profile.missing, profile.client, profile.interviewed_on)
    assert (folder / "quiet-freight.yaml").read_text() == expected.read_text()
