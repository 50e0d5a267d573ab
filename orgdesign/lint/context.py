"""Loads everything lint looks at, keeping going past broken files.

The engine stops at the first problem; lint wants them all. Each file is
read on its own, the rule book is read with ``strict=False`` (it collects
its problems), and a knowledge base that does not load becomes one finding
while the checks that need it are skipped.
"""
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import OrgDesignError
from ..knowledge import KnowledgeBase
from ..paths import yaml_files
from ..rule_base_validation import SchemaProblem
from ..yaml_source import load_yaml
from .findings import Finding, finding_from_error


@dataclass
class LintContext:
    rules_dir: Path
    knowledge_dir: Path
    knowledge_documents: dict = field(default_factory=dict)    # file stem -> YamlDocument
    rulebase_document: object = None
    rule_documents: dict = field(default_factory=dict)         # path -> YamlDocument
    knowledge: object = None
    book: object = None
    load_findings: list = field(default_factory=list)

    @property
    def rules(self):
        return self.book.rules if self.book else ()


def load_context(rules_dir, knowledge_dir):
    context = LintContext(Path(rules_dir), Path(knowledge_dir))
    for path in yaml_files(context.knowledge_dir):
        document = _read(context, path, "knowledge file")
        if document is not None:
            context.knowledge_documents[path.relative_to(context.knowledge_dir).with_suffix("").as_posix()] = document
    context.rulebase_document = _read(context, context.rules_dir / "rulebase.yaml", "rule base file")
    try:
        context.knowledge = KnowledgeBase(context.knowledge_dir)
    except OrgDesignError as err:
        context.load_findings.append(finding_from_error("load", err))
        return context
    try:
        from ..engine.rulebook import load_rulebook

        context.book = load_rulebook(context.rules_dir, context.knowledge, strict=False)
    except SchemaProblem:
        return context  # rulebase.yaml breaks its schema: the schema check reports where
    except OrgDesignError as err:
        context.load_findings.append(finding_from_error("load", err))
        return context
    except (AttributeError, KeyError, TypeError, ValueError) as err:
        # A malformed rulebase.yaml (say, a `ref:` to no collection) trips the
        # reader; the schema check says where, so here one finding is enough.
        context.load_findings.append(Finding("load", str(context.rules_dir / "rulebase.yaml"), 1,
                                             f"the rule files cannot be read against this rulebase.yaml ({type(err).__name__}: {err})",
                                             "fix the schema findings of rulebase.yaml first"))
        return context
    for layer in context.book.layers:
        for path in yaml_files(context.rules_dir / layer["folder"]):
            # The rule book read each file already; a file it could not read is read again for its finding.
            document = context.book.documents.get(str(path)) or _read(context, path, "rule file")
            if document is not None:
                context.rule_documents[str(path)] = document
    return context


def _read(context, path, what):
    try:
        return load_yaml(path, what=what)
    except OrgDesignError as err:
        context.load_findings.append(finding_from_error("load", err))
        return None
