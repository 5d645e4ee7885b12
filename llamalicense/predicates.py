"""The predicate language of the rules: data in, a three-valued verdict and its explanation out.

A predicate is a mapping with one operator. Each operator is a small function in
``OPERATORS``; :func:`compile_predicate` checks a predicate once, when the rule is loaded,
and returns a closure the engine calls per component. Results are three-valued:
``True`` (holds), ``False`` (does not hold) or ``None`` (unknown: a fact is missing or
evidence cannot be judged by machine). Every call returns an :class:`Explanation` tree
recording which sub-predicate decided, with the values it saw.

Regular expressions (``matches``) run on RE2, which matches in linear time, so no pattern
in a rule can hang the engine; patterns are also capped in length.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import re2

from llamalicense.errors import RuleError

MAX_PATTERN = 500


class Missing:
    """A fact the project does not state; comparisons on it are unknown."""

    __slots__ = ("reason",)

    def __init__(self, reason: str) -> None:
        self.reason = reason

    def __repr__(self) -> str:
        return f"Missing({self.reason!r})"


@dataclass(frozen=True)
class Explanation:
    op: str
    result: bool | None
    detail: str
    children: tuple[Explanation, ...] = ()
    values: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The tree as JSON-ready data; made once per explanation and shared, so do not mutate."""
        cached: dict[str, Any] | None = self.__dict__.get("_dict")
        if cached is not None:
            return cached
        out: dict[str, Any] = {"op": self.op, "result": self.result, "detail": self.detail}
        if self.values:
            out["values"] = {k: _jsonable(v) for k, v in sorted(self.values.items())}
        if self.children:
            out["children"] = [child.to_dict() for child in self.children]
        object.__setattr__(self, "_dict", out)
        return out

    def deciding_reason(self) -> str:
        """The detail of the deepest node that gave this result: what to tell the user."""
        cached: str | None = self.__dict__.get("_reason")
        if cached is None:
            cached = self._deciding_reason()
            object.__setattr__(self, "_reason", cached)
        return cached

    def _deciding_reason(self) -> str:
        if self.op == "not" and self.children:
            return self.children[0].deciding_reason()
        # For a conjunction that holds, its last condition says most; otherwise the first
        # child with the same result is the one that decided.
        if self.op == "any" and self.result is False and len(self.children) > 1:
            # Every alternative failed: name them all, so the user sees each way out.
            return "; ".join(child.deciding_reason() for child in self.children)
        ordered = reversed(self.children) if self.op == "all" and self.result else self.children
        for child in ordered:
            if child.result is self.result:
                return child.deciding_reason()
        return self.detail

    def lines(self, indent: int = 0) -> list[str]:
        return tree_lines(self.to_dict(), indent)


def tree_lines(tree: Mapping[str, Any], indent: int = 0) -> list[str]:
    """An explanation tree (as in a finding's ``explanation``) as indented lines."""
    mark = {True: "✔", False: "✘", None: "?"}.get(tree.get("result"), "?")
    out = [f"{'  ' * indent}{mark} {tree.get('op')}: {tree.get('detail')}"]
    for child in tree.get("children") or ():
        out.extend(tree_lines(child, indent + 1))
    return out


# Equal inputs give equal explanations, so each predicate node keeps the ones it made (up to
# MEMO_LIMIT) and hands out the same object again: a 100,000-component manifest then has a few
# hundred distinct explanation trees, each converted to a dict (and rendered) once.
MEMO_LIMIT = 4096
_MISSING_KEY = object()


def memo_key(value: Any) -> Any:
    """A hashable key equal only for equal values of the same types (``True`` is not ``1``),
    or None for values that are not remembered (lists, mappings, other objects)."""
    kind = type(value)
    if kind is str:
        return value
    if value is None or kind is bool or kind is int or kind is float:
        return (kind, value)
    if kind is Missing:
        return (_MISSING_KEY, value.reason)
    if kind is tuple:
        for item in value:
            if type(item) is not str:
                break
        else:
            return value
        parts = tuple(memo_key(item) for item in value)
        return None if None in parts else (tuple, *parts)
    return None


def _remember(memo: dict[Any, Explanation], key: Any, explanation: Explanation) -> Explanation:
    if len(memo) < MEMO_LIMIT:
        memo[key] = explanation
    return explanation


def _jsonable(value: Any) -> Any:
    if isinstance(value, Missing):
        return None
    if isinstance(value, tuple | list):
        return [_jsonable(v) for v in value]
    return value


