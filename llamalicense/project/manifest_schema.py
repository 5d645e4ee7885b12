"""The manifest's JSON Schema check, and its errors worded for people.

A manifest is first asked :func:`llamalicense.documents.jsonschemas.certainly_valid`; only when that
answer is no does ``jsonschema`` run (and get imported). Of its errors the first in document
order is raised, as a :class:`ManifestError` with the file, line, column and JSON path, and a
message and hint made for the kind of error: an unknown field with the closest allowed name,
a missing field with the schema's ``x-hint``, a wrong type, value or form.
"""

from __future__ import annotations

import difflib
import json
from typing import TYPE_CHECKING, Any

from llamalicense.documents import jsonschemas
from llamalicense.documents.loader import Document
from llamalicense.errors import ManifestError
from llamalicense.project.manifest_checks import fail
from llamalicense.safetext import excerpt

if TYPE_CHECKING:  # imported when data needs its verdict (llamalicense.documents.jsonschemas)
    import jsonschema


def manifest_schema() -> dict[str, Any]:
    """The manifest's JSON Schema, as shipped in the package."""
    return jsonschemas.schema("manifest")


def _validator() -> jsonschema.protocols.Validator:
    return jsonschemas.validator("manifest")


def check_schema(document: Document) -> None:
    """Raise the first schema error of ``document`` (in document order), worded for people."""
    data = document.data
    if not isinstance(data, dict):
        raise ManifestError(
            "the manifest must be a mapping with `version: 1` and `components:`",
            file=document.path,
            line=1,
            hint="see docs/manifest.md for a complete example",
        )
    if jsonschemas.certainly_valid("manifest", data):
        return  # jsonschema would find nothing; it runs (and words the error) otherwise
    errors = list(_validator().iter_errors(data))
    if not errors:
        return
    error = min(errors, key=_error_rank)
    raise _schema_error(error, document)


def _error_rank(error: jsonschema.ValidationError) -> tuple[int, tuple[str, ...], int]:
    # Report the first error in document order; among errors at one place, the most specific.
    path = tuple(f"{p:08d}" if isinstance(p, int) else str(p) for p in error.absolute_path)
    return (0, path, -len(error.absolute_schema_path))


def _schema_error(error: jsonschema.ValidationError, document: Document) -> ManifestError:
    path = tuple(error.absolute_path)
    schema: dict[str, Any] = error.schema if isinstance(error.schema, dict) else {}
    hint = schema.get("x-hint")
    validator = error.validator
    if validator == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        given = error.instance if isinstance(error.instance, dict) else {}
        unknown = sorted(set(given) - set(allowed))
        field_name = unknown[0] if unknown else "?"
        path = (*path, field_name)
        close = difflib.get_close_matches(field_name, allowed, n=1)
        message = f"unknown field {excerpt(field_name)}"
        hint = (f"did you mean {close[0]!r}? " if close else "") + "allowed: " + ", ".join(allowed)
    elif validator == "required":
        message = str(error.message).replace("is a required property", "is required here")
        given = error.instance if isinstance(error.instance, dict) else {}
        required: list[str] = list(schema.get("required", []))
        missing = [name for name in required if name not in given][:1]
        field_schema = schema.get("properties", {}).get(missing[0], {}) if missing else {}
        hint = field_schema.get("x-hint") or "see docs/manifest.md for the fields and an example"
    elif validator == "type":
        message = f"expected {error.validator_value}, got {_type_name(error.instance)}"
    elif validator in ("enum", "const"):
        value: Any = error.validator_value
        options = list(value) if validator == "enum" else [value]
        message = f"{excerpt(error.instance)} is not allowed; expected one of: " + ", ".join(
            json.dumps(o) for o in options
        )
    elif validator == "pattern":
        message = f"{excerpt(error.instance)} is not in the expected form"
    elif validator == "anyOf":
        message = f"{excerpt(error.instance)} is not allowed here"
        hint = hint or _first_hint(error)
    else:
        message = jsonschemas.short_message(error)
    return fail(document, path, message, hint)


def _first_hint(error: jsonschema.ValidationError) -> str | None:
    for sub in error.context or []:
        if isinstance(sub.schema, dict) and "x-hint" in sub.schema:
            return str(sub.schema["x-hint"])
    return None


def _type_name(value: Any) -> str:
    names = {bool: "boolean", int: "integer", float: "number", str: "string", list: "list"}
    if value is None:
        return "null (empty value)"
    if isinstance(value, dict):
        return "mapping"
    return names.get(type(value), type(value).__name__)
