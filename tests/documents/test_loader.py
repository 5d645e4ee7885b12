"""Safe YAML and JSON loading: duplicate keys, YAML 1.2 scalars, hostile input, locations."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from llamalicense.documents.jsonpath import parse as parse_path
from llamalicense.documents.jsonpath import render as json_path
from llamalicense.documents.loader import (
    MAX_BYTES,
    DocumentError,
    load_file,
    load_json_text,
    load_yaml_text,
    read_text,
)
from llamalicense.errors import InputError, LlamalicenseError


def _yaml_error(text: str) -> LlamalicenseError:
    with pytest.raises(LlamalicenseError) as info:
        load_yaml_text(text, "m.yaml")
    return info.value


def _json_error(text: str) -> LlamalicenseError:
    with pytest.raises(LlamalicenseError) as info:
        load_json_text(text, "m.json")
    return info.value


# -- duplicate keys -----------------------------------------------------------------------


def test_duplicate_yaml_key_names_both_lines() -> None:
    error = _yaml_error("version: 1\ncomponents: []\nversion: 2\n")
    assert isinstance(error, DocumentError)
    assert error.file == "m.yaml"
    assert (error.line, error.column) == (3, 1)
    assert "duplicate key 'version'" in error.message
    assert "first at line 1" in error.message
    assert error.hint
    assert error.render().startswith("m.yaml:3:1: error: duplicate key 'version'")


def test_duplicate_yaml_key_inside_a_list_item() -> None:
    text = "components:\n  - id: a\n    type: model\n    id: b\n"
    error = _yaml_error(text)
    assert (error.line, error.column) == (4, 5)
    assert "'id'" in error.message


def test_duplicate_json_key_names_its_line() -> None:
    text = '{\n  "version": 1,\n  "components": [],\n  "version": 1\n}\n'
    error = _json_error(text)
    assert isinstance(error, DocumentError)
    assert error.file == "m.json"
    assert (error.line, error.column) == (4, 3)
    assert "duplicate key 'version'" in error.message
    assert error.hint


def test_duplicate_json_key_in_a_nested_object() -> None:
    text = '{"components": [\n {"id": "a",\n  "type": "model",\n  "id": "a"}]}'
    error = _json_error(text)
    assert error.line == 4
    assert "'id'" in error.message


def test_same_key_in_different_mappings_is_fine() -> None:
    data = load_yaml_text("a: {id: 1}\nb: {id: 2}\n", "m.yaml").data
    assert data == {"a": {"id": 1}, "b": {"id": 2}}


# -- YAML 1.2 scalars -----------------------------------------------------------------------


def test_norway_stays_a_string() -> None:
    data = load_yaml_text("country: NO\n", "m.yaml").data
    assert data == {"country": "NO"}


@pytest.mark.parametrize("word", ["yes", "no", "on", "off", "Yes", "OFF", "y", "n"])
def test_yaml_11_booleans_stay_strings(word: str) -> None:
    assert load_yaml_text(f"x: {word}\n", "m.yaml").data == {"x": word}


@pytest.mark.parametrize(("word", "value"), [("true", True), ("false", False), ("True", True)])
def test_true_and_false_are_booleans(word: str, value: bool) -> None:
    assert load_yaml_text(f"x: {word}\n", "m.yaml").data == {"x": value}


def test_unquoted_month_and_dates_become_iso_strings() -> None:
    text = "month: 2024-06\nday: 2024-06-30\nwhen: 2024-06-30 10:15:00\n"
    data = load_yaml_text(text, "m.yaml").data
    assert data == {"month": "2024-06", "day": "2024-06-30", "when": "2024-06-30T10:15:00"}
    assert all(isinstance(v, str) for v in data.values())


def test_an_impossible_date_is_an_error_with_a_location() -> None:
    error = _yaml_error("a: 1\nexpires: 2024-13-45\n")
    assert (error.line, error.column) == (2, 10)
    assert error.hint


def test_numbers_with_underscores_are_integers() -> None:
    assert load_yaml_text("count: 650_000_000\n", "m.yaml").data == {"count": 650_000_000}


def test_a_small_alias_still_works() -> None:
    data = load_yaml_text("a: &x [1, 2]\nb: *x\n", "m.yaml").data
    assert data == {"a": [1, 2], "b": [1, 2]}


def test_empty_document_is_none() -> None:
    assert load_yaml_text("", "m.yaml").data is None
    assert load_yaml_text("# only a comment\n", "m.yaml").data is None


# -- what the loader refuses ---------------------------------------------------------------


def test_merge_keys_are_rejected() -> None:
    error = _yaml_error("base: &b {type: model}\nchat:\n  <<: *b\n  id: chat\n")
    assert isinstance(error, DocumentError)
    assert "merge" in error.message
    assert (error.line, error.column) == (3, 3)
    assert error.hint


def _billion_laughs(levels: int = 10) -> str:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def test_alias_bomb_is_rejected_quickly() -> None:
    start = time.perf_counter()
    error = _yaml_error(_billion_laughs())
    elapsed = time.perf_counter() - start
    assert isinstance(error, DocumentError)
    assert "expands to more than" in error.message
    assert "alias" in (error.hint or "")
    assert elapsed < 10, f"took {elapsed:.1f}s"


def test_deep_flow_nesting_is_a_clear_error() -> None:
    error = _yaml_error("x: " + "[" * 5000 + "]" * 5000 + "\n")
    assert isinstance(error, DocumentError)
    assert "nest" in error.message
    assert error.line == 1


def _block_nesting(depth: int) -> str:
    return "".join(f"{'  ' * i}k:\n" for i in range(depth)) + f"{'  ' * depth}v\n"


def test_deep_block_nesting_is_a_clear_error() -> None:
    # Below libyaml's own depth limit, so our builder's recursion is what gets deep.
    error = _yaml_error(_block_nesting(900))
    assert isinstance(error, DocumentError)
    assert error.message == "YAML nested too deeply"
    assert error.file == "m.yaml"


def test_moderate_block_nesting_loads() -> None:
    data = load_yaml_text(_block_nesting(100), "m.yaml").data
    for _ in range(100):
        data = data["k"]
    assert data == "v"


def test_deep_json_nesting_is_a_clear_error() -> None:
    error = _json_error('{"x": ' + "[" * 100_000 + "]" * 100_000 + "}")
    assert isinstance(error, DocumentError)
    assert "nested too deeply" in error.message
    assert error.file == "m.json"


@pytest.mark.parametrize(
    "text",
    [
        "a: !!python/object/apply:os.system ['echo hacked']\n",
        "a: !!python/object:os.system {}\n",
        "a: !!python/name:os.system\n",
        "!!python/object/new:dict {}\n",
        "a: !!python/tuple [1, 2]\n",
        "a: !!set {x, y}\n",
        "a: !!omap [{x: 1}]\n",
        "a: !custom value\n",
        "a: !!binary aGVsbG8=\n",
    ],
)
def test_python_and_other_tags_are_rejected(text: str) -> None:
    error = _yaml_error(text)
    assert isinstance(error, DocumentError)
    assert error.line == 1
    assert error.column is not None
    assert error.hint


def test_standard_tags_are_fine() -> None:
    data = load_yaml_text("a: !!str 1\nb: !!int '3'\nc: !!map {x: 1}\nd: !!seq [1]\n", "m.yaml")
    assert data.data == {"a": "1", "b": 3, "c": {"x": 1}, "d": [1]}


def test_complex_keys_are_rejected() -> None:
    error = _yaml_error("? [a, b]\n: 1\n")
    assert "key" in error.message
    assert error.line == 1


def test_several_documents_are_rejected() -> None:
    error = _yaml_error("version: 1\n---\nversion: 2\n")
    assert error.line == 2


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("version: 1\ncomponents: [a, b\nlicensee: {}\n", 3, 9),
        ("version: 1\ncomponents:\n  - id: a\n   type: model\n", 4, 4),
        ('version: 1\nname: "unterminated\n', 3, 1),
        ("a:\n\tb: 1\n", 2, 1),
    ],
)
def test_invalid_yaml_reports_line_and_column(text: str, line: int, column: int) -> None:
    error = _yaml_error(text)
    assert isinstance(error, DocumentError)
    assert error.message.startswith("invalid YAML")
    assert (error.line, error.column) == (line, column)
    assert f"m.yaml:{line}:{column}: error: invalid YAML" in error.render()


def test_invalid_json_reports_line_and_column() -> None:
    error = _json_error('{\n  "version": 1,\n  "components": [,]\n}')
    assert error.message.startswith("invalid JSON")
    assert (error.line, error.column) == (3, 18)


# -- files: encoding and size ----------------------------------------------------------------


def test_not_utf8_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "llamalicense.yaml"
    path.write_bytes(b"version: 1\nlicensee:\n  name: Soci\xe9t\xe9 G\xe9n\xe9rale\n")
    with pytest.raises(InputError) as info:
        load_file(path, display="llamalicense.yaml")
    assert info.value.file == "llamalicense.yaml"
    assert info.value.line == 3
    assert "UTF-8" in info.value.message
    assert "UTF-8" in (info.value.hint or "")


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    path.write_bytes(b'\xef\xbb\xbf{"version": 1}')
    assert load_file(path).data == {"version": 1}


def test_size_cap_on_read_text(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("x" * 101)
    with pytest.raises(InputError) as info:
        read_text(path, max_bytes=100)
    assert "101 bytes" in info.value.message
    assert info.value.hint
    assert read_text(path, max_bytes=101) == "x" * 101


def test_size_cap_on_a_manifest_is_checked_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "llamalicense.yaml"
    with path.open("wb") as handle:  # sparse: costs no disk space and is never read
        handle.truncate(MAX_BYTES + 1)
    start = time.perf_counter()
    with pytest.raises(InputError, match="over the"):
        load_file(path)
    assert time.perf_counter() - start < 1


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_size_cap_holds_for_files_that_report_no_size() -> None:
    # A device (or a pipe) has st_size 0; reading must still stop at the cap.
    with pytest.raises(InputError, match="over the 1000-byte limit"):
        read_text(Path("/dev/zero"), max_bytes=1000)


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        load_file(tmp_path / "nope.yaml", display="nope.yaml")
    assert info.value.file == "nope.yaml"


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("a: 1\n")
    path.chmod(0)
    with pytest.raises(InputError, match="cannot read"):
        load_file(path)


def test_json_suffix_chooses_the_json_parser(tmp_path: Path) -> None:
    # "NO" without quotes is not JSON: the JSON parser must be the one reading .json files.
    path = tmp_path / "m.json"
    path.write_text("{country: NO}")
    with pytest.raises(DocumentError, match="invalid JSON"):
        load_file(path)


# -- locations -------------------------------------------------------------------------------


def test_locate_finds_keys_and_list_items() -> None:
    text = "version: 1\ncomponents:\n  - id: a\n    type: model\n  - id: b\n    type: dataset\n"
    document = load_yaml_text(text, "m.yaml")
    assert document.locate(("components", 1, "type")) == (6, 5)
    assert document.locate(("components", 1)) == (5, 5)
    # A path that goes further than the document: the nearest known place.
    assert document.locate(("components", 1, "nope", 3)) == (5, 5)


def test_locate_works_for_json() -> None:
    document = load_json_text('{"version": 1,\n "components": [\n  {"id": "a"}]}', "m.json")
    assert document.locate(("components", 0, "id")) == (3, 4)


def test_json_path_rendering() -> None:
    assert json_path(()) == "$"
    assert json_path(("components", 2, "derived_from", 0, "id")) == (
        "$.components[2].derived_from[0].id"
    )
    # A key that is not an identifier is quoted, and the one parser reads every form back.
    odd = ("items", "2.a", 3, 'say "hi"', "x-y", "", "@graph", "1")
    assert json_path(odd) == '$.items["2.a"][3]["say \\"hi\\""].x-y[""].@graph["1"]'
    assert parse_path(json_path(odd)) == odd
    assert parse_path("$.components[2].derived_from[0].id") == (
        "components",
        2,
        "derived_from",
        0,
        "id",
    )
