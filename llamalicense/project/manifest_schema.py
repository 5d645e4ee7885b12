"""The manifest's JSON Schema check.

The first error in document order, worded by :func:`llamalicense.jsonschemas.first_problem`
(an unknown field with the closest allowed name, a missing field with the schema's
``x-hint``, a wrong type, value or form), is raised as a :class:`ManifestError` with the
file, line, column and JSON path.
"""

from __future__ import annotations

from typing import Any

from llamalicense.documents import jsonschemas
from llamalicense.documents.loader import Document
from llamalicense.errors import ManifestError
from llamalicense.project.manifest_checks import fail

_HINT = "see docs/manifest.md for the fields and an example"


def manifest_schema() -> dict[str, Any]:
    """The manifest's JSON Schema, as shipped in the package."""
    return jsonschemas.schema("manifest")


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
    problem = jsonschemas.first_problem("manifest", data, _HINT)
    if problem is not None:
        raise fail(document, problem.path, problem.message, problem.hint)
