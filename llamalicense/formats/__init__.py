"""Output formats: each is ``render(report, options) -> str`` in one module, found by name."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from llamalicense.errors import InputError
from llamalicense.report import Report


@dataclass(frozen=True)
class RenderOptions:
    explain: bool = False
    color: bool = False


Renderer = Callable[[Report, RenderOptions], str]


def _registry() -> dict[str, Renderer]:
    from llamalicense.formats import json_format, text

    return {"text": text.render, "json": json_format.render}


FORMATS = ("text", "json")


def get(name: str) -> Renderer:
    """The renderer for ``name``; an unknown name is a usage error."""
    registry = _registry()
    if name not in registry:
        raise InputError(f"unknown format {name!r}", hint="formats: " + ", ".join(sorted(registry)))
    return registry[name]
