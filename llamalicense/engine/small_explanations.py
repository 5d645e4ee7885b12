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
from typing import Any

from llamalicense.model.project import Review

_REVIEW = ("review",)
_AUP = ("aup",)


class ReviewExplanation(Mapping[str, Any]):
    """``{"review": {"op": "review record", "result": ..., "detail": reason, ["values":
    {...}]}}``: ``result`` is true when ``record`` (the review record that decided the
    finding) is given, else null; ``values`` say who reviewed it, when and for which use
    cases."""

    __slots__ = ("reason", "record")

    def __init__(self, reason: str, record: Review | None) -> None:
        self.reason = reason
        self.record = record

    def __getitem__(self, key: str) -> dict[str, Any]:
        if key != "review":
            raise KeyError(key)
        return review_part(self.reason, self.record)

    def __iter__(self) -> Iterator[str]:
        return iter(_REVIEW)

    def __len__(self) -> int:
        return len(_REVIEW)


def review_part(reason: str, record: Review | None) -> dict[str, Any]:
    """The ``review`` part of an explanation: the finding's ``reason`` and ``record`` (the
    review record that decided it, or None)."""
    detail: dict[str, Any] = {"op": "review record", "result": True if record is not None else None}
    detail["detail"] = reason
    if record is not None:
        detail["values"] = {"by": record.by, "date": record.date, "use_cases": record.use_cases}
    return detail


class AupExplanation(Mapping[str, Any]):
    """``{"aup": {"op": "aup", "result": true if it passed else null, "detail": reason}}``:
    the AUP screen's finding on a component's use cases as a whole."""

    __slots__ = ("passed", "reason")

    def __init__(self, reason: str, *, passed: bool) -> None:
        self.reason = reason
        self.passed = passed

    def __getitem__(self, key: str) -> dict[str, Any]:
        if key != "aup":
            raise KeyError(key)
        return {"op": "aup", "result": True if self.passed else None, "detail": self.reason}

    def __iter__(self) -> Iterator[str]:
        return iter(_AUP)

    def __len__(self) -> int:
        return len(_AUP)
