"""Explanations of findings made by the hundred thousand, each with its own reason, as small
read-only objects: ``laws`` and ``trademark`` findings (:mod:`llamalicense.engine.reviews`)
and the AUP screen's findings on a component (:mod:`llamalicense.engine.aup_findings`).

A large project has hundreds of thousands of these findings (100,000 components: 188,096
``laws`` and ``trademark`` findings, 53,810 from the AUP screen), so their explanations
cannot be shared. As two dicts each (``{"review": {"op", "result", "detail", ...}}``) they
took about 150 to 240 bytes a finding; these objects hold the reason and what decided it
(about 50 bytes) and give the same nested data when read: each read of the part makes its
dict anew.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from llamalicense.model.project import Review


class _OnePart(Mapping[str, Any]):
    """A mapping with the one key ``KEY``, whose value :meth:`part` makes when it is read."""

    __slots__ = ()
    KEY: ClassVar[str]

    def part(self) -> dict[str, Any]:
        raise NotImplementedError

    def __getitem__(self, key: str) -> dict[str, Any]:
        if key != self.KEY:
            raise KeyError(key)
        return self.part()

    def __iter__(self) -> Iterator[str]:
        return iter((self.KEY,))

    def __len__(self) -> int:
        return 1


class ReviewExplanation(_OnePart):
    """``{"review": {"op": "review record", "result": ..., "detail": reason, ["values":
    {...}]}}``: ``result`` is true when ``record`` (the review record that decided the
    finding) is given, else null; ``values`` say who reviewed it, when and for which use
    cases."""

    __slots__ = ("reason", "record")
    KEY = "review"

    def __init__(self, reason: str, record: Review | None) -> None:
        self.reason = reason
        self.record = record

    def part(self) -> dict[str, Any]:
        return review_part(self.reason, self.record)


def review_part(reason: str, record: Review | None) -> dict[str, Any]:
    """The ``review`` part of an explanation: the finding's ``reason`` and ``record`` (the
    review record that decided it, or None)."""
    detail: dict[str, Any] = {"op": "review record", "result": True if record is not None else None}
    detail["detail"] = reason
    if record is not None:
        detail["values"] = {"by": record.by, "date": record.date, "use_cases": record.use_cases}
    return detail


class AupExplanation(_OnePart):
    """``{"aup": {"op": "aup", "result": true if it passed else null, "detail": reason}}``:
    the AUP screen's finding on a component's use cases as a whole."""

    __slots__ = ("passed", "reason")
    KEY = "aup"

    def __init__(self, reason: str, *, passed: bool) -> None:
        self.reason = reason
        self.passed = passed

    def part(self) -> dict[str, Any]:
        return {"op": "aup", "result": True if self.passed else None, "detail": self.reason}


class WithReview(Mapping[str, Any]):
    """A gated pass's explanation: ``own`` (the decision's, shared by the findings decided
    alike) with ``review`` as its ``review`` part, read as ``{**own, "review": review}``
    without a merged copy per finding (engine.reviews)."""

    __slots__ = ("own", "review")

    def __init__(self, own: Mapping[str, Any], review: dict[str, Any]) -> None:
        self.own = own
        self.review = review

    def __getitem__(self, key: str) -> Any:
        return self.review if key == "review" else self.own[key]

    def __iter__(self) -> Iterator[str]:
        yield from self.own
        if "review" not in self.own:
            yield "review"

    def __len__(self) -> int:
        return len(self.own) + ("review" not in self.own)
