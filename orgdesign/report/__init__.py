"""The client's report (report.md, report.html, report.pdf) and the audit trail behind it (audit.md, audit.html)."""
from .render import render_audit, render_report

__all__ = ["render_audit", "render_report"]
