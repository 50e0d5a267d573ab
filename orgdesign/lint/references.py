"""Check: what rules and knowledge mention exists.

Rules: the rule book reader already checks every question id, answer value,
band, fact type, field and source a rule names (with did-you-mean hints); its
collected problems become findings here.  Knowledge: every ``source`` or
``*_source`` list anywhere cites a source of ``sources.yaml``, ids are unique
within each list, and each design position's ``value`` is an answer of the
question its dimension compares against.
"""
from ..errors import allowed_list, did_you_mean
from .findings import Finding, finding_from_error


def check_references(context, collections):
    findings = [finding_from_error("references", problem) for problem in (context.book.problems if context.book else [])]
    sources = collections.get("sources", ())
    for stem, document in sorted(context.knowledge_documents.items()):
        findings += _walk(document, document.data, (), sources)
    if context.knowledge is not None and "design_choices" in context.knowledge_documents:
        findings += _position_values(context.knowledge, context.knowledge_documents["design_choices"])
    return findings


def _walk(document, value, path, sources):
    findings = []
    if isinstance(value, dict):
        for key, item in value.items():
            if (key == "source" or key.endswith("_source")) and sources:
                findings += _check_sources(document, item, path + (key,), sources)
            else:
                findings += _walk(document, item, path + (key,), sources)
    elif isinstance(value, list):
        seen = {}
        for index, item in enumerate(value):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                if item["id"] in seen:
                    findings.append(Finding("references", document.path, document.line_of(*path, index, "id"),
                                            f"duplicate id `{item['id']}` (first on line {seen[item['id']]})", "give each entry its own id"))
                else:
                    seen[item["id"]] = document.line_of(*path, index, "id")
            findings += _walk(document, item, path + (index,), sources)
    return findings


def _check_sources(document, value, path, sources):
    items = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    return [Finding("references", document.path, document.line_of(*path, index) if isinstance(value, list) else document.line_of(*path),
                    f"`{source}` is not a known source id", did_you_mean(source, sources) or allowed_list(sources))
            for index, source in enumerate(items) if source not in sources]


def _position_values(knowledge, document):
    findings = []
    for index, position in enumerate(document.data.get("positions") or []):
        dimension = knowledge.design_dimensions.get(position.get("dimension"))
        if not dimension or dimension.get("current_answer") not in knowledge.questions:
            continue
        question = knowledge.questions[dimension["current_answer"]]
        allowed = question.allowed_values()
        # null: the source says the position varies, so nothing is compared with today.
        if allowed and position.get("value") is not None and position.get("value") not in allowed:
            findings.append(Finding("references", document.path, document.line_of("positions", index, "value"),
                                    f"`{position.get('value')}` is not an answer to `{question.id}`, which dimension `{dimension['id']}` compares against",
                                    did_you_mean(position.get("value"), allowed) or allowed_list(allowed)))
    return findings
