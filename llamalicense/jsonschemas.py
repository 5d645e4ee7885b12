"""The JSON Schemas shipped in the package, and one cached validator for each."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

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
    document = schema(name)
    cls = jsonschema.validators.validator_for(document)
    built: jsonschema.protocols.Validator = cls(document)
    return built
