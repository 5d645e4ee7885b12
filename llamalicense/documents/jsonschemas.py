"""The JSON Schemas shipped in the package, checked with ``jsonschema-rs``, and the wording
of a manifest's or waivers file's schema errors for people (rule files are worded by
:mod:`llamalicense.policy.rule_errors`, from Python ``jsonschema``'s errors: :func:`validator`).

:func:`first_problem` answers "valid?" (in Rust, about 0.06 s for a 100,000-component
manifest); only for invalid data does it ask for the errors, and of those it words the first
in document order (an error in item 2 before one in item 10; keys in the order the document
gives them; at one place, the most specific error): an unknown field with the closest allowed
name, a missing field with its ``x-hint``, a wrong type, value or form. Callers turn the
:class:`SchemaProblem` into their own error with the file, line, column and JSON path.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import jsonschema_rs

from llamalicense.documents.jsonpath import PathKey
from llamalicense.safetext import EXCERPT, excerpt

_Kind = jsonschema_rs.ValidationErrorKind

if TYPE_CHECKING:
    import jsonschema


@dataclass(frozen=True)
class SchemaProblem:
    """What is wrong, where (the steps to the value), and how to fix it."""

    path: PathKey
    message: str
    hint: str | None


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
def _checker(name: str) -> jsonschema_rs.Validator:
    """A jsonschema-rs validator of the schema's own draft, built once per process."""
    return jsonschema_rs.validator_for(schema(name))


def certainly_valid(name: str, data: Any) -> bool:
    """Whether ``data`` is valid against the schema ``name`` (jsonschema-rs); False also for
    data it cannot take (nested too deeply), which :func:`validator` then judges."""
    try:
        return _checker(name).is_valid(data)
    except ValueError:
        return False


@cache
def validator(name: str) -> jsonschema.protocols.Validator:
    """The Python ``jsonschema`` validator of the schema, for the rule-file worder
    (:mod:`llamalicense.policy.rule_errors`), which reads its errors' ``anyOf`` context;
    imported only when a rule file is invalid."""
    import jsonschema

    document = schema(name)
    cls = jsonschema.validators.validator_for(document)
    strict = jsonschema.validators.extend(cls, {"pattern": _pattern})  # type: ignore[no-untyped-call]
    built: jsonschema.protocols.Validator = strict(document)
    return built


def strict_pattern(pattern: str) -> str:
    """``pattern`` with a final ``$`` made ``\\Z``: in Python ``$`` also matches before a
    final line break, so ``^[A-Z]{2}$`` would accept ``"DE\\n"``. JSON Schema means the
    end of the string (ECMA-262, as jsonschema-rs reads it), and so do the shipped schemas."""
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        return pattern[:-1] + "\\Z"
    return pattern


def _pattern(
    validator: jsonschema.protocols.Validator, pattern: str, instance: Any, schema: Any
) -> Iterator[jsonschema.ValidationError]:
    import jsonschema

    del validator, schema
    if isinstance(instance, str) and not re.search(strict_pattern(pattern), instance):
        yield jsonschema.ValidationError(f"{excerpt(instance)} does not match {pattern!r}")


def short_message(error: jsonschema.ValidationError) -> str:
    """jsonschema's message for ``error`` when it is short, else one that quotes only an
    excerpt of the value: its messages repeat the whole value, which may be a long string,
    a whole object, or a file read by mistake (a token must not end up in a public log)."""
    message = str(error.message)
    if len(message) <= 2 * EXCERPT:
        return message
    return f"{excerpt(error.instance)} is not valid here (`{error.validator}` in the schema)"


def first_problem(name: str, data: Any, default_hint: str | None = None) -> SchemaProblem | None:
    """The first error of ``data`` against the schema ``name`` in document order, worded
    (``default_hint`` where the schema has none for it); None when ``data`` is valid."""
    check = _checker(name)
    try:
        if check.is_valid(data):
            return None
        errors = list(check.iter_errors(data))
    except ValueError as exc:  # data the validator cannot take: nested too deeply
        return SchemaProblem(
            (),
            f"cannot be checked against the schema: {exc}",
            "a document this deep is not one the tool writes or reads; check the file",
        )
    if not errors:
        return None
    return _worded(errors, name, data, default_hint)[0]


def problems(name: str, data: Any, default_hint: str | None = None) -> list[SchemaProblem]:
    """Every error of ``data`` against the schema ``name``, worded, in document order (at
    one place the most specific only); empty when ``data`` is valid."""
    check = _checker(name)
    try:
        if check.is_valid(data):
            return []
    except ValueError:  # nested too deeply: first_problem words it
        pass
    found = first_problem(name, data, default_hint)
    if found is None:
        return []
    try:
        errors = list(check.iter_errors(data))
    except ValueError:
        return [found]
    return _worded(errors, name, data, default_hint)


def _worded(
    errors: list[jsonschema_rs.ValidationError], name: str, data: Any, default: str | None
) -> list[SchemaProblem]:
    """The errors worded, in document order, one per place (its most specific error)."""
    root = schema(name)
    worded = [(_word(error, root, data, default), len(error.schema_path)) for error in errors]
    worded.sort(key=lambda item: (position(data, item[0].path), -item[1]))
    out: list[SchemaProblem] = []
    seen: set[PathKey] = set()
    for problem, _ in worded:
        if problem.path in seen:
            continue
        seen.add(problem.path)
        out.append(problem)
    return out


