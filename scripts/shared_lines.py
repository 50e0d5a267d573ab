"""Measure how much of a report's body is shared with other reports.

The body is the Markdown report up to its reference section or appendix.  A
line is *shared* when at least half of all reports contain it verbatim; the
figure is the share of body lines (blank lines and headings excluded) that
are shared, over the example profiles plus N random valid profiles.

    .venv/bin/python scripts/shared_lines.py [N] [-v]
"""
import random
import sys
from collections import Counter
from pathlib import Path

from orgdesign import get_reasoner, load_profile, recommend
from orgdesign.lint.random_profiles import random_answer_sets
from orgdesign.profile import Profile
from orgdesign.report import render_report

BODY_ENDS = ("## 8. Appendix", "## Reference", "## 8. Reference")


def body_lines(markdown, headings=False):
    lines = []
    for line in markdown.splitlines():
        if line.startswith(BODY_ENDS):
            break
        if line.strip() and (headings or not line.startswith("#")):
            lines.append(line.strip())
    return lines


def shared_share(bodies):
    presence = Counter(line for body in bodies for line in set(body))
    half = len(bodies) / 2
    total = sum(len(b) for b in bodies)
    shared = [line for b in bodies for line in b if presence[line] >= half]
    return total, shared


def main(count=30):
    reasoner = get_reasoner()
    profiles = [load_profile(p, reasoner) for p in sorted(Path("examples").glob("*.yaml"))]
    profiles += [Profile(f"random {i}", answers) for i, answers in enumerate(random_answer_sets(reasoner.knowledge, count, seed=13))]
    reports = [render_report(recommend(p, reasoner), p, None, reasoner.knowledge)[0] for p in profiles]
    for headings in (False, True):
        bodies = [body_lines(r, headings) for r in reports]
        total, shared = shared_share(bodies)
        what = "non-blank lines, headings included" if headings else "text lines (no headings)"
        print(f"{len(bodies)} reports, body {what}: {total}, shared with at least half of the reports: "
              f"{len(shared)} ({len(shared) / total:.0%}); {total / len(bodies):.0f} lines per report")
    if "-v" in sys.argv:
        for line, count in Counter(shared).most_common(25):
            print(count, line[:120])


if __name__ == "__main__":
    numbers = [a for a in sys.argv[1:] if a.isdigit()]
    main(int(numbers[0]) if numbers else 30)
