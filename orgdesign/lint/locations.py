"""File and line of a rule or of something inside it, for findings."""


def rule_line(context, rule, *key_path):
    """Line of ``key_path`` inside ``rule`` (its own line when the path is not found)."""
    document = context.rule_documents.get(rule.path)
    if document is None or not key_path:
        return rule.line
    index = _positions(document).get(rule.id)
    return rule.line if index is None else document.line_of("rules", index, *key_path)


def _positions(document):
    """Rule id -> its index in the file: looked up, not searched for, in files of thousands of rules."""
    positions = getattr(document, "_rule_positions", None)
    if positions is None:
        positions = {}
        rules = document.data.get("rules") if isinstance(document.data, dict) else None
        for index, raw in enumerate(rules if isinstance(rules, list) else []):
            if isinstance(raw, dict) and isinstance(raw.get("id"), str):
                positions.setdefault(raw["id"], index)
        document._rule_positions = positions
    return positions
