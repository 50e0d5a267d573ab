"""Safe, bounded YAML reading that remembers where every value came from.

Every data file (profile, rule, knowledge) is read through ``load_yaml``.  It
never constructs arbitrary Python objects (safe loader only), refuses
anchors and aliases (so alias bombs cannot expand), rejects duplicate keys,
and records the line of every key and list item so that validation errors can
point at ``FILE:LINE``.
"""
from dataclasses import dataclass, field

import yaml

from .errors import OrgDesignError

# Profiles are a few KiB and the largest rule file a few dozen; 1 MiB leaves
# room for growth while keeping a hostile file from exhausting memory.
MAX_BYTES = 1024 * 1024

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

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
    import os

    if not os.path.exists(path):
        raise OrgDesignError(f"no such {what}", path, hint="check the path")
    if os.path.isdir(path):
        raise OrgDesignError(f"is a folder, not a {what}", path, hint="give the path of a YAML file")
    size = os.path.getsize(path)
    if size > max_bytes:
        raise OrgDesignError(
            f"file is {size} bytes, larger than the {max_bytes}-byte limit",
            path,
            hint="a profile or rule file should be a few KiB; check you chose the right file",
        )
    with open(path, "rb") as handle:
        raw = handle.read(max_bytes + 1)
    if b"\x00" in raw:
        raise OrgDesignError("looks like a binary file (it holds NUL bytes)", path, hint="give a YAML text file")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise OrgDesignError(
            f"is not valid UTF-8 (byte 0x{raw[err.start]:02x})", path, line, hint="save the file as UTF-8"
        ) from None


def load_yaml(path, max_bytes=MAX_BYTES, what="file", error_class=OrgDesignError):
    """Load one YAML document from ``path`` into a ``YamlDocument``."""
    text = read_text(path, max_bytes, what)
    return parse_yaml(text, str(path), error_class)


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


class _Builder:
    """Turns composed YAML nodes into plain data, recording lines on the way."""

    def __init__(self, path, error_class):
        self.path = path
        self.error_class = error_class
        self.lines = {}
        self.seen_nodes = set()
        self.constructor = yaml.constructor.SafeConstructor()

    def build(self, node, key_path):
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
        try:
            return self.constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, TypeError) as err:
            raise self.error_class(
                f"cannot read value {node.value!r}: {err}", self.path, node.start_mark.line + 1, hint="write a plain value"
            ) from None

    def _build_mapping(self, node, key_path):
        result = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise self.error_class(
                    "a key must be a plain word", self.path, key_node.start_mark.line + 1, hint="use a simple key such as `name:`"
                )
            key = self.build(key_node, key_path + ("<key>",))
            if isinstance(key, (list, dict)) or key is None:
                raise self.error_class("a key must be a plain word", self.path, key_node.start_mark.line + 1)
            if key in result:
                raise self.error_class(
                    f"duplicate key `{key}` (first on line {self.lines[key_path + (key,)]})",
                    self.path,
                    key_node.start_mark.line + 1,
                    hint="keep one of the two",
                )
            self.lines[key_path + (key,)] = key_node.start_mark.line + 1
            result[key] = self.build(value_node, key_path + (key,))
        self.lines.pop(key_path + ("<key>",), None)
        return result
