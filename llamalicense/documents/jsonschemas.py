"""The JSON Schemas shipped in the package (manifest, rule, waivers, report), each checked
with one cached ``jsonschema-rs`` validator, and their first (or every) error in document
order, worded for people by :mod:`llamalicense.documents.schema_words`.

:func:`first_problem` answers "valid?" (in Rust, about 0.06 s for a 100,000-component
manifest); only for invalid data does it ask for the errors, and of those it words the first
in document order (an error in item 2 before one in item 10; keys in the order the document
gives them; at one place, the most specific error). Callers turn the :class:`SchemaProblem`
into their own error with the file, line, column and JSON path.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

import jsonschema_rs

from llamalicense.documents.jsonpath import PathKey
from llamalicense.documents.schema_words import SchemaProblem, position, word

__all__ = ["SchemaProblem", "first_problem", "problems", "schema"]


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
    worded = [(word(error, root, data, default), len(error.schema_path)) for error in errors]
    worded.sort(key=lambda item: (position(data, item[0].path), -item[1]))
    out: list[SchemaProblem] = []
    seen: set[PathKey] = set()
    for problem, _ in worded:
        if problem.path in seen:
            continue
        seen.add(problem.path)
        out.append(problem)
    return out