class Context(Protocol):
    """What a predicate can see: facts about one component under one Llama version."""

    @property
    def component_id(self) -> str: ...

    def fact(self, name: str) -> Any: ...

    def related(self, relation: str) -> list[str]: ...

    def switch(self, component_id: str) -> Context: ...

    def agreement_copy(self, paths: tuple[str, ...]) -> tuple[bool | None, str]: ...

    def shows_text(
        self, paths: tuple[str, ...], text: str, exact_case: bool
    ) -> tuple[bool | None, str]: ...


Evaluator = Callable[[Context], Explanation]
Compiler = Callable[[Any, str, "FactCheck"], Evaluator]
FactCheck = Callable[[str, str], None]

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
QUANTIFIED = ("depends_on", "dependents", "contained_in", "lineage")


def compile_predicate(raw: Any, where: str, check_fact: FactCheck) -> Evaluator:
    """Check ``raw`` and build its evaluator; errors name the JSON path ``where``."""
    if not isinstance(raw, dict) or not raw:
        raise RuleError("a predicate must be a mapping with one operator", json_path=where)
    if "fact" in raw:
        return _compile_comparison(raw, where, check_fact)
    if len(raw) != 1:
        raise RuleError(
            "a predicate has exactly one operator; found " + ", ".join(sorted(raw)),
            json_path=where,
            hint="wrap several conditions in `all:` or `any:`",
        )
    ((op, args),) = raw.items()
    compiler = OPERATORS.get(op)
    if compiler is None:
        raise RuleError(
            f"unknown operator {op!r}",
            json_path=where,
            hint="operators: " + ", ".join(sorted([*OPERATORS, *COMPARISONS])),
        )
    return compiler(args, f"{where}.{op}", check_fact)


# -- logic ------------------------------------------------------------------------


def _compile_all(args: Any, where: str, check_fact: FactCheck) -> Evaluator:
    parts = _compile_list(args, where, check_fact)
    memo: dict[Any, Explanation] = {}  # by the children's identities; entries keep them alive

    def evaluate(ctx: Context) -> Explanation:
        children = []
        result: bool | None = True
        for part in parts:
            child = part(ctx)
            children.append(child)
            if child.result is False:
                result = False
                break  # short-circuit: the first failing condition decides
            if child.result is None:
                result = None
        key = tuple(map(id, children))
        hit = memo.get(key)
        if hit is not None:
            return hit
        detail = {True: "all hold", False: "one does not hold", None: "some are unknown"}[result]
        return _remember(memo, key, Explanation("all", result, detail, tuple(children)))

    return evaluate


def _compile_any(args: Any, where: str, check_fact: FactCheck) -> Evaluator:
    parts = _compile_list(args, where, check_fact)
    memo: dict[Any, Explanation] = {}  # by the children's identities; entries keep them alive

    def evaluate(ctx: Context) -> Explanation:
        children = []
        result: bool | None = False
        for part in parts:
            child = part(ctx)
            children.append(child)
            if child.result is True:
                result = True
                break
            if child.result is None:
                result = None
        key = tuple(map(id, children))
        hit = memo.get(key)
        if hit is not None:
            return hit
        detail = {True: "one holds", False: "none holds", None: "none holds for sure"}[result]
        return _remember(memo, key, Explanation("any", result, detail, tuple(children)))

    return evaluate


def _compile_not(args: Any, where: str, check_fact: FactCheck) -> Evaluator:
    inner = compile_predicate(args, where, check_fact)
    memo: dict[Any, Explanation] = {}  # by the child's identity; entries keep it alive

    def evaluate(ctx: Context) -> Explanation:
        child = inner(ctx)
        hit = memo.get(id(child))
        if hit is not None:
            return hit
        result = None if child.result is None else not child.result
        return _remember(memo, id(child), Explanation("not", result, "negation", (child,)))

    return evaluate


def _compile_list(args: Any, where: str, check_fact: FactCheck) -> list[Evaluator]:
    if not isinstance(args, list) or not args:
        raise RuleError("expected a non-empty list of predicates", json_path=where)
    return [compile_predicate(item, f"{where}[{i}]", check_fact) for i, item in enumerate(args)]


# -- comparisons on facts ----------------------------------------------------------


