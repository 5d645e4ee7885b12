"""Asides: a stretch of a sentence that tells of something else the product does.

A relative clause between commas (", *which also sells tickets*,"), or anything in
brackets or between two dashes of the same kind ("— *built for small shops* —"). The
scope checks blank an aside's words for a hit outside it (``scope.py``); the classifier
screen also scores a sentence without its comma aside (``linear.py``). Works on lemma
lists, testable without spaCy.
"""

from __future__ import annotations

from collections.abc import Sequence

from llamalicense.aup import bare
from llamalicense.aup.cues import CompiledCues

ASIDE_OPENERS = ("which", "who", "whose")
ASIDE_MAX_TOKENS = 30
_BRACKETS = {"(": ")", "[": "]"}
# A hyphen inside a word ("13-year-olds") is marked "\u2010" in the words the caller
# passes (``verdicts.py``), so only a spaced one is a dash here.
_DASHES = frozenset({"\u2014", "\u2013", "-", "--"})
# A bare denial in brackets this close after a hit negates it: "Bulk messages (not allowed)".
_DENIAL_AFTER = 2
_MARKS = frozenset({",", *_BRACKETS, *_DASHES})


def aside(lemmas: Sequence[str], lo: int, hi: int) -> tuple[int, int] | None:
    """The first aside of ``[lo, hi)`` between commas: a comma, a relative pronoun
    ("which", "who", "whose"), and the words up to the next comma (at most
    ``ASIDE_MAX_TOKENS``). The classifier screen's second reading leaves it out."""
    for i in range(lo, hi - 1):
        if lemmas[i] == "," and lemmas[i + 1] in ASIDE_OPENERS:
            for j in range(i + 2, min(hi, i + 2 + ASIDE_MAX_TOKENS)):
                if lemmas[j] == ",":
                    return (i, j + 1)
            return None
    return None


def asides(
    lemmas: Sequence[str], lo: int, hi: int, *, words: Sequence[str] = ()
) -> list[tuple[int, int]]:
    """Every aside of ``[lo, hi)``: the comma aside of :func:`aside`, and the words in
    brackets or between two dashes of the same kind, each with its marks (at most
    ``ASIDE_MAX_TOKENS`` words between them). ``words`` tell a spaced dash from a hyphen
    inside a word (see ``verdicts.py``)."""
    marks = words or lemmas
    if _MARKS.isdisjoint(marks[lo:hi]):
        return []
    out = []
    first = aside(lemmas, lo, hi)
    if first is not None:
        out.append(first)
    i = lo
    while i < hi:
        mark = marks[i]
        close = _BRACKETS.get(mark) or (mark if mark in _DASHES and i > lo else None)
        if close is not None:
            for j in range(i + 1, min(hi, i + 2 + ASIDE_MAX_TOKENS)):
                if marks[j] == close:
                    if j > i + 1:
                        out.append((i, j + 1))
                    i = j
                    break
        i += 1
    return sorted(out)


def without_asides(
    lemmas: Sequence[str],
    words: Sequence[str],
    segment: tuple[int, int],
    hit: tuple[int, int],
    cues: CompiledCues,
) -> tuple[Sequence[str], tuple[str, str] | None]:
    """``lemmas`` with the segment's asides blanked, except one holding the hit; or what an
    aside decides, as (kind, cue): a bare denial right after the hit denies it
    ("denied"), and a hit whose words straddle an aside's edge needs review ("straddled")."""
    found = asides(lemmas, *segment, words=words)
    if not found:
        return lemmas, None
    start, end = hit
    out = list(lemmas)
    for a_lo, a_hi in found:
        if a_lo <= start and end <= a_hi:
            continue
        if start < a_lo < end or start < a_hi - 1 < end:
            return lemmas, ("straddled", "across an aside")
        if end <= a_lo <= end + _DENIAL_AFTER:
            denied = bare.is_bare(lemmas, a_lo + 1, a_hi - 1, cues)
            if denied is not None:
                return lemmas, ("denied", denied)
        out[a_lo:a_hi] = [""] * (a_hi - a_lo)
    return out, None
