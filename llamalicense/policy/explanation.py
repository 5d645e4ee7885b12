"""What a predicate answers with: the :class:`Explanation` tree, its key and its text.

A predicate's result is three-valued: ``True``, ``False`` or ``None`` (unknown), and a fact
the project does not state is a :class:`Missing` with the reason. Each evaluation returns an
:class:`Explanation` recording which sub-predicate decided, with the values it saw, and a
``key`` made of those values: equal keys, equal explanations. So each predicate node hands
out one explanation per key (:func:`remember`), and the engine reuses one decision for the
components whose explanations have equal keys. :func:`tree_lines` renders a tree (as in a
finding's ``explanation``) as indented lines.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


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
    # What the explanation was made from, as a hashable value: the value a comparison read
    # (see memo_key), what an evidence check asked and was told, or the children's keys.
    # None when it depends on more than that (other components, values that are no keys).
    key: Any = field(default=None, compare=False, repr=False)
    # The detail worded for people (llamalicense.policy.wording), where it names a fact;
    # None when the detail already reads as it should.
    words: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The tree as JSON-ready data; made once per explanation and shared, so do not mutate."""
        cached: dict[str, Any] | None = self.__dict__.get("_dict")
        if cached is not None:
            return cached
        out: dict[str, Any] = {"op": self.op, "result": self.result, "detail": self.detail}
        if self.words is not None:
            out["why"] = self.words
        if self.values:
            out["values"] = {k: _jsonable(v) for k, v in sorted(self.values.items())}
        if self.children:
            out["children"] = [child.to_dict() for child in self.children]
        object.__setattr__(self, "_dict", out)
        return out

    def deciding_reason(self) -> str:
        """The detail of the deepest node that gave this result: what to tell the user (in
        the machine's words: fact names, as JSON keeps them)."""
        cached: str | None = self.__dict__.get("_reason")
        if cached is None:
            cached = self._deciding(worded=False)
            object.__setattr__(self, "_reason", cached)
        return cached

    def deciding_words(self) -> str:
        """:meth:`deciding_reason` worded for people (each fact by its wording)."""
        cached: str | None = self.__dict__.get("_words")
        if cached is None:
            cached = self._deciding(worded=True)
            object.__setattr__(self, "_words", cached)
        return cached

    def _deciding(self, *, worded: bool) -> str:
        def of(child: Explanation) -> str:
            return child.deciding_words() if worded else child.deciding_reason()

        if self.op == "not" and self.children:
            return of(self.children[0])
        # For a conjunction that holds, its last condition says most; otherwise the first
        # child with the same result is the one that decided.
        if self.op == "any" and self.result is False and len(self.children) > 1:
            # Every alternative failed: name them all, so the user sees each way out.
            return "; ".join(of(child) for child in self.children)
        ordered = reversed(self.children) if self.op == "all" and self.result else self.children
        for child in ordered:
            if child.result is self.result:
                return of(child)
        return self.words if worded and self.words is not None else self.detail

    def lines(self, indent: int = 0) -> list[str]:
        return tree_lines(self.to_dict(), indent)


def tree_lines(tree: Mapping[str, Any], indent: int = 0) -> list[str]:
    """An explanation tree (as in a finding's ``explanation``) as indented lines."""
    mark = {True: "✔", False: "✘", None: "?"}.get(tree.get("result"), "?")
    detail = tree.get("why", tree.get("detail"))  # worded for people where it names a fact
    out = [f"{'  ' * indent}{mark} {tree.get('op')}: {detail}"]
    for child in tree.get("children") or ():
        out.extend(tree_lines(child, indent + 1))
    return out


# Explanations one predicate node keeps: a few hundred distinct ones on a 100,000-component
# manifest, but a fact with a value per component (a name) would make one per component.
MEMO_LIMIT = 4096
_MISSING_KEY = object()


def memo_key(value: Any) -> Any:
    """A hashable key equal only for equal values of the same types (``True`` is not ``1``),
    or None for values that are no keys (lists, mappings, other objects)."""
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


def joined_key(keys: list[Any]) -> Any:
    """The key of an explanation made from children with these ``keys``: all of them, or
    None if one is None."""
    return None if None in keys else tuple(keys)


def remember(memo: dict[Any, Explanation], explanation: Explanation) -> Explanation:
    """Keep ``explanation`` in a predicate node's ``memo`` under its key, while there is room
    (and it has a key)."""
    if explanation.key is not None and len(memo) < MEMO_LIMIT:
        memo[explanation.key] = explanation
    return explanation


def _jsonable(value: Any) -> Any:
    if isinstance(value, Missing):
        return None
    if isinstance(value, tuple | list):
        return [_jsonable(v) for v in value]
    return value
