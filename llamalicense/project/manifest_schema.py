"""The manifest's JSON Schema check.

Every error, in document order, worded by :func:`llamalicense.documents.jsonschemas.problems` (an
unknown field with the closest allowed name, a missing field with the schema's ``x-hint``,
a wrong type, value or form), is raised as one :class:`ManifestError`: the first with the
file, line, column and JSON path, the next ones (up to :data:`MAX_ERRORS` in all) rendered
after it, each with its place and hint.
"""

from __future__ import annotations

from typing import Any

from llamalicense.documents import jsonschemas
from llamalicense.documents.loader import Document
from llamalicense.errors import ManifestError
from llamalicense.project.manifest_checks import MAX_ERRORS, fail, raise_all

__all__ = ["MAX_ERRORS", "check_schema", "manifest_schema"]

_HINT = "see docs/manifest.md for the fields and an example"


def manifest_schema() -> dict[str, Any]:
    """The manifest's JSON Schema, as shipped in the package."""
    return jsonschemas.schema("manifest")


def check_schema(document: Document) -> None:
    """Raise the schema errors of ``document`` (the first, in document order, with the
    next ones up to MAX_ERRORS in all), worded for people."""
    data = document.data
    if not isinstance(data, dict):
        raise ManifestError(
            "the manifest must be a mapping with `version: 1` and `components:`",
            file=document.path,
            line=1,
            hint="see docs/manifest.md for a complete example",
        )
    found = jsonschemas.problems("manifest", data, _HINT)
    if not found:
        return
    raise_all([fail(document, p.path, p.message, p.hint) for p in found[:MAX_ERRORS]], len(found))
