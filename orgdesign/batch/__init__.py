"""Many profiles at once: discovery, a worker pool, and a summary.

``run_batch`` is the library call behind ``orgdesign batch``; the command
only renders its progress and result.
"""
from .runner import BatchResult, run_batch
from .summary import spreadsheet_safe

__all__ = ["BatchResult", "run_batch", "spreadsheet_safe"]
