"""Denials after a hit or beside it, and :func:`find`, which adds them to the reach of a
negator before the hit (``negation.py``).

* after the hit: a lead and a prohibition ("… is banned", "… gets you banned", "… is
  something the bot refuses to write", "…, which we forbid"); a prohibition by someone
  else ("…, which Amazon forbids", "… is prohibited by Amazon") is unsure;
* a bare denial after a mark that follows the hit ("… — never", "…? Not ours.", "…: we
  don't") or in the next clause or sentence ("…; it always says no", "Fake reviews. We
  don't do that."): a stretch made only of negators and the small words of a refusal
  (``bare_denial`` in ``patterns.yaml``; read in :mod:`llamalicense.aup.bare`); after a
  yes-or-no question a "no" is an answer; a question answered "No," and more in the next
  sentence ("Pipe bomb? No, a pipe dream.") is unsure;
* a hit that is someone's request ("requests *for* …", "asked *to* …") is negated by a
  refusal after it in the segment ("… get a polite refusal", "… instead");
* a prohibition anywhere else in the sentence, whose reach none of this could tell, caps
  an affirmative hit at needs-review (:func:`prohibition_outside`).
"""

from __future__ import annotations

from collections.abc import Sequence

from llamalicense.aup import bare, negation, switched
from llamalicense.aup.cues import CompiledCues

# After a lead ("is something …", ", something we …"): the object of a denial, after
# which a pronoun or a relative word opens no new clause.
_AFTER_FILLERS = frozenset(
    {"something", "thing", "what", "anything", "use", "feature", "line", "task", "job", "service"}
)
_AFTER_FILLER_REACH = 6


def find(
    lemmas: Sequence[str],
    words: Sequence[str],
    hit: tuple[int, int],
    clause_range: tuple[int, int],
    segment: tuple[int, int],
    *,
    cues: CompiledCues,
) -> negation.Negation | None:
    """The negation reaching ``hit`` in its clause, before or after it, if any."""
    start, end = hit
    before = negation.before(lemmas, words, start, clause_range, cues)
    asked = negation.asked(lemmas, segment[0], start)
    tail = None if asked else bare.bare_tail(lemmas, end, segment[1], cues)
    after = after_hit(lemmas, end, clause_range[1], segment[1], cues, words=words)
    if before is not None and after is not None and _cancels(after.cue, cues):
        # "No request for … is ever refused": a negator before and a refusal after.
        return negation.Negation(False, f"{before.cue} … {after.cue}")
    if before is not None:
        return before
    if tail is not None:
        return tail
    if after is not None and after.cue:
        return after
    head = switched.head_of_relative(lemmas, words, hit, segment, cues)
    if head is not None:
        return head
    return _refused_request(lemmas, hit, clause_range[0], segment[1], cues)


def _cancels(cue: str, cues: CompiledCues) -> bool:
    words = cue.split()
    return any(cues.negation_double.at(words, k, len(words)) is not None for k in range(len(words)))


