"""report.pdf: the HTML report printed by headless Chromium.

The page carries its own print layout (report.css): a cover with the
contents, sections that flow on without forced page breaks, and a running
footer with the client, the date, "Confidential" and "page N of M" in the
page margins (CSS margin boxes, which Chromium prints). Printing takes about
a second, so ``recommend`` writes the PDF only when asked (``--pdf``).

The page is our own, has no script and loads nothing (tests/test_report.py
checks it), so Chromium runs without its sandbox, which needs privileges a
container or a root shell does not give. (Turning scripts off is no help:
Chromium then prints nothing.)
"""
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import OrgDesignError

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
INSTALL_HINT = ("install Chromium (Debian/Ubuntu: `sudo apt-get install chromium`; macOS: "
                "`brew install --cask chromium`), or leave out --pdf")
TIMEOUT_SECONDS = 120


class ChromiumMissingError(OrgDesignError):
    """No headless Chromium to print report.pdf with."""

    def __init__(self):
        super().__init__("report.pdf is printed by headless Chromium, which was not found (looked for "
                         f"{', '.join(BROWSERS)})", hint=INSTALL_HINT)


def find_browser():
    """The path of a Chromium to print with, or None."""
    return next((found for found in map(shutil.which, BROWSERS) if found), None)


def print_pdf(html):
    """The bytes of the PDF Chromium prints from the HTML text ``html``."""
    browser = find_browser()
    if browser is None:
        raise ChromiumMissingError()
    with tempfile.TemporaryDirectory(prefix="orgdesign-pdf-") as folder:
        folder = Path(folder)
        page, pdf = folder / "report.html", folder / "report.pdf"
        page.write_text(html, encoding="utf-8")
        command = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                   "--disable-background-networking", "--disable-component-update", "--disable-sync",
                   "--disable-extensions",
                   f"--user-data-dir={folder / 'browser'}", "--no-pdf-header-footer",
                   f"--print-to-pdf={pdf}", page.as_uri()]
        try:
            completed = subprocess.run(command, capture_output=True, timeout=TIMEOUT_SECONDS, check=False,
                                       start_new_session=True, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise OrgDesignError(f"Chromium did not print report.pdf within {TIMEOUT_SECONDS} s",
                                 hint="run the command again, or leave out --pdf") from None
        if completed.returncode != 0 or not pdf.is_file() or pdf.stat().st_size == 0:
            said = completed.stderr.decode("utf-8", "replace").strip().splitlines()
            raise OrgDesignError(f"Chromium could not print report.pdf (exit {completed.returncode}"
                                 + (f": {said[-1][:200]}" if said else "") + ")",
                                 hint="check that Chromium starts (`chromium --headless --version`), or leave out --pdf")
        return pdf.read_bytes()
