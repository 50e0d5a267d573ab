"""File and line of a rule or of something inside it, for findings."""


def rule_line(context, rule, *key_path):
    """Line of ``key_path`` inside ``rule`` (its own line when the path is not found)."""
    document = context.rule_documents.get(rule.path)
    if document is None or not key_path:
        return rule.line
    for index, raw in enumerate(document.data.get("rules") or []):
        if isinstance(raw, dict) and raw.get("id") == rule.id:
            return document.line_of("rules", index, *key_path)
    return rule.line
