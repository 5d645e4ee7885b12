"""The one schema-error worder: a ``jsonschema-rs`` error of a manifest, waivers file or rule
file, said for people, and the document order errors are reported in.

:func:`word` says an error in the document's own terms: an unknown field with the closest
allowed name, a missing field with its ``x-hint``, a wrong type, value or form, an unknown
fact (a schema's ``x-unknown`` enum) with the closest known one, "give `rule` or
`obligation`". A schema that describes a grammar as alternatives (``anyOf`` with an
``x-kind``, as the rule schema does for both forms of a rule file and for each operator of
the predicate language, each alternative naming its selecting key in ``x-key``) is worded
from the alternative the author meant: the form used, the operator given (a misspelt one is
named with the closest known), and then the first error inside that alternative.
:func:`position` is where a path sits in the document, for sorting errors the way it reads.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import jsonschema_rs

from llamalicense.documents.jsonpath import PathKey
from llamalicense.safetext import EXCERPT, excerpt

_Kind = jsonschema_rs.ValidationErrorKind


@dataclass(frozen=True)
class SchemaProblem:
    """What is wrong, where (the steps to the value), and how to fix it."""

    path: PathKey
    message: str
    hint: str | None


def word(
    error: jsonschema_rs.ValidationError, root: dict[str, Any], data: Any, default: str | None
) -> SchemaProblem:
    """``error`` (found in ``data`` against the schema ``root``) worded; ``default`` is the
    hint where the schema has none for it."""
    path: PathKey = tuple(error.instance_path)
    instance = _value_at(data, path, error.instance)
    where = _subschema(root, error.schema_path[:-1])
    hint: str | None = where.get("x-hint")
    kind = error.kind
    if isinstance(kind, _Kind.AnyOf) and "x-kind" in where:
        return _alternative(error, kind.context, where, root=root, data=data, default=default)
    if isinstance(kind, _Kind.AdditionalProperties):
        allowed = sorted(where.get("properties", {}))
        given = instance if isinstance(instance, dict) else {}
        unknown = [key for key in given if key not in allowed] or list(kind.unexpected)
        path = (*path, unknown[0])
        message = f"unknown field {excerpt(unknown[0])}"
        hint = _did_you_mean(unknown[0], allowed) + "allowed: " + ", ".join(allowed)
    elif isinstance(kind, _Kind.Required):
        message = f"{excerpt(kind.property)} is required here"
        field = where.get("properties", {}).get(kind.property, {})
        hint = field.get("x-hint") or hint
    elif isinstance(kind, _Kind.Type):
        message = f"expected {' or '.join(kind.types)}, got {_type_name(instance)}"
    elif isinstance(kind, _Kind.Enum | _Kind.Constant):
        message, hint = _not_listed(where, instance, hint)
    elif isinstance(kind, _Kind.Pattern):
        message = f"{excerpt(instance)} is not in the expected form"
    elif isinstance(kind, _Kind.AnyOf):
        message = f"{excerpt(instance)} is not allowed here"
        hint = hint or _first_hint(root, kind.context)
    elif isinstance(kind, _Kind.OneOfNotValid | _Kind.OneOfMultipleValid):
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


def first(
    errors: Iterable[jsonschema_rs.ValidationError], data: Any
) -> jsonschema_rs.ValidationError:
    """The error that comes first in the document (at one place, the most specific)."""
    return min(errors, key=lambda e: (position(data, tuple(e.instance_path)), -len(e.schema_path)))


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


# -- a grammar of alternatives (the rule schema) ---------------------------------------------


def _alternative(
    error: jsonschema_rs.ValidationError,
    context: Sequence[Sequence[jsonschema_rs.ValidationError]],
    where: dict[str, Any],
    *,
    root: dict[str, Any],
    data: Any,
    default: str | None,
) -> SchemaProblem:
    """An ``anyOf`` with an ``x-kind``, worded from the alternative ``error``'s value means
    (``context``: the errors of each alternative)."""
    path: PathKey = tuple(error.instance_path)
    instance = _value_at(data, path, error.instance)
    alternatives = [_resolve(root, a) for a in where["anyOf"]]
    keys = [str(a.get("x-key", "")) for a in alternatives]
    kind = where["x-kind"]
    if kind == "form":  # a rule, or an obligation (which has a `definition`)
        chosen = 1 if isinstance(instance, dict) and "definition" in instance else 0
    else:
        comparisons = [k for k, a in zip(keys, alternatives, strict=True) if _compares(a)]
        problem, chosen = _choose(kind, instance, keys, comparisons, path)
        if problem is not None:
            return problem
    inside = context[chosen] if chosen < len(context) else []
    if not inside:
        return SchemaProblem(
            path, f"{excerpt(instance)} is not allowed here", where.get("x-hint") or default
        )
    return word(first(inside, data), root, data, default)


def _choose(
    kind: Any, instance: Any, keys: list[str], comparisons: list[str], path: PathKey
) -> tuple[SchemaProblem | None, int]:
    """Which alternative ``instance`` means, or the problem that no alternative fits."""
    if not isinstance(instance, dict) or not instance:
        what = "a predicate" if kind == "predicate" else "this"
        return SchemaProblem(path, f"{what} must be a mapping with one operator", None), 0
    if kind == "mode":
        name = path[-1] if path else "a quantifier"
        if len(instance) != 1 or next(iter(instance)) not in keys:
            message = f"`{name}` takes one of any:, all:, none: with a predicate"
            return SchemaProblem(path, message, _found(instance, keys)), 0
        return None, keys.index(next(iter(instance)))
    if kind == "predicate" and "fact" in instance:
        given = [k for k in instance if k not in ("fact", "ignore_case")]
        ops = [k for k in given if k in comparisons]
        if len(ops) > 1:
            message = "a comparison has exactly one operator; found " + ", ".join(ops)
            return SchemaProblem(path, message, "wrap several comparisons in `all:` or `any:`"), 0
        if not ops:
            message = "a comparison needs `fact` and one of: " + ", ".join(comparisons)
            return SchemaProblem(path, message, _found(instance, comparisons)), 0
        return None, keys.index(ops[0])
    operators = [k for k in keys if k not in comparisons]
    if len(instance) != 1:
        message = "a predicate has exactly one operator; found " + ", ".join(sorted(instance))
        return SchemaProblem(path, message, "wrap several conditions in `all:` or `any:`"), 0
    (op,) = instance
    if op not in operators:
        hint = _did_you_mean(str(op), operators) + "operators: " + ", ".join(sorted(operators))
        hint += "; a comparison has `fact:`"
        return SchemaProblem(path, f"unknown operator {op!r}", hint), 0
    return None, keys.index(op)


def _compares(alternative: Mapping[str, Any]) -> bool:
    """A comparison's alternative requires `fact` beside its operator."""
    required = alternative.get("required", [])
    return isinstance(required, list) and "fact" in required


