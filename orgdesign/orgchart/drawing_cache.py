"""Chart drawings kept between runs, keyed by the DOT text and the Graphviz programs that drew it.

Drawing a report's charts takes up to three Graphviz processes per chart
(``dot``, and for a wide chart ``unflatten`` and ``dot`` again): most of a
``recommend -o`` run's time. The same DOT text drawn by the same programs
gives the same drawing, byte for byte, so a run that draws a chart an
earlier run drew (the consultant re-running a profile, a report page
opened again) takes it from here.

An entry is keyed by the digest of the DOT text, the way it is drawn
(``laid_out``'s rule: the wrap width, ``unflatten -l2``), each program's
identity: its resolved path, size and modification time, which a Graphviz
upgrade changes (asking ``dot -V`` would cost the process the cache saves),
and the modification times of fontconfig's cache folders, which change
when fonts are installed or removed (``dot`` measures labels in the fonts
it finds, so a new font can move every node).
Entries are JSON in ``$XDG_CACHE_HOME/orgdesign/drawings/`` (a folder
only its owner may enter, created so: a drawing names the client), written
atomically (a reader sees a whole entry or none) and checked when read; a
cache that cannot be read or written costs the drawing, never a failure.
"""
import hashlib
import json
import os

from ..errors import OrgDesignError

FORMAT = 1


class DrawingCache:
    """What ``laid_out`` made of a DOT text: the text drawn (the wrapped one, or None for the text itself) and its SVG."""

    LIMIT = 400

    def __init__(self, folder=None):
        from ..paths import cache_folder

        self.folder = str(folder or cache_folder("drawings"))

    @staticmethod
    def key(source, method, programs):
        """The entry's name: a digest of the text, the drawing ``method`` (text) and the ``programs``' identities.

        None when a program cannot be identified (nothing is then kept or looked up).
        """
        sha = hashlib.sha256(f"{FORMAT}\n{method}\n".encode())
        for program in programs:
            identity = program_identity(program)
            if identity is None:
                return None
            sha.update(f"{identity}\n".encode("utf-8", "surrogateescape"))
        for folder in font_cache_folders():
            sha.update(f"{folder} {_modified(folder)}\n".encode("utf-8", "surrogateescape"))
        sha.update(source.encode("utf-8", "surrogatepass"))
        return sha.hexdigest()

    def get(self, key):
        """``(wrapped, svg)`` kept under ``key``, or None when there is no whole entry for it."""
        try:
            with open(os.path.join(self.folder, key), "rb") as handle:
                entry = json.loads(handle.read())
        except (OSError, ValueError):
            return None
        if not isinstance(entry, dict) or entry.get("key") != key:
            return None
        wrapped, svg = entry.get("wrapped"), entry.get("svg")
        if not isinstance(svg, str) or "<svg" not in svg or not isinstance(wrapped, (str, type(None))):
            return None
        return wrapped, svg

    def put(self, key, wrapped, svg):
        from ..atomic_write import write_bytes_atomic

        payload = json.dumps({"key": key, "wrapped": wrapped, "svg": svg}, ensure_ascii=False).encode("utf-8")
        try:
            # The drawings carry client names and headcounts: the folder is the user's alone.
            os.makedirs(self.folder, mode=0o700, exist_ok=True)
            # Not synced to disk: an entry lost in a crash costs one drawing, and a torn one is refused when read.
            write_bytes_atomic(os.path.join(self.folder, key), payload, durable=False)
            self._prune()
        except (OSError, OrgDesignError):
            pass

    def _prune(self):
        """Past ``LIMIT`` entries the older half goes (one run adds at most one entry per chart)."""
        names = [n for n in os.listdir(self.folder) if not n.startswith(".")]
        if len(names) <= self.LIMIT:
            return
        dated = []
        for name in names:
            path = os.path.join(self.folder, name)
            try:
                dated.append((os.path.getmtime(path), path))
            except OSError:
                continue  # another process pruned it already
        for _, path in sorted(dated)[: len(dated) - self.LIMIT // 2]:
            try:
                os.unlink(path)
            except OSError:
                pass


def program_identity(path):
    """``path`` resolved, with its size and modification time; "-" for a program that is not installed,
    None for one that cannot be looked at."""
    if path is None:
        return "-"
    resolved = os.path.realpath(path)
    try:
        status = os.stat(resolved)
    except OSError:
        return None
    return f"{resolved} {status.st_size} {status.st_mtime_ns}"


def font_cache_folders():
    """Where fontconfig keeps what it knows of the installed fonts: the system's folder and the user's."""
    user_cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return ("/var/cache/fontconfig", os.path.join(user_cache, "fontconfig"))


def _modified(path):
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return "-"
