"""Plain-language labels for answers, facts and rules, taken from the knowledge base.

The explanation is data first (JSON) and text second, so every label a
reader sees is computed here once and stored in the explanation.
"""
from ..questions import UNKNOWN


class Describer:
    """Looks up the words for question values, fact fields and rules."""

    def __init__(self, reasoner):
        self.reasoner = reasoner
        self.knowledge = reasoner.knowledge
        self.rulebook = reasoner.rulebook

    # -- answers -----------------------------------------------------------
    def question_text(self, question_id):
        return self.knowledge.questions[question_id].text

    def value_label(self, question_id, value):
        """``Inside product teams, Central ML division`` for a multi-choice answer."""
        if value == UNKNOWN:
            return "unknown"
        question = self.knowledge.questions[question_id]
        labels = dict(zip(question.values, question.labels))
        if question.type == "yes_no":
            labels = labels or {"yes": "Yes", "no": "No"}
        if isinstance(value, (tuple, list)):
            return ", ".join(labels.get(v, str(v)) for v in value)
        return labels.get(value, str(value))

    def answer_text(self, question_id, value):
        return f"{self.question_text(question_id)} {self.value_label(question_id, value)}"

    # -- rules -------------------------------------------------------------
    def rule_info(self, rule_id):
        """Title, rationale, source and location of a rule or of an engine step."""
        file, line = self.reasoner.location(rule_id)
        spec = self.rulebook.rule(rule_id)
        if spec is not None:
            entry = {"title": spec.title, "rationale": _one_line(spec.rationale), "source": list(spec.source),
                     "inference": spec.inference}
        else:
            entry = self._engine_step(rule_id)
        return {"rule": rule_id, **entry, "file": file, "line": line}

    def _engine_step(self, rule_id):
        # Engine steps (the evidence combination) describe themselves in
        # knowledge/inference.yaml, as an entry whose `id` is the step's id.
        for value in self.knowledge.inference.values():
            if isinstance(value, dict) and value.get("id") == rule_id:
                return {"title": value.get("title", rule_id), "rationale": _one_line(value.get("rationale", "")),
                        "source": list(value.get("source", [])), "inference": bool(value.get("inference", False))}
        return {"title": rule_id, "rationale": "", "source": [], "inference": False}

    # -- facts -------------------------------------------------------------
    def archetype_name(self, archetype_id):
        entry = self.knowledge.archetypes.get(archetype_id)
        return entry["name"] if entry else archetype_id

    def fact_text(self, fact_type, fields):
        """One line naming a derived fact, e.g. ``Data ownership: Partner with data engineers``."""
        if fact_type == "evidence":
            trait = self.knowledge.traits.get(fields.get("trait"), {}).get("name", fields.get("trait", ""))
            return f"{fields['cf']:+.2f} for {self.archetype_name(fields['archetype'])} ({trait[:1].lower() + trait[1:]})"
        if fact_type == "target":
            return f"Recommended target: {self.archetype_name(fields['id'])}"
        if fact_type == "archetype":
            text = f"{self.archetype_name(fields['id'])}, confidence {fields['confidence']:.2f}"
            if fields.get("mixed_with", "none") != "none":
                text += f", mixed with {self.archetype_name(fields['mixed_with'])}"
            return text
        parts = [self.field_label(fact_type, name, value) for name, value in fields.items()]
        return ": ".join(p for p in parts if p)

    def field_label(self, fact_type, name, value):
        spec = self.rulebook.fact_types.get(fact_type, {}).get("fields", {}).get(name, {})
        collection = spec.get("ref")
        if collection:
            return str(self.knowledge.entry_label(collection, value) or value)
        words = name.replace("_", " ")
        if isinstance(value, bool):
            return f"{words}: {'yes' if value else 'no'}"
        if isinstance(value, float):
            return f"{words} {value:.2f}"
        if isinstance(value, int):
            return f"{words} {value}"
        return str(value)


def jsonable(value):
    """Answers keep multi-choice values as tuples; JSON wants lists."""
    return list(value) if isinstance(value, tuple) else value


def _one_line(text):
    return " ".join(str(text).split())