def _word(
    error: jsonschema_rs.ValidationError, root: dict[str, Any], data: Any, default: str | None
) -> SchemaProblem:
    path: PathKey = tuple(error.instance_path)
    instance = _value_at(data, path, error.instance)
    where = _subschema(root, error.schema_path[:-1])
    hint: str | None = where.get("x-hint")
    kind = error.kind
    if isinstance(kind, _Kind.AdditionalProperties):
        allowed = sorted(where.get("properties", {}))
        given = instance if isinstance(instance, dict) else {}
        unknown = [key for key in given if key not in allowed] or list(kind.unexpected)
        path = (*path, unknown[0])
        close = difflib.get_close_matches(unknown[0], allowed, n=1)
        message = f"unknown field {excerpt(unknown[0])}"
        hint = (f"did you mean {close[0]!r}? " if close else "") + "allowed: " + ", ".join(allowed)
    elif isinstance(kind, _Kind.Required):
        message = f"{excerpt(kind.property)} is required here"
        field = where.get("properties", {}).get(kind.property, {})
        hint = field.get("x-hint") or hint
    elif isinstance(kind, _Kind.Type):
        message = f"expected {' or '.join(kind.types)}, got {_type_name(instance)}"
    elif isinstance(kind, _Kind.Enum | _Kind.Constant):
        options = where["enum"] if "enum" in where else [where.get("const")]
        message = f"{excerpt(instance)} is not allowed; expected one of: " + ", ".join(
            json.dumps(option) for option in options
        )
    elif isinstance(kind, _Kind.Pattern):
        message = f"{excerpt(instance)} is not in the expected form"
    elif isinstance(kind, _Kind.AnyOf):
        message = f"{excerpt(instance)} is not allowed here"
        hint = hint or _first_hint(root, kind.context)
    elif isinstance(
        kind,
        _Kind.OneOfNotValid | _Kind.OneOfMultipleValid,
    ):
        message, hint = _one_of(where, instance, kind, hint)
    elif isinstance(kind, _Kind.MinLength):
        short = "should be non-empty" if where.get("minLength") == 1 else "is too short"
        message = f"{excerpt(instance)} {short}"
    elif isinstance(kind, _Kind.Minimum):
        message = f"{excerpt(instance)} is less than the minimum of {where.get('minimum')!r}"
    elif len(error.message) <= 2 * EXCERPT:
        message = error.message
    else:  # the library's message repeats the whole value
        message = f"{excerpt(instance)} is not valid here (`{kind.name}` in the schema)"
    return SchemaProblem(path, message, hint or default)


def _one_of(
    where: dict[str, Any], instance: Any, kind: Any, hint: str | None
) -> tuple[str, str | None]:
    """A ``oneOf`` whose alternatives each require one field ("give `rule` or `obligation`"),
    else the forms in general."""
    alternatives = where.get("oneOf", [])
    fields = [
        alt["required"][0]
        for alt in alternatives
        if isinstance(alt, dict) and list(alt) == ["required"] and len(alt["required"]) == 1
    ]
    if fields and len(fields) == len(alternatives):
        given = instance if isinstance(instance, dict) else {}
        several = sum(name in given for name in fields) > 1
        message = "give " + " or ".join(f"`{name}`" for name in fields)
        field_hint = where.get("properties", {}).get(fields[0], {}).get("x-hint")
        return message + (", not both" if several else ""), hint or field_hint
    if isinstance(kind, _Kind.OneOfMultipleValid):
        return f"{excerpt(instance)} matches more than one of the allowed forms", hint
    return f"{excerpt(instance)} matches none of the allowed forms", hint


def _first_hint(
    root: dict[str, Any], context: list[list[jsonschema_rs.ValidationError]]
) -> str | None:
    for branch in context:
        for sub in branch:
            found = _subschema(root, sub.schema_path[:-1]).get("x-hint")
            if found:
                return str(found)
    return None


def _subschema(root: dict[str, Any], steps: list[str | int]) -> dict[str, Any]:
    """The schema object at ``steps`` (a validator's schema path, references already
    followed), or {} where there is none."""
    node: Any = root
    for step in steps:
        inside = (isinstance(node, dict) and isinstance(step, str) and step in node) or (
            isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node)
        )
        if not inside:
            return {}
        node = node[step]
    return node if isinstance(node, dict) else {}


def _value_at(data: Any, path: PathKey, fallback: Any) -> Any:
    """The value at ``path`` in ``data`` as the caller gave it (the validator's copy is
    JSON: a NaN there is null)."""
    node = data
    for step in path:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            return fallback
    return node


def position(data: Any, path: PathKey) -> tuple[int, ...]:
    """Where ``path`` is in the document: list indices, and for keys their place in the
    object as written (the loader keeps the document's order)."""
    places: list[int] = []
    node = data
    for step in path:
        if isinstance(node, dict):
            keys = list(node)
            places.append(keys.index(step) if step in node else len(keys))
            node = node.get(step)
        elif isinstance(node, list) and isinstance(step, int):
            places.append(step)
            node = node[step] if 0 <= step < len(node) else None
        else:
            places.append(0)
            node = None
    return tuple(places)


def _type_name(value: Any) -> str:
    names = {bool: "boolean", int: "integer", float: "number", str: "string", list: "list"}
    if value is None:
        return "null (empty value)"
    if isinstance(value, dict):
        return "mapping"
    return names.get(type(value), type(value).__name__)
