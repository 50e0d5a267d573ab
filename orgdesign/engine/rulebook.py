"""Reads rule files (rules/**/*.yaml) into plain rule specifications.

A rule file is data: a list of rules, each with metadata (id, title,
description, rationale, source) and a ``when``/``then`` pair written in the
vocabulary of ``conditions.py``.  Nothing in a rule file is evaluated or
imported; this module only checks it and turns it into ``RuleSpec`` objects.
Every problem found is kept with its file and line, so ``orgdesign lint`` can
report them all while the engine stops at the first.
"""
import functools
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import RuleBaseError, allowed_list, did_you_mean, shorten
from ..paths import yaml_files
from ..rule_base_validation import SchemaGate
from ..yaml_source import load_yaml
from .conditions import ANSWER_OPERATORS, MULTI_ONLY, NUMERIC_ONLY, AnswerTest, FactTest

RULE_KEYS = ("id", "title", "description", "rationale", "source", "inference", "salience", "when", "then", "tests", "author")
REQUIRED_RULE_KEYS = ("id", "title", "description", "rationale", "source", "when", "then")
FIELD_TYPES = ("certainty", "number", "integer", "text", "flag")


@dataclass(frozen=True)
class AnswerValue:
    """An assertion field whose value is copied from an interview answer."""

    question: str


@dataclass(frozen=True)
class Assertion:
    fact_type: str
    fields: tuple            # ((name, literal or AnswerValue), ...)


@dataclass(frozen=True)
class RuleSpec:
    id: str
    title: str
    description: str
    rationale: str
    source: tuple
    inference: bool
    salience: int
    layer: str
    path: str
    line: int
    when: tuple
    then: tuple
    tests: object = None

    # Cached: lint and the direct evaluator ask for these millions of times on large rule bases.
    @functools.cached_property
    def answer_tests(self):
        return tuple(c for c in self.when if isinstance(c, AnswerTest))

    @functools.cached_property
    def fact_tests(self):
        return tuple(c for c in self.when if isinstance(c, FactTest))

    @property
    def questions_used(self):
        """Question ids this rule reads, in the order it mentions them."""
        used = [t.question for t in self.answer_tests]
        for assertion in self.then:
            used += [v.question for _, v in assertion.fields if isinstance(v, AnswerValue)]
        return tuple(dict.fromkeys(used))


@dataclass
class RuleBook:
    folder: Path
    version: str
    layers: tuple
    fact_types: dict
    combine_salience: int
    rules: tuple = ()
    problems: list = field(default_factory=list)
    path: str = None
    schema_findings: dict = field(default_factory=dict, repr=False)   # rule file path -> findings (lint reuses them)
    documents: dict = field(default_factory=dict, repr=False)         # rule file path -> YamlDocument read

    _index: tuple = field(default=None, repr=False, compare=False)

    def rule(self, rule_id):
        # A dict, rebuilt whenever ``rules`` is replaced: advice assembly looks
        # rules up thousands of times per profile, and a scan made batches crawl.
        return self._indexes()["by_id"].get(rule_id)

    def position(self, rule_id):
        """The rule's place in firing order among equal saliences (layer, file, position in file)."""
        return self._indexes()["position"][rule_id]

    def asserting(self, fact_type):
        """The rules that assert facts of ``fact_type``, in rule-base order."""
        return self._indexes()["asserting"].get(fact_type, ())

    def _indexes(self):
        # Lint asks "who asserts this type?" for every condition of every rule:
        # a scan of the rule base each time made it quadratic (10,000 rules: hours).
        if self._index is None or self._index[0] is not self.rules:
            asserting = {}
            for rule in self.rules:
                for fact_type in dict.fromkeys(a.fact_type for a in rule.then):
                    asserting.setdefault(fact_type, []).append(rule)
            self._index = (self.rules, {"by_id": {r.id: r for r in self.rules},
                                        "position": {r.id: i for i, r in enumerate(self.rules)},
                                        "asserting": {t: tuple(rs) for t, rs in asserting.items()},
                                        "before_combination": tuple(r for r in self.rules
                                                                    if r.salience > self.combine_salience)})
        return self._index[1]

    def upstream_ids(self, rules):
        """Ids of ``rules`` and of every rule whose conclusions can decide whether they fire.

        Those asserting a fact type they test, and so on up; a test on a fact
        the engine asserts (the verdict) brings in every rule that fires
        before the engine's combination step. Running just these gives the
        same conclusions for ``rules`` as running the whole rule base.
        """
        engine_types = {t for t, d in self.fact_types.items() if d.get("asserted_by") == "engine"}
        needed, todo = {r.id for r in rules}, list(rules)
        while todo:
            current = todo.pop()
            types = {t.fact_type for t in current.fact_tests}
            feeders = [r for fact_type in types for r in self.asserting(fact_type)]
            if types & engine_types:
                feeders += self._indexes()["before_combination"]
            for feeder in feeders:
                if feeder.id not in needed:
                    needed.add(feeder.id)
                    if feeder.fact_tests:  # a rule testing answers only has nothing upstream to follow
                        todo.append(feeder)
        return needed

    def restricted_to(self, fact_types):
        """A copy holding only the rules that lead to facts of ``fact_types``, in the same order."""
        targets = [r for r in self.rules if any(a.fact_type in fact_types for a in r.then)]
        keep = self.upstream_ids(targets)
        return replace(self, rules=tuple(r for r in self.rules if r.id in keep), problems=[], _index=None)


