"""The batch summary: one row per profile, as CSV and as JSON.

CSV cells are escaped in one place, ``spreadsheet_safe``: a cell a
spreadsheet would take for a formula (a client name starting with ``=``,
say) must stay text, and control characters must not break rows.
"""
import csv
import io
import json
import os
import re
import stat

from ..atomic_write import write_text_atomic
from ..outputs import to_json
from ..text_safety import without_bidi_controls

CSV_FILE = "summary.csv"
JSON_FILE = "summary.json"
CSV_COLUMNS = ("profile", "output", "client", "archetype", "confidence", "runner_up", "mixed", "gaps", "conflicts", "status",
               "error")
OK, FAILED = "ok", "failed"

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def spreadsheet_safe(value):
    """A CSV cell that a spreadsheet shows as the text it is.

    >>> spreadsheet_safe("=HYPERLINK(\\"http://x\\")")
    '\\'=HYPERLINK("http://x")'
    >>> spreadsheet_safe("@SUM(A1)"), spreadsheet_safe("-2+3"), spreadsheet_safe("Acme")
    ("'@SUM(A1)", "'-2+3", 'Acme')
    >>> spreadsheet_safe("line one\\nline two\\x07")
    'line one line two '
    >>> spreadsheet_safe(0.72), spreadsheet_safe(None), spreadsheet_safe(True)
    ('0.72', '', 'yes')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        return repr(value)
    text = str(value)
    if text.startswith(_FORMULA_START):
        text = "'" + text
    return without_bidi_controls(_CONTROL.sub(" ", text))


def ok_row(job, recommendation, outputs):
    archetype = recommendation["archetype"]
    return {
        **_base_row(job),
        "client": recommendation["client"],
        "archetype": archetype["id"],
        "confidence": archetype["confidence"],
        "runner_up": archetype.get("runner_up"),
        "mixed": archetype.get("mixed_with") is not None,
        "gaps": count_gaps(recommendation),
        "conflicts": len(recommendation["answer_conflicts"]),   # pairs of answers that cannot both be true
        "status": OK,
        "error": None,
        "outputs": list(outputs),
    }


def failed_row(job, error):
    return {**_base_row(job), "client": None, "archetype": None, "confidence": None, "runner_up": None,
            "mixed": None, "gaps": None, "conflicts": None, "status": FAILED, "error": error, "outputs": []}


def _base_row(job):
    # The digest of the bytes the result was made from: a re-run compares it (see freshness).
    return {"profile": job.path, "output": job.output, "profile_file_digest": job.digest}


def count_gaps(recommendation):
    """Design choices where today's answer differs from the recommendation."""
    return sum(1 for choice in recommendation.get("design_choices", {}).values() if choice.get("gap") is True)


def summary_document(rows, rulebase, interrupted):
    totals = {"profiles": len(rows), OK: sum(r["status"] == OK for r in rows), FAILED: sum(r["status"] == FAILED for r in rows)}
    return {"rulebase": rulebase, "interrupted": interrupted, "totals": totals, "profiles": rows}


def csv_text(rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow([spreadsheet_safe(row[column]) for column in CSV_COLUMNS])
    return buffer.getvalue()


def write_summary(out_dir, rows, rulebase, interrupted=False):
    """Write both summary files atomically; returns their paths."""
    csv_path, json_path = out_dir / CSV_FILE, out_dir / JSON_FILE
    write_text_atomic(csv_path, csv_text(rows))
    write_text_atomic(json_path, to_json(summary_document(rows, rulebase, interrupted)))
    return csv_path, json_path


def read_previous_summary(out_dir):
    """The summary a previous run left, or None when there is none usable."""
    path = out_dir / JSON_FILE
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None  # a FIFO or device planted there would block the read
        document = json.loads(path.read_text(encoding="utf-8"))
        rows = document["profiles"]
        if not isinstance(rows, list) or not all(isinstance(r, dict) and "profile" in r for r in rows):
            return None
        return document
    except (OSError, ValueError, KeyError, TypeError):
        # Our own file, but possibly hand-edited or cut short: redo the work rather than trust it.
        return None