def _compile_comparison(raw: dict[str, Any], where: str, check_fact: FactCheck) -> Evaluator:
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
    memo: dict[Any, Explanation] = {}  # by the value (and its type) the fact had

    def evaluate(ctx: Context) -> Explanation:
        value = ctx.fact(name)
        key = memo_key(value)
        if key is not None:
            hit = memo.get(key)
            if hit is not None:
                return hit
        explanation = explain(value)
        return explanation if key is None else _remember(memo, key, explanation)

    def explain(value: Any) -> Explanation:
        values = {name: value}
        if op == "exists":
            present = not isinstance(value, Missing) and value not in (None, (), "")
            result = present is bool(expected)
            return Explanation(shown, result, f"{name} is {_show(value)}", values=values)
        if isinstance(value, Missing):
            return Explanation(shown, None, value.reason, values=values)
        outcome = test(value)
        return Explanation(shown, outcome, f"{name} is {_show(value)}", values=values)

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
    return repr(value)


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


# -- graph quantifiers -------------------------------------------------------------


def _quantifier(relation: str) -> Compiler:
    def compile_(args: Any, where: str, check_fact: FactCheck) -> Evaluator:
        if (
            not isinstance(args, dict)
            or len(args) != 1
            or next(iter(args)) not in ("any", "all", "none")
        ):
            raise RuleError(
                f"`{relation}` takes one of any:, all:, none: with a predicate", json_path=where
            )
        ((mode, inner_raw),) = args.items()
        inner = compile_predicate(inner_raw, f"{where}.{mode}", check_fact)

        def evaluate(ctx: Context) -> Explanation:
            others = ctx.related(relation)
            results = [inner(ctx.switch(other)) for other in others]
            truths = [r.result for r in results]
            if mode == "any":
                result: bool | None = (
                    True if True in truths else (None if None in truths else False)
                )
            else:
                want = mode == "all"
                bad = [t for t in truths if t is (not want)]
                result = False if bad else (None if None in truths else True)
            hits = [o for o, r in zip(others, results, strict=True) if r.result is True]
            detail = f"{mode} of {len(others)} ({relation}); holds for: {', '.join(hits) or 'none'}"
            decisive = tuple(r for r in results if r.result is result)[:5]
            return Explanation(relation, result, detail, decisive, {"components": others})

        return evaluate

    return compile_


# -- evidence ----------------------------------------------------------------------


def _paths_arg(args: Any, where: str, check_fact: FactCheck) -> str:
    if not isinstance(args, dict) or not isinstance(args.get("paths"), str):
        raise RuleError(
            "expected `paths:` naming an evidence fact, e.g. attribution.notice", json_path=where
        )
    check_fact(args["paths"], f"{where}.paths")
    return str(args["paths"])


def _compile_agreement_copy(args: Any, where: str, check_fact: FactCheck) -> Evaluator:
    paths_fact = _paths_arg(args, where, check_fact)
    if set(args) - {"paths"}:
        raise RuleError("`agreement_copy` takes only `paths`", json_path=where)

    memo: dict[Any, Explanation] = {}

    def evaluate(ctx: Context) -> Explanation:
        paths = _as_paths(ctx.fact(paths_fact))
        result, reason = ctx.agreement_copy(paths)
        key = (paths, result, reason)
        hit = memo.get(key)
        if hit is not None:
            return hit
        explanation = Explanation("agreement_copy", result, reason, values={paths_fact: paths})
        return _remember(memo, key, explanation)

    return evaluate


def _compile_shows_text(args: Any, where: str, check_fact: FactCheck) -> Evaluator:
    paths_fact = _paths_arg(args, where, check_fact)
    text = args.get("text")
    exact_case = args.get("exact_case", True)
    if not isinstance(text, str) or not text.strip() or set(args) - {"paths", "text", "exact_case"}:
        raise RuleError(
            "`shows_text` takes `paths`, `text` and optional `exact_case`", json_path=where
        )
    if not isinstance(exact_case, bool):
        raise RuleError("`exact_case` must be true or false", json_path=f"{where}.exact_case")

    op = f"shows_text {text!r}"
    memo: dict[Any, Explanation] = {}

    def evaluate(ctx: Context) -> Explanation:
        paths = _as_paths(ctx.fact(paths_fact))
        result, reason = ctx.shows_text(paths, text, exact_case)
        key = (paths, result, reason)
        hit = memo.get(key)
        if hit is not None:
            return hit
        explanation = Explanation(op, result, reason, values={paths_fact: paths})
        return _remember(memo, key, explanation)

    return evaluate


def _as_paths(value: Any) -> tuple[str, ...]:
    if isinstance(value, Missing) or value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, Sequence):
        return tuple(str(v) for v in value)
    return ()


OPERATORS: dict[str, Compiler] = {
    "all": _compile_all,
    "any": _compile_any,
    "not": _compile_not,
    "agreement_copy": _compile_agreement_copy,
    "shows_text": _compile_shows_text,
    **{relation: _quantifier(relation) for relation in QUANTIFIED},
}
