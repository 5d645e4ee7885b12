"""``--format json``: the whole report, stable and sorted, byte-identical for the same input.

Its JSON Schema ships in the package (``schemas/report.schema.json``).

The text is exactly ``json.dumps(report.to_dict(), indent=2, sort_keys=True,
ensure_ascii=False)`` and a newline, but made here: the standard library writes indented JSON
with its pure-Python encoder, which dominates the run time of a large report. This writer
gives the same bytes several times faster, writes each explanation tree once (findings with
equal explanations share the same objects, see :mod:`llamalicense.engine.decisions`, so the text of
such a tree is reused), and makes the long lists item by item (:func:`render_chunks`), so a
large report is never held whole. An item it does not know how to write (a key that is not
a string, a value that is not JSON) is left to ``json.dumps``, so errors and edge cases stay
the standard library's.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from json.encoder import encode_basestring
from typing import Any

from llamalicense.model.findings import Report
from llamalicense.report.formats import RenderOptions
from llamalicense.speed.gcpause import paused

_SHARED_KEYS = frozenset({"explanation"})  # values written once per object, then reused


def render(report: Report, options: RenderOptions) -> str:
    with paused():
        return "".join(render_chunks(report, options))


# Items of the long lists (components, edges, findings) written per piece.
_ITEMS_PER_PIECE = 256


def render_chunks(report: Report, options: RenderOptions) -> Iterator[str]:
    """The report in pieces, each item of its long lists made (as data and as text) when it
    is written, so a large report is never held whole; joined, the pieces are
    ``json.dumps(report.to_dict(), indent=2, sort_keys=True, ensure_ascii=False)`` and a
    newline."""
    del options  # the JSON report always carries the explanation trees
    head = report.head_dict()
    lists = report.item_dicts(explain=True)
    writer = _Writer()
    separator = "{\n  "
    for key in sorted([*head, *lists]):
        yield separator + encode_basestring(key) + ": "
        separator = ",\n  "
        if key in lists:
            yield from _list_pieces(writer, lists[key])
        else:
            yield _text(writer, head[key], 1)
    yield "\n}\n"


def dumps(data: Any) -> str:
    """``json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False)``, faster (for
    other JSON formats, such as SARIF)."""
    return _text(_Writer(), data, 0)


def _list_pieces(writer: _Writer, items: Iterator[Any]) -> Iterator[str]:
    """A list at the report's second level, item by item (``[]`` when empty)."""
    piece: list[str] = []
    separator = "[\n    "
    for item in items:
        piece.append(separator)
        piece.append(_text(writer, item, 2))
        separator = ",\n    "
        if len(piece) >= 2 * _ITEMS_PER_PIECE:
            yield "".join(piece)
            piece.clear()
    if separator == "[\n    ":
        yield "[]"
        return
    piece.append("\n  ]")
    yield "".join(piece)


def _text(writer: _Writer, value: Any, level: int) -> str:
    """``value`` as it appears ``level`` deep in the indented report."""
    try:
        return writer.value(value, level)
    except _Unusual:
        writer.depth = 0  # it was given up half way
        text = json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False)
        return text.replace("\n", "\n" + "  " * level)  # JSON strings hold no raw newline


class _Unusual(Exception):
    """Something the standard library handles in its own way (or rejects)."""


_INFINITY = float("inf")
_Container = list[Any] | tuple[Any, ...] | dict[Any, Any]


class _Writer:
    def __init__(self) -> None:
        # (id, level) -> text, for objects under a shared key; they stay alive (the data being
        # written holds them) for as long as this writer exists, so ids are not reused.
        self.memo: dict[tuple[int, int], str] = {}
        self.depth = 0

    def stream(self, value: Any, level: int, chunks: list[str]) -> None:
        """Write the top two levels (the report, its lists) as chunks, deeper ones as strings."""
        if level >= 2 or not isinstance(value, list | tuple | dict) or not value:
            chunks.append(self.value(value, level))
            return
        inner = "\n" + "  " * (level + 1)
        separator = inner
        if isinstance(value, dict):
            chunks.append("{")
            for key, item in _sorted_items(value):
                chunks.append(separator)
                separator = "," + inner
                chunks.append(encode_basestring(key) + ": ")
                if key in _SHARED_KEYS:
                    chunks.append(self.value(item, level + 1, True))
                else:
                    self.stream(item, level + 1, chunks)
            chunks.append("\n" + "  " * level + "}")
            return
        chunks.append("[")
        for item in value:
            chunks.append(separator)
            separator = "," + inner
            self.stream(item, level + 1, chunks)
        chunks.append("\n" + "  " * level + "]")

    def value(self, value: Any, level: int, shared: bool = False) -> str:
        if isinstance(value, str):
            return encode_basestring(value)
        if value is None:
            return "null"
        if value is True:
            return "true"
        if value is False:
            return "false"
        if isinstance(value, int):
            return int.__repr__(value)
        if isinstance(value, float):
            return _float(value)
        if isinstance(value, list | tuple | dict):
            if shared:
                key = (id(value), level)
                text = self.memo.get(key)
                if text is None:
                    text = self.memo[key] = self.container(value, level, shared)
                return text
            return self.container(value, level, shared)
        raise _Unusual

    def container(self, value: _Container, level: int, shared: bool) -> str:
        self.depth += 1
        if self.depth > 300:  # deeper (or circular) data: the standard library decides
            raise _Unusual
        inner = "\n" + "  " * (level + 1)
        write = self.value
        if isinstance(value, dict):
            if not value:
                self.depth -= 1
                return "{}"
            parts = []
            for key, item in _sorted_items(value):
                parts.append(
                    encode_basestring(key)
                    + ": "
                    + write(item, level + 1, shared or key in _SHARED_KEYS)
                )
            self.depth -= 1
            return "{" + inner + ("," + inner).join(parts) + "\n" + "  " * level + "}"
        if not value:
            self.depth -= 1
            return "[]"
        parts = [write(item, level + 1, shared) for item in value]
        self.depth -= 1
        return "[" + inner + ("," + inner).join(parts) + "\n" + "  " * level + "]"


def _sorted_items(value: dict[Any, Any]) -> list[tuple[str, Any]]:
    try:
        items = sorted(value.items())
    except TypeError:  # keys of several types
        raise _Unusual from None
    if not all(isinstance(key, str) for key, _ in items):
        raise _Unusual
    return items


def _float(value: float) -> str:
    if math.isnan(value):
        return "NaN"
    if value == _INFINITY:
        return "Infinity"
    if value == -_INFINITY:
        return "-Infinity"
    return float.__repr__(value)
