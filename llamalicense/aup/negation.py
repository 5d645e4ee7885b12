"""Whether a negator before a hit reaches it (``denial.py`` adds the denials after it).

Works on lemma lists (lower case) and, where the verb's form matters, the lower-cased
surface words of the same tokens (``words``; "writes" is finite, "write" is not), so it is
testable without spaCy. The answer is ``None`` (no negation reaches the hit), a *sure*
:class:`Negation` (the hit is negated) or an *unsure* one (a negation is there but its
reach is unclear: the hit is capped at needs-review, never cleared, never a violation).

By position, word lists and the verb's surface form (no parser), the last negator of the
hit's clause counts unless

* it is no negation at all ("*not only* … but also", "*no doubt*": ``not_negation``),
* it cancels with a negative word right after it ("*never refuses* to …", "*no limits*
  on …": ``negation_double``; a double negative is affirmative), or makes an open
  question with a prohibiting or protecting word ("*does not forbid* …", "*nothing
  stops* …": ``negation_doubt``, unsure),
* it sits before a colon that the list-heading rule did not take ("Never miss a sale:
  the assistant …"),
* it sits in a relative clause that ended before the hit ("users *who do not pay can*
  generate …": a modal or a finite verb ends it; without one the reach is unsure),
* a coordinated finite verb comes between ("does not log requests *and writes* …");
  after "never" or "no longer" such a verb leaves the reach unsure ("never sleeps,
  writes …"), as does a weak negator ("nothing", "hardly": ``negation_weak``);
* it is "instead of" or "rather than" and a comma or a finite verb ends its phrase
  first ("Instead of hiring staff the shop writes …").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from llamalicense.aup.cues import CompiledCues

# Negators that take a base verb after an auxiliary ("does not", "will not"): a finite
# verb coordinated after them is outside their reach.
_SUPPORTED = frozenset(
    {"do", "will", "can", "could", "would", "should", "must", "may", "might", "shall", "be"}
)
_MODALS = frozenset({"can", "could", "will", "would", "may", "might", "must", "shall", "should"})
_FINITE_WORDS = frozenset({"is", "are", "was", "were", "has", "had", "does", "did"})
_QUESTION_WORDS = frozenset({"if", "whether"})
_RELATIVE_OPENERS = frozenset({"who", "that", "which", "whom", "whose"})
_RELATIVE_REACH = 3
_JOINERS = frozenset({",", "and"})
_LIST_JOINERS = frozenset({"or", "nor"})
_DOUBLE_REACH = 2
_DOUBLE_SKIP = frozenset({"be", "ever", "once", "even", "to", "a", "any"})
_OPENERS = frozenset({("instead", "of"), ("rather", "than"), ("except",)})
_OPENER_REACH = 6
BARE_NEGATORS = frozenset(
    {
        "not",
        "never",
        "no",
        "nope",
        "nor",
        "neither",
        "none",
        "refuse",
        "decline",
        "forbid",
        "prohibit",
        "ban",
        "disallow",
    }
)


@dataclass(frozen=True)
class Negation:
    """A negation that reaches a hit: ``sure`` clears it, otherwise it needs review."""

    sure: bool
    cue: str


def before(
    lemmas: Sequence[str],
    words: Sequence[str],
    start: int,
    clause_range: tuple[int, int],
    cues: CompiledCues,
) -> Negation | None:
    c_lo = clause_range[0]
    near_lo = max(c_lo, start - cues.negation_near_window)
    found: list[tuple[int, tuple[str, ...]]] = []
    for cue_set, lo in (
        (cues.negation, c_lo),
        (cues.negation_near, near_lo),
        (cues.negation_weak, c_lo),
    ):
        found.extend(cue_set.all_in(lemmas, lo, start))
    found.sort(reverse=True)
    cancelled, doubts = _doubles(lemmas, c_lo, start, cues)
    for i, phrase in found:
        if i in doubts:
            return Negation(False, doubts[i])
        if cancelled.intersection(range(i, i + len(phrase))) or (
            cues.not_negation.at(lemmas, i, start) is not None
        ):
            continue
        reach = _reach(lemmas, words, (i, len(phrase)), start, cues)
        if reach is None:
            continue
        weak = cues.negation_weak.at(lemmas, i, start) is not None
        return Negation(reach and not weak, " ".join(phrase))
    return None


def _doubles(
    lemmas: Sequence[str], lo: int, hi: int, cues: CompiledCues
) -> tuple[set[int], dict[int, str]]:
    """Double negatives in ``[lo, hi)``: the token indices a cancelling pair covers
    ("never refuses", "no limits"), and the negators that make an open question with a
    prohibiting or protecting word ("does not forbid", "nothing stops"), with that pair."""
    cancelled = _refused_none(lemmas, lo, hi, cues)
    doubts: dict[int, str] = {}
    for cue_set, is_doubt in ((cues.negation_double, False), (cues.negation_doubt, True)):
        for k, phrase in cue_set.all_in(lemmas, lo, hi):
            neg = negator_before(lemmas, k, lo, cues)
            if neg is None:
                continue
            if is_doubt:
                doubts[neg] = " ".join(lemmas[neg : k + len(phrase)])
                cancelled.update(range(neg + 1, k + len(phrase)))
            else:
                cancelled.update(range(neg, k + len(phrase)))
    return cancelled, doubts


def _refused_none(lemmas: Sequence[str], lo: int, hi: int, cues: CompiledCues) -> set[int]:
    """A refusal verb before a negator cancels with it ("ignores *no* request", "turns
    down *nothing*"), and so does a "not even" after them ("…, not even one to …"): the
    token indices they cover."""
    cancelled: set[int] = set()
    for k, phrase in cues.refusal_verb.all_in(lemmas, lo, hi):
        j = k + len(phrase)
        if j < hi and lemmas[j] == "a":
            j += 1
        if j < hi and lemmas[j] in NONE_WORDS:
            cancelled.update(range(k, j + 1))
            for m in range(j + 1, hi - 1):
                if lemmas[m] == "not" and lemmas[m + 1] == "even":
                    cancelled.add(m)
    return cancelled


NONE_WORDS = frozenset({"no", "nothing", "none", "nobody", "neither"})


def negator_before(lemmas: Sequence[str], k: int, lo: int, cues: CompiledCues) -> int | None:
    for j in range(k - 1, max(lo, k - _DOUBLE_REACH - 1) - 1, -1):
        if lemmas[j] in BARE_NEGATORS or cues.negation_weak.at(lemmas, j, k) is not None:
            return j
        if lemmas[j] not in _DOUBLE_SKIP and lemmas[j] not in _SUPPORTED:
            return None
    return None


def asked(lemmas: Sequence[str], lo: int, hi: int) -> bool:
    """Whether ``[lo, hi)`` puts a yes-or-no question ("if", "whether"): a "no" after it is
    an answer ("When customers ask if they talk to a machine, it says no"), not a refusal."""
    return any(w in _QUESTION_WORDS for w in lemmas[lo:hi])


def next_word(lemmas: Sequence[str], j: int, hi: int) -> int | None:
    for k in range(j, min(hi, j + _DOUBLE_REACH + 1)):
        if lemmas[k] not in _DOUBLE_SKIP:
            return k
    return None


def cancelled(lemmas: Sequence[str], after: int, hi: int, cues: CompiledCues) -> bool:
    """Whether the negator that ends at ``after`` is cancelled by the word after it (a
    double negative is affirmative): "No *problem*", "never *refuses*", "no *limits*"."""
    j = next_word(lemmas, after, hi)
    return j is not None and cues.negation_double.at(lemmas, j, hi) is not None


def _reach(
    lemmas: Sequence[str],
    words: Sequence[str],
    negator: tuple[int, int],
    start: int,
    cues: CompiledCues,
) -> bool | None:
    """Whether the negator at ``negator`` (start, length) reaches the hit at ``start``:
    True (sure), False (unsure) or None (it does not)."""
    i, length = negator
    after = i + length
    if ":" in lemmas[after:start]:
        return None  # a colon the list heading rule did not take: "Never miss a sale: …"
    if tuple(lemmas[i : i + length]) in _OPENERS:
        return _opener_reach(lemmas, words, after, start)
    relative = any(lemmas[k] in _RELATIVE_OPENERS for k in range(max(0, i - _RELATIVE_REACH), i))
    if relative:
        # Skip the negated verb itself ("who do not *pay*"), then a modal or a finite
        # verb is the main clause's: "… can generate".
        for k in range(after + 1, min(start + 1, len(lemmas))):
            if finite(lemmas, words, k):
                return None
        return start - after <= 1
    if any(
        lemmas[k] in _SUBORDINATORS and lemmas[k + 1] not in _ASKED and lemmas[k - 1] != "as"
        for k in range(after, start)
    ):
        return False
    if any(lemmas[k] in _LIST_JOINERS for k in range(after, start)):
        return True  # "never writes, posts or sells …": the negation distributes
    # The hit may begin with the coordinated verb itself: "… and gives legal advice".
    for k in range(after + 1, min(start + 1, len(lemmas))):
        # "… and writes", "… and it writes", "…, and the bot sends"
        coordinated = (
            lemmas[k - 1] in _JOINERS
            or (k - 2 > after and lemmas[k - 2] in _JOINERS and lemmas[k - 1] in _SUBJECTS)
            or (k - 3 > after and lemmas[k - 3] in _JOINERS and lemmas[k - 2] in _DETERMINERS)
        )
        if coordinated and finite(lemmas, words, k):
            supported = lemmas[i] == "not" and i > 0 and lemmas[i - 1] in _SUPPORTED
            return None if supported else False
    return True


def _opener_reach(
    lemmas: Sequence[str], words: Sequence[str], after: int, start: int
) -> bool | None:
    """ "instead of …", "rather than …": up to a comma or a finite verb."""
    for k in range(after, start):
        if lemmas[k] == "," or (k > after and finite(lemmas, words, k)):
            return None
    return start - after <= _OPENER_REACH


def finite(lemmas: Sequence[str], words: Sequence[str], k: int) -> bool:
    """Whether token ``k`` looks like a finite verb: a modal, a finite auxiliary ("is",
    "does"), or a word in "-s" or "-ed" of its lemma that more words follow ("writes
    fake reviews"; "scams" before "and" or a comma is taken for a plural noun)."""
    word = words[k] if k < len(words) else lemmas[k]
    lemma = lemmas[k]
    if lemma in _MODALS or word in _FINITE_WORDS:
        return True
    if word == lemma or not lemma.isalpha():
        return False
    if k + 1 >= len(lemmas) or not lemmas[k + 1].isalpha() or lemmas[k + 1] in _NOUN_LIST:
        return False
    if word.endswith("d") and any(lemmas[j] in _PASSIVE for j in range(max(0, k - 2), k)):
        return False  # a participle: "cannot be *used* for …", "has been *disabled*"
    return word in (lemma + "s", lemma + "es", lemma + "ed", lemma + "d") or (
        word.endswith("ies") and word[:-3] + "y" == lemma
    )


def clause_follows(lemmas: Sequence[str], words: Sequence[str], lo: int, hi: int) -> bool:
    """Whether ``[lo, hi)`` holds a clause of its own: a finite verb right after a
    subject pronoun or a determiner and a noun ("it writes", "the assistant generates")."""
    for k in range(lo + 1, hi):
        if _plain_present(lemmas, words, k, lo, hi):
            return True  # "No problem: *we sell* rifles …"
        if not finite(lemmas, words, k):
            continue
        if lemmas[k - 1] in _SUBJECTS or (k - 2 >= lo and lemmas[k - 2] in _DETERMINERS):
            return True
    return False


def _plain_present(lemmas: Sequence[str], words: Sequence[str], k: int, lo: int, hi: int) -> bool:
    """A verb in its plain form right after "we", "I", "they" or "you" at the start of the
    stretch, with more words after it: "we sell rifles", "you get …"."""
    if k - 1 != lo or lemmas[k - 1] not in _PLAIN_SUBJECTS or k + 1 >= hi:
        return False
    word = words[k] if k < len(words) else lemmas[k]
    return word == lemmas[k] and word.isalpha() and lemmas[k + 1].isalpha()


def after_colon(
    lemmas: Sequence[str], words: Sequence[str], start: int, clause_range: tuple[int, int]
) -> int:
    """The clause's start, moved past a colon before the hit that a clause of its own
    follows: "Spam filters are never a problem: *the bot sends spam* …"."""
    c_lo, c_hi = clause_range
    colon = next((j for j in range(start - 1, c_lo - 1, -1) if lemmas[j] == ":"), None)
    if colon is not None and clause_follows(lemmas, words, colon + 1, c_hi):
        return colon + 1
    return c_lo


_NOUN_LIST = frozenset({"and", "or", "nor"})
_PASSIVE = frozenset({"be", "get", "have"})
# "… declines *when asked* to …": the subordinate clause is the request, not a barrier.
_ASKED = frozenset({"ask", "asked", "prompt", "prompted", "request", "requested", "tell", "told"})
# A subordinate clause between a negator and the hit: its reach is unsure ("No one
# notices *when* it impersonates …").
_SUBORDINATORS = frozenset(
    {"when", "whenever", "if", "because", "while", "although", "though", "unless", "until"}
)
_SUBJECTS = frozenset({"it", "we", "they", "he", "she", "i", "you", "this", "that", "also"})
_PLAIN_SUBJECTS = frozenset({"we", "i", "they", "you"})
_DETERMINERS = frozenset({"the", "our", "its", "their", "my", "your", "this", "that", "a", "an"})
