"""Join raw PhraseMatcher/Matcher results into signal hits.

A signal's phrases and token patterns give hits directly. A *pair* fires where a word of
its ``first`` list is followed, within ``window`` tokens, by a word of its ``then`` list.
An ``all_of`` signal fires once per sentence that holds a word from each of its lists.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from llamalicense.aup.rules import Signal

WHOLE = "whole"
ALL_OF = "all"
LEFT = "left"
RIGHT = "right"
LAST = "last"


@dataclass(frozen=True)
class Hit:
    """One signal firing: its token range and the token ranges to show as evidence."""

    signal: Signal
    start: int
    end: int
    parts: tuple[tuple[int, int], ...]
    gaps: tuple[tuple[int, int], ...] = ()  # tokens between the signal's words


Found = tuple[Signal, str, int, int, int]  # signal, kind, index, start, end


def combine_hits(
    found: Sequence[Found], sentences: Callable[[], Sequence[tuple[int, int]]]
) -> list[Hit]:
    """Hits from raw matches, sorted by position then signal; duplicates dropped.

    ``sentences`` is called only when a co-occurrence signal has all its parts.
    """
    hits: dict[tuple[str, int, int], Hit] = {}
    signals: dict[str, Signal] = {}
    # Keyed by the signal's key string: hashing the frozen Signal itself hashes all its
    # word lists, which showed up in profiles.
    sides: dict[tuple[str, int], list[tuple[str, int, int]]] = {}
    parts: dict[str, dict[int, list[tuple[int, int]]]] = {}
    for signal, kind, index, start, end in found:
        signals[signal.key] = signal
        if kind == WHOLE:
            _keep(hits, Hit(signal, start, end, ((start, end),)))
        elif kind == ALL_OF:
            parts.setdefault(signal.key, {}).setdefault(index, []).append((start, end))
        else:
            sides.setdefault((signal.key, index), []).append((kind, start, end))
    for (key, index), words in sides.items():
        # Most of a statement's pair words find no partner: a pair needs two at least.
        if len(words) > 1:
            for hit in _chains(signals[key], index, words):
                _keep(hits, hit)
    for key, by_part in parts.items():
        signal = signals[key]
        if len(by_part) < len(signal.all_of):
            continue
        for hit in _co_occurrences(signal, by_part, sentences()):
            _keep(hits, hit)
    return sorted(hits.values(), key=lambda h: (h.start, h.end, h.signal.key))


def _chains(signal: Signal, index: int, words: list[tuple[str, int, int]]) -> list[Hit]:
    """The hits of pair ``index``: a word of its first list, one of its ``then`` list within
    its window after it (and one of its ``last`` list, if it has one)."""
    pair = signal.pairs[index]
    left = [(start, end) for kind, start, end in words if kind == LEFT]
    right = [(start, end) for kind, start, end in words if kind == RIGHT]
    last = [(start, end) for kind, start, end in words if kind == LAST]
    out = []
    for l_start, l_end in left:
        for r_start, r_end in right:
            if not l_end <= r_start <= l_end + pair.window:
                continue
            if not pair.last:
                gaps: tuple[tuple[int, int], ...] = ((l_end, r_start),)
                out.append(Hit(signal, l_start, r_end, ((l_start, r_end),), gaps))
                continue
            for t_start, t_end in last:
                if r_end <= t_start <= r_end + pair.last_window:
                    gaps = ((l_end, r_start), (r_end, t_start))
                    out.append(Hit(signal, l_start, t_end, ((l_start, t_end),), gaps))
    return out


def _keep(hits: dict[tuple[str, int, int], Hit], hit: Hit) -> None:
    hits.setdefault((hit.signal.key, hit.start, hit.end), hit)


def _co_occurrences(
    signal: Signal,
    by_part: dict[int, list[tuple[int, int]]],
    sentences: Sequence[tuple[int, int]],
) -> list[Hit]:
    """One hit per sentence in which every ``all_of`` list has a word."""
    hits = []
    for lo, hi in sentences:
        chosen = []
        for part in range(len(signal.all_of)):
            inside = [r for r in by_part[part] if lo <= r[0] and r[1] <= hi]
            if not inside:
                break
            chosen.append(inside[0])
        else:
            ordered = tuple(sorted(chosen))
            gaps = tuple((a[1], b[0]) for a, b in itertools.pairwise(ordered) if a[1] < b[0])
            hits.append(Hit(signal, ordered[0][0], max(e for _, e in ordered), ordered, gaps))
    return hits
