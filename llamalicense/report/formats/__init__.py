"""Output formats: each is ``render(report, options) -> str`` in one module, found by name.

A format may also have ``render_chunks(report, options)``: the same text in pieces, so the CLI
can write a large report without holding all of it (the text format does), and
``render_encoded(report, options, encoding, errors)``: those pieces encoded, which it can make
more cheaply than the CLI could encode them (the text format, again)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

from llamalicense.errors import InputError
from llamalicense.model.findings import Report


@dataclass(frozen=True)
class RenderOptions:
    explain: bool = False
    color: bool = False
    exit_code: int = 0
    fail_on: str = "violation"
    # Which findings the text report lists in full: "all", or "open" (violations and
    # needs-review, with one line summing up the rest). The CLI's default is "open"; the
    # machine formats (JSON, SARIF, ...) always keep every finding.
    show: str = "all"
    # Rule metadata by id (title, quote, clause, ...) for formats that describe every rule.
    rule_meta: Mapping[str, Mapping[str, str]] = field(default_factory=dict)


Renderer = Callable[[Report, RenderOptions], str]
ChunkRenderer = Callable[[Report, RenderOptions], Iterable[str]]
EncodedRenderer = Callable[[Report, RenderOptions, str, str], Iterable[bytes]]
Utf8Renderer = Callable[[Report, RenderOptions], Iterable[bytes]]

# name -> module under llamalicense.report.formats; a new format is one module and one line here.
_MODULES = {
    "text": "text",
    "json": "json_format",
    "sarif": "sarif",
    "markdown": "markdown",
    "junit": "junit",
    "dot": "dot",
    "html": "html",
}
FORMATS = tuple(_MODULES)


def get(name: str) -> Renderer:
    """The renderer for ``name``; an unknown name is a usage error."""
    renderer: Renderer = _module(name).render
    return renderer


def get_chunks(name: str) -> ChunkRenderer:
    """The renderer for ``name`` in pieces: its ``render_chunks``, or else its whole text as
    one piece."""
    module = _module(name)
    chunks: ChunkRenderer | None = getattr(module, "render_chunks", None)
    if chunks is not None:
        return chunks
    render: Renderer = module.render
    return lambda report, options: (render(report, options),)


def get_encoded(name: str) -> EncodedRenderer | None:
    """The renderer for ``name`` in encoded pieces (``render_encoded(report, options,
    encoding, errors)``), if the format has one."""
    encoded: EncodedRenderer | None = getattr(_module(name), "render_encoded", None)
    return encoded


def get_utf8(name: str) -> Utf8Renderer:
    """The renderer for ``name`` in UTF-8 pieces, as files are written: its
    ``render_encoded``, or else its pieces encoded one by one."""
    encoded = get_encoded(name)
    chunks = get_chunks(name)
    if encoded is not None:
        return lambda report, options: encoded(report, options, "utf-8", "strict")
    return lambda report, options: (piece.encode("utf-8") for piece in chunks(report, options))


def encodes_in_pieces(encoding: str) -> bool:
    """Whether text encoded piece by piece in ``encoding`` is the text encoded whole (not
    for encodings that begin each piece with a byte-order mark, such as UTF-16)."""
    try:
        return "a\u201cb".encode(encoding, "replace") == b"".join(
            c.encode(encoding, "replace") for c in "a\u201cb"
        )
    except LookupError:
        return False


def _module(name: str) -> Any:
    if name not in _MODULES:
        raise InputError(f"unknown format {name!r}", hint="formats: " + ", ".join(FORMATS))
    return import_module(f"llamalicense.report.formats.{_MODULES[name]}")
