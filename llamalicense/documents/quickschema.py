"""A fast yes-or-maybe check of plain data against a JSON Schema, before jsonschema runs.

``jsonschema`` spends most of a large manifest's load time walking 100,000 components
keyword by keyword. Nearly every manifest is valid, so :func:`compile_check` turns a schema
into a tree of small closures (no generated code) that answers one question fast: *is this
instance certainly valid?* ``True`` means jsonschema would report no error; ``False`` means
"maybe not": the caller then runs jsonschema as before, which finds the error and words it,
so error messages do not depend on this module.

The check is sound, not complete: it understands a subset of JSON Schema (the keywords the
shipped schemas use) with jsonschema's semantics, and where it is unsure it says ``False``.
A schema with a keyword outside the subset gets no quick check at all (``None``).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Mapping
from typing import Any

Check = Callable[[Any], bool]

# Keywords that never make an instance invalid (``format`` is not asserted by a jsonschema
# validator built without a format checker, which is how the package builds them).
_ANNOTATIONS = frozenset(
    {
        "$schema",
        "$id",
        "$defs",
        "$comment",
        "definitions",
        "title",
        "description",
        "examples",
        "default",
        "deprecated",
        "readOnly",
        "writeOnly",
        "format",
    }
)
_SUPPORTED = _ANNOTATIONS | {
    "type",
    "enum",
    "const",
    "pattern",
    "minLength",
    "maxLength",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "required",
    "properties",
    "additionalProperties",
    "items",
    "minItems",
    "maxItems",
    "anyOf",
    "allOf",
    "$ref",
}


class Unsupported(Exception):
    """The schema uses something the quick check does not understand."""


def compile_check(schema: Mapping[str, Any]) -> Check | None:
    """A quick validity check for ``schema``, or None when it cannot be built."""
    try:
        return _Compiler(schema).node(schema)
    except Unsupported:
        return None


def _true(_: Any) -> bool:
    return True


def _false(_: Any) -> bool:
    return False


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_integer(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, float) and value.is_integer())


_TYPES: dict[str, Check] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "integer": _is_integer,
    "number": _is_number,
}
_SCALARS = (str, int, float, bool, type(None))
_OBJECT_KEYS = frozenset({"properties", "additionalProperties", "required"})
_ARRAY_KEYS = frozenset({"items", "minItems", "maxItems"})


class _Compiler:
    def __init__(self, root: Mapping[str, Any]) -> None:
        self.root = root
        self.refs: dict[str, Check] = {}
        self.compiling: set[str] = set()

    def node(self, schema: Any) -> Check:
        if schema is True:
            return _true
        if schema is False:
            return _false
        if not isinstance(schema, Mapping):
            raise Unsupported
        unknown = set(schema) - _SUPPORTED
        if any(not key.startswith("x-") for key in unknown):
            raise Unsupported
        if "$id" in schema and schema is not self.root:
            raise Unsupported  # a nested base URI would change what "#/..." refers to
        checks: list[Check] = []
        if "$ref" in schema:
            checks.append(self.ref(schema["$ref"]))
        checks.extend(self.kinds(schema))
        if "enum" in schema:
            checks.append(self.enum(schema["enum"]))
        if "const" in schema:
            checks.append(self.enum([schema["const"]]))
        checks.extend(self.numbers(schema))
        if "anyOf" in schema:
            checks.append(self.any_of(schema["anyOf"]))
        if "allOf" in schema:
            checks.extend(self.list_of(schema["allOf"]))
        return _all(checks)

    def kinds(self, schema: Mapping[str, Any]) -> list[Check]:
        """``type`` and the keywords of strings, objects and arrays.

        A type of "string", "object" or "array" is tested inside the closure for that kind's
        keywords: the usual schema then costs one call per value, not two or three.
        """
        checks: list[Check] = []
        kind = schema.get("type")
        is_object = bool(_OBJECT_KEYS & set(schema))
        is_array = bool(_ARRAY_KEYS & set(schema))
        if is_object:
            checks.append(self.object_(schema, typed=kind == "object"))
        if is_array:
            checks.append(self.array(schema, typed=kind == "array"))
        if kind == "string":
            checks.append(self.string(schema))
            return checks
        typed = (kind == "object" and is_object) or (kind == "array" and is_array)
        if "type" in schema and not typed:
            checks.append(self.type_(kind))
        return checks + self.strings(schema)

    def string(self, schema: Mapping[str, Any]) -> Check:
        """``type: string`` with its minLength, maxLength and pattern, in one closure."""
        least, most = _limits(schema.get("minLength"), schema.get("maxLength"))
        if "pattern" not in schema:
            return lambda v: isinstance(v, str) and least <= len(v) <= most
        search = _search(schema["pattern"])
        return lambda v: isinstance(v, str) and least <= len(v) <= most and search(v) is not None

    def ref(self, ref: Any) -> Check:
        if not isinstance(ref, str) or not ref.startswith("#"):
            raise Unsupported
        if ref in self.refs:
            return self.refs[ref]
        if ref in self.compiling:  # a recursive schema: look the check up when it runs
            refs = self.refs

            def later(value: Any) -> bool:
                return refs[ref](value)

            return later
        self.compiling.add(ref)
        check = self.refs[ref] = self.node(self.pointer(ref))
        self.compiling.discard(ref)
        return check

    def pointer(self, ref: str) -> Any:
        target: Any = self.root
        for raw in ref[1:].split("/")[1:]:
            part = raw.replace("~1", "/").replace("~0", "~")
            if isinstance(target, Mapping) and part in target:
                target = target[part]
            elif isinstance(target, list) and part.isdigit() and int(part) < len(target):
                target = target[int(part)]
            else:
                raise Unsupported
        return target

    def type_(self, value: Any) -> Check:
        names = [value] if isinstance(value, str) else value
        if not isinstance(names, list) or not all(n in _TYPES for n in names):
            raise Unsupported
        tests = [_TYPES[n] for n in names]
        if len(tests) == 1:
            return tests[0]
        return lambda v: any(test(v) for test in tests)

    def enum(self, options: Any) -> Check:
        if not isinstance(options, list) or not all(isinstance(o, _SCALARS) for o in options):
            raise Unsupported
        if all(type(o) is str for o in options):  # the usual enum, in one set look-up
            words = frozenset(options)
            return lambda v: type(v) is str and v in words
        # Same type and equal: stricter than jsonschema (which takes 1.0 for 1), never looser.
        allowed = {(type(o), o) for o in options}
        return lambda v: isinstance(v, _SCALARS) and (type(v), v) in allowed

    def strings(self, schema: Mapping[str, Any]) -> list[Check]:
        """minLength, maxLength and pattern where the type is not (only) "string"."""
        checks: list[Check] = []
        if "pattern" in schema:
            search = _search(schema["pattern"])
            checks.append(lambda v: not isinstance(v, str) or search(v) is not None)
        if "minLength" in schema or "maxLength" in schema:
            least, most = _limits(schema.get("minLength"), schema.get("maxLength"))
            checks.append(lambda v: not isinstance(v, str) or least <= len(v) <= most)
        return checks

    def numbers(self, schema: Mapping[str, Any]) -> list[Check]:
        checks: list[Check] = []
        for key in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
            if key not in schema:
                continue
            bound = schema[key]
            if not _is_number(bound):
                raise Unsupported
            checks.append(_bound(key, bound))
        return checks

    def object_(self, schema: Mapping[str, Any], *, typed: bool) -> Check:
        """properties, additionalProperties and required; ``typed``: also type "object"."""
        properties = schema.get("properties", {})
        required = schema.get("required", [])
        extra = schema.get("additionalProperties", True)
        if not isinstance(properties, Mapping) or not isinstance(required, list):
            raise Unsupported
        if not all(isinstance(name, str) for name in required):
            raise Unsupported
        known = {name: self.node(sub) for name, sub in properties.items()}
        lookup = known.get
        other = self.node(extra)
        must = tuple(required)

        def check(value: Any) -> bool:
            if not isinstance(value, dict):
                return not typed
            for name in must:
                if name not in value:
                    return False
            for name, item in value.items():  # noqa: SIM110 - a loop is faster than all(<gen>)
                if not lookup(name, other)(item):
                    return False
            return True

        return check

    def array(self, schema: Mapping[str, Any], *, typed: bool) -> Check:
        """items, minItems and maxItems; ``typed``: also type "array"."""
        items = self.node(schema.get("items", True))
        least, most = _limits(schema.get("minItems"), schema.get("maxItems"))

        def check(value: Any) -> bool:
            if not isinstance(value, list):
                return not typed
            if not least <= len(value) <= most:
                return False
            return all(map(items, value))  # not all(<generator>): a frame less per item

        return check

    def any_of(self, options: Any) -> Check:
        tests = self.list_of(options)
        if len(tests) == 2:
            first, second = tests
            return lambda v: first(v) or second(v)
        return lambda v: any(test(v) for test in tests)

    def list_of(self, options: Any) -> list[Check]:
        if not isinstance(options, list) or not options:
            raise Unsupported
        return [self.node(option) for option in options]


def _limits(low: Any, high: Any) -> tuple[int, int]:
    """The bounds of a minLength / maxLength (or minItems / maxItems) pair, as least and
    most; lengths count code points, as jsonschema does."""
    return _limit(low, 0), _limit(high, sys.maxsize)


def _limit(value: Any, default: int) -> int:
    if value is None:
        return default
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise Unsupported
    return value


def strict_pattern(pattern: str) -> str:
    """``pattern`` with a final ``$`` made ``\\Z``: in Python ``$`` also matches before a
    final line break, so ``^[A-Z]{2}$`` would accept ``"DE\\n"``. JSON Schema means the
    end of the string (ECMA-262), and so do the shipped schemas."""
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        return pattern[:-1] + "\\Z"
    return pattern


def _search(pattern: Any) -> Callable[[str], re.Match[str] | None]:
    if not isinstance(pattern, str):
        raise Unsupported
    try:
        return re.compile(strict_pattern(pattern)).search
    except re.error:
        raise Unsupported from None


def _bound(key: str, bound: float) -> Check:
    def check(value: Any) -> bool:
        if not _is_number(value):
            return True
        if key == "minimum":
            return bool(value >= bound)
        if key == "maximum":
            return bool(value <= bound)
        if key == "exclusiveMinimum":
            return bool(value > bound)
        return bool(value < bound)

    return check


def _all(checks: list[Check]) -> Check:
    if not checks:
        return _true
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:
        first, second = checks
        return lambda v: first(v) and second(v)

    def check(value: Any) -> bool:
        return all(test(value) for test in checks)

    return check
