"""``--format json``: the whole report, stable and sorted, byte-identical for the same input.

Its JSON Schema ships in the package (``schemas/report.schema.json``).

The text is exactly ``json.dumps(report.to_dict(), indent=2, sort_keys=True,
ensure_ascii=False)`` and a newline. It is written by ``orjson`` (indent 2, sorted keys),
which gives the same bytes several times faster than the standard library's pure-Python
indented encoder, as UTF-8 bytes in pieces of 256 items of the long lists
(:func:`render_encoded`), so a large report is never held whole, as text or as data: each
item is made (as a dict) when its piece is written and dropped with it. Each top-level
member is dumped inside an object of its own (``{"findings": [...]}``), so orjson indents
it as deep as it sits in the report and the piece is a slice of orjson's bytes: no text is
re-indented, decoded or encoded again. Where orjson does not write a value (a key that is
not a string, an integer past 64 bits, something that is not JSON), that piece is left to
``json.dumps``, so its text, errors and edge cases stay the standard library's.

Numbers: orjson writes integers and whole floats (``700000000.0``, ``1e+16``) as ``repr``
does; fractional floats can differ in form (``1e-05`` is ``0.00001``) and NaN and infinities
become ``null``. No report holds such a float: the only numbers a project gives are user
counts, which its schema requires to be whole. Scanning the text for them would cost a
third of the writing time.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from itertools import islice
from typing import Any

import orjson

from llamalicense.model.findings import Report
from llamalicense.report.formats import RenderOptions

_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS
# Items of the long lists (components, edges, findings) written per piece.
_ITEMS_PER_PIECE = 256
# What wraps a member dumped alone: b'{\n  "key": value\n}'.
_OPEN, _CLOSE = b"{\n  ", b"\n}"
_LIST_CLOSE = b"\n  ]"


def render(report: Report, options: RenderOptions) -> str:
    return b"".join(render_encoded(report, options)).decode("utf-8")


def render_chunks(report: Report, options: RenderOptions) -> Iterator[str]:
    """:func:`render_encoded`'s pieces as text."""
    for piece in render_encoded(report, options):
        yield piece.decode("utf-8")


def render_encoded(
    report: Report, options: RenderOptions, encoding: str = "utf-8", errors: str = "strict"
) -> Iterator[bytes]:
    """The report in encoded pieces, each item of its long lists made (as data and as text)
    when it is written; joined and decoded, the pieces are ``json.dumps(report.to_dict(),
    indent=2, sort_keys=True, ensure_ascii=False)`` and a newline. orjson's UTF-8 is passed
    on as it is; another encoding gets each piece decoded and encoded."""
    del options  # the JSON report always carries the explanation trees
    pieces = _utf8_pieces(report)
    if codecs.lookup(encoding).name == "utf-8":
        yield from pieces
    else:
        for piece in pieces:
            yield piece.decode("utf-8").encode(encoding, errors)


def dumps(data: Any) -> str:
    """``json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False)``, faster (for
    other JSON formats, such as SARIF)."""
    return _dumps(data).decode("utf-8")


def _utf8_pieces(report: Report) -> Iterator[bytes]:
    head = report.head_dict()
    lists = report.item_dicts(explain=True)
    separator = b"{\n  "
    for key in sorted([*head, *lists]):
        yield separator
        separator = b",\n  "
        if key in lists:
            yield from _list_pieces(key, lists[key])
        else:
            yield _member(key, head[key])
    yield b"\n}\n"


def _list_pieces(key: str, items: Iterator[Any]) -> Iterator[bytes]:
    """``"key": [...]``, a list at the report's first level, 256 items a piece."""
    head = _member(key, [])[:-1]  # '"key": ['
    batch = list(islice(items, _ITEMS_PER_PIECE))
    if not batch:
        yield head + b"]"
        return
    yield head
    while batch:
        dumped = _member(key, batch)  # '"key": [\n    item,\n    item\n  ]'
        yield dumped[len(head) : -len(_LIST_CLOSE)]
        batch = list(islice(items, _ITEMS_PER_PIECE))
        if batch:
            yield b","
    yield _LIST_CLOSE


def _member(key: str, value: Any) -> bytes:
    """``"key": value`` as it appears at the report's first level."""
    return _dumps({key: value})[len(_OPEN) : -len(_CLOSE)]


def _dumps(value: Any) -> bytes:
    try:
        return orjson.dumps(value, option=_OPTIONS)
    except TypeError:  # orjson.JSONEncodeError included: json.dumps writes it, or raises
        text = json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False)
        return text.encode("utf-8")
