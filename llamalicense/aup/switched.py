"""A use switched off after it ("… has been disabled", "… is switched off", "… was removed
from the product"), told from a safety measure switched off ("sends spam once the rate
limits are switched off", item 1.h's "safety filters are disabled"), from a subject of its
own ("… and the logs are deleted") and from the head of a relative clause ("Deepfake
calls that impersonate bank staff were removed …"). Read by ``denial.py``; works on lemma
lists and the lower-cased surface words, testable without spaCy.
"""

from __future__ import annotations

from collections.abc import Sequence

from llamalicense.aup import negation
from llamalicense.aup.cues import CompiledCues


def measure_off(lemmas: Sequence[str], end: int, i: int, c_hi: int, cues: CompiledCues) -> bool:
    """Whether the state word at ``i`` ("disabled", "switched off", "removed") tells of a
    safety measure rather than the use: one is named between the use and it, or the use's
    own words end in one ("safety filters are disabled" is item 1.h's use, not a denial)."""
    if cues.negation_state.at(lemmas, i, c_hi) is None:
        return False
    return cues.safety_measure.find(lemmas, max(0, end - 2), i) is not None


def joined_subject(lemmas: Sequence[str], lo: int, hi: int) -> bool:
    """Whether "and" or "or" and a determiner open a subject of their own in ``[lo, hi)``."""
    return any(
        lemmas[k] in _JOINS and lemmas[k + 1] in _SUBJECT_DETERMINERS for k in range(lo, hi - 1)
    )


_JOINS = frozenset({"and", "or"})
_SUBJECT_DETERMINERS = frozenset(
    {"the", "its", "their", "our", "all", "every", "any", "his", "her", "a", "an", "each"}
)


def head_of_relative(
    lemmas: Sequence[str],
    words: Sequence[str],
    hit: tuple[int, int],
    segment: tuple[int, int],
    cues: CompiledCues,
) -> negation.Negation | None:
    """A hit that opens the sentence and heads a relative clause, followed by a finite
    auxiliary and a denial after that clause's verb and object: "*Deepfake* voice calls
    that impersonate bank staff *were removed* …". Without a parser whose verb the
    auxiliary is stays a guess: unsure, so needs-review, never a clear."""
    start, end = hit
    seg_lo, seg_hi = segment
    if len(words) < seg_hi or any(
        lemmas[k] not in _SUBJECT_DETERMINERS for k in range(seg_lo, start)
    ):
        return None
    rel = next((k for k in range(end, min(seg_hi, end + 4)) if lemmas[k] in _RELATIVE_WORDS), None)
    if rel is None or any(not lemmas[k].isalpha() for k in range(end, rel)):
        return None
    verb = rel + 1
    if verb >= seg_hi or not lemmas[verb].isalpha() or words[verb] in _AUXILIARIES:
        return None  # "malware that is never detected": the clause's own negation
    for m in range(verb + 2, min(seg_hi, verb + _RELATIVE_REACH)):
        if not lemmas[m].isalpha() or lemmas[m] in cues.after_stop:
            return None
        if words[m] in _AUXILIARIES:
            k = m + 1 if m + 1 < seg_hi and lemmas[m + 1] == "be" else m
            phrase = cues.negation_state.at(lemmas, k + 1, seg_hi) if k + 1 < seg_hi else None
            if phrase is None or measure_off(lemmas, end, k + 1, seg_hi, cues):
                return None
            return negation.Negation(False, " ".join((words[m], *phrase)))
    return None


_RELATIVE_WORDS = frozenset({"that", "which", "who"})
_AUXILIARIES = frozenset({"is", "are", "was", "were", "has", "have", "had"})
_RELATIVE_REACH = 7
