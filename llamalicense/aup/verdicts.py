"""Turn matcher hits into per-item results: one result per (statement, item)."""

from __future__ import annotations

import gc
from collections.abc import Sequence

from llamalicense.aup import scope
from llamalicense.aup.cues import CompiledCues, ItemCues
from llamalicense.aup.hits import Hit
from llamalicense.aup.linear import ModelHit
from llamalicense.aup.pipeline import Analysed, matcher_for
from llamalicense.aup.results import NEEDS_REVIEW, VIOLATION, AupStatus, RawResult
from llamalicense.aup.rules import VersionRules


def run(texts: Sequence[str], rules: VersionRules, identity: str) -> list[list[RawResult]]:
    """Classify ``texts`` (uses) against ``rules``; one list of results per text."""
    # spaCy allocates many small objects per text; with its large vocabulary on the heap,
    # the cyclic collector's full passes cost about a third of the run time. Reference
    # counting still frees everything; collection resumes afterwards.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _run(texts, rules, identity)
    finally:
        if was_enabled:
            gc.enable()


def _run(texts: Sequence[str], rules: VersionRules, identity: str) -> list[list[RawResult]]:
    matcher = matcher_for(rules, identity)
    results: list[list[RawResult]] = [[] for _ in texts]
    order = {item.id: item.order for item in rules.items}
    for analysed in matcher.analyse(texts):
        found = _judge_statement(analysed, texts[analysed.index], matcher.cues, matcher.item_cues)
        results[analysed.index] = sorted(found, key=lambda r: (order[r.item], r.spans[0]))
    return results


def _judge_statement(
    doc: Analysed,
    text: str,
    cues: CompiledCues,
    item_cues: dict[str, ItemCues],
) -> list[RawResult]:
    segs = scope.segments(doc.lemmas, doc.sentence_starts, doc.newline_after)
    words = _words(text, doc.offsets)
    lists = scope.list_scopes(doc.lemmas, segs, cues, words)
    per_item: dict[str, list[tuple[scope.Verdict, Hit]]] = {}
    for hit in doc.hits:
        seg_index = _segment_of(segs, hit.start)
        if seg_index is None:
            continue
        segment = segs[seg_index]
        end = min(hit.end, segment[1])
        probe = scope.Probe(
            start=hit.start,
            end=end,
            strength=hit.signal.strength,
            negation_inside=hit.signal.negation_inside,
            gaps=hit.gaps,
        )
        verdict = scope.judge(
            doc.lemmas,
            probe,
            segment,
            lists[seg_index],
            cues=cues,
            item=item_cues[hit.signal.item],
            words=words,
        )
        per_item.setdefault(hit.signal.item, []).append((verdict, hit))
    out = []
    for item, judged in per_item.items():
        result = _combine(item, judged, doc, text)
        if result is not None:
            out.append(result)
    for screened in doc.screened:
        # The patterns judge an item they hit; the screen speaks only where they are silent.
        if screened.item not in per_item:
            result = _screen_result(
                screened,
                doc,
                text,
                segs=segs,
                lists=lists,
                words=words,
                cues=cues,
                item_cues=item_cues,
            )
            if result is not None:
                out.append(result)
    return out


def _words(text: str, offsets: list[tuple[int, int]]) -> list[str]:
    """The lower-cased words of the tokens; a hyphen inside a word ("13-year-olds",
    "out-of-scope") becomes "\u2010", so that only a spaced one can open an aside."""
    words = [text[a:b].lower() for a, b in offsets]
    for i, word in enumerate(words):
        if word == "-" and (
            (i > 0 and offsets[i - 1][1] == offsets[i][0])
            or (i + 1 < len(offsets) and offsets[i + 1][0] == offsets[i][1])
        ):
            words[i] = "\u2010"
    return words


# Items whose very wording is an omission ("Fail to appropriately disclose ..."): a
# negation near the screen's evidence is what the item is about, not a denial of it.
_OMISSION_ITEMS = frozenset({"4"})
_CLEAN_KINDS = (scope.NEGATED, scope.PROTECTIVE, scope.BENIGN)
# Kinds that leave a result needs-review, with the cue noted in a screen result's reason.
_NOTED_KINDS = (
    scope.HEDGED,
    scope.DUAL_USE,
    scope.BENIGN_APART,
    scope.FRAMED,
    scope.OTHER_PARTY,
    scope.MAYBE_NEGATED,
)


def _screen_result(
    screened: ModelHit,
    doc: Analysed,
    text: str,
    *,
    segs: list[tuple[int, int]],
    lists: list[int | None],
    words: list[str],
    cues: CompiledCues,
    item_cues: dict[str, ItemCues],
) -> RawResult | None:
    """needs-review for an item only the classifier screen saw, unless the words of its
    strongest feature are negated, protective or benign in context (the same checks as a
    pattern hit)."""
    notes: list[str] = []
    # The words of the strongest feature decide: "texts every number we found, no opt-in
    # needed" is not cleared by the "no" before a weaker feature's words.
    for start, end in _probed(screened, doc.lemmas, cues)[:1]:
        seg_index = _segment_of(segs, start)
        if seg_index is None:
            return None
        segment = segs[seg_index]
        probe = scope.Probe(
            start=start,
            end=min(end, segment[1]),
            strength="weak",
            negation_inside=screened.item in _OMISSION_ITEMS,
        )
        verdict = scope.judge(
            doc.lemmas,
            probe,
            segment,
            lists[seg_index],
            cues=cues,
            item=item_cues[screened.item],
            words=words,
        )
        if verdict.kind in _CLEAN_KINDS:
            return None
        if verdict.kind in _NOTED_KINDS and verdict.cue:
            notes.append(f"{verdict.kind} '{verdict.cue}'")
    spans = tuple(sorted((doc.offsets[s][0], doc.offsets[e - 1][1]) for s, e in screened.evidence))
    if not spans:
        return None
    weighed = ", ".join(f"'{' '.join(text[a:b].split())}'" for a, b in spans)
    extra = f"; {', '.join(dict.fromkeys(notes))}" if notes else ""
    reason = (
        f"classifier screen only, no pattern matched (score {score_text(screened.probability)}"
        f"{extra}), needs a human look; the words that weighed most: {weighed}"
    )
    return RawResult(screened.item, NEEDS_REVIEW, reason, _merged(spans))


