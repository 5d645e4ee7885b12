"""Denials after a hit or beside it, and :func:`find`, which adds them to the reach of a
negator before the hit (``negation.py``).

* after the hit: a lead and a prohibition ("… is banned", "… gets you banned", "… is
  something the bot refuses to write", "…, which we forbid"); a prohibition by someone
  else ("…, which Amazon forbids", "… is prohibited by Amazon") is unsure;
* a bare denial after a mark that follows the hit ("… — never", "…? Not ours.", "…: we
  don't") or in the next clause or sentence ("…; it always says no", "Fake reviews. We
  don't do that."): a stretch made only of negators and the small words of a refusal
  (``bare_denial`` in ``patterns.yaml``); after a yes-or-no question a "no" is an answer;
* a question answered "No," and more in the next sentence ("Pipe bomb? No, a pipe
  dream.") is unsure (:func:`answered_no`);
* a hit that is someone's request ("requests *for* …", "asked *to* …") is negated by a
  refusal after it in the segment ("… get a polite refusal", "… instead");
* a prohibition anywhere else in the sentence, whose reach none of this could tell, caps
  an affirmative hit at needs-review (:func:`prohibition_outside`).
"""

from __future__ import annotations

from collections.abc import Sequence

from llamalicense.aup import negation, switched
from llamalicense.aup.cues import CompiledCues

# After a lead ("is something …", ", something we …"): the object of a denial, after
# which a pronoun or a relative word opens no new clause.
_AFTER_FILLERS = frozenset(
    {"something", "thing", "what", "anything", "use", "feature", "line", "task", "job", "service"}
)
_AFTER_FILLER_REACH = 6
# Marks after which a bare denial may follow the hit.
_TAIL_MARKS = frozenset({",", ":", "\u2014", "\u2013", "-", "--", "(", "?", "!", ";", "."})
_TAIL_MAX = 10


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
    tail = None if asked else bare_tail(lemmas, end, segment[1], cues)
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
            j = negation.next_word(lemmas, k + 1, hi)
            if j is not None and cues.negation_double.at(lemmas, j, hi) is not None:
                return None  # "No problem.", "It never says no."
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
    words = [w for w in lemmas[lo:hi] if w.strip() and w not in _TAIL_MARKS]
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
    while stop < len(lemmas) and stop < seg_hi + _TAIL_MAX and lemmas[stop] not in _ENDS:
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
    while k < min(seg_hi, end + _TAIL_MAX * (3 if listed else 1)):
        if lemmas[k] in _TAIL_MARKS and not (listed and lemmas[k] == "-"):  # "five-star"
            if listed and lemmas[k] not in _LIST_CLOSERS:
                return None
            stop = k + 1
            while stop < seg_hi and lemmas[stop] not in _TAIL_MARKS and lemmas[stop] != ")":
                stop += 1
            if stop - (k + 1) > _TAIL_MAX or stop == k + 1:
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
