"""Comparisons on facts: the predicates ``{fact: NAME, eq: …}`` and their kin.

One comparison (``eq``, ``ne``, ``lt``, ``le``, ``gt``, ``ge``, ``in``, ``contains``,
``startswith``, ``matches``, ``exists``, with optional ``ignore_case``) is checked once when
its rule is loaded; the evaluator it returns reads the fact, hands out one explanation per
distinct value (its key), and is unknown (``None``) on a
:class:`~llamalicense.policy.explanation.Missing` fact.

Regular expressions (``matches``) run on RE2, which matches in linear time, so no pattern
in a rule can hang the engine; patterns are also capped in length.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import re2

from llamalicense.errors import RuleError
from llamalicense.policy.explanation import Explanation, Missing, memo_key, remember
from llamalicense.policy.wording import grouped, worded

if TYPE_CHECKING:  # the predicate language's types; predicates imports this module
    from llamalicense.policy.predicates import Context, Evaluator, FactCheck

MAX_PATTERN = 500

COMPARISONS = (
    "eq",
    "ne",
    "lt",
    "le",
    "gt",
    "ge",
    "in",
    "contains",
    "startswith",
    "matches",
    "exists",
)


def compile_comparison(raw: dict[str, Any], where: str, check_fact: FactCheck) -> Evaluator:
    """Check a comparison (``raw`` has a ``fact`` key) and build its evaluator."""
    name = raw["fact"]
    if not isinstance(name, str):
        raise RuleError("`fact` must be a fact name", json_path=f"{where}.fact")
    ops = [key for key in raw if key in COMPARISONS]
    extra = set(raw) - {"fact", "ignore_case", *COMPARISONS}
    if len(ops) != 1 or extra:
        raise RuleError(
            f"a comparison needs `fact` and one of: {', '.join(COMPARISONS)}",
            json_path=where,
            hint=f"found: {', '.join(sorted(raw))}",
        )
    op = ops[0]
    expected = raw[op]
    ignore_case = raw.get("ignore_case", False)
    if not isinstance(ignore_case, bool):
        raise RuleError("`ignore_case` must be true or false", json_path=f"{where}.ignore_case")
    check_fact(name, f"{where}.fact")
    test = _comparison_test(op, expected, ignore_case, f"{where}.{op}")
    shown = f"{name} {op} {expected!r}"
    memo: dict[Any, Explanation] = {}  # by key: the value (and its type) the fact had

    def evaluate(ctx: Context) -> Explanation:
        value = ctx.fact(name)
        key = memo_key(value)
        found = memo.get(key)
        if found is None:
            found = remember(memo, explain(value, key))
        return found

    def explain(value: Any, key: Any) -> Explanation:
        words: str | None = None
        if op == "exists":
            present = not isinstance(value, Missing) and value not in (None, (), "")
            result: bool | None = present is bool(expected)
            detail = f"{name} is {_show(value)}"
            if not isinstance(value, Missing):
                words = worded(name, value)
        elif isinstance(value, Missing):
            result, detail = None, value.reason
        else:
            result, detail = test(value), f"{name} is {_show(value)}"
            words = worded(name, value)
        if words == detail:  # a fact the wording table does not know reads as it is
            words = None
        return Explanation(shown, result, detail, values={name: value}, key=key, words=words)

    return evaluate


def _show(value: Any) -> str:
    if isinstance(value, Missing):
        return f"not known ({value.reason})"
    if isinstance(value, tuple | list):
        return "[" + ", ".join(str(v) for v in value) + "]" if value else "empty"
    # Show values as the manifest writes them (true, false, null), not as Python does.
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return grouped(value) if isinstance(value, int) else repr(value)


def _comparison_test(
    op: str, expected: Any, ignore_case: bool, where: str
) -> Callable[[Any], bool]:
    def fold(value: Any) -> Any:
        return value.casefold() if ignore_case and isinstance(value, str) else value

    if op in ("lt", "le", "gt", "ge"):
        if not isinstance(expected, int | float) or isinstance(expected, bool):
            raise RuleError(f"`{op}` compares with a number", json_path=where)
        limit = float(expected)

        def compare(value: Any) -> bool:
            if not isinstance(value, int | float) or isinstance(value, bool):
                return False
            if op == "lt":
                return value < limit
            if op == "le":
                return value <= limit
            return value > limit if op == "gt" else value >= limit

        return compare
    if op == "in":
        if not isinstance(expected, list):
            raise RuleError("`in` takes a list of values", json_path=where)
        options = {fold(e) for e in expected}
        return lambda v: fold(v) in options
    if op == "startswith":
        if not isinstance(expected, str):
            raise RuleError("`startswith` takes a string", json_path=where)
        return lambda v: isinstance(v, str) and fold(v).startswith(fold(expected))
    if op == "contains":
        return lambda v: (
            fold(expected) in fold(v)
            if isinstance(v, str) and isinstance(expected, str)
            else isinstance(v, tuple | list) and fold(expected) in [fold(x) for x in v]
        )
    if op == "matches":
        pattern = _compile_regex(expected, ignore_case, where)
        return lambda v: isinstance(v, str) and pattern.search(v) is not None
    if op == "exists":
        if not isinstance(expected, bool):
            raise RuleError("`exists` takes true or false", json_path=where)
        return lambda v: True
    negate = op == "ne"

    def same(value: Any) -> bool:
        # Facts hold tuples where YAML gives lists: compare sequences item by item.
        if isinstance(value, tuple | list) and isinstance(expected, list):
            return [fold(v) for v in value] == [fold(e) for e in expected]
        return bool(fold(value) == fold(expected))

    return lambda v: same(v) is not negate


def _compile_regex(pattern: Any, ignore_case: bool, where: str) -> Any:
    if not isinstance(pattern, str) or len(pattern) > MAX_PATTERN:
        raise RuleError(
            f"`matches` takes a pattern of at most {MAX_PATTERN} characters", json_path=where
        )
    options = re2.Options()
    options.case_sensitive = not ignore_case
    options.max_mem = 1 << 20
    options.log_errors = False  # the error goes in our message, not RE2's log on stderr
    try:
        return re2.compile(pattern, options)
    except re2.error as exc:
        reason = exc.args[0] if exc.args else exc
        if isinstance(reason, bytes):
            reason = reason.decode("utf-8", "replace")
        raise RuleError(
            f"invalid pattern {pattern!r}: {reason}",
            json_path=where,
            hint="patterns use RE2 syntax (no backreferences or lookaround)",
        ) from None
