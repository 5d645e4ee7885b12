"""The quick schema check answers "certainly valid?": it must never say yes where jsonschema
finds an error (then the error would go unreported), and on the manifest schema it should say
yes for valid manifests (else every load pays for jsonschema)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from llamalicense.documents.loader import load_file
from llamalicense.documents.quickschema import compile_check
from llamalicense.project.manifest_schema import manifest_schema

ROOT = Path(__file__).resolve().parent.parent.parent
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-3, 3)
    | st.sampled_from([1.0, 0.5, -1.0, 2**64])
    | st.sampled_from(["", "a", "ab", "model", "finetune", "US", "2024-06", "x y", "é"])
    | st.text(max_size=4)
)
JSON = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(["a", "b", "id", "type", "x-"]), inner, max_size=3)
    ),
    max_leaves=8,
)


def _validator(schema: dict[str, Any]) -> jsonschema.protocols.Validator:
    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator)
    validator: jsonschema.protocols.Validator = cls(schema)
    return validator


# -- small schemas of every supported keyword, against any JSON value -------------------------

LEAF_SCHEMAS = st.one_of(
    st.fixed_dictionaries(
        {"type": st.sampled_from(["string", "integer", "number", "boolean", "null"])},
        optional={
            "minLength": st.integers(0, 2),
            "maxLength": st.integers(0, 3),
            "pattern": st.sampled_from(["^a", "b$", "^[A-Z]{2}$", "."]),
            "minimum": st.integers(-1, 1),
            "maximum": st.integers(0, 2),
            "exclusiveMinimum": st.integers(-1, 1),
            "exclusiveMaximum": st.integers(0, 2),
        },
    ),
    st.fixed_dictionaries(
        {},
        optional={
            "minLength": st.integers(0, 2),
            "maxLength": st.integers(0, 3),
            "pattern": st.sampled_from(["^a", "."]),
            "minimum": st.integers(-1, 1),
        },
    ),
    st.fixed_dictionaries({"enum": st.lists(SCALARS, max_size=4)}),
    st.fixed_dictionaries({"const": SCALARS}),
    st.fixed_dictionaries(
        {"type": st.lists(st.sampled_from(["string", "null", "integer", "array"]), min_size=1)},
        optional={"minLength": st.integers(0, 2), "minItems": st.integers(0, 2)},
    ),
    st.booleans(),
)
SCHEMAS = st.recursive(
    LEAF_SCHEMAS,
    lambda inner: st.one_of(
        st.fixed_dictionaries(
            {},
            optional={
                "type": st.just("object"),
                "properties": st.dictionaries(st.sampled_from(["a", "b", "id"]), inner, max_size=3),
                "required": st.lists(st.sampled_from(["a", "b", "id", "type"]), max_size=2),
                "additionalProperties": inner,
            },
        ),
        st.fixed_dictionaries(
            {},
            optional={
                "type": st.just("array"),
                "items": inner,
                "minItems": st.integers(0, 2),
                "maxItems": st.integers(0, 3),
            },
        ),
        st.fixed_dictionaries({"anyOf": st.lists(inner, min_size=1, max_size=3)}),
        st.fixed_dictionaries({"allOf": st.lists(inner, min_size=1, max_size=3)}),
    ),
    max_leaves=6,
)


@SETTINGS
@given(schema=SCHEMAS, instance=JSON)
def test_never_certainly_valid_where_jsonschema_finds_an_error(schema: Any, instance: Any) -> None:
    whole = {"allOf": [schema]}  # a schema may be true or false itself
    check = compile_check(whole)
    assert check is not None
    if check(instance):
        assert _validator(whole).is_valid(instance), (schema, instance)


@pytest.mark.parametrize(
    ("schema", "instance"),
    [
        ({"type": "object", "properties": {"a": {}}}, []),
        ({"type": "object", "required": ["a"]}, {}),
        ({"type": "array", "items": {}}, {}),
        ({"type": "array", "maxItems": 1}, [1, 2]),
        ({"type": "array", "items": {"type": "string"}}, ["a", 1]),
        ({"enum": ["a", "b"]}, "c"),
        ({"enum": ["a", "b"]}, ["a"]),  # unhashable: no TypeError, just "not certainly"
        ({"enum": ["a"]}, {"a": 1}),
        ({"enum": [1]}, True),
        ({"type": "string", "minLength": 1}, ""),
        ({"type": "string", "maxLength": 1}, "ab"),
        ({"type": "string", "pattern": "^a$"}, "b"),
        ({"type": "string", "pattern": "^a$"}, 1),
        ({"type": ["string", "null"], "minLength": 1}, ""),
        ({"type": "integer"}, True),
        ({"type": "boolean"}, 1),
    ],
)
def test_invalid_instances_are_not_certainly_valid(schema: dict[str, Any], instance: Any) -> None:
    check = compile_check(schema)
    assert check is not None
    assert not _validator(schema).is_valid(instance)
    assert check(instance) is False


@pytest.mark.parametrize(
    ("schema", "instance"),
    [
        ({"pattern": "^a$"}, 1),  # keywords of strings say nothing about other types
        ({"minLength": 2}, 5),
        ({"properties": {"a": {"type": "string"}}}, []),
        ({"items": {"type": "string"}}, "abc"),
        ({"type": ["string", "null"], "minLength": 1}, None),
        ({"type": "string", "pattern": "b", "minLength": 2}, "ab"),
        ({"enum": ["a", "b"]}, "b"),
        ({"type": "integer", "minimum": 0}, 3.0),
    ],
)
def test_valid_instances_are_certainly_valid(schema: dict[str, Any], instance: Any) -> None:
    check = compile_check(schema)
    assert check is not None
    assert _validator(schema).is_valid(instance)
    assert check(instance) is True


def test_an_unknown_keyword_gives_no_quick_check() -> None:
    assert compile_check({"type": "object", "patternProperties": {}}) is None
    assert compile_check({"type": "string", "x-hint": "fine"}) is not None


# -- the manifest schema, against instances near its edge -----------------------------------


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    root = manifest_schema()
    while "$ref" in schema:
        target: Any = root
        for part in schema["$ref"].split("/")[1:]:
            target = target[part]
        schema = target
    return schema


@st.composite
def near(draw: st.DrawFn, schema: dict[str, Any], depth: int = 0) -> Any:
    """Mostly what ``schema`` asks for, now and then anything: manifests valid or nearly."""
    schema = _resolve(schema)
    if depth > 5 or draw(st.integers(0, 19)) == 0:
        return draw(JSON)
    if "anyOf" in schema:
        return draw(near(draw(st.sampled_from(schema["anyOf"])), depth + 1))
    if "enum" in schema or "const" in schema:
        options = schema.get("enum", [schema.get("const")])
        return draw(st.sampled_from([*options, *options, "other", 1.0, None]))
    kind = schema.get("type")
    if kind == "object":
        properties = schema.get("properties", {})
        names = draw(st.lists(st.sampled_from(sorted(properties)), unique=True, max_size=6))
        value = {name: draw(near(properties[name], depth + 1)) for name in names}
        for name in schema.get("required", []):
            if name not in value and draw(st.integers(0, 9)):  # now and then one is missing
                value[name] = draw(near(properties[name], depth + 1))
        if draw(st.integers(0, 9)) == 0:
            value["surprise"] = 1
        return value
    if kind == "array":
        return draw(st.lists(near(schema.get("items", {}), depth + 1), max_size=3))
    if kind == "string":
        if "pattern" in schema:
            return draw(
                st.from_regex(schema["pattern"], fullmatch=True) | st.sampled_from(["", "x y"])
            )
        return draw(st.text(max_size=6))
    if kind == "integer":
        return draw(st.integers(-2, 10**9) | st.sampled_from([1.0, 2.5, True]))
    if kind == "boolean":
        return draw(st.booleans() | st.sampled_from([0, "true"]))
    return draw(JSON)


def _has_float(value: Any) -> bool:
    if isinstance(value, dict):
        return any(_has_float(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_float(v) for v in value)
    return isinstance(value, float)


@SETTINGS
@given(instance=near(manifest_schema()))
def test_the_manifest_check_agrees_with_jsonschema(instance: Any) -> None:
    check = compile_check(manifest_schema())
    assert check is not None
    valid = _validator(manifest_schema()).is_valid(instance)
    assert check(instance) == valid or (valid and _has_float(instance)), instance
    # (1.0 for 1 is the one valid value the quick check leaves to jsonschema)


@pytest.mark.parametrize(
    "manifest",
    [
        ROOT / "tests" / "data" / "golden-project" / "llamalicense.yaml",
        *sorted((ROOT / "examples").glob("*/llamalicense.yaml")),
    ],
    ids=lambda path: path.parent.name,
)
def test_shipped_manifests_are_certainly_valid(manifest: Path) -> None:
    check = compile_check(manifest_schema())
    assert check is not None
    assert check(load_file(manifest).data) is True
