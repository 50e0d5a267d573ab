"""Turns the command line's PATHS (files, folders, globs) into profile files."""
import glob
from pathlib import Path

from ..errors import OrgDesignError

PROFILE_SUFFIXES = (".yaml", ".yml")


def find_profiles(patterns, exclude=None):
    """Profile files named by ``patterns``, each once, in a stable order.

    A folder contributes every ``*.yaml``/``*.yml`` file below it (hidden
    ones excepted); a glob its matches; a file itself.  Files below
    ``exclude`` (the output folder) are left out.  An argument that names
    nothing is an error before any work starts: it is almost always a typo.

    >>> find_profiles(["no/such/place.yaml"])
    Traceback (most recent call last):
    ...
    orgdesign.errors.OrgDesignError: no/such/place.yaml: no such file or folder; check the path
    """
    exclude = Path(exclude).resolve() if exclude is not None else None
    found, seen = [], set()
    for pattern in patterns:
        matches = _expand(str(pattern))
        if not matches:
            raise OrgDesignError("matches no profile files (*.yaml, *.yml)", str(pattern),
                                 hint="check the path or the pattern")
        for path in matches:
            resolved = path.resolve()
            if resolved in seen or (exclude is not None and _is_below(resolved, exclude)):
                continue
            seen.add(resolved)
            found.append(path)
    return found


def _expand(pattern):
    path = Path(pattern)
    if path.is_dir():
        return _profiles_below(path)
    if path.exists():
        return [path]
    if glob.has_magic(pattern):
        matches = []
        for match in sorted(glob.glob(pattern, recursive=True)):
            match = Path(match)
            matches.extend(_profiles_below(match) if match.is_dir() else [match] if _is_profile(match) else [])
        return matches
    raise OrgDesignError("no such file or folder", pattern, hint="check the path")


def _profiles_below(folder):
    return sorted(p for p in folder.rglob("*") if _is_profile(p) and not _is_hidden(p.relative_to(folder)))


def _is_profile(path):
    return path.suffix.lower() in PROFILE_SUFFIXES and path.is_file()


def _is_hidden(relative):
    return any(part.startswith(".") for part in relative.parts)


def _is_below(path, folder):
    return path == folder or folder in path.parents
