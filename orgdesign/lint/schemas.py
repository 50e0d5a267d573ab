"""The JSON Schemas of rule files, the rule base header and knowledge files.

Schemas live as JSON files in ``schemas/``, so an editor can use them too.
Two keywords of our own extend JSON Schema:

``x-ref: COLLECTION``  the value must be an id of a knowledge collection
                       (reported by the references check, with a hint);
``x-typo-check: true`` a key that is not among ``properties`` but looks like
                       a misspelling of one is reported; other extra keys are
                       allowed, so new knowledge fields do not break lint.
"""
import functools
import json
from pathlib import Path

import jsonschema

from ..errors import allowed_list, did_you_mean

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"


@functools.lru_cache(maxsize=None)
def schema(name):
    """The schema ``schemas/<name>.schema.json`` with the shared definitions merged in."""
    loaded = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
    common = json.loads((SCHEMA_DIR / "common.schema.json").read_text(encoding="utf-8"))
    loaded.setdefault("$defs", {}).update(common["$defs"])
    return loaded


def knowledge_schema_name(stem):
    """The schema for a knowledge file, or the generic one for files without their own."""
    return stem if (SCHEMA_DIR / f"{stem}.schema.json").is_file() and stem not in ("common", "rulebase", "rule_file") else "generic_knowledge"


def validator_for(name, collections):
    """A validator for one schema that checks ``x-ref`` against ``collections`` (name -> ids)."""
    return _validator_class(collections)(schema(name))


def _validator_class(collections):
    def x_ref(validator, collection, instance, _schema):
        if not isinstance(instance, str) or collection not in collections:
            return
        ids = collections[collection]
        if instance not in ids:
            error = jsonschema.ValidationError(f"`{instance}` is not a known {collection.rstrip('s')} id")
            error.orgdesign_hint = did_you_mean(instance, ids) or allowed_list(ids)
            error.orgdesign_check = "references"
            yield error

    def x_typo_check(validator, enabled, instance, schema_):
        if not enabled or not isinstance(instance, dict):
            return
        known = list(schema_.get("properties", {}))
        for key in instance:
            if key not in known:
                hint = did_you_mean(key, known)
                if hint:
                    error = jsonschema.ValidationError(f"unknown key `{key}`", path=[key])
                    error.orgdesign_hint = hint
                    yield error

    return jsonschema.validators.extend(jsonschema.Draft202012Validator, {"x-ref": x_ref, "x-typo-check": x_typo_check})
