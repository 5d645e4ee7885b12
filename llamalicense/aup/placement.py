"""Where a context cue stands against a hit: anywhere in its sentence outside it, or sharing
words with it and qualifying them; whether a negator just before a cue denies it; and the
protective cue before a hit that is not a word in another sense.

:mod:`llamalicense.aup.scope` asks these of an item's cues (benign, dual use, frames,
escalation, protection) to judge a hit.
"""

from __future__ import annotations

from collections.abc import Sequence

from llamalicense.aup.cues import CueSet

Gaps = tuple[tuple[int, int], ...]


def reaching_past(
    cue_set: CueSet,
    lemmas: Sequence[str],
    segment: tuple[int, int],
    hit: tuple[int, int],
    gaps: Gaps,
) -> str | None:
    """A cue that shares words with the hit and takes a gap word or a word beyond it:
    "sells kitchen knives" hits "sell … knives", and the cue "kitchen knives" qualifies
    its object. A cue made only of the hit's own words, or only of gap words, does not
    count (the latter is the filler between a pair's words)."""
    start, end = hit
    gap = {j for lo, hi in gaps for j in range(lo, hi)}
    for i in range(max(segment[0], start - cue_set.longest + 1), end):
        phrase = cue_set.at(lemmas, i, segment[1])
        if phrase is None or i + len(phrase) <= start:
            continue
        own = [start <= j < end and j not in gap for j in range(i, i + len(phrase))]
        if any(own) and not all(own):
            return " ".join(phrase)
    return None


def outside_affirmed(
    cue_set: CueSet, lemmas: Sequence[str], segment: tuple[int, int], hit: tuple[int, int]
) -> str | None:
    """Like :func:`outside`, but a cue that a negator just before denies does not count:
    "nobody *opted in*", "never asked to *opt in*" say the benign case is missing."""
    for a, b in ((segment[0], hit[0]), (hit[1], segment[1])):
        for i, phrase in cue_set.all_in(lemmas, a, b):
            if not denied_cue(lemmas, i, a):
                return " ".join(phrase)
    return None


def denied_cue(lemmas: Sequence[str], i: int, lo: int) -> bool:
    """Whether a negator stands within a few words before the cue at ``i`` (not before
    ``lo``)."""
    return any(lemmas[j] in _CUE_NEGATORS for j in range(max(lo, i - _CUE_NEGATOR_REACH), i))


# Negators that deny a clearing cue a few words after them ("nobody opted in", "without
# their consent", "never asked to opt in").
_CUE_NEGATORS = frozenset({"not", "never", "no", "nobody", "none", "without", "nor"})
_CUE_NEGATOR_REACH = 3


def outside(
    cue_set: CueSet, lemmas: Sequence[str], segment: tuple[int, int], hit: tuple[int, int]
) -> str | None:
    """The last cue of ``cue_set`` in the sentence before the hit, else after it."""
    for a, b in ((segment[0], hit[0]), (hit[1], segment[1])):
        found = cue_set.find(lemmas, a, b)
        if found is not None:
            return " ".join(found[1])
    return None


def protective_before(
    protective: CueSet, other_senses: CueSet, lemmas: Sequence[str], span: tuple[int, int]
) -> tuple[int, tuple[str, ...]] | None:
    """The last protective cue wholly inside ``span`` that no phrase of ``other_senses``
    covers (the words in another sense: "the home *screen* shows fake reviews" is no
    screening of them, nor is "over the *counter*" a counter-measure)."""
    reach = other_senses.longest
    for i, phrase in reversed(protective.all_in(lemmas, span[0], span[1])):
        end = i + len(phrase)
        covered = any(
            j + len(other) >= end
            for j in range(max(0, i - reach + 1), i + 1)
            if (other := other_senses.at(lemmas, j, len(lemmas))) is not None
        )
        if not covered:
            return i, phrase
    return None
