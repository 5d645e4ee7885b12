"""Decide what a signal hit means in its sentence: negated, protective, framed, hedged, or plain.

Everything here works on lists of lemmas (lower case), so it is testable without spaCy.
A hit is a token range ``[start, end)`` inside a *segment* (a sentence, or a list line).
Scopes are deliberately shallow:

* a *clause* is the stretch of a segment between breaks such as ";", "but", "however",
  or a comma/"and" followed by a new subject ("…, and we …");
* negation ("not", "never", "refuses", "prohibited", …) counts when it comes before the
  hit in its clause and reaches it (``negation.py``: double negatives, relative clauses,
  coordinated verbs), inside the hit's gap tokens, or after it (``denial.py``: "… is
  blocked", "…, which we forbid", a bare denial "— never", "Not ours.", "We don't do
  that." in the next clause or sentence); a negation of unsure reach, or a prohibition
  the checks could not place, caps the hit at needs-review (``MAYBE_NEGATED``);
* a negation before a colon covers the rest of the segment ("Out of scope: …") unless a
  clause of its own follows, and any list lines after it;
* an aside (``asides.py``: ", which …,", brackets, a pair of dashes) the hit is not in
  is blanked;
* protective verbs ("detects", "moderates") before the hit, or protective nouns right
  after it ("phishing detection"), make the hit a pass;
* benign and dual-use topics anywhere in the segment outside the hit, or sharing words
  with it but reaching past them ("sells *kitchen knives*"), make it a pass or
  needs-review; hedges ("may", "could") before the hit make it needs-review;
* a *frame* anywhere in the segment that puts the product on the defending, teaching or
  storytelling side ("helps *moderators* …", "*so they can be taken down*", "a *lesson
  plan* on …", "for a *crime novelist*") caps a hit at needs-review: a weak hit there gives
  nothing, a strong one (or a weak one raised by an escalation cue) needs-review. A
  violation needs its span and nothing in the sentence saying otherwise;
* a hit just after a relative pronoun ("a supplier *who threatened* …"), or after a
  cue that makes it the topic of a report, a case or an injury ("people *affected by*
  …", "*in cases of* …"), tells what someone else does or suffers, not what the product
  does: needs-review.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from llamalicense.aup import bare, denial, negation, placement
from llamalicense.aup.asides import without_asides
from llamalicense.aup.cues import CompiledCues, ItemCues

NEGATED = "negated"
PROTECTIVE = "protective"
BENIGN = "benign"
DUAL_USE = "dual-use"
BENIGN_APART = "benign-apart"
FRAMED = "framed"
HEDGED = "hedged"
OTHER_PARTY = "other-party"
MAYBE_NEGATED = "maybe-negated"
WEAK = "weak"
AFFIRMATIVE = "affirmative"

_LIST_NUMBER_END = (".", ")")
_HEADING_MAX = 8
# "and" or "or" before one of these opens a new clause even without a comma.
_PERSONAL = frozenset({"we", "i", "they", "he", "she", "it"})
_PUNCTUATION = frozenset({".", "!", ",", "-", "\u2014", "\u2013", "\u2026"})
# A protective noun right after the hit that the product goes without protects nothing:
# "sells porn to kids *without checking* their age".
_GOES_WITHOUT = frozenset({"without", "no", "skip", "lack"})


@dataclass(frozen=True)
class Probe:
    """A hit to judge: token range, the gap ranges between its words, and its signal's
    strength and whether the signal's words carry their own negation."""

    start: int
    end: int
    strength: str = "strong"
    negation_inside: bool = False
    gaps: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Verdict:
    """What a hit means: one of the module constants, and the cue that decided it."""

    kind: str
    cue: str = ""


def segments(
    lemmas: Sequence[str], sentence_starts: Sequence[int], newline_after: Sequence[bool]
) -> list[tuple[int, int]]:
    """Sentence ranges, further split after every token that holds a line break."""
    n = len(lemmas)
    starts = {0, *sentence_starts}
    starts.update(i + 1 for i in range(n - 1) if newline_after[i])
    ordered = sorted(s for s in starts if s < n)
    bounds = [*ordered, n]
    out = []
    for lo, hi in itertools.pairwise(bounds):
        first = lo
        while first < hi and not lemmas[first].strip():
            first += 1
        if first < hi:
            out.append((first, hi))
    return out


