"""The workspace: a folder of profile files, and the only files the web pages touch.

A client is named in URLs by its file's stem (``acme`` for ``acme.yaml``).
``Workspace.path_for`` is the one place a name becomes a path: the name must
be a plain file stem (letters, digits, ``.``, ``_``, ``-``; no separator, no
leading dot, no ``..``), and the file, once every symbolic link is resolved,
must lie directly in the workspace folder.  Anything else is ``NotInWorkspace``,
which the pages show as "not found" without saying what is on the disk.
"""
import hashlib
import re
import unicodedata
from pathlib import Path

from ..errors import OrgDesignError
from ..yaml_source import MAX_BYTES, read_bytes

SUFFIX = ".yaml"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")


class NotInWorkspace(LookupError):
    """A client name that does not map to a profile file inside the workspace."""


class Workspace:
    def __init__(self, folder):
        self.folder = Path(folder).resolve()
        if not self.folder.is_dir():
            raise OrgDesignError("is not a folder", str(folder), hint="give `orgdesign serve` a folder of profile files")

    def names(self):
        """Every client name in the workspace, sorted; links that leave the workspace are left out."""
        names = []
        for path in sorted(self.folder.glob("*" + SUFFIX)):
            try:
                self.path_for(path.name[:-len(SUFFIX)])
            except NotInWorkspace:
                continue
            names.append(path.name[:-len(SUFFIX)])
        return names

    def path_for(self, name, must_exist=True):
        """The profile file of client ``name``, checked to be inside the workspace."""
        if not isinstance(name, str) or not _NAME.match(name) or ".." in name:
            raise NotInWorkspace(name)
        path = self.folder / (name + SUFFIX)
        real = Path(path).resolve()   # follows every link, in the folder's path and the file's
        if not _inside(real, self.folder):
            raise NotInWorkspace(name)
        if must_exist and not real.is_file():
            raise NotInWorkspace(name)
        return path

    def output_folder(self, name):
        """Where `orgdesign recommend NAME.yaml --out out/NAME` writes this client's files."""
        return self.folder / "out" / name

    def output_file(self, name, file_name):
        """A file of the client's output folder, when it exists inside the workspace; else None."""
        path = self.output_folder(name) / file_name
        real = path.resolve()
        if not _inside(real, self.folder) or not real.is_file():
            return None
        return real

    def new_name(self, client):
        """A free file stem for a new client called ``client``.

        >>> import tempfile
        >>> folder = tempfile.TemporaryDirectory()
        >>> workspace = Workspace(folder.name)
        >>> workspace.new_name("Acme Ltd"), workspace.new_name("Müller & Söhne GmbH"), workspace.new_name("株式会社")
        ('acme-ltd', 'muller-sohne-gmbh', 'client')
        >>> folder.cleanup()
        """
        plain = unicodedata.normalize("NFKD", client).encode("ascii", "ignore").decode("ascii")   # Müller -> Muller
        stem = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:60] or "client"
        candidate, number = stem, 2
        while (self.folder / (candidate + SUFFIX)).exists() or (self.folder / (candidate + SUFFIX)).is_symlink():
            candidate, number = f"{stem}-{number}", number + 1
        return candidate


def _inside(path, folder):
    try:
        path.relative_to(folder)
    except ValueError:
        return False
    return True


def file_digest(path):
    """``(sha256:..., bytes)`` of a profile file as it is on disk now."""
    data = read_bytes(path, MAX_BYTES, "profile")
    return "sha256:" + hashlib.sha256(data).hexdigest(), data
