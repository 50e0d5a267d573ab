"""The consulting report: report.md and a self-contained report.html."""
from .render import render_report

__all__ = ["render_report"]
