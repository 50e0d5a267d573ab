"""Loads the domain knowledge (knowledge/*.yaml) into one read-only object.

The knowledge files are data a consultant edits; this module only reads them
and offers lookups.  Deep validation (schemas, cross-references) is the job of
``orgdesign lint``; here we check just enough to fail with ``FILE:LINE``
instead of a traceback when a file is malformed.
"""
from pathlib import Path

from .errors import RuleBaseError, shown
from .questions import QUESTION_TYPES, Question, QuestionBank
from .yaml_source import load_yaml

KNOWLEDGE_FILES = (
    "sources",
    "archetypes",
    "industries",
    "size_bands",
    "roles",
    "design_choices",
    "questions",
    "inference",
    "practices",
    "hiring",
    "actions",
    "org_units",
    "notes",
    "roadmap",
)


class KnowledgeBase:
    """All knowledge files, plus id lookups used by rules and reports."""

    def __init__(self, folder):
        self.folder = Path(folder)
        self.documents = {}
        for name in KNOWLEDGE_FILES:
            self.documents[name] = _load_mapping(self.folder / f"{name}.yaml")
        self.sources = self._entries("sources", "sources")
        self.archetypes = self._entries("archetypes", "archetypes")
        self.industries = self._entries("industries", "industries")
        self.roles = self._entries("roles", "roles")
        self.design_dimensions = self._entries("design_choices", "dimensions")
        self.design_positions = self._entries("design_choices", "positions")
        self.size_bands = self._size_bands()
        self.questions = self._question_bank()
        self.inference = self.documents["inference"].data
        self.traits = self._entries("inference", "traits")
        # Collections the advice rules refer to (rules/advice/).
        self.practices = self._entries("practices", "practices")
        self.actions = self._entries("actions", "actions")
        self.hiring_roles = self._entries("hiring", "roles")
        self.channels = self._entries("hiring", "channels")
        self.attraction_levers = self._entries("hiring", "attraction_levers")
        self.assessments = self._entries("hiring", "assessments")
        self.interview_checks = self._entries("hiring", "interview_checks")
        self.weaknesses = {w["id"]: dict(w, archetype=a["id"])
                           for a in self.archetypes.values() for w in a.get("weaknesses", [])}
        self.org_units = self._entries("org_units", "units")
        self.org_lines = self._entries("org_units", "lines")
        self.org_statuses = self._entries("org_units", "statuses")
        self.org_scales = self._entries("org_units", "scales")
        self.notes = self._entries("notes", "notes")
        # The staged roadmap (rules/roadmap/, orgdesign/roadmap/) and the risk map.
        self.roadmap_stages = self._entries("roadmap", "stages")
        self.roadmap_goals = self._entries("roadmap", "goals")
        self.roadmap_leads = self._entries("roadmap", "leads")
        self.roadmap_efforts = self._entries("roadmap", "efforts")
        self.action_plan = self._entries("roadmap", "action_plan")
        self.risk_actions = self._entries("roadmap", "risk_actions")
        self.risk_levels = self._entries("roadmap", "risk_levels")
        self.risk_sides = self._entries("roadmap", "risk_sides")
        # What the verdict needs from the knowledge, read once (a tuple, so it is
        # never mistaken for an id collection by reference_collections).
        self._verdict_inputs = (
            {a: {t["trait"]: t["weight"] for t in e.get("defining_traits", [])} for a, e in self.archetypes.items()},
            {t: tuple(e.get("questions", ())) for t, e in self.traits.items()},
            {a: tuple(e.get("refines", ())) for a, e in self.archetypes.items()},
        )

    # -- lookups -----------------------------------------------------------
    def collection(self, name):
        """The ids of a named collection, for checking references in rules."""
        collection = getattr(self, name)
        # The question bank iterates over its questions, every other collection over its ids.
        return tuple(collection.ids) if name == "questions" else tuple(collection)

    def entry_label(self, collection, item_id):
        """How an entry of a named collection reads in words (a question by its text); None when it has none."""
        if collection == "questions":
            return self.questions[item_id].text if item_id in self.questions else None
        entry = getattr(self, collection, {}).get(item_id)
        if isinstance(entry, dict):
            return entry.get("name") or entry.get("label") or entry.get("summary") or entry.get("title")
        return None

    def archetype_ids(self):
        return tuple(self.archetypes)

    def defining_weights(self):
        """Archetype -> {trait: weight} of its defining traits (archetypes.yaml)."""
        return self._verdict_inputs[0]

    def refinements(self):
        """Archetype -> the archetypes it refines (a runner-up among them is no mix)."""
        return self._verdict_inputs[2]

    def fits_from(self, factors):
        """Only the fits (archetype -> 0..1) for ``factors``: what-if searches need no more."""
        from .engine.verdict import fit_of

        defining = self.defining_weights()
        support = self.inference.get("support_weight", 0.25)
        return {a: fit_of(f, defining.get(a, {}), support) for a, f in factors.items()}

    def verdict_from(self, factors, answers):
        """The verdict for ``factors`` (archetype -> [(trait, cf)]) and the answers they came from."""
        from .engine.verdict import Verdict

        defining, traits, refines = self._verdict_inputs
        return Verdict.from_factors(factors, answers, self.inference, defining, traits, refines)

    def bands_for(self, question_id):
        return self.size_bands.get(question_id, ())

    def location(self, name, *key_path):
        """``(path, line)`` of an entry, for error messages and traces."""
        document = self.documents[name]
        return document.path, document.line_of(*key_path)

    # -- loading -----------------------------------------------------------
    def _entries(self, name, key):
        document = self.documents[name]
        entries = document.data.get(key)
        if not isinstance(entries, list) or not entries:
            raise document.error(f"expected a non-empty list under `{key}`", key, error_class=RuleBaseError)
        result = {}
        for index, entry in enumerate(entries):
            if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
                raise document.error("each entry needs an `id`", key, index, error_class=RuleBaseError)
            if entry["id"] in result:
                raise document.error(f"duplicate id `{entry['id']}`", key, index, error_class=RuleBaseError)
            result[entry["id"]] = entry
        return result

    def _size_bands(self):
        document = self.documents["size_bands"]
        bands = {}
        for question_id, entries in document.data.items():
            if question_id in ("source", "inference"):
                continue
            if not isinstance(entries, list) or not all(isinstance(b, dict) for b in entries):
                raise document.error(f"`{question_id}` must list bands with id, min and max", question_id,
                                     error_class=RuleBaseError)
            previous_max = None
            for index, band in enumerate(entries):
                low, high = band.get("min"), band.get("max")
                # Checked before any arithmetic: a band ending at a word must be an error at its line, not a traceback.
                for key, value, allowed in (("min", low, "a whole number"), ("max", high, "a whole number or null")):
                    if isinstance(value, bool) or not isinstance(value, int) and not (key == "max" and value is None):
                        raise document.error(f"`{key}` of band `{band.get('id')}` must be {allowed}, not {shown(value)}",
                                             question_id, index, key, error_class=RuleBaseError)
                if previous_max is not None and low != previous_max + 1:
                    raise document.error(
                        f"band `{band.get('id')}` starts at {low}, but the previous one ends at {previous_max}",
                        question_id, index, hint="make the bands contiguous", error_class=RuleBaseError,
                    )
                previous_max = high
            bands[question_id] = tuple(entries)
        return bands

    def _question_bank(self):
        document = self.documents["questions"]
        questions = []
        for index, entry in enumerate(document.data.get("questions") or []):
            if entry.get("type") not in QUESTION_TYPES:
                raise document.error(
                    f"question type `{entry.get('type')}` is not known", "questions", index, "type",
                    hint=f"use one of {', '.join(QUESTION_TYPES)}", error_class=RuleBaseError,
                )
            values = entry.get("values") or []
            questions.append(
                Question(
                    id=entry["id"],
                    text=entry.get("text", ""),
                    help=entry.get("help", ""),
                    type=entry["type"],
                    values=tuple(v["id"] for v in values),
                    labels=tuple(v.get("label", v["id"]) for v in values),
                    minimum=entry.get("min"),
                    maximum=entry.get("max"),
                    default=entry.get("default"),
                    ask_if=entry.get("ask_if"),
                    optional=bool(entry.get("optional")),
                    line=document.line_of("questions", index),
                )
            )
        if not questions:
            raise document.error("expected a list of questions under `questions`", error_class=RuleBaseError)
        return QuestionBank(questions)


def _load_mapping(path):
    document = load_yaml(path, what="knowledge file", error_class=RuleBaseError, cached=True)
    if not isinstance(document.data, dict):
        raise document.error("the file must hold a mapping at the top level", error_class=RuleBaseError)
    return document
