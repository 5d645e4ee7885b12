"""The result types of the AUP classifier (re-exported by ``llamalicense.aup``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

VIOLATION: Final = "violation"
NEEDS_REVIEW: Final = "needs-review"
AupStatus = Literal["violation", "needs-review"]  # what an AUP match can be


@dataclass(frozen=True)
class Span:
    """Character offsets ``[start, end)`` into the statement, and the text found there."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class AupMatch:
    """A statement that falls (or may fall) under one prohibited-use item of the AUP."""

    item: str
    item_text: str
    status: AupStatus
    reason: str
    spans: tuple[Span, ...]
    statement: str
    statement_index: int


@dataclass(frozen=True)
class RawResult:
    """What the cache stores for one item of one statement (offsets into the statement)."""

    item: str
    status: AupStatus
    reason: str
    spans: tuple[tuple[int, int], ...]

    def to_json(self) -> list[object]:
        return [self.item, self.status, self.reason, [list(s) for s in self.spans]]

    @classmethod
    def from_json(cls, value: object) -> RawResult:
        """Rebuild from the cache; raises ValueError on anything unexpected."""
        if not isinstance(value, list) or len(value) != 4:
            raise ValueError("bad cache entry")
        item, status, reason, spans = value
        if not (isinstance(item, str) and isinstance(reason, str)):
            raise ValueError("bad cache entry")
        if not isinstance(spans, list):
            raise ValueError("bad cache entry")
        if status not in (VIOLATION, NEEDS_REVIEW):
            raise ValueError("bad cache entry")
        pairs = []
        for span in spans:
            ok = isinstance(span, list) and len(span) == 2
            if not ok or not all(isinstance(n, int) and n >= 0 for n in span):
                raise ValueError("bad cache entry")
            pairs.append((span[0], span[1]))
        level: AupStatus = VIOLATION if status == VIOLATION else NEEDS_REVIEW
        return cls(item, level, reason, tuple(pairs))
