"""Word a rule file's schema errors: the first problem, in the file's own terms.

``schemas/rule.schema.json`` describes both forms of a rule file and the predicate grammar
as alternatives (``anyOf``), which jsonschema reports as "is not valid under any of the
given schemas". Each alternative names the key that selects it (``x-key``: the operator,
``definition`` for the obligation form), so the error is worded from the alternative the
author meant: an unknown operator is named with the closest known one, and a wrong
argument is reported inside the operator it belongs to.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from llamalicense.documents import jsonschemas

if TYPE_CHECKING:
    import jsonschema

PathKey = tuple[str | int, ...]
SCHEMA = "rule"


@dataclass(frozen=True)
class Worded:
    path: PathKey
    message: str
    hint: str | None


def first_error(data: Any, line_of: Callable[[PathKey], int]) -> Worded | None:
    """The first schema error in ``data`` (in document order, by ``line_of``), or None."""
    if jsonschemas.certainly_valid(SCHEMA, data):
        return None
    errors = list(jsonschemas.validator(SCHEMA).iter_errors(data))
    if not errors:
        return None
    return _word(_first(errors, line_of), line_of)


def _first(
    errors: Iterable[jsonschema.ValidationError], line_of: Callable[[PathKey], int]
) -> jsonschema.ValidationError:
    return min(errors, key=lambda e: (line_of(tuple(e.absolute_path)), len(e.absolute_path)))


def _word(error: jsonschema.ValidationError, line_of: Callable[[PathKey], int]) -> Worded:
    path = tuple(error.absolute_path)
    schema: Mapping[str, Any] = error.schema if isinstance(error.schema, Mapping) else {}
    if error.validator == "anyOf":
        return _word_alternatives(error, schema, line_of)
    hint = schema.get("x-hint")
    if error.validator == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        given = error.instance if isinstance(error.instance, dict) else {}
        unknown = sorted(set(given) - set(allowed))
        if unknown:  # point at the field itself, as manifest errors do
            return Worded(
                (*path, unknown[0]),
                f"unknown field {unknown[0]!r}",
                _did_you_mean(unknown[0], allowed) + "allowed fields: " + ", ".join(allowed),
            )
    if error.validator == "enum" and "x-unknown" in schema:
        options = [str(o) for o in schema.get("enum", [])]
        said = _did_you_mean(str(error.instance), options)
        return Worded(path, f"unknown {schema['x-unknown']} {error.instance!r}", said + str(hint))
    return Worded(path, error.message, hint)


def _word_alternatives(
    error: jsonschema.ValidationError,
    schema: Mapping[str, Any],
    line_of: Callable[[PathKey], int],
) -> Worded:
    path = tuple(error.absolute_path)
    instance = error.instance
    alternatives = [_resolve(a) for a in schema["anyOf"]]
    keys = [str(a.get("x-key", "")) for a in alternatives]
    kind = schema.get("x-kind")
    chosen: int | None
    if kind == "form":
        chosen = 1 if isinstance(instance, dict) and "definition" in instance else 0
    else:
        comparisons = [k for k, a in zip(keys, alternatives, strict=True) if _compares(a)]
        problem, chosen = _choose(kind, instance, keys, comparisons, path)
        if problem is not None:
            return problem
    inside = [e for e in error.context or () if e.relative_schema_path[0] == chosen]
    if not inside:
        return Worded(path, error.message, schema.get("x-hint"))
    return _word(_first(inside, line_of), line_of)


def _choose(
    kind: Any, instance: Any, keys: list[str], comparisons: list[str], path: PathKey
) -> tuple[Worded | None, int | None]:
    """Which alternative ``instance`` means, or the problem that no alternative fits."""
    if not isinstance(instance, dict) or not instance:
        what = "a predicate" if kind == "predicate" else "this"
        return Worded(path, f"{what} must be a mapping with one operator", None), None
    if kind == "mode":
        name = path[-1] if path else "a quantifier"
        if len(instance) != 1 or next(iter(instance)) not in keys:
            message = f"`{name}` takes one of any:, all:, none: with a predicate"
            return Worded(path, message, _found(instance, keys)), None
        return None, keys.index(next(iter(instance)))
    if kind == "predicate" and "fact" in instance:
        given = [k for k in instance if k not in ("fact", "ignore_case")]
        ops = [k for k in given if k in comparisons]
        if len(ops) > 1:
            message = "a comparison has exactly one operator; found " + ", ".join(ops)
            return Worded(path, message, "wrap several comparisons in `all:` or `any:`"), None
        if not ops:
            message = "a comparison needs `fact` and one of: " + ", ".join(comparisons)
            return Worded(path, message, _found(instance, comparisons)), None
        return None, keys.index(ops[0])
    operators = [k for k in keys if k not in comparisons]
    if len(instance) != 1:
        message = "a predicate has exactly one operator; found " + ", ".join(sorted(instance))
        return Worded(path, message, "wrap several conditions in `all:` or `any:`"), None
    (op,) = instance
    if op not in operators:
        hint = _did_you_mean(str(op), operators) + "operators: " + ", ".join(sorted(operators))
        return Worded(path, f"unknown operator {op!r}", hint + "; a comparison has `fact:`"), None
    return None, keys.index(op)


def _compares(alternative: Mapping[str, Any]) -> bool:
    """A comparison's alternative requires `fact` beside its operator."""
    required = alternative.get("required", [])
    return isinstance(required, list) and "fact" in required


def _found(instance: Mapping[str, Any], known: list[str]) -> str:
    unknown = [str(k) for k in instance if k not in known and k not in ("fact", "ignore_case")]
    said = _did_you_mean(unknown[0], known) if unknown else ""
    return said + "found: " + ", ".join(sorted(str(k) for k in instance))


def _did_you_mean(word: str, options: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(options), n=1)
    return f"did you mean {close[0]!r}? " if close else ""


def _resolve(alternative: Any) -> Mapping[str, Any]:
    """An ``anyOf`` alternative, following a local ``$ref`` (``#/$defs/...``)."""
    if not isinstance(alternative, Mapping):
        return {}
    ref = alternative.get("$ref")
    if not isinstance(ref, str) or not ref.startswith("#/"):
        return alternative
    target: Any = jsonschemas.schema(SCHEMA)
    for part in ref[2:].split("/"):
        target = target.get(part, {}) if isinstance(target, Mapping) else {}
    return target if isinstance(target, Mapping) else {}
