"""Output formats: each is ``render(report, options) -> str`` in one module, found by name."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib import import_module

from llamalicense.errors import InputError
from llamalicense.report import Report


@dataclass(frozen=True)
class RenderOptions:
    explain: bool = False
    color: bool = False
    exit_code: int = 0
    fail_on: str = "violation"
    # Rule metadata by id (title, quote, clause, ...) for formats that describe every rule.
    rule_meta: Mapping[str, Mapping[str, str]] = field(default_factory=dict)


Renderer = Callable[[Report, RenderOptions], str]

# name -> module under llamalicense.formats; a new format is one module and one line here.
_MODULES = {
    "text": "text",
    "json": "json_format",
    "sarif": "sarif",
    "markdown": "markdown",
    "junit": "junit",
    "dot": "dot",
}
FORMATS = tuple(_MODULES)


def get(name: str) -> Renderer:
    """The renderer for ``name``; an unknown name is a usage error."""
    if name not in _MODULES:
        raise InputError(f"unknown format {name!r}", hint="formats: " + ", ".join(FORMATS))
    module = import_module(f"llamalicense.formats.{_MODULES[name]}")
    renderer: Renderer = module.render
    return renderer
