"""Where things are in a JSON text, for :mod:`llamalicense.documents.loader`: the line and column of
any JSON path, found with no second parse (:class:`JsonIndex`); duplicate keys made an error
(:func:`json_pairs`). The loader words the errors and builds the documents.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Callable
from typing import Any

from llamalicense.documents.jsonpath import PathKey


class DuplicateKeyError(Exception):
    """A key appears twice in one JSON object."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def json_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """The ``object_pairs_hook`` that makes duplicate keys an error."""
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise DuplicateKeyError(key)
            seen.add(key)
    return result


_JSON_SPACE = re.compile(r"[ \t\n\r]*")
_ITEM_SEPARATOR = re.compile(r"[ \t\n\r]*,[ \t\n\r]*")  # between two items of an array
# Line breaks as YAML counts them (the JSON locations used to come from a YAML re-read):
# CR LF is one break; a lone CR, NEL, LS and PS are breaks too.
_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")
_SKIPPER = json.JSONDecoder()
# The JSON string scanner (C): where a key ends, and its text. Not in the typing stubs.
_scanstring: Callable[[str, int], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]
_DECODER = json.JSONDecoder(object_pairs_hook=json_pairs)  # what json.loads(..., hook) uses
# Its scanner (C), called directly: raw_decode only adds a Python frame per array item. It
# raises StopIteration where raw_decode raises "Expecting value". Not in the typing stubs.
_scan_once: Callable[[str, int], tuple[Any, int]] = _DECODER.scan_once  # type: ignore[attr-defined]


class JsonIndex:
    """Line and column of any JSON path in a JSON text, without a second full parse.

    Each object or array on a requested path is scanned once (member and element start
    offsets, kept for later calls), so locating all components of a large manifest is linear.
    The answer is the one a YAML parser reading the JSON text gives: the key's position for an
    object member, the element's position for an array item, and the deepest position found
    when the path leaves the document.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._members: dict[int, dict[str, tuple[int, int]]] = {}
        self._items: dict[int, list[int]] = {}
        self._breaks: list[int] | None = None  # only for texts with CR, NEL, LS or PS
        self._newlines_only = not any(c in text for c in "\r\x85\u2028\u2029")
        self._cursor = (0, 1, 0)  # offset, its line, where that line starts
        self._prefixes: dict[PathKey, tuple[int | None, int | None]] = {}

    def parse(self) -> Any:
        """The data of a text holding one object, as ``json.loads`` with duplicate keys
        rejected gives it, parsed once while noting where the object's members and the items
        of its arrays begin (so locating every component costs no second parse).

        Raises ValueError (or IndexError, RecursionError, a duplicate key) for any other
        text; the caller then uses ``json.loads``, whose error messages users get.
        """
        text = self.text
        start = _skip_space(text, 0)
        if text[start] != "{":
            raise ValueError("not an object")
        members: dict[str, tuple[int, int]] = {}
        pairs: list[tuple[str, Any]] = []
        pos = _skip_space(text, start + 1)
        if text[pos] == "}":
            pos += 1
        else:
            while True:
                if text[pos] != '"':
                    raise ValueError("expected a key")
                key_at = pos
                key, pos = _scanstring(text, pos + 1)
                pos = _skip_space(text, pos)
                if text[pos] != ":":
                    raise ValueError("expected ':'")
                pos = _skip_space(text, pos + 1)
                members.setdefault(key, (key_at, pos))
                if text[pos] == "[":
                    value, pos = self._parse_array(pos)
                else:
                    value, pos = _DECODER.raw_decode(text, pos)
                pairs.append((key, value))
                pos = _skip_space(text, pos)
                if text[pos] == "}":
                    pos += 1
                    break
                if text[pos] != ",":
                    raise ValueError("expected ',' or '}'")
                pos = _skip_space(text, pos + 1)
        if _skip_space(text, pos) != len(text):
            raise ValueError("extra data")
        data = json_pairs(pairs)
        self._members[start] = members
        return data

    def _parse_array(self, start: int) -> tuple[list[Any], int]:
        # The hot loop of a large manifest (one pass per component): locals, the scanner
        # called directly and one regex match per separator.
        text = self.text
        scan = _scan_once
        separator = _ITEM_SEPARATOR.match
        items: list[Any] = []
        offsets: list[int] = []
        pos = _skip_space(text, start + 1)
        if text[pos] != "]":
            while True:
                offsets.append(pos)
                value, pos = scan(text, pos)
                items.append(value)
                found = separator(text, pos)
                if found is None:
                    break
                pos = found.end()
            pos = _skip_space(text, pos)
            if text[pos] != "]":
                raise ValueError("expected ',' or ']'")
        self._items[start] = offsets
        return items, pos + 1

    def locate(self, path: PathKey) -> tuple[int, int] | None:
        try:
            offset = self._offset(path)
        except (ValueError, IndexError, RecursionError):
            return None
        return None if offset is None else self._line_column(offset)

    def item_lines(self, path: PathKey) -> list[int] | None:
        """The line of every item of the array at ``path`` (what :meth:`locate` gives for
        ``(*path, index)``), counted in one pass; None when there is no array there."""
        try:
            node = self._walk(path)[0]
            if node is None or self.text[node] != "[":
                return None
            offsets = self._array(node)
        except (ValueError, IndexError, RecursionError):
            return None
        if not self._newlines_only:
            return [self._line_column(offset)[0] for offset in offsets]
        count = self.text.count
        lines: list[int] = []
        line, at = 1, 0
        for offset in offsets:  # in increasing order: count the newlines since the last one
            line += count("\n", at, offset)
            at = offset
            lines.append(line)
        return lines

    def _offset(self, path: PathKey) -> int | None:
        if len(path) > 1:  # ("components", 0), ("components", 1), ...: walk the prefix once
            prefix = self._prefixes.get(path[:-1])
            if prefix is None:
                prefix = self._prefixes[path[:-1]] = self._walk(path[:-1])
            node, best = prefix
            if node is None:  # the prefix already leaves the document (or it is empty)
                return best
            return self._walk(path[-1:], node, best)[1]
        return self._walk(path)[1]

    def _walk(
        self, path: PathKey, node: int | None = None, best: int | None = None
    ) -> tuple[int | None, int | None]:
        """(where the value at ``path`` starts or None, the answer for ``path``)."""
        text = self.text
        if node is None:
            node = _skip_space(text, 0)
            if node >= len(text):
                return None, None
            best = node
        for step in path:
            found: int | None = None
            opening = text[node]
            if opening == "{" and isinstance(step, str):
                hit = self._object(node).get(step)
                if hit is not None:
                    best, found = hit
            elif opening == "[" and isinstance(step, int):
                items = self._array(node)
                if 0 <= step < len(items):
                    best = found = items[step]
            if found is None:
                return None, best
            node = found
        return node, best

    def _object(self, start: int) -> dict[str, tuple[int, int]]:
        members = self._members.get(start)
        if members is None:
            members = self._members[start] = {}
            text = self.text
            pos = _skip_space(text, start + 1)
            if text[pos] != "}":
                while True:
                    key_at = pos
                    key, pos = _scanstring(text, pos + 1)
                    pos = _skip_space(text, _skip_space(text, pos) + 1)  # past the colon
                    members.setdefault(key, (key_at, pos))
                    pos = _skip_space(text, _SKIPPER.raw_decode(text, pos)[1])
                    if text[pos] != ",":
                        break
                    pos = _skip_space(text, pos + 1)
        return members

    def _array(self, start: int) -> list[int]:
        items = self._items.get(start)
        if items is None:
            items = self._items[start] = []
            text = self.text
            pos = _skip_space(text, start + 1)
            if text[pos] != "]":
                while True:
                    items.append(pos)
                    pos = _skip_space(text, _SKIPPER.raw_decode(text, pos)[1])
                    if text[pos] != ",":
                        break
                    pos = _skip_space(text, pos + 1)
        return items

    def _line_column(self, offset: int) -> tuple[int, int]:
        if self._newlines_only:
            # Count forward from the last answer: components are located in order.
            at, line, start = self._cursor if offset >= self._cursor[0] else (0, 1, 0)
            count = self.text.count("\n", at, offset)
            if count:
                line += count
                start = self.text.rfind("\n", at, offset) + 1
            self._cursor = (offset, line, start)
            return line, offset - start + 1
        if self._breaks is None:
            self._breaks = [m.end() for m in _BREAK.finditer(self.text)]
        line = bisect.bisect_right(self._breaks, offset)
        start = self._breaks[line - 1] if line else 0
        return line + 1, offset - start + 1


def _skip_space(text: str, pos: int) -> int:
    match = _JSON_SPACE.match(text, pos)
    return match.end() if match else pos
