"""The context cues of the scope checks, tokenised and lemmatised like the text.

:class:`CueSet` holds lemma phrases looked up by their first lemma; :class:`CompiledCues`
are the global lists of ``patterns.yaml`` (``cues:``); :class:`ItemCues` one item's own
lists merged with the global ones it takes. Built by ``pipeline.py``, read by ``scope.py``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


class CueSet:
    """Lemma phrases, looked up by their first lemma."""

    def __init__(self, phrases: Iterable[tuple[str, ...]]) -> None:
        by_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in phrases:
            if phrase and phrase not in by_first.get(phrase[0], []):
                by_first.setdefault(phrase[0], []).append(phrase)
        self._by_first = {k: sorted(v, key=len, reverse=True) for k, v in by_first.items()}
        self.longest = max((len(v[0]) for v in self._by_first.values()), default=0)

    def __bool__(self) -> bool:
        return bool(self._by_first)

    def merged(self, other: CueSet) -> CueSet:
        both = [p for v in self._by_first.values() for p in v]
        both += [p for v in other._by_first.values() for p in v]
        return CueSet(both)

    def at(self, lemmas: Sequence[str], i: int, hi: int) -> tuple[str, ...] | None:
        """The longest cue starting at ``i`` and ending by ``hi``, if any."""
        for phrase in self._by_first.get(lemmas[i], ()):
            end = i + len(phrase)
            if end <= hi and tuple(lemmas[i:end]) == phrase:
                return phrase
        return None

    def all_in(self, lemmas: Sequence[str], lo: int, hi: int) -> list[tuple[int, tuple[str, ...]]]:
        """Every cue starting in ``[lo, hi)`` and ending by ``hi`` (the longest at each
        start), in order: (start index, phrase)."""
        out = []
        for i in range(lo, hi):
            phrase = self.at(lemmas, i, hi)
            if phrase is not None:
                out.append((i, phrase))
        return out

    def find(self, lemmas: Sequence[str], lo: int, hi: int) -> tuple[int, tuple[str, ...]] | None:
        """The last cue lying wholly inside ``[lo, hi)``: (start index, phrase)."""
        for i in range(hi - 1, lo - 1, -1):
            phrase = self.at(lemmas, i, hi)
            if phrase is not None:
                return i, phrase
        return None


_EMPTY = CueSet(())


@dataclass(frozen=True)
class CompiledCues:
    """The global cue lists, tokenised and lemmatised like the text."""

    negation: CueSet
    negation_near: CueSet
    negation_near_window: int
    negation_gap: CueSet
    negation_after: CueSet
    after_lead: CueSet
    after_stop: frozenset[str]
    protective: CueSet
    protective_after: CueSet
    protective_after_window: int
    benign: CueSet
    dual_use: CueSet
    hedge: CueSet
    clause_break: frozenset[str]
    subject_start: frozenset[str]
    list_marker: frozenset[str]
    relative: frozenset[str]
    relative_window: int
    reported: CueSet
    frame: CueSet
    story_frame: CueSet
    # The negation forms of ``negation.py`` (empty unless ``patterns.yaml`` gives them).
    negation_weak: CueSet = _EMPTY
    not_negation: CueSet = _EMPTY
    negation_double: CueSet = _EMPTY
    negation_doubt: CueSet = _EMPTY
    negation_relative: CueSet = _EMPTY
    request: CueSet = _EMPTY
    prohibition: CueSet = _EMPTY
    bare_denial: frozenset[str] = frozenset()
    # A use switched off ("… has been disabled"), unless a safety measure is what is off.
    negation_state: CueSet = _EMPTY
    safety_measure: CueSet = _EMPTY
    # A refusal verb before a negator cancels it: "ignores no request".
    refusal_verb: CueSet = _EMPTY
    # A protective cue's word in another sense: the noun of "the home screen shows …",
    # "over the counter". A protective cue inside one of these protects nothing.
    not_protective: CueSet = _EMPTY


@dataclass(frozen=True)
class ItemCues:
    """One item's own context cues, merged with the global ones where it asks for them."""

    protective: CueSet
    benign: CueSet
    dual_use: CueSet
    escalate: CueSet
    frame: CueSet