def _found(instance: Mapping[str, Any], known: list[str]) -> str:
    unknown = [str(k) for k in instance if k not in known and k not in ("fact", "ignore_case")]
    said = _did_you_mean(unknown[0], known) if unknown else ""
    return said + "found: " + ", ".join(sorted(str(k) for k in instance))


def _resolve(root: dict[str, Any], alternative: Any) -> Mapping[str, Any]:
    """An ``anyOf`` alternative, following a local ``$ref`` (``#/$defs/...``)."""
    if not isinstance(alternative, Mapping):
        return {}
    ref = alternative.get("$ref")
    if not isinstance(ref, str) or not ref.startswith("#/"):
        return alternative
    return _subschema(root, ref[2:].split("/"))


# -- helpers -----------------------------------------------------------------------------------


def _did_you_mean(word: str, options: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(options), n=1)
    return f"did you mean {close[0]!r}? " if close else ""


def _not_listed(where: dict[str, Any], instance: Any, hint: str | None) -> tuple[str, str | None]:
    """A value not in an ``enum``: an unknown name (``x-unknown``: a fact, an evidence fact)
    with the closest known one, else the values allowed."""
    options = where["enum"] if "enum" in where else [where.get("const")]
    if "x-unknown" in where:
        said = _did_you_mean(str(instance), [str(option) for option in options])
        return f"unknown {where['x-unknown']} {excerpt(instance)}", said + (hint or "")
    allowed = ", ".join(json.dumps(option) for option in options)
    return f"{excerpt(instance)} is not allowed; expected one of: {allowed}", hint


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


def _subschema(root: dict[str, Any], steps: Sequence[str | int]) -> dict[str, Any]:
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


def _type_name(value: Any) -> str:
    names = {bool: "boolean", int: "integer", float: "number", str: "string", list: "list"}
    if value is None:
        return "null (empty value)"
    if isinstance(value, dict):
        return "mapping"
    return names.get(type(value), type(value).__name__)
