"""``--format json``: the whole report, stable and sorted, byte-identical for the same input.

Its JSON Schema ships in the package (``schemas/report.schema.json``).

The text is exactly ``json.dumps(report.to_dict(), indent=2, sort_keys=True,
ensure_ascii=False)`` and a newline. It is written by ``orjson`` (indent 2, sorted keys),
which gives the same bytes several times faster than the standard library's pure-Python
indented encoder, in pieces of 256 items of the long lists (:func:`render_chunks`), so a
large report is never held whole. Where orjson does not write a value (a key that is not a
string, an integer past 64 bits, something that is not JSON), that piece is left to
``json.dumps``, so its text, errors and edge cases stay the standard library's.

Numbers: orjson writes integers and whole floats (``700000000.0``, ``1e+16``) as ``repr``
does; fractional floats can differ in form (``1e-05`` is ``0.00001``) and NaN and infinities
become ``null``. No report holds such a float: the only numbers a project gives are user
counts, which its schema requires to be whole. Scanning the text for them would cost a
third of the writing time.
"""

from __future__ import annotations

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


def render(report: Report, options: RenderOptions) -> str:
    return "".join(render_chunks(report, options))


def render_chunks(report: Report, options: RenderOptions) -> Iterator[str]:
    """The report in pieces, each item of its long lists made (as data and as text) when it
    is written; joined, the pieces are ``json.dumps(report.to_dict(), indent=2,
    sort_keys=True, ensure_ascii=False)`` and a newline."""
    del options  # the JSON report always carries the explanation trees
    head = report.head_dict()
    lists = report.item_dicts(explain=True)
    separator = "{\n  "
    for key in sorted([*head, *lists]):
        yield separator + dumps(key) + ": "
        separator = ",\n  "
        if key in lists:
            yield from _list_pieces(lists[key])
        else:
            yield _indented(head[key], 1)
    yield "\n}\n"


def dumps(data: Any) -> str:
    """``json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False)``, faster (for
    other JSON formats, such as SARIF)."""
    return _indented(data, 0)


def _list_pieces(items: Iterator[Any]) -> Iterator[str]:
    """A list at the report's second level, 256 items a piece (``[]`` when empty)."""
    batch = list(islice(items, _ITEMS_PER_PIECE))
    if not batch:
        yield "[]"
        return
    opening = "["
    while batch:
        text = _indented(batch, 1)  # "[\n    item,\n    item\n  ]"
        yield opening + text[1:-4]
        opening = ","
        batch = list(islice(items, _ITEMS_PER_PIECE))
    yield "\n  ]"


def _indented(value: Any, level: int) -> str:
    """``value`` as it appears ``level`` deep in the indented report."""
    try:
        text = orjson.dumps(value, option=_OPTIONS).decode("utf-8")
    except TypeError:  # orjson.JSONEncodeError included: json.dumps writes it, or raises
        text = json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False)
    return text.replace("\n", "\n" + "  " * level) if level else text
