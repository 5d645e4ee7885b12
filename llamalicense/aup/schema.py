"""Small typed readers over :class:`Located` data, each raising a positioned RuleError.

The AUP rule files are few and hand-written, so the checks are spelled out here rather
than in a JSON Schema: the messages can then say what was expected in the file's terms.
"""

from __future__ import annotations

from typing import Any

from llamalicense.aup.yamlpos import Located
from llamalicense.documents.jsonpath import child as child_path
from llamalicense.errors import RuleError

# spaCy Matcher token attributes that make sense on a blank English pipeline. POS, TAG,
# DEP, ENT_TYPE and MORPH need a trained pipeline; REGEX and FUZZY are left out so a
# rule cannot bring back the backtracking problem the Matcher avoids.
STRING_ATTRS = frozenset({"ORTH", "TEXT", "LOWER", "LEMMA", "NORM"})
FLAG_ATTRS = frozenset(
    {
        "IS_ALPHA",
        "IS_ASCII",
        "IS_DIGIT",
        "IS_LOWER",
        "IS_UPPER",
        "IS_TITLE",
        "IS_PUNCT",
        "IS_SPACE",
        "IS_STOP",
        "LIKE_NUM",
        "LIKE_URL",
        "LIKE_EMAIL",
        "IS_SENT_START",
    }
)
MAX_REPEAT = 10


class Reader:
    """Typed access to one rule file; every failure names file, line and JSON path."""

    def __init__(self, located: Located) -> None:
        self.located = located

    def fail(self, message: str, path: str, hint: str | None = None) -> RuleError:
        return self.located.error(message, path, hint)

    def mapping(
        self,
        value: Any,
        path: str,
        *,
        required: frozenset[str] = frozenset(),
        allowed: frozenset[str] | None = None,
    ) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(f"expected a mapping, found {_kind(value)}", path)
        for key in value:
            if not isinstance(key, str):
                raise self.fail(f"keys must be strings, found {key!r}", path)
        if allowed is not None:
            unknown = sorted(set(value) - allowed)
            if unknown:
                raise self.fail(
                    f"unknown key {unknown[0]!r}",
                    child_path(path, unknown[0]),
                    hint="allowed keys: " + ", ".join(sorted(allowed)),
                )
        missing = sorted(required - set(value))
        if missing:
            raise self.fail(f"missing required key {missing[0]!r}", path)
        return value

    def string(self, value: Any, path: str) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"expected a non-empty string, found {_kind(value)}", path)
        return value

    def strings(self, value: Any, path: str, *, allow_empty: bool = False) -> tuple[str, ...]:
        if not isinstance(value, list):
            raise self.fail(f"expected a list of strings, found {_kind(value)}", path)
        if not value and not allow_empty:
            raise self.fail("expected at least one entry", path)
        return tuple(self.string(item, child_path(path, i)) for i, item in enumerate(value))

    def integer(self, value: Any, path: str, *, low: int, high: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise self.fail(f"expected a whole number from {low} to {high}", path)
        return value

    def choice(self, value: Any, path: str, options: tuple[str, ...]) -> str:
        if value not in options:
            raise self.fail(f"expected one of {', '.join(options)}, found {value!r}", path)
        return str(value)

    def boolean(self, value: Any, path: str) -> bool:
        if not isinstance(value, bool):
            raise self.fail(f"expected true or false, found {_kind(value)}", path)
        return value

    def matcher_pattern(self, value: Any, path: str) -> tuple[dict[str, Any], ...]:
        """One spaCy Matcher pattern: a list of token dicts with bounded operators."""
        if not isinstance(value, list) or not value:
            raise self.fail("a token pattern is a non-empty list of token dicts", path)
        tokens = tuple(self._token(tok, child_path(path, i)) for i, tok in enumerate(value))
        if all(_optional(tok) for tok in tokens):
            raise self.fail(
                "this pattern can match nothing at all",
                path,
                hint="give at least one token without an optional OP",
            )
        return tokens

    def _token(self, value: Any, path: str) -> dict[str, Any]:
        token = self.mapping(value, path)
        for key, spec in token.items():
            sub = child_path(path, key)
            if key == "OP":
                self._operator(spec, sub)
            elif key in STRING_ATTRS:
                self._string_spec(key, spec, sub)
            elif key in FLAG_ATTRS:
                self.boolean(spec, sub)
            elif key == "LENGTH":
                self.integer(spec, sub, low=0, high=1000)
            else:
                raise self.fail(
                    f"token attribute {key!r} is not supported here",
                    sub,
                    hint="use LEMMA, LOWER, ORTH, TEXT, NORM, LENGTH, OP or an IS_/LIKE_ flag;"
                    " a blank pipeline has no POS, TAG or DEP, and REGEX is not allowed",
                )
        return dict(token)

    def _operator(self, spec: Any, path: str) -> None:
        if spec in ("?", "!"):
            return
        text = spec if isinstance(spec, str) else ""
        body = text[1:-1] if text.startswith("{") and text.endswith("}") else None
        parts = body.split(",") if body is not None else []
        numbers = [p.strip() for p in parts]
        valid = (
            body is not None
            and 1 <= len(numbers) <= 2
            and all(n.isdigit() for n in numbers)
            and int(numbers[-1]) <= MAX_REPEAT
            and int(numbers[0]) <= int(numbers[-1])
        )
        if not valid:
            raise self.fail(
                f"unsupported OP {spec!r}",
                path,
                hint=f'use "?", "!", "{{n}}" or "{{n,m}}" with m at most {MAX_REPEAT};'
                ' "*" and "+" are unbounded and not allowed',
            )

    def _string_spec(self, key: str, spec: Any, path: str) -> None:
        if isinstance(spec, str):
            self._lower_if_needed(key, spec, path)
            return
        mapping = self.mapping(spec, path, allowed=frozenset({"IN", "NOT_IN"}))
        if not mapping:
            raise self.fail("expected IN or NOT_IN", path)
        for op, values in mapping.items():
            sub = child_path(path, op)
            for i, item in enumerate(self.strings(values, sub)):
                self._lower_if_needed(key, item, child_path(sub, i))

    def _lower_if_needed(self, key: str, value: str, path: str) -> None:
        if key in ("LEMMA", "LOWER") and value != value.lower():
            raise self.fail(
                f"{key} values are matched in lower case; {value!r} can never match",
                path,
                hint=f"write {value.lower()!r}",
            )


def _optional(token: dict[str, Any]) -> bool:
    op = token.get("OP")
    return op == "?" or (isinstance(op, str) and op.startswith("{0"))


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return f"the number {value!r}"
    if isinstance(value, str):
        return "an empty string" if not value.strip() else f"the string {value!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__
