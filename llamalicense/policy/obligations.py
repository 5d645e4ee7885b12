"""One file per obligation: a table of Llama versions and one definition they fill in.

A clause read the same way in several versions is written once::

    obligation: notice
    versions:
      - license: llama-3.1
        id: LLAMA-3.1-NOTICE
        name: Llama 3.1
        quote: You must retain in all copies ...
      - ...
    definition:
      clause: 1.b.iii
      title: A Notice file carries the {version.name} attribution sentence
      quote: "{version.quote}"
      ...

:func:`expand` turns each row into the mapping a one-rule file would hold: the definition
with every ``{version.COLUMN}`` in its strings replaced by the row's value, the row's ``id``
and ``license``, the file's ``obligation``, and the fields the row ``overrides`` (a version
whose text really says something else; ``differs`` says how, and must when the row
replaces a predicate, clause or quote). Filling is plain text
replacement, once, in strings only: no code, and a value is never filled in again.

Every column a row names must be used, and every column the definition names must be in
every row, so a typo is a load error, not a silent blank. Errors name the place in the
obligation file: the row's column for a quote that is only ``{version.quote}``, the row's
override, or the definition.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from llamalicense.documents.jsonpath import render as json_path
from llamalicense.documents.loader import Document
from llamalicense.errors import RuleError

PLACEHOLDER = re.compile(r"\{version\.([a-z][a-z0-9_]*)\}")
PathKey = tuple[str | int, ...]
# Overriding these changes what the rule checks or quotes, so the row must say why (differs:);
# a row may reword a title, description or message without a reason.
SUBSTANCE = frozenset(
    ("clause", "quote", "quote_source", "related", "applies_to", "require", "review_if")
)


@dataclass(frozen=True)
class Expanded:
    """One version's rule, as a one-rule file would hold it, and where its parts came from."""

    raw: dict[str, Any]
    origin: Callable[[PathKey], PathKey]  # a path in ``raw`` -> the path in the obligation file
    columns: dict[str, Any]  # the row's values (id and license too): fixtures fill them in


def is_obligation(data: Any) -> bool:
    """True for the obligation form (it has a ``definition``), false for a one-rule file."""
    return isinstance(data, dict) and "definition" in data


def expand(document: Document, order: tuple[str, ...]) -> list[Expanded]:
    """Every version row of an obligation file (already schema-checked) as a rule mapping.

    ``order`` is the versions' order (rules/versions.yaml): rows must follow it, once each.
    """
    data = document.data
    rows: list[dict[str, Any]] = data["versions"]
    _check_rows(document, rows, order)
    used = placeholders(data["definition"])
    expanded = []
    for index, row in enumerate(rows):
        overrides: dict[str, Any] = row.get("overrides", {})
        columns = {k: v for k, v in row.items() if k not in ("differs", "overrides")}
        for column in sorted(set(columns) - used - placeholders(overrides) - {"license", "id"}):
            raise _error(
                document,
                f"column {column!r} of {row['license']} is not used by the definition",
                ("versions", index, column),
                f"name it as {{version.{column}}} in the definition, or remove it",
            )
        templates = {**data["definition"], **overrides}
        sources: dict[str, PathKey] = {
            "id": ("versions", index, "id"),
            "license": ("versions", index, "license"),
            "obligation": ("obligation",),
        }
        raw: dict[str, Any] = {"id": row["id"], "license": row["license"]}
        raw["obligation"] = data["obligation"]
        for field, template in templates.items():
            where = ("versions", index, "overrides", field)
            sources[field] = where if field in overrides else ("definition", field)
            raw[field] = _fill(document, template, columns, sources[field])
            whole = _whole_column(template)
            if whole is not None:  # only "{version.quote}": errors point at the row's quote
                sources[field] = ("versions", index, whole)
        expanded.append(Expanded(raw, _origin(sources, ("versions", index)), columns))
    return expanded


def fill(value: Any, columns: Mapping[str, Any]) -> Any:
    """``value`` with ``{version.COLUMN}`` in its strings replaced (fixtures use it too).

    Raises:
        KeyError: a placeholder names a column ``columns`` lacks (its name is the key).
    """
    if isinstance(value, str):
        return PLACEHOLDER.sub(lambda m: str(columns[m.group(1)]), value)
    if isinstance(value, list):
        return [fill(item, columns) for item in value]
    if isinstance(value, dict):
        return {key: fill(item, columns) for key, item in value.items()}
    return value


def placeholders(value: Any) -> set[str]:
    """The column names ``value`` refers to, anywhere in its strings."""
    if isinstance(value, str):
        return set(PLACEHOLDER.findall(value))
    if isinstance(value, list):
        return set().union(*(placeholders(item) for item in value))
    if isinstance(value, dict):
        return set().union(*(placeholders(item) for item in value.values()))
    return set()


def _fill(document: Document, template: Any, columns: Mapping[str, Any], where: PathKey) -> Any:
    missing = sorted(placeholders(template) - set(columns))
    if missing:
        raise _error(
            document,
            f"{{version.{missing[0]}}} names a column that the {columns['license']} row "
            "does not have",
            where,
            _did_you_mean(missing[0], columns)
            + f"add {missing[0]}: to every row of versions, or correct the name",
        )
    return fill(template, columns)


def _whole_column(template: Any) -> str | None:
    """The column a field that is nothing but ``{version.COLUMN}`` comes from."""
    if not isinstance(template, str):
        return None
    match = PLACEHOLDER.fullmatch(template.strip())
    return match.group(1) if match else None


def _origin(sources: Mapping[str, PathKey], row: PathKey) -> Callable[[PathKey], PathKey]:
    """Where a path of an expanded rule lies in the obligation file."""

    def origin(path: PathKey) -> PathKey:
        if not path or path[0] not in sources:
            return row
        return (*sources[str(path[0])], *path[1:])

    return origin


def _check_rows(document: Document, rows: list[dict[str, Any]], order: tuple[str, ...]) -> None:
    last = -1
    for index, row in enumerate(rows):
        license_id = row["license"]
        position = order.index(license_id)
        if position <= last:
            raise _error(
                document,
                f"the {license_id} row is out of order or given twice",
                ("versions", index, "license"),
                "one row per version, in the order " + ", ".join(order),
            )
        last = position
        substance = sorted(set(row.get("overrides", {})) & SUBSTANCE)
        if substance and "differs" not in row:
            raise _error(
                document,
                f"the {license_id} row overrides {substance[0]} without saying why",
                ("versions", index, "overrides", substance[0]),
                "add differs: with a sentence on how this version's text differs",
            )


def _did_you_mean(word: str, options: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(options), n=1)
    return f"did you mean {{version.{close[0]}}}? " if close else ""


def _error(document: Document, message: str, path: PathKey, hint: str) -> RuleError:
    located = document.locate(path)
    return RuleError(
        message,
        file=document.path,
        line=located[0] if located else None,
        column=located[1] if located else None,
        json_path=json_path(path),
        hint=hint,
    )
