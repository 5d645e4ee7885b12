"""The JSON Schemas shipped in the package, and one cached validator for each.

Valid data is recognised by :mod:`llamalicense.documents.quickschema` where it can be;
``jsonschema`` (about 45 ms to import) is imported only when data needs its verdict or its
error message.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from llamalicense.documents.quickschema import Check, compile_check, strict_pattern
from llamalicense.safetext import EXCERPT, excerpt

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
    """A validator of the schema's own draft, built once per process, whose ``pattern``
    reads a final ``$`` as the end of the string (:func:`strict_pattern`)."""
    import jsonschema

    document = schema(name)
    cls = jsonschema.validators.validator_for(document)
    strict = jsonschema.validators.extend(cls, {"pattern": _pattern})  # type: ignore[no-untyped-call]
    built: jsonschema.protocols.Validator = strict(document)
    return built


def _pattern(
    validator: jsonschema.protocols.Validator, pattern: str, instance: Any, schema: Any
) -> Iterator[jsonschema.ValidationError]:
    import jsonschema

    del validator, schema
    if isinstance(instance, str) and not re.search(strict_pattern(pattern), instance):
        yield jsonschema.ValidationError(f"{excerpt(instance)} does not match {pattern!r}")


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


def short_message(error: jsonschema.ValidationError) -> str:
    """jsonschema's message for ``error`` when it is short, else one that quotes only an
    excerpt of the value: its messages repeat the whole value, which may be a long string,
    a whole object, or a file read by mistake (a token must not end up in a public log)."""
    message = str(error.message)
    if len(message) <= 2 * EXCERPT:
        return message
    return f"{excerpt(error.instance)} is not valid here (`{error.validator}` in the schema)"