def load_rulebook(folder, knowledge, strict=True):
    """Read ``rulebase.yaml`` and every rule file of each layer under ``folder``."""
    folder = Path(folder)
    header = load_yaml(folder / "rulebase.yaml", what="rule base file", error_class=RuleBaseError, cached=True)
    # Schemas first: the reader below assumes the types they guarantee.
    gate = SchemaGate(folder, knowledge, header, strict)
    for problem in gate.problems(header, "rulebase"):
        raise problem
    book = _read_header(folder, header)
    rules, seen = [], {}
    for index, layer in enumerate(book.layers):
        for path in yaml_files(_layer_folder(folder, layer, header, index)):
            rules.extend(_RuleFileReader(path, layer, book, knowledge, seen, gate).read())
    book.rules = tuple(rules)
    book.schema_findings = gate.findings
    if strict and book.problems:
        raise book.problems[0]
    if not book.problems:
        gate.passed()
    return book


def _layer_folder(folder, layer, header, index):
    """A layer's folder, which must exist inside the rules folder.

    A folder outside (``/``, ``../other``) would read files that are not this
    rule base's (or walk the whole file system); a misspelt one would drop
    the layer's rules without a word.
    """
    name = layer["folder"]
    where = ("layers", index, "folder")
    target = (folder / name).resolve()
    if folder.resolve() not in target.parents:
        raise header.error(f"the folder of layer `{layer['id']}`, `{shorten(name)}`, is not inside the rules folder",
                           *where, hint="give a folder below the folder of rulebase.yaml, such as `evidence`",
                           error_class=RuleBaseError)
    if not target.is_dir():
        raise header.error(f"the folder of layer `{layer['id']}`, `{shorten(name)}`, does not exist", *where,
                           hint="create it, or correct the name", error_class=RuleBaseError)
    return folder / name


def _read_header(folder, header):
    data = header.data
    if not isinstance(data, dict):
        raise header.error("rulebase.yaml must be a mapping", error_class=RuleBaseError)
    for key in ("version", "layers", "fact_types", "combine_evidence_salience"):
        if key not in data:
            raise header.error(f"missing `{key}`", error_class=RuleBaseError)
    layers = data["layers"]
    if not isinstance(layers, list) or not all(isinstance(l, dict) and {"id", "folder", "salience"} <= set(l) for l in layers):
        raise header.error("`layers` must list mappings with id, folder and salience", "layers", error_class=RuleBaseError)
    return RuleBook(folder, str(data["version"]), tuple(layers), data["fact_types"],
                    int(data["combine_evidence_salience"]), path=header.path)


