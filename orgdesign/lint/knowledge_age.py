"""Check: dated knowledge is reviewed before it grows too old.

A knowledge entry that describes a moment (talent-market figures, the names
of conferences) carries ``as_of: YEAR``.  knowledge/notes.yaml states
``as_of_warn_after_years``; an entry older than that, counted from the
current year, is a finding, so someone checks whether it still holds.

>>> list(dated_entries({"a": [{"id": "x", "as_of": 2019}], "b": {"as_of": 2024}}))
[(('a', 0, 'as_of'), 2019), (('b', 'as_of'), 2024)]
"""
import datetime

from .findings import Finding

LIMIT_DOCUMENT = "notes"
LIMIT_KEY = "as_of_warn_after_years"


def check_knowledge_age(context, this_year=None):
    this_year = this_year or datetime.date.today().year
    limits = context.knowledge_documents.get(LIMIT_DOCUMENT)
    limit = (limits.data or {}).get(LIMIT_KEY) if limits is not None else None
    findings = []
    for name, document in sorted(context.knowledge_documents.items()):
        for key_path, year in dated_entries(document.data):
            line = document.line_of(*key_path) or 1
            if not isinstance(year, int) or not 1900 <= year <= this_year:
                findings.append(Finding("knowledge-age", document.path, line, f"`as_of: {year}` is not a past year",
                                        "write the year the entry describes, e.g. `as_of: 2019`"))
            elif not isinstance(limit, int):
                findings.append(Finding("knowledge-age", document.path, line, f"an entry is dated {year}, but knowledge/{LIMIT_DOCUMENT}.yaml states no `{LIMIT_KEY}`",
                                        f"add `{LIMIT_KEY}: N` to knowledge/{LIMIT_DOCUMENT}.yaml"))
            elif this_year - year > limit:
                findings.append(Finding("knowledge-age", document.path, line,
                                        f"this entry describes {year}, {this_year - year} years ago, more than the {limit} years "
                                        f"knowledge/{LIMIT_DOCUMENT}.yaml allows",
                                        "check that it still holds and update it (and its `as_of`), or describe it in lasting terms"))
    return findings


def dated_entries(data, key_path=()):
    """``(key_path, year)`` of every ``as_of`` in a document, in document order."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "as_of":
                yield key_path + (key,), value
            else:
                yield from dated_entries(value, key_path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from dated_entries(value, key_path + (index,))
