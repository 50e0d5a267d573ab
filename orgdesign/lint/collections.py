"""The id collections that ``x-ref`` in the schemas and ``ref:`` in rulebase.yaml name."""


def reference_collections(knowledge, rulebase=None):
    """Collection name -> ids, from a loaded knowledge base (empty when it did not load)."""
    if knowledge is None:
        return {}
    collections = {name: tuple(value) for name, value in vars(knowledge).items()
                   if isinstance(value, dict) and value and all(isinstance(v, dict) for v in value.values())}
    collections.pop("documents", None)
    collections.pop("size_bands", None)
    collections["questions"] = knowledge.questions.ids
    collections["integer_questions"] = tuple(q.id for q in knowledge.questions if q.type == "integer")
    roles = knowledge.documents.get("roles")
    if roles is not None and isinstance(roles.data.get("skill_levels"), list):
        collections["skill_levels"] = tuple(roles.data["skill_levels"])
    collections["collections"] = tuple(sorted(n for n in collections if n not in ("collections", "integer_questions", "skill_levels")))
    if rulebase is not None and isinstance(rulebase.data, dict) and isinstance(rulebase.data.get("fact_types"), dict):
        collections["fact_types"] = tuple(rulebase.data["fact_types"])
    return collections
