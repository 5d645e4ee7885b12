"""The explanation of a ``laws`` or ``trademark`` finding (:mod:`llamalicense.engine.reviews`),
as one small read-only object.

A large project has hundreds of thousands of these findings (100,000 components: 188,096),
each with its own reason, so their explanations cannot be shared. As two dicts each
(``{"review": {"op", "result", "detail", ["values"]}}``) they took about 240 bytes a finding;
this object holds the reason and the review record (about 50 bytes) and gives the same
nested data when it is read: each read of ``review`` makes its dict anew.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from llamalicense.model.project import Review

_KEYS = ("review",)


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
        return iter(_KEYS)

    def __len__(self) -> int:
        return len(_KEYS)


def review_part(reason: str, record: Review | None) -> dict[str, Any]:
    """The ``review`` part of an explanation: the finding's ``reason`` and ``record`` (the
    review record that decided it, or None)."""
    detail: dict[str, Any] = {"op": "review record", "result": True if record is not None else None}
    detail["detail"] = reason
    if record is not None:
        detail["values"] = {"by": record.by, "date": record.date, "use_cases": record.use_cases}
    return detail
