"""What lint reports: findings with file and line, plus the checks' figures."""
import os
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Finding:
    """One problem: which check found it, where, what is wrong and how to fix it."""

    check: str
    path: str
    line: int
    message: str
    hint: str = None

    @property
    def shown_path(self):
        """The path relative to the current folder when it lies inside it (shorter to read)."""
        try:
            relative = os.path.relpath(self.path)
        except ValueError:
            return self.path
        return self.path if relative.startswith("..") else relative

    @property
    def where(self):
        return f"{self.shown_path}:{self.line}" if self.line else f"{self.shown_path}"

    def to_text(self):
        text = f"{self.where}: [{self.check}] {self.message}"
        return f"{text}; {self.hint}" if self.hint else text

    def to_json(self):
        return {"check": self.check, "file": self.shown_path, "line": self.line, "message": self.message, "hint": self.hint}

    def sort_key(self):
        return (self.path, self.line or 0, self.check, self.message)


def finding_from_error(check, error):
    """A finding from an ``OrgDesignError`` (which already knows file and line)."""
    return Finding(check, str(error.path), error.line, error.message, error.hint)


@dataclass
class LintReport:
    findings: list = field(default_factory=list)
    figures: dict = field(default_factory=dict)   # check name -> numbers it measured

    @property
    def clean(self):
        return not self.findings

    def add(self, findings):
        known = {(f.path, f.line, f.message) for f in self.findings}
        for finding in findings:
            if (finding.path, finding.line, finding.message) not in known:
                known.add((finding.path, finding.line, finding.message))
                self.findings.append(finding)

    def sorted_findings(self):
        return sorted(self.findings, key=Finding.sort_key)

    def to_json(self):
        # Timings stay out: two runs over the same rule base print the same document.
        return {"clean": self.clean, "findings": [f.to_json() for f in self.sorted_findings()],
                "figures": _without_timings(self.figures)}

    def timings(self):
        """``{check: seconds}`` for the checks that measured themselves."""
        return {name: value["seconds"] for name, value in self.figures.items()
                if isinstance(value, dict) and "seconds" in value}


def _without_timings(figures):
    return {name: {k: v for k, v in value.items() if k != "seconds"} if isinstance(value, dict) else value
            for name, value in figures.items()}
