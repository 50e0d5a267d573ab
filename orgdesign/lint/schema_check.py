"""Check: every rule file, the rule base header and every knowledge file against its JSON Schema."""
from ..errors import allowed_list, did_you_mean, shorten, shown
from .findings import Finding
from .schemas import knowledge_schema_name, validator_for


def check_schemas(context, collections):
    findings = []
    for stem, document in sorted(context.knowledge_documents.items()):
        findings += validate_document(document, knowledge_schema_name(stem), collections)
    if context.rulebase_document is not None:
        findings += validate_document(context.rulebase_document, "rulebase", collections)
    checked = context.book.schema_findings if context.book is not None else {}
    for path, document in sorted(context.rule_documents.items()):
        # Loading the rule book checked each rule file already.
        findings += checked[document.path] if document.path in checked else validate_document(document, "rule_file", collections)
    return findings


def validate_document(document, schema_name, collections):
    validator = validator_for(schema_name, collections)
    errors = sorted(validator.iter_errors(document.data), key=lambda e: [str(p) for p in e.absolute_path])
    findings = []
    for error in errors:
        findings += _findings_for(document, error)
    return findings


def _findings_for(document, error):
    path = list(error.absolute_path)
    check = getattr(error, "orgdesign_check", "schema")
    # A misspelt key's own name ends its path; the label names where it sits.
    label = _label(path[:-1] if error.validator == "x-typo-check" else path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        known = list(error.schema.get("properties", {}))
        return [Finding("schema", document.path, document.line_of(*path, key), f"{label}unknown key `{key}`",
                        did_you_mean(key, known) or (allowed_list(known) if known else None))
                for key in error.instance if key not in known and not _matches_pattern(error.schema, key)]
    if error.validator == "enum":
        hint = did_you_mean(error.instance, error.validator_value) or allowed_list(error.validator_value)
        return [Finding(check, document.path, document.line_of(*path), f"{label}`{shorten(error.instance)}` is not allowed here", hint)]
    if error.validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return [Finding(check, document.path, document.line_of(*path), f"{label}missing `{missing}`",
                        _required_hint(missing))]
    if error.validator == "type":
        wanted = error.validator_value if isinstance(error.validator_value, str) else " or ".join(error.validator_value)
        return [Finding(check, document.path, document.line_of(*path), f"{label}must be {_TYPE_WORDS.get(wanted, wanted)}, not {shown(error.instance)}")]
    hint = getattr(error, "orgdesign_hint", None)
    return [Finding(check, document.path, document.line_of(*path), f"{label}{_message(error)}", hint)]


def _label(path):
    if not path:
        return ""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return f"`{text}`: "


def _matches_pattern(schema, key):
    import re

    return any(re.search(p, key) for p in schema.get("patternProperties", {}))


def _message(error):
    if error.validator == "minItems":
        return "must not be empty"
    if error.validator == "minLength":
        return "must not be empty"
    if error.validator == "pattern":
        return f"`{shorten(error.instance)}` does not have the required form ({error.validator_value})"
    return error.message


def _required_hint(missing):
    if missing in ("source", "rationale"):
        return "every rule and knowledge entry states where its knowledge comes from (source) and why it holds (rationale)"
    return f"add `{missing}:`"


_TYPE_WORDS = {"string": "text", "integer": "a whole number", "number": "a number", "boolean": "true or false",
               "array": "a list", "object": "a mapping", "null": "null"}