def after_hit(
    lemmas: Sequence[str],
    end: int,
    c_hi: int,
    seg_hi: int,
    cues: CompiledCues,
    *,
    words: Sequence[str] = (),
) -> negation.Negation | None:
    """A prohibition after the hit with a lead before it ("… is banned"); a cue of ""
    means the search met a new clause first."""
    i = end
    filler, filler_at = False, end
    while i < c_hi:
        lead_here = cues.after_lead.at(lemmas, i, c_hi)
        if lead_here is not None and len(lead_here) > 1:
            i += len(lead_here)  # "leads to" is read whole: its "to" opens no clause
            continue
        phrase = cues.negation_after.at(lemmas, i, c_hi)
        if phrase is not None and switched.measure_off(lemmas, end, i, c_hi, cues):
            phrase = None  # "… once the limits are switched off": the measure is off
        if phrase is not None and filler:
            return negation.Negation(_own(lemmas, filler_at + 1, i, cues), " ".join(phrase))
        if phrase is not None and lemmas[i] in cues.after_stop:
            # A prohibition that opens with a pronoun: "… gets *you banned*".
            lead = cues.after_lead.find(lemmas, max(end, i - 3), i)
            if lead is not None:
                return negation.Negation(True, " ".join((*lead[1], *phrase)))
        if lemmas[i] in _AFTER_FILLERS and _after_lead_or_comma(lemmas, end, i, cues):
            filler, filler_at = True, i  # "is something the bot refuses to …"
            c_hi = min(seg_hi, max(c_hi, i + _AFTER_FILLER_REACH))
        elif lemmas[i] == "which" and i > end and lemmas[i - 1] == ",":
            found = cues.negation_relative.find(lemmas, i + 1, min(seg_hi, i + _AFTER_FILLER_REACH))
            if found is not None:
                own = _own(lemmas, i + 1, min(seg_hi, found[0] + len(found[1]) + 3), cues)
                return negation.Negation(own, " ".join(("which", *found[1])))
            return negation.Negation(True, "")
        elif not filler and (
            (
                lemmas[i] in cues.after_stop
                and not _object_pronoun(lemmas, i, end)
                and not _preposition_to(lemmas, words, i)
            )
            or (lemmas[i] == "," and i + 1 < c_hi and lemmas[i + 1] in _COORDINATORS)
            or _second_predicate(lemmas, i, c_hi)
        ):
            # A relative or new clause begins: "malware that is not detected", "…, and
            # fans are not told".
            return negation.Negation(True, "")
        if phrase is not None:
            lead = cues.after_lead.find(lemmas, max(end, i - 3), i)
            if lead is not None:
                k = i + len(phrase)
                by_other = (
                    k + 1 < seg_hi and lemmas[k] == "by" and not _own(lemmas, k + 1, k + 2, cues)
                )
                # "… and *the logs* are deleted": a subject of its own may be what is off.
                joined = switched.joined_subject(lemmas, end, i)
                return negation.Negation(not (by_other or joined), " ".join((*lead[1], *phrase)))
        i += 1
    return None


def in_span(
    lemmas: Sequence[str],
    hit: tuple[int, int],
    gap: Sequence[int],
    seg_hi: int,
    cues: CompiledCues,
) -> negation.Negation | None:
    """A negator among a hit's own words, before a verb that stands for the use and ends
    the clause: "… one thing *our writing aid never does*." A pattern that reaches across
    it reads the denial as its own words. Sure when the words before the negator name
    only the product ("our writing aid"), else unsure."""
    start, end = hit
    for k in range(start, end):
        if k in gap or lemmas[k] not in _SPAN_NEGATORS:
            continue
        verb = k + 1
        if verb >= seg_hi or lemmas[verb] not in _PRO_VERBS:
            continue
        if verb + 1 < seg_hi and lemmas[verb + 1] not in _SPAN_ENDS:
            continue
        sure = _own(lemmas, start, k, cues)
        return negation.Negation(sure, " ".join(lemmas[k : verb + 1]))
    return None


# A negator among a hit's own words, the verbs that stand for the use after it, and the
# marks that end the clause after them.
_SPAN_NEGATORS = frozenset({"not", "never", "no", "neither", "nor"})
_PRO_VERBS = frozenset({"do", "will", "would", "can", "could", "shall", "should", "be"})
_SPAN_ENDS = frozenset({".", "!", "?", ",", ";", ":", "-", "\u2014", "\u2013", "\u2026"})


def _own(lemmas: Sequence[str], lo: int, hi: int, cues: CompiledCues) -> bool:
    """Whether ``[lo, hi)`` names only the product, its maker or its terms ("which *we*
    forbid", "something *the bot* refuses"): a prohibition by someone else ("which
    *Amazon* forbids", "… is prohibited *by Amazon*") does not clear the hit."""
    return all(lemmas[k] in cues.bare_denial or lemmas[k] in _OWN_EXTRA for k in range(lo, hi))


_OWN_EXTRA = frozenset(
    {
        "company",
        "team",
        "staff",
        "licence",
        "license",
        "design",
        "default",
        "service",
        "filter",
        "moderator",
        "code",
        "coding",
        "finance",
        "write",
    }
)


