"""Bare denials: a stretch of words that only denies ("Not ours.", "We don't do that.", "We
turn that request down every time."), after a mark that follows a use (:func:`bare_tail`),
in the next sentence (:func:`bare`, :func:`restriction_after`), or a question's "No" answer
(:func:`answered_no`). :mod:`llamalicense.aup.denial` and :mod:`llamalicense.aup.scope` ask
them of a hit.
"""

from __future__ import annotations

from collections.abc import Sequence

from llamalicense.aup import negation
from llamalicense.aup.cues import CompiledCues

# Marks after which a bare denial may follow the hit.
TAIL_MARKS = frozenset({",", ":", "\u2014", "\u2013", "-", "--", "(", "?", "!", ";", "."})
TAIL_MAX = 10


def is_bare(lemmas: Sequence[str], lo: int, hi: int, cues: CompiledCues) -> str | None:
    """The denial of ``[lo, hi)`` when the stretch is a bare denial ("Not ours.", "We
    don't do that.", "The answer is no.", "That is off-limits.", "we don't sell them"),
    else None. Besides the ``bare_denial`` words it may hold one verb, right after "not"
    or "never" and before a pronoun that points back ("them", "it", "that")."""
    negator = None
    free = 0
    k = lo
    while k < hi:
        phrase = cues.negation_relative.at(lemmas, k, hi)
        if phrase is not None:
            negator = negator or " ".join(phrase)
            k += len(phrase)
            continue
        lemma = lemmas[k]
        if _points_back(lemmas, k, lo):
            pass  # "that request", "every time"
        elif lemma not in cues.bare_denial:
            if free or not _denied_verb(lemmas, k, lo, hi):
                return None
            free = 1
        elif lemma in negation.BARE_NEGATORS:
            if negation.cancelled(lemmas, k + 1, hi, cues):
                return None  # "No problem.", "It never says no."
            j = negation.next_word(lemmas, k + 1, hi)
            if j is not None and lemmas[j] == "turn" and "down" in lemmas[j + 1 : hi]:
                return None  # "We never turn them down."
            negator = negator or lemma
        k += 1
    if negator is None and "turn" in lemmas[lo:hi] and "down" in lemmas[lo:hi]:
        negator = "turn down"  # "we turn every one down"
    return negator


_ANAPHORS = frozenset({"it", "them", "that", "this", "those", "these", "any", "anything"})
# A noun a bare denial may hold after a word that points back ("we turn *that request*
# down"), and "time" after "every" or "each" ("… every time"; "in no time" stays no denial).
_POINTED_NOUNS = frozenset({"request", "ask", "order", "job", "prompt"})
_POINTERS = frozenset({"that", "this", "those", "these", "such", "any", "every", "each", "all"})


def _points_back(lemmas: Sequence[str], k: int, lo: int) -> bool:
    if k - 1 < lo:
        return False
    before = lemmas[k - 1]
    if lemmas[k] == "time":
        return before in ("every", "each")
    return lemmas[k] in _POINTED_NOUNS and before in _POINTERS


def _denied_verb(lemmas: Sequence[str], k: int, lo: int, hi: int) -> bool:
    """A verb between "not"/"never" and a pronoun pointing back: "we don't *sell* them"."""
    before = k - 1 >= lo and lemmas[k - 1] in ("not", "never")
    return before and k + 1 < hi and lemmas[k + 1] in _ANAPHORS


def bare(lemmas: Sequence[str], lo: int, hi: int, cues: CompiledCues) -> negation.Negation | None:
    """:func:`is_bare` as a negation: sure, unless the denial restricts a party ("Not to
    us.", "not for us"), which limits whom the use is for and need not deny it."""
    negator = is_bare(lemmas, lo, hi, cues)
    if negator is None:
        return None
    if restricts_party(lemmas, lo, hi):
        return negation.Negation(False, " ".join(w for w in lemmas[lo:hi] if w.strip()))
    return negation.Negation(True, negator)


def restricts_party(lemmas: Sequence[str], lo: int, hi: int) -> bool:
    """Whether ``[lo, hi)`` opens with "not to" or "not for" (marks and spaces skipped)."""
    words = [w for w in lemmas[lo:hi] if w.strip() and w not in TAIL_MARKS]
    if len(words) < 2 or words[0] != "not" or words[1] not in _PARTY_WORDS:
        return False
    return len(words) < 3 or words[2] not in _EVERYONE  # "not for anyone" denies


_PARTY_WORDS = frozenset({"to", "for"})
_EVERYONE = frozenset({"anyone", "anybody", "any", "everyone", "everybody"})


def restriction_after(
    lemmas: Sequence[str], seg_hi: int, cues: CompiledCues
) -> negation.Negation | None:
    """A next sentence that only restricts a party ("Sells fake reviews to shops. *Not to
    us.*"): an unsure negation, so the use before it is needs-review, never cleared."""
    stop = seg_hi
    while stop < len(lemmas) and stop < seg_hi + TAIL_MAX and lemmas[stop] not in _ENDS:
        stop += 1
    if stop == seg_hi or not restricts_party(lemmas, seg_hi, stop):
        return None
    return bare(lemmas, seg_hi, stop, cues)


_ENDS = frozenset({".", "!", "?"})


def answered_no(lemmas: Sequence[str], seg_hi: int) -> negation.Negation | None:
    """A question answered "No" at the start of the next sentence, with more after a mark
    ("Pipe bomb? *No,* a pipe dream."): an unsure negation, so the use the question names
    is needs-review, never cleared (what follows the "No" may take it back: "No, we write
    real-looking ones"). A "No" alone is a bare denial (:func:`bare_tail`)."""
    if seg_hi == 0 or seg_hi + 1 >= len(lemmas) or lemmas[seg_hi - 1] != "?":
        return None
    if lemmas[seg_hi] in _ANSWERS and lemmas[seg_hi + 1] in _ANSWER_MARKS:
        return negation.Negation(False, "? " + lemmas[seg_hi])
    return None


_ANSWERS = frozenset({"no", "nope", "nah"})
# The marks after a "No" that answers: "No problem" or "No way to …" are no answer.
_ANSWER_MARKS = frozenset({",", ":", ";", "!", ".", "\u2014", "\u2013", "-", "--"})


def bare_tail(
    lemmas: Sequence[str], end: int, seg_hi: int, cues: CompiledCues
) -> negation.Negation | None:
    """A bare denial after a mark that follows the hit, up to the next mark ("… — never",
    "…? Not ours.", "…: we don't", "… (not allowed on any plan)"). After a comma that
    only goes on with the list the hit stands in, the list's closing mark is read
    instead ("Bought followers, fake upvotes, paid ratings: none of it is on offer")."""
    k, listed = end, False
    while k < min(seg_hi, end + TAIL_MAX * (3 if listed else 1)):
        if lemmas[k] in TAIL_MARKS and not (listed and lemmas[k] == "-"):  # "five-star"
            if listed and lemmas[k] not in _LIST_CLOSERS:
                return None
            stop = k + 1
            while stop < seg_hi and lemmas[stop] not in TAIL_MARKS and lemmas[stop] != ")":
                stop += 1
            if stop - (k + 1) > TAIL_MAX or stop == k + 1:
                return None
            found = bare(lemmas, k + 1, stop, cues)
            if found is not None or lemmas[k] != ",":
                return found
            k, listed = stop, True  # a list member: on to the list's closing mark
            continue
        k += 1
    return None


# The marks a list of uses goes on with (",") or closes with before a denial.
_LIST_CLOSERS = frozenset({",", ":", "?", "\u2014"})
