"""Safe, bounded YAML reading that remembers where every value came from.

Every data file (profile, rule, knowledge) is read through ``load_yaml``.  It
never constructs arbitrary Python objects (safe loader only), refuses
anchors and aliases (so alias bombs cannot expand), rejects duplicate keys,
and records the line of every key and list item so that validation errors can
point at ``FILE:LINE``.
"""
import hashlib
import marshal
import os
import re
import stat
import tempfile
from dataclasses import dataclass, field

import yaml

from .errors import OrgDesignError, shorten, shown

# Profiles are a few KiB and the largest rule file a few dozen; 1 MiB leaves
# room for growth while keeping a hostile file from exhausting memory.
MAX_BYTES = 1024 * 1024
# The deepest nesting of lists and mappings; our files need 8 levels at most.
# Reading (and every check after it) recurses once per level.
MAX_DEPTH = 50
# Longest whole number read: far beyond any answer, far below Python's
# 4,300-digit limit on turning text into a number.
MAX_DIGITS = 30


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The safe loader, reading plain scalars as YAML 1.2 does.

    PyYAML follows YAML 1.1, where `0120` is octal 80, `1:20:00` is the
    number 4800, `no`/`off` are false and `<<` merges mappings: none of that
    is what a consultant means. Here only decimal numbers are numbers, only
    true/false are booleans, and everything else is the text written, which
    the validators then quote back when it is not a valid answer.
    """

    yaml_implicit_resolvers = {}


_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_BOOL = {"true": True, "false": False}
_IMPLICIT = (
    ("bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF"),
    ("int", _INT, "-+0123456789"),
    ("float", _FLOAT, "-+.0123456789"),
    ("null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]),
    ("timestamp", re.compile(r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?"
                             r"(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?$"), "0123456789"),
)
for _tag, _pattern, _first in _IMPLICIT:
    _Loader.add_implicit_resolver("tag:yaml.org,2002:" + _tag, _pattern, list(_first))


def reads_as_text(plain):
    """True when ``plain``, written unquoted, is read back as that text (not a number, date...)."""
    return not plain.startswith("<<") and not any(pattern.match(plain) for _, pattern, _ in _IMPLICIT)

# Only YAML's plain data types; any explicit tag (``!!python/object``, ``!foo``)
# is refused before anything could interpret it.
_PLAIN_TAGS = frozenset(
    "tag:yaml.org,2002:" + name for name in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")
)


@dataclass
class YamlDocument:
    """Plain Python data plus the line of each key path in the file."""

    path: str
    data: object
    lines: dict = field(default_factory=dict)

    def line_of(self, *key_path):
        """Line of the deepest known prefix of ``key_path`` (1-based), or None."""
        key_path = tuple(key_path)
        while key_path:
            if key_path in self.lines:
                return self.lines[key_path]
            key_path = key_path[:-1]
        return self.lines.get((), None)

    def error(self, message, *key_path, hint=None, error_class=OrgDesignError):
        return error_class(message, self.path, self.line_of(*key_path), hint)


def read_text(path, max_bytes=MAX_BYTES, what="file"):
    """Read a UTF-8 text file, with clear errors for every way it can be wrong."""
    raw = read_bytes(path, max_bytes, what)
    if b"\x00" in raw:
        raise OrgDesignError("looks like a binary file (it holds NUL bytes)", path, hint="give a YAML text file")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise OrgDesignError(
            f"is not valid UTF-8 (byte 0x{raw[err.start]:02x})", path, line, hint="save the file as UTF-8"
        ) from None


def read_bytes(path, max_bytes=MAX_BYTES, what="file"):
    """The bytes of ``path``, refusing anything but a regular file before reading it.

    Opening a FIFO waits for a writer forever and a device can stream
    without end, so the kind of file is checked first (``stat``), and again
    on the open handle (opened without blocking), in case the path changed
    in between.
    """
    try:
        _check_regular(os.stat(path), path, what)
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise OrgDesignError(f"no such {what}", path, hint="check the path") from None
    except OSError as err:
        raise OrgDesignError(f"cannot read: {err.strerror}", path, hint=f"check the path and that the {what} is readable") from None
    with os.fdopen(descriptor, "rb") as handle:
        status = os.fstat(handle.fileno())
        _check_regular(status, path, what)
        if status.st_size > max_bytes:
            raise OrgDesignError(
                f"file is {status.st_size} bytes, larger than the {max_bytes}-byte limit",
                path,
                hint="a profile or rule file should be a few KiB; check you chose the right file",
            )
        try:
            return handle.read(max_bytes + 1)
        except OSError as err:
            raise OrgDesignError(f"cannot read: {err.strerror}", path, hint="check the file") from None


def _check_regular(status, path, what):
    if stat.S_ISDIR(status.st_mode):
        raise OrgDesignError(f"is a folder, not a {what}", path, hint="give the path of a YAML file")
    if not stat.S_ISREG(status.st_mode):
        raise OrgDesignError(f"is {file_kind(status.st_mode)}, not a {what} file", path,
                             hint="give the path of a regular YAML file")


def file_kind(mode):
    """``a FIFO (named pipe)``, ``a character device``...: what a non-regular file is, for messages."""
    for test, words in ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
                        (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"),
                        (stat.S_ISLNK, "a symbolic link"), (stat.S_ISDIR, "a folder")):
        if test(mode):
            return words
    return "not a regular file"


def load_yaml(path, max_bytes=MAX_BYTES, what="file", error_class=OrgDesignError, shared=False, cached=False):
    """Load one YAML document from ``path`` into a ``YamlDocument``.

    ``shared=True`` (rule files, which nothing modifies) lets a process that
    reads the same file twice (lint, then the engine lint builds) parse it
    once: the document is kept, keyed by path and content. ``cached=True``
    (rule and knowledge files) keeps what a file parsed to on disk between
    runs, keyed by its content (see ``ParsedCache``): every command starts by
    reading the whole rule base, and parsing it is a third of a cold run.
    """
    text = read_text(path, max_bytes, what)
    if not shared:
        return _parse_or_cached(text, str(path), error_class, cached)
    key = (str(path), error_class, hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest())
    document = _SHARED.get(key)
    if document is None:
        document = _SHARED[key] = _parse_or_cached(text, str(path), error_class, cached)
        while len(_SHARED) > _SHARED_LIMIT:
            _SHARED.pop(next(iter(_SHARED)))
    return document


_SHARED = {}
_SHARED_LIMIT = 256


def _parse_or_cached(text, path, error_class, cached):
    if not cached:
        return parse_yaml(text, path, error_class)
    cache = ParsedCache()
    found = cache.get(text)
    if found is not None:
        return YamlDocument(path, *found)
    document = parse_yaml(text, path, error_class)
    cache.put(text, document)
    return document


class ParsedCache:
    """What a YAML text parsed to (its data and lines), kept on disk by the text's digest.

    Only a text that parsed without error is kept, so every error is still
    found by parsing. The entries are ``marshal`` data (plain values only: a
    document holding anything else, such as a date, is not kept) in the
    user's own cache folder, beside the compiled report templates and the
    record of validated rule bases. A cache that cannot be read or written
    costs a parse, never a failure.
    """

    FORMAT = 1
    LIMIT = 400

    def __init__(self, folder=None):
        from .paths import cache_folder

        self.folder = str(folder or cache_folder("parsed-yaml"))

    def _path(self, text):
        from . import __version__

        sha = hashlib.sha256(f"{self.FORMAT}\n{__version__}\n{MAX_DEPTH}\n{MAX_DIGITS}\n".encode())
        sha.update(text.encode("utf-8", "surrogatepass"))
        return os.path.join(self.folder, sha.hexdigest())

    def get(self, text):
        try:
            with open(self._path(text), "rb") as handle:
                # One read, then decode: marshal.load on a file object reads it piece by piece (ten times slower here).
                data, lines = marshal.loads(handle.read())
        except (OSError, EOFError, ValueError, TypeError):
            return None
        return data, lines

    def put(self, text, document):
        try:
            payload = marshal.dumps((document.data, document.lines))
            os.makedirs(self.folder, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".entry.", suffix=".tmp")
            with os.fdopen(handle, "wb") as stream:
                stream.write(payload)
            os.replace(temporary, self._path(text))
            self._prune()
        except (OSError, ValueError):
            pass

    def _prune(self):
        """Keep the folder small: past ``LIMIT`` entries, the older half goes (writes are rare: new texts only)."""
        names = [n for n in os.listdir(self.folder) if not n.startswith(".")]
        if len(names) <= self.LIMIT:
            return
        paths = sorted((os.path.join(self.folder, n) for n in names), key=os.path.getmtime)
        for path in paths[: len(paths) - self.LIMIT // 2]:
            os.unlink(path)


def parse_yaml(text, path="<string>", error_class=OrgDesignError):
    if not text.strip():
        raise error_class("file is empty", path, hint="write the YAML content, or pick another file")
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as err:
        raise _syntax_error(err, path, text, error_class) from None
    if root is None:
        raise error_class("file holds no YAML data (only comments?)", path, 1, hint="write the YAML content")
    builder = _Builder(path, error_class)
    data = builder.build(root, ())
    return YamlDocument(path, data, builder.lines)


def _syntax_error(err, path, text, error_class):
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    line = mark.line + 1 if mark is not None else None
    problem = getattr(err, "problem", None) or str(err).splitlines()[0]
    lines = text.splitlines()
    if line is not None and line <= len(lines) and "\t" in lines[line - 1]:
        return error_class(
            "YAML does not allow tab characters for indentation",
            path,
            line,
            hint="indent with spaces",
        )
    if "expected a single document" in str(err):
        return error_class("holds more than one YAML document", path, line, hint="keep one document per file (remove the extra `---`)")
    return error_class(f"YAML syntax error: {problem}", path, line, hint="fix the YAML syntax at that line")


_STR_TAG = "tag:yaml.org,2002:str"
_KIND_WORDS = {"int": "a whole number", "float": "a number", "bool": "true or false", "null": "null"}


class _Builder:
    """Turns composed YAML nodes into plain data, recording lines on the way."""

    def __init__(self, path, error_class):
        self.path = path
        self.error_class = error_class
        self.lines = {}
        self.seen_nodes = set()
        self.constructor = yaml.constructor.SafeConstructor()

    def build(self, node, key_path):
        if len(key_path) > MAX_DEPTH:
            raise self.error_class(
                f"lists and mappings are nested more than {MAX_DEPTH} levels deep",
                self.path,
                node.start_mark.line + 1,
                hint="flatten the structure; no orgdesign file needs more than a few levels",
            )
        if id(node) in self.seen_nodes or getattr(node, "anchor", None):
            raise self.error_class(
                "YAML anchors and aliases (& and *) are not allowed",
                self.path,
                node.start_mark.line + 1,
                hint="write the value out in full",
            )
        self.seen_nodes.add(id(node))
        if node.tag not in _PLAIN_TAGS:
            raise self.error_class(
                f"the YAML tag `{node.tag.replace('tag:yaml.org,2002:', '!!')}` is not allowed",
                self.path,
                node.start_mark.line + 1,
                hint="write a plain value without a `!` tag",
            )
        self.lines.setdefault(key_path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            return self._build_mapping(node, key_path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, key_path + (index,)) for index, item in enumerate(node.value)]
        if node.tag == _STR_TAG:
            return node.value  # what the constructor would return, without its dispatch: most values are text
        return self._scalar(node)

    def _scalar(self, node):
        """A number, boolean, null or date, read as written (the tag may be explicit, e.g. ``!!int``)."""
        kind, text = node.tag.rsplit(":", 1)[-1], node.value
        line = node.start_mark.line + 1
        if kind == "int" and _INT.match(text):
            if len(text.lstrip("+-")) > MAX_DIGITS:
                raise self.error_class(f"the number `{shorten(text)}` has {len(text.lstrip('+-'))} digits", self.path, line,
                                       hint="no answer needs a number that long; check the value")
            return int(text, 10)  # base 10 even with leading zeros: YAML 1.1 would read 0120 as octal 80
        if kind == "float" and _FLOAT.match(text) and len(text) <= MAX_DIGITS:
            return float(text)
        if kind == "bool" and text.lower() in _BOOL:
            return _BOOL[text.lower()]
        if kind == "null" and text in ("~", "null", "Null", "NULL", ""):
            return None
        if kind == "timestamp":
            try:
                return self.constructor.construct_object(node, deep=True)
            except (yaml.YAMLError, ValueError, TypeError, OverflowError):
                raise self.error_class(f"`{shorten(text)}` is not a valid date", self.path, line,
                                       hint="write a date as YYYY-MM-DD") from None
        raise self.error_class(f"cannot read {shown(text)} as {_KIND_WORDS.get(kind, kind)}", self.path, line,
                               hint="write it plainly, without the `!!` tag (numbers in decimal)")

    def _build_mapping(self, node, key_path):
        result = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise self.error_class(
                    "a key must be a plain word", self.path, key_node.start_mark.line + 1, hint="use a simple key such as `name:`"
                )
            if key_node.value == "<<" and not key_node.style:  # plain, not quoted
                raise self.error_class(
                    "YAML merge keys (`<<:`) are not allowed", self.path, key_node.start_mark.line + 1,
                    hint="write the keys out in full",
                )
            key = self.build(key_node, key_path + ("<key>",))
            if isinstance(key, (list, dict)) or key is None:
                raise self.error_class("a key must be a plain word", self.path, key_node.start_mark.line + 1)
            if key in result:
                raise self.error_class(
                    f"duplicate key `{shorten(key)}` (first on line {self.lines[key_path + (key,)]})",
                    self.path,
                    key_node.start_mark.line + 1,
                    hint="keep one of the two",
                )
            self.lines[key_path + (key,)] = key_node.start_mark.line + 1
            result[key] = self.build(value_node, key_path + (key,))
        self.lines.pop(key_path + ("<key>",), None)
        return result