class _RuleFileReader:
    def __init__(self, path, layer, book, knowledge, seen_ids, gate):
        self.path = path
        self.gate = gate
        self.layer = layer
        self.book = book
        self.knowledge = knowledge
        self.seen_ids = seen_ids
        self.document = None

    def problem(self, message, *key_path, hint=None):
        self.book.problems.append(self.document.error(message, *key_path, hint=hint, error_class=RuleBaseError))

    def read(self):
        try:
            self.document = load_yaml(self.path, what="rule file", error_class=RuleBaseError, shared=True, cached=True)
        except RuleBaseError as err:
            self.book.problems.append(err)
            return []
        self.book.documents[self.document.path] = self.document
        schema_problems = self.gate.problems(self.document, "rule_file")
        if schema_problems:
            self.book.problems.extend(schema_problems)
            return []
        data = self.document.data
        if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
            self.problem("a rule file must hold a mapping with a `rules:` list", hint="see rules/README.md")
            return []
        for key in data:
            if key != "rules":
                self.problem(f"unknown key `{key}`", key, hint="a rule file holds only `rules:`")
        specs = []
        for index, raw in enumerate(data["rules"]):
            spec = self.read_rule(index, raw)
            if spec is not None:
                specs.append(spec)
        return specs

    def read_rule(self, index, raw):
        where = ("rules", index)
        if not isinstance(raw, dict):
            self.problem("each rule must be a mapping", *where)
            return None
        before = len(self.book.problems)
        for key in raw:
            if key not in RULE_KEYS:
                self.problem(f"unknown key `{key}` in a rule", *where, key, hint=did_you_mean(key, RULE_KEYS) or allowed_list(RULE_KEYS))
        for key in REQUIRED_RULE_KEYS:
            if key not in raw or raw[key] in (None, "", []):
                self.problem(f"rule is missing `{key}`", *where, hint=f"every rule needs {', '.join(REQUIRED_RULE_KEYS)}")
        rule_id = raw.get("id")
        if isinstance(rule_id, str):
            if rule_id in self.seen_ids:
                self.problem(f"duplicate rule id `{rule_id}` (also at {self.seen_ids[rule_id]})", *where, "id", hint="give each rule its own id")
            else:
                self.seen_ids[rule_id] = f"{self.path}:{self.document.line_of(*where)}"
        sources = raw.get("source") or []
        sources = [sources] if isinstance(sources, str) else sources
        for number, source in enumerate(sources):
            if source not in self.knowledge.sources:
                self.problem(f"source `{source}` is not in knowledge/sources.yaml", *where, "source",
                             hint=did_you_mean(source, self.knowledge.sources) or allowed_list(self.knowledge.sources))
        salience = raw.get("salience", self.layer["salience"])
        if isinstance(salience, bool) or not isinstance(salience, int):
            self.problem("`salience` must be a whole number", *where, "salience")
        when = tuple(self.read_condition(c, where + ("when", i)) for i, c in enumerate(_as_list(raw.get("when"))))
        then = tuple(self.read_assertion(a, where + ("then", i)) for i, a in enumerate(_as_list(raw.get("then"))))
        if len(self.book.problems) > before:
            return None
        return RuleSpec(
            id=rule_id, title=raw["title"], description=raw["description"], rationale=raw["rationale"],
            source=tuple(sources), inference=bool(raw.get("inference", False)), salience=salience,
            layer=self.layer["id"], path=str(self.path), line=self.document.line_of(*where),
            when=when, then=then, tests=raw.get("tests"),
        )

    # -- conditions ----------------------------------------------------------
    def read_condition(self, raw, where, negated=False):
        if isinstance(raw, dict) and set(raw) == {"not"}:
            if negated:
                self.problem("`not:` inside `not:` is not allowed", *where, hint="drop both")
                return None
            return self.read_condition(raw["not"], where + ("not",), negated=True)
        if isinstance(raw, dict) and "answer" in raw:
            return self.read_answer_test(raw, where, negated)
        if isinstance(raw, dict) and "fact" in raw:
            return self.read_fact_test(raw, where, negated)
        self.problem("a condition must start with `answer:`, `fact:` or `not:`", *where,
                     hint="e.g. `- answer: industry` then `one_of: [software]`")
        return None

    def read_answer_test(self, raw, where, negated):
        question_id = raw["answer"]
        if question_id not in self.knowledge.questions:
            self.problem(f"unknown question `{question_id}`", *where, "answer",
                         hint=did_you_mean(question_id, self.knowledge.questions.ids) or "see knowledge/questions.yaml")
            return None
        question = self.knowledge.questions[question_id]
        operators = [k for k in raw if k != "answer"]
        if len(operators) != 1 or operators[0] not in ANSWER_OPERATORS:
            bad = next((k for k in operators if k not in ANSWER_OPERATORS), None)
            hint = (did_you_mean(bad, ANSWER_OPERATORS) if bad else None) or allowed_list(ANSWER_OPERATORS)
            self.problem(f"an answer condition needs exactly one test, found {operators or 'none'}", *where, hint=hint)
            return None
        operator = operators[0]
        operand = raw[operator]
        if operator in MULTI_ONLY and question.type != "multi_choice":
            self.problem(f"`{operator}` applies to multi-choice questions; `{question_id}` is {question.type}", *where, operator,
                         hint="use `equals` or `one_of`")
            return None
        if operator in NUMERIC_ONLY and question.type != "integer":
            self.problem(f"`{operator}` applies to number questions; `{question_id}` is {question.type}", *where, operator)
            return None
        operand, bands = self.read_operand(question, operator, operand, where + (operator,))
        if operand is _INVALID:
            return None
        return AnswerTest(question_id, operator, operand, negated, bands)

    def read_operand(self, question, operator, operand, where):
        if operator == "unknown":
            if not isinstance(operand, bool):
                self.problem("`unknown:` takes true or false", *where)
                return _INVALID, ()
            return operand, ()
        if operator == "between":
            if not (isinstance(operand, list) and len(operand) == 2 and all(v is None or isinstance(v, (int, float)) for v in operand)):
                self.problem("`between:` takes [low, high] numbers (null for open-ended)", *where)
                return _INVALID, ()
            return tuple(operand), ()
        if operator in ("band", "in_bands"):
            names = [operand] if operator == "band" else operand
            known = {b["id"]: b for b in self.knowledge.bands_for(question.id)}
            if not isinstance(names, list) or not names:
                self.problem(f"`{operator}:` takes band ids", *where)
                return _INVALID, ()
            for name in names:
                if name not in known:
                    self.problem(f"`{name}` is not a band of `{question.id}`", *where,
                                 hint=did_you_mean(name, known) or allowed_list(known) if known else "define bands in knowledge/size_bands.yaml")
                    return _INVALID, ()
            bands = tuple((n, known[n]["min"], known[n]["max"]) for n in names)
            return tuple(names), bands
        values = operand if operator in ("one_of", "contains_any", "only") else [operand]
        if not isinstance(values, list) or not values:
            self.problem(f"`{operator}:` takes a list of values", *where)
            return _INVALID, ()
        canonical = []
        for value in values:
            if question.type == "integer":
                if isinstance(value, bool) or not isinstance(value, int):
                    self.problem(f"`{value!r}` is not a number", *where)
                    return _INVALID, ()
                canonical.append(value)
                continue
            normalised, problem = question.normalise(value)
            if problem or normalised == "unknown":
                self.problem(problem[0] if problem else "use `unknown: true` to test for an unknown answer", *where,
                             hint=problem[1] if problem else None)
                return _INVALID, ()
            canonical.append(normalised[0] if isinstance(normalised, tuple) else normalised)
        if operator in ("one_of", "contains_any", "only"):
            return tuple(canonical), ()
        return canonical[0], ()

    def read_fact_test(self, raw, where, negated):
        fact_type = raw["fact"]
        definition = self.book.fact_types.get(fact_type)
        if definition is None:
            self.problem(f"unknown fact type `{fact_type}`", *where, "fact",
                         hint=did_you_mean(fact_type, self.book.fact_types) or allowed_list(self.book.fact_types))
            return None
        extra = [k for k in raw if k not in ("fact", "where")]
        if extra:
            self.problem(f"unknown key `{extra[0]}` in a fact condition", *where, extra[0], hint="use `where:`")
            return None
        where_fields = []
        for name, allowed in (raw.get("where") or {}).items():
            if isinstance(allowed, dict) and set(allowed) == {"one_of"}:
                allowed = allowed["one_of"]
            allowed = tuple(allowed) if isinstance(allowed, list) else (allowed,)
            for value in allowed:
                if not self.check_field(fact_type, definition, name, value, where + ("where", name)):
                    return None
            where_fields.append((name, allowed))
        return FactTest(fact_type, tuple(where_fields), negated)

    # -- assertions ------------------------------------------------------------
    def read_assertion(self, raw, where):
        if not isinstance(raw, dict) or len(raw) != 1:
            self.problem("each `then` entry is one fact: `- fact_type: {field: value, ...}`", *where)
            return None
        (fact_type, fields), = raw.items()
        definition = self.book.fact_types.get(fact_type)
        if definition is None:
            self.problem(f"unknown fact type `{fact_type}`", *where,
                         hint=did_you_mean(fact_type, self.book.fact_types) or allowed_list(self.book.fact_types))
            return None
        if definition.get("asserted_by") == "engine":
            self.problem(f"`{fact_type}` facts are asserted by the engine itself, not by rules", *where)
            return None
        if not isinstance(fields, dict):
            self.problem(f"`{fact_type}` needs a mapping of fields", *where)
            return None
        declared = definition.get("fields", {})
        for name, spec in declared.items():
            if name not in fields and not spec.get("optional"):
                self.problem(f"`{fact_type}` needs field `{name}`", *where)
                return None
        values = []
        for name, value in fields.items():
            if isinstance(value, dict) and set(value) == {"answer"}:
                if value["answer"] not in self.knowledge.questions:
                    self.problem(f"unknown question `{value['answer']}`", *where, fact_type,
                                 hint=did_you_mean(value["answer"], self.knowledge.questions.ids))
                    return None
                values.append((name, AnswerValue(value["answer"])))
                continue
            if not self.check_field(fact_type, definition, name, value, where + (fact_type, name)):
                return None
            values.append((name, value))
        return Assertion(fact_type, tuple(values))

    def check_field(self, fact_type, definition, name, value, where):
        spec = definition.get("fields", {}).get(name)
        if spec is None:
            self.problem(f"`{fact_type}` has no field `{name}`", *where,
                         hint=did_you_mean(name, definition.get("fields", {})) or allowed_list(definition.get("fields", {})))
            return False
        if "ref" in spec:
            ids = self.knowledge.collection(spec["ref"])
            if value not in ids:
                self.problem(f"`{value}` is not a known {spec['ref']} id", *where, hint=did_you_mean(value, ids) or allowed_list(ids))
                return False
            return True
        kind = spec.get("type")
        if kind == "certainty":
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not -1 <= value <= 1 or value == 0:
                self.problem(f"certainty factor must be a non-zero number from -1 to 1, not {value!r}", *where)
                return False
        elif kind in ("number", "integer"):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                self.problem(f"`{name}` must be a number, not {value!r}", *where)
                return False
        elif kind == "text":
            if not isinstance(value, str):
                self.problem(f"`{name}` must be text", *where)
                return False
        elif kind == "flag":
            if not isinstance(value, bool):
                self.problem(f"`{name}` must be true or false", *where)
                return False
        return True


_INVALID = object()


def _as_list(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]
