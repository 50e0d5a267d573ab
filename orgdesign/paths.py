"""Where the shipped rule base and knowledge live, and their digest.

In a source checkout they are the top-level ``knowledge/`` and ``rules/``
folders; an installed package carries them as ``orgdesign/knowledge`` and
``orgdesign/rulebase`` (setup.cfg maps the folders there).
"""
import hashlib
import os
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def _first_existing(*candidates):
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return candidates[-1]


def default_knowledge_dir():
    return _first_existing(_PACKAGE_DIR / "knowledge", _PACKAGE_DIR.parent / "knowledge")


def default_rules_dir():
    return _first_existing(_PACKAGE_DIR / "rulebase", _PACKAGE_DIR.parent / "rules")


def yaml_files(folder):
    """Every YAML file below ``folder``, in a stable order."""
    return sorted(p for p in Path(folder).rglob("*.yaml") if p.is_file())


def digest_folders(*folders):
    """``sha256:...`` over the relative names and bytes of every YAML file."""
    sha = hashlib.sha256()
    for folder in folders:
        folder = Path(folder)
        for path in yaml_files(folder):
            sha.update(f"{folder.name}/{path.relative_to(folder).as_posix()}\n".encode())
            sha.update(path.read_bytes())
            sha.update(b"\0")
    return "sha256:" + sha.hexdigest()


def cache_folder(name):
    """``$XDG_CACHE_HOME/orgdesign/NAME`` (``~/.cache`` by default): where runs keep what the next can reuse."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "orgdesign" / name