def score_text(probability: float) -> str:
    """A screen's probability in two decimals; short of 1, it never reads as "1.00"."""
    return f"{min(round(probability, 2), 0.99):.2f}"


def _probed(
    screened: ModelHit, lemmas: list[str], cues: CompiledCues
) -> tuple[tuple[int, int], ...]:
    """The screen's evidence, with the words the scope checks probe first: a negation word
    is not the use, so a range that begins with one ("never", which a word class may
    hold) yields to the next. (Not for an omission item, whose use is a negation.)"""
    if screened.item in _OMISSION_ITEMS:
        return screened.evidence
    kept = [r for r in screened.evidence if cues.negation.at(lemmas, r[0], r[1]) is None]
    return tuple(kept) or screened.evidence


def _merged(spans: tuple[tuple[int, int], ...]) -> tuple[tuple[int, int], ...]:
    kept: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda r: (r[0], -r[1])):
        if kept and start <= kept[-1][1]:
            kept[-1] = (kept[-1][0], max(kept[-1][1], end))
        else:
            kept.append((start, end))
    return tuple(kept)


def _segment_of(segs: list[tuple[int, int]], token: int) -> int | None:
    for i, (lo, hi) in enumerate(segs):
        if lo <= token < hi:
            return i
    return None


# A pattern hit of these kinds gives needs-review: the screen's noted kinds and a weak hit.
_REVIEW_KINDS = (*_NOTED_KINDS, scope.WEAK)


def _combine(
    item: str, judged: list[tuple[scope.Verdict, Hit]], doc: Analysed, text: str
) -> RawResult | None:
    """Violation if any hit is affirmative; needs-review if any is uncertain; else none."""
    affirmative = [(v, h) for v, h in judged if v.kind == scope.AFFIRMATIVE]
    # Prefer a hit that is affirmative on its own over one raised by an escalation cue.
    affirmative.sort(key=lambda pair: (pair[0].cue != "", pair[1].start, -pair[1].end))
    review = [(v, h) for v, h in judged if v.kind in _REVIEW_KINDS]
    review.sort(key=lambda pair: (pair[1].start, -pair[1].end))
    chosen = affirmative or review
    if not chosen:
        return None
    status: AupStatus = VIOLATION if affirmative else NEEDS_REVIEW
    spans = _spans([h for _, h in chosen], doc)
    verdict, hit = chosen[0]
    shown = text[doc.offsets[hit.start][0] : doc.offsets[min(hit.end, len(doc.offsets)) - 1][1]]
    return RawResult(item, status, _reason(verdict, shown), spans)


def _spans(hits: list[Hit], doc: Analysed) -> tuple[tuple[int, int], ...]:
    ranges = set()
    for hit in hits:
        for start, end in hit.parts:
            ranges.add((doc.offsets[start][0], doc.offsets[end - 1][1]))
    ordered = sorted(ranges, key=lambda r: (r[0], -r[1]))
    kept: list[tuple[int, int]] = []
    for start, end in ordered:
        if kept and start >= kept[-1][0] and end <= kept[-1][1]:
            continue  # inside a span already kept
        kept.append((start, end))
    return tuple(kept)


def _reason(verdict: scope.Verdict, shown: str) -> str:
    quoted = " ".join(shown.split())
    if verdict.kind == scope.AFFIRMATIVE:
        if verdict.cue:
            return f"affirmative use: '{quoted}' (with '{verdict.cue}')"
        return f"affirmative use: '{quoted}'"
    if verdict.kind == scope.HEDGED:
        return f"hedged ('{verdict.cue}'), so uncertain: '{quoted}'"
    if verdict.kind == scope.DUAL_USE:
        return f"dual-use context ('{verdict.cue}'), needs a human look: '{quoted}'"
    if verdict.kind == scope.BENIGN_APART:
        return (
            f"a benign topic in another clause ('{verdict.cue}') may be something else the "
            f"product does; needs a human look: '{quoted}'"
        )
    if verdict.kind == scope.FRAMED:
        return (
            f"defending, teaching or story frame ('{verdict.cue}'), so not plainly a "
            f"prohibited use; needs a human look: '{quoted}'"
        )
    if verdict.kind == scope.OTHER_PARTY:
        return (
            f"what someone else does or suffers ('{verdict.cue} …'), not plainly the "
            f"product's use; needs a human look: '{quoted}'"
        )
    if verdict.kind == scope.MAYBE_NEGATED:
        return (
            f"a negation or prohibition nearby ('{verdict.cue}') may or may not cover it; "
            f"needs a human look: '{quoted}'"
        )
    if verdict.cue:
        return f"weak signal ({verdict.cue}), needs a human look: '{quoted}'"
    return f"weak signal, needs a human look: '{quoted}'"
