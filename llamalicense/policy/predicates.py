"""The predicate language of the rules: data in, a three-valued verdict and its explanation out.

A predicate is a mapping with one operator. Each operator is a small function in
``OPERATORS``; :func:`compile_predicate` checks a predicate once, when the rule is loaded,
and returns a closure the engine calls per component. Results are three-valued:
``True`` (holds), ``False`` (does not hold) or ``None`` (unknown: a fact is missing or
evidence cannot be judged by machine). Every call returns an :class:`Explanation` tree
recording which sub-predicate decided, with the values it saw.

This module holds the compiler, the logic (``all``, ``any``, ``not``), the graph
quantifiers and the evidence checks; the explanation tree and its keys are in
:mod:`llamalicense.policy.explanation`, comparisons on facts (RE2 for ``matches``) in
:mod:`llamalicense.policy.comparisons`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol

from llamalicense.errors import RuleError
from llamalicense.policy.comparisons import COMPARISONS, compile_comparison
from llamalicense.policy.explanation import Explanation, Missing, joined_key, remember


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

QUANTIFIED = ("depends_on", "dependents", "contained_in", "lineage")


def compile_predicate(raw: Any, where: str, check_fact: FactCheck) -> Evaluator:
    """Check ``raw`` and build its evaluator; errors name the JSON path ``where``."""
    if not isinstance(raw, dict) or not raw:
        raise RuleError("a predicate must be a mapping with one operator", json_path=where)
    if "fact" in raw:
        return compile_comparison(raw, where, check_fact)
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

_ALL_DETAIL = {True: "all hold", False: "one does not hold", None: "some are unknown"}
_ANY_DETAIL = {True: "one holds", False: "none holds", None: "none holds for sure"}


def _compile_all(args: Any, where: str, check_fact: FactCheck) -> Evaluator:
    return _connective("all", False, _ALL_DETAIL, _compile_list(args, where, check_fact))


def _compile_any(args: Any, where: str, check_fact: FactCheck) -> Evaluator:
    return _connective("any", True, _ANY_DETAIL, _compile_list(args, where, check_fact))


def _connective(
    op: str, decisive: bool, details: dict[bool | None, str], parts: list[Evaluator]
) -> Evaluator:
    """``all`` (``decisive`` False) or ``any`` (True) in Kleene logic: the first child with
    the decisive result decides (and the rest are not asked); otherwise an unknown child
    makes the whole unknown, else the whole is the other result."""
    memo: dict[Any, Explanation] = {}  # by key: the children's keys

    def evaluate(ctx: Context) -> Explanation:
        children = []
        keys = []
        result: bool | None = not decisive
        for part in parts:
            child = part(ctx)
            children.append(child)
            keys.append(child.key)
            if child.result is decisive:
                result = decisive
                break
            if child.result is None:
                result = None
        key = joined_key(keys)
        found = memo.get(key)
        if found is None:
            explanation = Explanation(op, result, details[result], tuple(children), key=key)
            found = remember(memo, explanation)
        return found

    return evaluate


def _compile_not(args: Any, where: str, check_fact: FactCheck) -> Evaluator:
    inner = compile_predicate(args, where, check_fact)
    memo: dict[Any, Explanation] = {}  # by key: the child's key

    def evaluate(ctx: Context) -> Explanation:
        child = inner(ctx)
        found = memo.get(child.key)
        if found is None:
            result = None if child.result is None else not child.result
            explanation = Explanation("not", result, "negation", (child,), key=child.key)
            found = remember(memo, explanation)
        return found

    return evaluate


def _compile_list(args: Any, where: str, check_fact: FactCheck) -> list[Evaluator]:
    if not isinstance(args, list) or not args:
        raise RuleError("expected a non-empty list of predicates", json_path=where)
    return [compile_predicate(item, f"{where}[{i}]", check_fact) for i, item in enumerate(args)]


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
            # No key: the answer depends on other components' facts.
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
        key = (paths, result, reason)  # what was asked, and the answer
        found = memo.get(key)
        if found is None:
            values = {paths_fact: paths}
            found = remember(
                memo, Explanation("agreement_copy", result, reason, values=values, key=key)
            )
        return found

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
        key = (paths, result, reason)  # what was asked, and the answer
        found = memo.get(key)
        if found is None:
            values = {paths_fact: paths}
            found = remember(memo, Explanation(op, result, reason, values=values, key=key))
        return found

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
