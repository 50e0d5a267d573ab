"""The schema check every command runs on the rule base before compiling it.

A rule file with a wrong type (``answer: [ml_activity]``, ``where:`` as a
list, ``combine_evidence_salience: fifty``) must end in ``Error: FILE:LINE``,
at the line of the wrong value, never in a traceback from the compiler. So
``load_rulebook`` validates ``rulebase.yaml`` and each rule file against the
JSON Schemas lint uses (``lint/schemas/``) before it reads a single rule.

Validation costs about half a second (jsonschema's import and the checks),
more than the rest of a command. A rule base that validated once is
remembered by a digest of its files, the schemas and orgdesign's version,
in the user's cache folder; a changed file changes the digest, so a rule
base is never trusted without having been checked as it is.
"""
import functools
import hashlib
from pathlib import Path

from .errors import RuleBaseError

# Where lint's schemas live; named here so a cache hit imports nothing of lint (or jsonschema).
SCHEMA_DIR = Path(__file__).resolve().parent / "lint" / "schemas"


def schema_findings(document, schema_name, collections):
    """The document's schema violations, as lint findings pointing at their lines."""
    from .lint.schema_check import validate_document

    if schema_name == "rule_file" and _plainly_valid_rule_file(document.data, collections):
        return []
    return validate_document(document, schema_name, collections)


def _plainly_valid_rule_file(data, collections):
    """True when a rule file certainly passes its schema: checked by a compiled validator.

    jsonschema takes about 3 ms a rule (30 s for 10,000); fastjsonschema
    compiles the schema to Python and takes a few percent of that. It knows
    nothing of our ``x-ref`` keyword, whose only use in rule files is the
    source ids, checked here. Any doubt (an error, a source not known, no
    fastjsonschema) sends the file to jsonschema, which finds every error
    and says where: the findings are the same either way.
    """
    validate = _compiled_rule_file_validator()
    if validate is None:
        return False
    try:
        validate(data)
    except Exception:  # noqa: BLE001  fastjsonschema's errors, or its surprise at odd data: ask jsonschema
        return False
    sources = set(collections.get("sources", ()))
    return all(source in sources for rule in data["rules"] for source in rule["source"])


@functools.lru_cache(maxsize=None)
def _compiled_rule_file_validator():
    try:
        import fastjsonschema
    except ImportError:
        return None
    from .lint.schemas import schema

    return fastjsonschema.compile(schema("rule_file"))


class SchemaProblem(RuleBaseError):
    """A schema violation found while loading; lint reports it from its own schema check instead."""


def collections_for(knowledge, header_document):
    from .lint.collections import reference_collections

    return reference_collections(knowledge, header_document)


class ValidatedRuleBases:
    """Remembers the digests of rule bases that passed validation (one empty file each)."""

    def __init__(self, folder=None):
        from .paths import cache_folder

        self.folder = Path(folder or cache_folder("validated-rule-bases"))

    def key(self, rules_dir, knowledge_dir):
        from . import __version__
        from .paths import digest_folders

        sha = hashlib.sha256(f"{__version__}\n{digest_folders(rules_dir, knowledge_dir)}\n".encode())
        for schema_file in sorted(SCHEMA_DIR.glob("*.json")):
            sha.update(schema_file.read_bytes())
        return sha.hexdigest()

    def known(self, key):
        return (self.folder / key).is_file()

    def remember(self, key):
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            (self.folder / key).touch()
        except OSError:
            pass  # no cache folder to write: the next command validates again, that is all


class SchemaGate:
    """What ``load_rulebook`` asks before reading: the schema problems of each file.

    ``strict`` (a command building its engine) consults the cache of rule
    bases already validated; lint (not strict) always validates.
    """

    def __init__(self, rules_dir, knowledge, header_document, strict, cache=None):
        self.strict = strict
        self.cache = cache or ValidatedRuleBases()
        self.key = self.cache.key(rules_dir, knowledge.folder)
        self.active = not (strict and self.cache.known(self.key))
        self.collections = collections_for(knowledge, header_document) if self.active else None
        self.findings = {}   # document path -> its schema findings; lint reports these, not a second check

    def problems(self, document, schema_name):
        """The document's schema violations as ``SchemaProblem`` errors (none when the rule base is known valid)."""
        if not self.active:
            return []
        findings = self.findings[document.path] = schema_findings(document, schema_name, self.collections)
        return [SchemaProblem(f.message, f.path, f.line, f.hint) for f in findings]

    def passed(self):
        """Remember the rule base as valid (call once it loaded without a problem).

        Lint remembers it too, so the engine it then builds reads it without checking it again.
        """
        if self.active:
            self.cache.remember(self.key)