def clause(lemmas: Sequence[str], lo: int, hi: int, at: int, cues: CompiledCues) -> tuple[int, int]:
    """The clause of segment ``[lo, hi)`` holding token ``at``."""
    start = lo
    for j in range(at, lo, -1):
        if _breaks_before(lemmas, j, lo, cues):
            start = j
            break
    end = hi
    for j in range(at + 1, hi):
        if _breaks_before(lemmas, j, lo, cues):
            end = j
            break
    return start, end


def _breaks_before(lemmas: Sequence[str], j: int, lo: int, cues: CompiledCues) -> bool:
    if lemmas[j - 1] in cues.clause_break:
        return True
    if lemmas[j] in cues.clause_break:
        return True
    if j - 1 >= lo and lemmas[j - 1] == "," and lemmas[j] in ("so", "then"):
        return True
    if lemmas[j] in _PERSONAL and j - 1 >= lo and lemmas[j - 1] in ("and", "or"):
        return True
    if lemmas[j] in cues.subject_start and j - 1 >= lo:
        prev = lemmas[j - 1]
        return prev in (",", "and", "or", "then", "so") and (
            prev == "," or (j - 2 >= lo and lemmas[j - 2] == ",")
        )
    return False


def list_scopes(
    lemmas: Sequence[str],
    segs: Sequence[tuple[int, int]],
    cues: CompiledCues,
    words: Sequence[str] = (),
) -> list[int | None]:
    """For each segment, the token from which a list-heading negation covers it, if any.

    "Out of scope: weapons, spam" negates what follows the colon (unless a clause of its
    own follows: "Never miss a sale: the bot writes …"). A heading such as "Out-of-scope
    uses:" or a short negated line followed by list lines ("- weapons") negates those lines
    too, until a line that is not a list item. A segment followed by a bare denial
    ("Impersonating real people? Never.", "Fake reviews. We don't do that.") is negated
    whole.
    """
    words = words or lemmas
    out: list[int | None] = []
    carrying = False
    for index, (lo, hi) in enumerate(segs):
        if carrying and _is_list_item(lemmas, lo, hi, cues):
            out.append(lo)
            continue
        nxt = segs[index + 1] if index + 1 < len(segs) else None
        if nxt is not None and (denied := bare.bare(lemmas, *nxt, cues)) and denied.sure:
            out.append(lo)
            carrying = False
            continue
        scope = _colon_scope(lemmas, words, lo, hi, cues)
        out.append(scope)
        next_is_item = nxt is not None and _is_list_item(lemmas, nxt[0], nxt[1], cues)
        short_heading = hi - lo <= _HEADING_MAX and _has_negation(lemmas, lo, hi, cues)
        carrying = next_is_item and (scope is not None or short_heading)
    return out


def _colon_scope(
    lemmas: Sequence[str], words: Sequence[str], lo: int, hi: int, cues: CompiledCues
) -> int | None:
    for i in range(lo, hi):
        if lemmas[i] == ":" and _has_negation(lemmas, lo, i, cues):
            if negation.clause_follows(lemmas, words, i + 1, hi):
                return None  # a clause of its own follows the colon
            return i + 1
    return None


def _has_negation(lemmas: Sequence[str], lo: int, hi: int, cues: CompiledCues) -> bool:
    """Whether ``[lo, hi)`` negates: a negation cue that is no idiom ("not only") and no
    double negative ("No problem:", "No limits:", "No questions asked:")."""
    for cue_set in (cues.negation, cues.negation_near, cues.negation_after):
        for i, phrase in cue_set.all_in(lemmas, lo, hi):
            if cues.not_negation.at(lemmas, i, hi) is not None:
                continue
            if negation.cancelled(lemmas, i + len(phrase), hi, cues):
                continue
            return True
    return False


def _is_list_item(lemmas: Sequence[str], lo: int, hi: int, cues: CompiledCues) -> bool:
    first = lemmas[lo]
    if first in cues.list_marker:
        return True
    return first.isdigit() and lo + 1 < hi and lemmas[lo + 1] in _LIST_NUMBER_END


