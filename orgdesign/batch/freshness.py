"""Which profiles a re-run may skip: their results were made from the same inputs.

Decided by content, never by file times: a profile restored with its old
time (``cp -p``, ``git checkout``, an unpacked archive) is still a changed
profile. A previous result stands when the summary that recorded it was
made by the same rule base (same digest of every rule and knowledge file),
it recorded the profile as ``ok`` with the digest of the profile file's
bytes, that digest is still the file's, and (without ``--summary-only``)
every output file it lists is still there.
"""
import hashlib
import os
from pathlib import Path

from ..errors import OrgDesignError
from ..yaml_source import MAX_BYTES, read_bytes
from .summary import OK


def file_digest(path):
    """``sha256:...`` of a profile file's bytes, or None when it cannot be read as a profile."""
    try:
        return "sha256:" + hashlib.sha256(read_bytes(path, MAX_BYTES, "profile")).hexdigest()
    except OrgDesignError:
        return None


class Freshness:
    def __init__(self, out_dir, previous, rulebase_digest, summary_only):
        self.out_dir = Path(out_dir)
        self.summary_only = summary_only
        self.rows = {}
        if previous is not None and previous.get("rulebase", {}).get("digest") == rulebase_digest:
            self.rows = {_key(r["profile"]): r for r in previous["profiles"]}

    def current_row(self, job):
        """The previous row for ``job`` if it is still up to date, else None."""
        row = self.rows.get(_key(job.path))
        if row is None or row.get("status") != OK or not row.get("profile_file_digest"):
            return None
        if row["profile_file_digest"] != file_digest(job.path):
            return None
        if self.summary_only:
            return row
        if row.get("output") != job.output or not row.get("outputs"):
            return None
        folder = self.out_dir / job.output
        try:
            if not all((folder / name).is_file() for name in row["outputs"]):
                return None
        except (OSError, TypeError):
            return None
        return row


def _key(path):
    return os.path.abspath(path)
