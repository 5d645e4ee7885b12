"""The JSON fast path: one parse that notes where items start, and their lines in one pass.

It must give what ``json.loads`` gives (the data, or the same error at the same place) and
the lines :meth:`Document.locate` gives, for any spacing and line breaks.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from llamalicense.documents.loader import Document, load_json_text, load_yaml_text
from llamalicense.errors import LlamalicenseError

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

TEXT = st.text(st.sampled_from('ab"\\/\n\r\t\x85\u2028\u2029é '), max_size=6)
VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
    max_leaves=8,
)
ANY_SPACE = st.lists(st.sampled_from([" ", "\n", "\r\n", "\r", "\t"]), max_size=3).map("".join)
NEWLINES = st.lists(st.sampled_from([" ", "\n"]), max_size=3).map("".join)


@st.composite
def json_documents(draw: st.DrawFn) -> tuple[str, list[int]]:
    """A JSON object whose "components" list is spaced at random; and where its items begin.
    Half of them break lines with newlines only (in the text and in its strings)."""
    plain = draw(st.booleans())
    space = NEWLINES if plain else ANY_SPACE
    items = draw(st.lists(VALUES, max_size=5))
    text = "{" + draw(space) + '"version": 1,' + draw(space) + '"components":' + draw(space)
    text += "[" + draw(space)
    offsets: list[int] = []
    for position, item in enumerate(items):
        if position:
            text += "," + draw(space)
        offsets.append(len(text))
        text += json.dumps(item, ensure_ascii=plain or draw(st.booleans())) + draw(space)
    text += "]" + draw(space) + "}" + draw(space)
    return text, offsets


def _line(text: str, offset: int) -> int:
    # Valid JSON holds no raw \v, \f or \x1c-\x1e, so these are the YAML line breaks.
    return len((text[:offset] + "x").splitlines())


@SETTINGS
@given(case=json_documents())
def test_item_lines_are_the_lines_of_the_items(case: tuple[str, list[int]]) -> None:
    text, offsets = case
    document = load_json_text(text, "m.json")
    assert document.data == json.loads(text)
    expected = [_line(text, offset) for offset in offsets]
    assert document.item_lines(("components",), len(offsets)) == expected
    again = load_json_text(text, "m.json")  # locate, item by item, on a fresh index
    located = [again.locate(("components", index)) for index in range(len(offsets))]
    assert [found[0] if found else None for found in located] == expected


def test_item_lines_without_a_list_there_fall_back_to_locate() -> None:
    document = load_json_text('{"components": {"a": 1},\n "x": [1]}', "m.json")
    assert document.item_lines(("components",), 1) == [1]  # the nearest place locate knows
    assert document.item_lines(("nope",), 2) == [1, 1]
    assert document.item_lines(("x",), 1) == [2]


def test_item_lines_of_yaml_and_in_memory_documents() -> None:
    document = load_yaml_text("components:\n  - a\n\n  - b\n", "m.yaml")
    assert document.item_lines(("components",), 2) == [2, 4]
    memory = Document("<memory>", {"components": [1, 2]}, lambda _path: None)
    assert memory.item_lines(("components",), 2) == [None, None]


# -- errors: what json.loads says, where it says it -------------------------------------------


def _outcome(text: str) -> tuple[str, Any, Any, Any]:
    try:
        data = load_json_text(text, "m.json").data
    except LlamalicenseError as exc:
        return ("error", exc.message, exc.line, exc.column)
    return ("data", json.dumps(data), None, None)


def _expected(text: str) -> tuple[str, Any, Any, Any]:
    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [key for key, _ in items]
        duplicated = [key for key in keys if keys.count(key) > 1]
        if duplicated:
            raise KeyError(duplicated[0])
        return dict(items)

    try:
        data = json.loads(text, object_pairs_hook=pairs)
    except json.JSONDecodeError as exc:
        return ("error", f"invalid JSON: {exc.msg}", exc.lineno, exc.colno)
    except KeyError:
        return ("duplicate", None, None, None)
    return ("data", json.dumps(data), None, None)


@pytest.mark.parametrize(
    "text",
    [
        '{"components": [1, 2,]}',
        '{"components": [1 2]}',
        '{"components": [1, ]}',
        '{"components": [}',
        '{"components": [1,',
        '{"components": [\n  {"id": "a"},\n  {"id": "b"}\n  {"id": "c"}\n]}',
        '{"components": []] }',
        '{"components": [1]} x',
        '[{"components": []}]',
    ],
)
def test_errors_inside_a_list_are_json_loads_errors(text: str) -> None:
    assert _outcome(text) == _expected(text)


@SETTINGS
@given(case=json_documents(), data=st.data())
def test_edited_json_loads_or_fails_as_json_loads_does(
    case: tuple[str, list[int]], data: st.DataObject
) -> None:
    text, _ = case
    start = data.draw(st.integers(0, len(text)), label="start")
    end = data.draw(st.integers(start, min(len(text), start + 3)), label="end")
    insert = data.draw(st.sampled_from(["", ",", "]", "[", "{", "}", '"', ":", " ", "1"]))
    text = text[:start] + insert + text[end:]
    expected = _expected(text)
    if expected[0] == "duplicate":
        assert _outcome(text)[1].startswith("duplicate key")
    else:
        assert _outcome(text) == expected


def test_a_large_manifest_is_located_in_one_pass(tmp_path: Path) -> None:
    items = [{"id": f"c{index}", "type": "model"} for index in range(2000)]
    text = json.dumps({"version": 1, "components": items}, indent=2)
    document = load_json_text(text, "m.json")
    lines = document.item_lines(("components",), len(items))
    assert lines[:2] == [4, 8]
    assert lines[-1] == 4 + 4 * (len(items) - 1)