def judge(
    lemmas: Sequence[str],
    probe: Probe,
    segment: tuple[int, int],
    list_scope: int | None,
    *,
    cues: CompiledCues,
    item: ItemCues,
    words: Sequence[str] = (),
) -> Verdict:
    """Classify one hit ``[probe.start, probe.end)`` inside ``segment``.

    ``words`` are the lower-cased surface words of the same tokens (the verb's form tells
    a finite verb from a base one); without them the lemmas stand in. An aside the hit is
    not in ("Our helper, *which also writes unit tests*, produces payloads …", "(it never
    sleeps)") tells of something else: its words are blanked, so they neither negate,
    protect, hedge nor qualify the hit; a bare denial in brackets right after the hit
    ("… (not allowed on any plan)") negates it.
    """
    start, end = probe.start, probe.end
    hit = (start, end)
    seg_lo, seg_hi = segment
    words = words or lemmas
    if list_scope is not None and start >= list_scope:
        return Verdict(NEGATED, "list heading or answer")
    lemmas, decided = without_asides(lemmas, words, segment, (start, end), cues)
    if decided is not None:
        return Verdict(NEGATED if decided[0] == "denied" else WEAK, decided[1])
    c_lo, c_hi = clause(lemmas, seg_lo, seg_hi, start, cues)
    c_lo = negation.after_colon(lemmas, words, start, (c_lo, c_hi))
    # The break word that opens the clause may lead a negation: "instead of …", "rather
    # than …", "except …".
    n_lo = c_lo - 1 if c_lo > seg_lo and lemmas[c_lo - 1] in cues.clause_break else c_lo
    found = _negation(lemmas, words, probe, (n_lo, c_hi), segment, cues=cues)
    if found is None and probe.negation_inside and _instruction_withheld(lemmas, probe):
        # "never tells users *how to* harm themselves" withholds instructions, which is
        # no failure to warn: at most needs-review.
        found = negation.Negation(False, "not … how to")
    if found is not None:
        return Verdict(NEGATED if found.sure else MAYBE_NEGATED, found.cue)
    if not probe.negation_inside:
        # A pattern that states a failure ("users are not told ...") is not softened by
        # the protective words around it ("our moderation staff do not report ...").
        protective = placement.protective_before(
            item.protective, cues.not_protective, lemmas, (c_lo, start)
        )
        if protective is not None and not placement.denied_cue(lemmas, protective[0], c_lo):
            return Verdict(PROTECTIVE, " ".join(protective[1]))
        after_hi = min(c_hi, end + cues.protective_after_window)
        protective = cues.protective_after.find(lemmas, end, after_hi)
        if protective is not None and not _GOES_WITHOUT.intersection(lemmas[end : protective[0]]):
            return Verdict(PROTECTIVE, " ".join(protective[1]))
    benign = placement.outside_affirmed(
        item.benign, lemmas, (c_lo, c_hi), hit
    ) or placement.reaching_past(item.benign, lemmas, segment, hit, probe.gaps)
    if benign is not None:
        return Verdict(BENIGN, benign)
    # A benign topic in another clause of the sentence may be another thing the product
    # does ("…; it also teaches history"): it does not clear the hit, nor leave it plain.
    apart = placement.outside_affirmed(item.benign, lemmas, segment, hit)
    if apart is not None:
        return Verdict(BENIGN_APART, apart)
    framed = _framed(lemmas, probe, segment, item)
    if framed is not None:
        return framed
    dual = placement.outside(item.dual_use, lemmas, segment, hit) or placement.reaching_past(
        item.dual_use, lemmas, segment, hit, probe.gaps
    )
    if dual is not None:
        return Verdict(DUAL_USE, dual)
    return _uncertain_or_plain(lemmas, probe, segment, c_lo, cues=cues, item=item)


