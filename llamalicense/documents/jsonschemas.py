"""The JSON Schemas shipped in the package, and one cached validator for each.

Valid data is recognised by :mod:`llamalicense.documents.quickschema` where it can be;
``jsonschema`` (about 45 ms to import) is imported only when data needs its verdict or its
error message.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from llamalicense.documents.quickschema import Check, compile_check

if TYPE_CHECKING:
    import jsonschema


@cache
def schema(name: str) -> dict[str, Any]:
    """The schema ``schemas/<name>.schema.json`` (manifest, rule, waivers, report)."""
    text = (
        resources.files("llamalicense")
        .joinpath(f"schemas/{name}.schema.json")
        .read_text(encoding="utf-8")
    )
    loaded: dict[str, Any] = json.loads(text)
    return loaded


@cache
def validator(name: str) -> jsonschema.protocols.Validator:
    """A validator of the schema's own draft, built once per process."""
    import jsonschema

    document = schema(name)
    cls = jsonschema.validators.validator_for(document)
    built: jsonschema.protocols.Validator = cls(document)
    return built


@cache
def _quick(name: str) -> Check | None:
    return compile_check(schema(name))


def certainly_valid(name: str, data: Any) -> bool:
    """True when ``data`` is surely valid against the schema ``name`` (no jsonschema needed);
    False means "ask :func:`validator`", not "invalid"."""
    check = _quick(name)
    if check is None:
        return False
    try:
        return check(data)
    except RecursionError:  # deeper than the quick check goes: jsonschema decides
        return False
