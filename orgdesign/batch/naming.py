"""Names of the per-profile output folders: safe on any file system, unique.

A name comes from the profile's file name, folded to plain ASCII letters,
digits, ``.``, ``_`` and ``-``.  Profiles whose names would clash (same file
name in two folders, or names differing only in case) each get a short hash
of their path, so a re-run over the same files picks the same folders.
"""
import hashlib
import re
import unicodedata

MAX_LENGTH = 80
# The summary files live beside the folders; device names are reserved on Windows.
RESERVED = {"summary.csv", "summary.json", "con", "prn", "aux", "nul",
            *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}


def safe_name(stem):
    """A folder name made only of harmless characters.

    >>> safe_name("Müller & Söhne (2026)")
    'Muller-Sohne-2026'
    >>> safe_name("../../etc")
    'etc'
    >>> safe_name("summary.json")
    'summary.json-profile'
    >>> safe_name("...")
    'profile'
    """
    ascii_text = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode("ascii")
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_text).strip(".-_")[:MAX_LENGTH] or "profile"
    if name.lower() in RESERVED or name.split(".")[0].lower() in RESERVED - {"summary.csv", "summary.json"}:
        name += "-profile"
    return name


def output_names(paths):
    """``{path: folder name}`` for the profile files of one batch.

    >>> names = output_names(["a/acme.yaml", "b/acme.yaml", "b/Other.yml"])
    >>> names["b/Other.yml"], names["a/acme.yaml"] != names["b/acme.yaml"]
    ('Other', True)
    """
    from pathlib import PurePath

    base = {path: safe_name(PurePath(path).stem) for path in paths}
    clashes = {}
    for path, name in base.items():
        clashes.setdefault(name.lower(), []).append(path)
    names, taken = {}, set()
    for path, name in base.items():
        if len(clashes[name.lower()]) > 1:
            name = f"{name}-{_short_hash(path)}"
        while name.lower() in taken:  # a hashed name equal to another file's plain name
            name = f"{name}-{_short_hash(name)}"
        taken.add(name.lower())
        names[path] = name
    return names


def _short_hash(text):
    return hashlib.sha256(str(text).encode("utf-8")).hexdigest()[:8]
