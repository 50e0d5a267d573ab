"""Which profiles a re-run may skip: their results are newer than their inputs.

A previous result stands when the rule base is the same (same digest), the
previous summary recorded the profile as ``ok``, and the files that hold the
result (its output files, or with ``--summary-only`` the summary itself) are
newer than both the profile file and every rule and knowledge file.
"""
import os
from pathlib import Path

from ..paths import yaml_files
from .summary import OK


def newest_mtime(*folders):
    return max((p.stat().st_mtime for folder in folders for p in yaml_files(folder)), default=0.0)


class Freshness:
    def __init__(self, out_dir, previous, rulebase_digest, rulebase_mtime, summary_only):
        self.out_dir = Path(out_dir)
        self.summary_only = summary_only
        self.rulebase_mtime = rulebase_mtime
        self.rows = {}
        self.summary_mtime = 0.0
        if previous is not None:
            document, summary_mtime = previous
            if document.get("rulebase", {}).get("digest") == rulebase_digest:
                self.rows = {_key(r["profile"]): r for r in document["profiles"]}
                self.summary_mtime = summary_mtime

    def current_row(self, job):
        """The previous row for ``job`` if it is still up to date, else None."""
        row = self.rows.get(_key(job.path))
        if row is None or row.get("status") != OK:
            return None
        try:
            inputs_changed = max(os.stat(job.path).st_mtime, self.rulebase_mtime)
            if self.summary_only:
                return row if self.summary_mtime > inputs_changed else None
            if row.get("output") != job.output or not row.get("outputs"):
                return None
            folder = self.out_dir / job.output
            written = min(os.stat(folder / name).st_mtime for name in row["outputs"])
        except (OSError, TypeError):
            return None
        return row if written > inputs_changed else None


def _key(path):
    return os.path.abspath(path)