def _uncertain_or_plain(
    lemmas: Sequence[str],
    probe: Probe,
    segment: tuple[int, int],
    c_lo: int,
    *,
    cues: CompiledCues,
    item: ItemCues,
) -> Verdict:
    """The last checks of :func:`judge`: hedged, someone else's act, a prohibition the
    checks could not place, a weak signal, or else affirmative."""
    start, end = probe.start, probe.end
    hit = (start, end)
    hedge = cues.hedge.find(lemmas, c_lo, start)
    if hedge is not None:
        return Verdict(HEDGED, " ".join(hedge[1]))
    other = _other_party(lemmas, probe, c_lo, segment[0], cues)
    if other is not None:
        return Verdict(OTHER_PARTY, other)
    if not probe.negation_inside:
        # Never a silent pass, never a clear: a prohibition the checks could not place.
        banned = denial.prohibition_outside(lemmas, segment, hit, cues)
        if banned is not None:
            return Verdict(MAYBE_NEGATED, banned)
    if probe.strength == "weak":
        escalated = placement.outside(item.escalate, lemmas, segment, hit)
        if escalated is None:
            return Verdict(WEAK)
        return Verdict(AFFIRMATIVE, escalated)
    return Verdict(AFFIRMATIVE)


def _instruction_withheld(lemmas: Sequence[str], probe: Probe) -> bool:
    return any(
        lemmas[k] == "how" and lemmas[k + 1] == "to" for k in range(probe.start, probe.end - 1)
    )


def _negation(
    lemmas: Sequence[str],
    words: Sequence[str],
    probe: Probe,
    clause_range: tuple[int, int],
    segment: tuple[int, int],
    *,
    cues: CompiledCues,
) -> negation.Negation | None:
    if not probe.negation_inside:
        # Only the filler between a pattern's words counts: "build no bombs" is negated,
        # while a listed phrase such as "no human in the loop" carries its own "no".
        for gap_lo, gap_hi in probe.gaps:
            inside = cues.negation_gap.find(lemmas, gap_lo, gap_hi)
            if inside is not None:
                return negation.Negation(True, " ".join(inside[1]))
    found = denial.find(lemmas, words, (probe.start, probe.end), clause_range, segment, cues=cues)
    if found is not None:
        return found
    if not probe.negation_inside:
        gap = tuple(j for lo, hi in probe.gaps for j in range(lo, hi))
        found = denial.in_span(lemmas, (probe.start, probe.end), gap, segment[1], cues)
        if found is not None:
            return found
    # A bare denial in the next clause: "People ask it for ransomware; it always says no."
    c_hi, seg_hi = clause_range[1], segment[1]
    if c_hi < seg_hi and not negation.asked(lemmas, segment[0], probe.start):
        n_lo = c_hi + 1 if lemmas[c_hi] in cues.clause_break else c_hi
        if n_lo < seg_hi:
            n_hi = clause(lemmas, segment[0], seg_hi, n_lo, cues)[1]
            denied = bare.bare(lemmas, n_lo, n_hi, cues) if n_lo < n_hi else None
            if denied is not None:
                return denied
    return bare.restriction_after(lemmas, seg_hi, cues) or bare.answered_no(lemmas, seg_hi)


def _framed(
    lemmas: Sequence[str], probe: Probe, segment: tuple[int, int], item: ItemCues
) -> Verdict | None:
    """A defending, teaching or storytelling frame in the segment: a plain weak hit there
    is benign; a strong or escalated one needs review, never a violation."""
    hit = (probe.start, probe.end)
    frame = placement.outside(item.frame, lemmas, segment, hit) or placement.reaching_past(
        item.frame, lemmas, segment, hit, probe.gaps
    )
    if frame is None:
        return None
    if probe.strength == "weak" and placement.outside(item.escalate, lemmas, segment, hit) is None:
        return Verdict(BENIGN, frame)
    return Verdict(FRAMED, frame)


def _other_party(
    lemmas: Sequence[str], probe: Probe, c_lo: int, seg_lo: int, cues: CompiledCues
) -> str | None:
    """For a strong hit: a relative pronoun right before it ("customers *who* threatened
    …"), after a noun (not at the start of the segment, where "Who …" asks a question),
    or a report cue before it in its clause ("people *affected by* …")."""
    if probe.strength == "weak":
        return None
    start = probe.start
    for j in range(start - 1, max(c_lo, seg_lo + 1, start - cues.relative_window) - 1, -1):
        if lemmas[j] in cues.relative:
            return lemmas[j]
    reported = cues.reported.find(lemmas, c_lo, start)
    return " ".join(reported[1]) if reported is not None else None