_COORDINATORS = frozenset({"and", "or", "but", "so"})
# After a coordinator, the words that open a second predicate of the same subject ("…
# *and does not* tell them"), not a second subject ("spam *and scams* are not allowed").
_PREDICATE_OPENERS = frozenset(
    {"do", "not", "never", "will", "can", "would", "should", "must", "may"}
)


def _second_predicate(lemmas: Sequence[str], i: int, c_hi: int) -> bool:
    """Whether a coordinator at ``i`` opens a second predicate: "collects their location
    *and does not* tell them" (the "not" is that predicate's, not a denial of the use)."""
    return lemmas[i] in _COORDINATORS and i + 1 < c_hi and lemmas[i + 1] in _PREDICATE_OPENERS


_OBJECT_PRONOUNS = frozenset({"it", "them", "you", "us", "him", "her", "me"})
_PREPOSITIONS = frozenset(
    {"with", "for", "by", "on", "in", "at", "from", "through", "via", "of", "about", "into", "onto"}
)


def _after_lead_or_comma(lemmas: Sequence[str], end: int, i: int, cues: CompiledCues) -> bool:
    for k in range(i - 1, max(end, i - 3) - 1, -1):
        if lemmas[k] == "," or cues.after_lead.at(lemmas, k, i) is not None:
            return True
    return False


def _preposition_to(lemmas: Sequence[str], words: Sequence[str], i: int) -> bool:
    """A "to" before a determiner or an inflected word ("threats *to journalists*", "spam
    *to bought* lists") is a preposition, not an infinitive's: no clause begins there.
    Without the surface words, or before a base form ("to steal"), it may be one."""
    if lemmas[i] != "to" or i + 1 >= len(lemmas) or i + 1 >= len(words):
        return False
    following = lemmas[i + 1]
    if following in _DETERMINERS_AFTER_TO:
        return True
    return following.isalpha() and words[i + 1] != following


_DETERMINERS_AFTER_TO = frozenset(
    {"the", "a", "an", "every", "all", "our", "their", "his", "her", "its", "your", "any"}
)


def _object_pronoun(lemmas: Sequence[str], i: int, lo: int) -> bool:
    """A pronoun right after a preposition is an object, not a new subject: "operating
    trains *with it* is out of the question"."""
    return lemmas[i] in _OBJECT_PRONOUNS and i - 1 >= lo and lemmas[i - 1] in _PREPOSITIONS


def _refused_request(
    lemmas: Sequence[str], hit: tuple[int, int], c_lo: int, seg_hi: int, cues: CompiledCues
) -> negation.Negation | None:
    """A hit that is what someone asked for ("requests for …", "asked to …") is negated by
    a refusal after it in the segment ("… get a polite refusal", "… instead")."""
    start, end = hit
    if cues.request.find(lemmas, max(c_lo, start - 4), start) is None:
        return None
    for cue_set in (cues.prohibition, cues.negation_relative):
        found = cue_set.find(lemmas, end, seg_hi)
        if found is not None:
            return negation.Negation(True, " ".join(found[1]))
    if "instead" in lemmas[end:seg_hi]:
        return negation.Negation(True, "instead")
    return None


def prohibition_outside(
    lemmas: Sequence[str], segment: tuple[int, int], hit: tuple[int, int], cues: CompiledCues
) -> str | None:
    """A prohibition in the segment outside the hit, unless a double negative cancels it
    ("never refuses")."""
    lo, hi = segment
    for a, b in ((lo, hit[0]), (hit[1], hi)):
        for i, phrase in cues.prohibition.all_in(lemmas, a, b):
            double = cues.negation_double.at(lemmas, i, b) is not None
            if double and negation.negator_before(lemmas, i, lo, cues) is not None:
                continue
            after = i + len(phrase)
            if after < b and lemmas[after] in negation.NONE_WORDS:
                continue  # "turns down nothing": a double negative
            return " ".join(phrase)
    return None
