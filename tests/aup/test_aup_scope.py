"""Scope rules on lemma lists, without spaCy: clauses, negation, lists, hedges, context."""

from __future__ import annotations

import pytest

from llamalicense.aup import asides, scope
from llamalicense.aup.cues import CompiledCues, CueSet, ItemCues


def cues_of(*phrases: str) -> CueSet:
    return CueSet(tuple(p.split()) for p in phrases)


CUES = CompiledCues(
    negation=cues_of("not", "never", "refuse", "prohibit", "out of scope"),
    negation_near=cues_of("no"),
    negation_near_window=3,
    negation_gap=cues_of("not", "no"),
    negation_after=cues_of("prohibit", "block", "not", "suspension"),
    after_lead=cues_of("be", ":", "will", "lead to"),
    after_stop=frozenset({"that"}),
    protective=cues_of("detect"),
    protective_after=cues_of("filter"),
    protective_after_window=2,
    benign=cues_of("history", "kitchen knife"),
    dual_use=cues_of("research"),
    hedge=cues_of("may"),
    clause_break=frozenset({";", "but"}),
    subject_start=frozenset({"we", "it"}),
    list_marker=frozenset({"-"}),
    relative=frozenset({"who", "whose"}),
    relative_window=3,
    reported=cues_of("affected by", "in case of"),
    frame=cues_of("moderator", "fraud team", "lesson plan"),
    story_frame=cues_of("novelist"),
    bare_denial=frozenset({"never", "not", "no", "we", "do", "that", ".", "?", ""}),
)
ITEM = ItemCues(
    protective=CUES.protective,
    benign=CUES.benign,
    dual_use=CUES.dual_use,
    escalate=cues_of("army"),
    frame=CUES.frame.merged(CUES.story_frame),
)


def judge(
    sentence: str,
    hit: str,
    *,
    strength: str = "strong",
    inside: bool = False,
    gap: tuple[int, int] | None = None,
) -> str:
    """Judge ``hit`` (words of ``sentence``); ``gap`` is relative to the hit's start."""
    lemmas = sentence.split(" ")
    words = hit.split(" ")
    start = next(i for i in range(len(lemmas)) if lemmas[i : i + len(words)] == words)
    segs = scope.segments(lemmas, [0], [w == "\n" for w in lemmas])
    lists = scope.list_scopes(lemmas, segs, CUES)
    index = next(i for i, (lo, hi) in enumerate(segs) if lo <= start < hi)
    gaps = ((start + gap[0], start + gap[1]),) if gap else ()
    probe = scope.Probe(start, start + len(words), strength, inside, gaps)
    return scope.judge(lemmas, probe, segs[index], lists[index], cues=CUES, item=ITEM).kind


@pytest.mark.parametrize(
    ("sentence", "hit", "expected"),
    [
        ("we build bomb .", "build bomb", scope.AFFIRMATIVE),
        ("we do not build bomb .", "build bomb", scope.NEGATED),
        ("we never store data , and we build bomb .", "build bomb", scope.AFFIRMATIVE),
        ("we do not store data ; build bomb .", "build bomb", scope.AFFIRMATIVE),
        ("we do not store data but build bomb .", "build bomb", scope.AFFIRMATIVE),
        ("out of scope : weapon , spam .", "spam", scope.NEGATED),
        ("no spam .", "spam", scope.NEGATED),
        ("no login be need to send a lot of spam .", "spam", scope.AFFIRMATIVE),
        ("spam be prohibit .", "spam", scope.NEGATED),
        ("spam : prohibit .", "spam", scope.NEGATED),
        ("user be not tell about risk .", "not tell about risk", scope.AFFIRMATIVE),
        ("we detect phishing .", "phishing", scope.PROTECTIVE),
        ("phishing filter for inbox .", "phishing", scope.PROTECTIVE),
        ("history of warfare .", "warfare", scope.BENIGN),
        ("phishing for research .", "phishing", scope.DUAL_USE),
        ("it may write malware .", "write malware", scope.HEDGED),
    ],
)
def test_verdicts(sentence: str, hit: str, expected: str) -> None:
    assert judge(sentence, hit) == expected


def test_negation_between_the_words_of_a_pair() -> None:
    assert judge("we build no bomb .", "build no bomb", gap=(1, 2)) == scope.NEGATED
    assert judge("we build pipe bomb .", "build pipe bomb", gap=(1, 2)) == scope.AFFIRMATIVE
    # A signal whose words carry their own negation ignores it in the gaps.
    text = "user be not tell that it be not a human ."
    assert judge(text, "not tell that it be not a human", inside=True, gap=(2, 5)) == (
        scope.AFFIRMATIVE
    )


def test_a_clearing_cue_a_negator_denies_does_not_clear() -> None:
    # "… warfare ; nobody read history": the benign case named, and denied.
    assert judge("we plan warfare ; nobody read history .", "warfare") == scope.AFFIRMATIVE
    assert judge("we plan warfare without any history .", "warfare") == scope.AFFIRMATIVE
    assert judge("we plan warfare for history class .", "warfare") == scope.BENIGN
    # Past the negator's reach, the cue counts again.
    assert judge("no one here ever read about history of warfare .", "warfare") == scope.BENIGN
    # A protective cue too: nobody detects it, so it protects nothing.
    assert judge("nobody detect when people build bomb .", "build bomb") == scope.AFFIRMATIVE
    assert judge("tool detect when people build bomb .", "build bomb") == scope.PROTECTIVE


def test_a_benign_topic_in_another_clause_leaves_the_hit_for_review() -> None:
    # The topic clears a hit in its own clause; in another clause it may be something else
    # the product does, so the hit is neither cleared nor plain (never a silent pass).
    assert judge("we plan warfare ; it also teach history .", "warfare") == scope.BENIGN_APART
    assert judge("history class plan warfare but we build bomb .", "build bomb") == (
        scope.BENIGN_APART
    )
    assert judge("history class plan warfare .", "warfare") == scope.BENIGN
    assert judge("we plan warfare ; nobody read history .", "warfare") == scope.AFFIRMATIVE


def test_benign_cue_sharing_words_with_the_hit_counts() -> None:
    # "sell ... knife" with "kitchen" in the gap: the cue "kitchen knife" takes the gap
    # word and the hit's object, so it qualifies the hit.
    assert judge("we sell kitchen knife .", "sell kitchen knife", gap=(1, 2)) == scope.BENIGN
    assert judge("we sell combat knife .", "sell combat knife", gap=(1, 2)) == (scope.AFFIRMATIVE)
    # A cue lying wholly in the filler between a pair's words does not count.
    assert judge("we sell history book and knife .", "sell history book and knife", gap=(1, 4)) == (
        scope.AFFIRMATIVE
    )


def test_relative_clause_is_someone_elses_act() -> None:
    assert judge("reply to a supplier who threaten us .", "threaten") == scope.OTHER_PARTY
    assert judge("a school whose pupil be send abuse .", "send abuse") == scope.OTHER_PARTY
    # Farther from the pronoun, or with the pronoun opening the segment, it stands.
    assert judge("tell user who want to go far how to build bomb .", "build bomb") == (
        scope.AFFIRMATIVE
    )
    assert judge("who threaten user ?", "threaten") == scope.AFFIRMATIVE
    # A weak hit stays weak (needs-review either way); a negation still wins.
    assert judge("a man who threaten us .", "threaten", strength="weak") == scope.WEAK
    assert judge("a man who never threaten us .", "threaten") == scope.NEGATED


def test_topic_of_a_report_or_an_injury_is_someone_elses_act() -> None:
    text = "answer question from people affected by terror attack ."
    assert judge(text, "terror attack") == scope.OTHER_PARTY
    assert judge("translate judgment in case of terror attack .", "terror attack") == (
        scope.OTHER_PARTY
    )
    assert judge("we plan terror attack .", "terror attack") == scope.AFFIRMATIVE
    # Only before the hit, in its clause.
    assert judge("we plan terror attack ; people affected by it .", "terror attack") == (
        scope.AFFIRMATIVE
    )


def test_defending_teaching_or_story_frame_caps_a_hit_at_needs_review() -> None:
    # A strong hit in a frame needs review; it is never a violation.
    assert judge("help moderator triage post that praise terror attack .", "terror attack") == (
        scope.FRAMED
    )
    assert judge("write a lesson plan about phishing .", "phishing") == scope.FRAMED
    # A frame sharing words with the hit counts when it reaches past it ("fraud team").
    assert judge("help the fraud team sort claim .", "fraud") == scope.FRAMED
    # A weak hit in a frame gives nothing, unless an escalation cue raised it.
    assert judge("help novelist plot a theft .", "theft", strength="weak") == scope.BENIGN
    assert judge("help novelist target drone for the army .", "target drone", strength="weak") == (
        scope.FRAMED
    )
    # Without a frame nothing changes; a negation still wins over a frame.
    assert judge("we plan terror attack .", "terror attack") == scope.AFFIRMATIVE
    assert judge("moderator never plan terror attack .", "terror attack") == scope.NEGATED


def test_story_frame_stays_out_of_an_item_that_refuses_it() -> None:
    lemmas = ["help", "novelist", "write", "phishing", "."]
    start = lemmas.index("phishing")
    probe = scope.Probe(start, start + 1)
    no_story = ItemCues(
        protective=ITEM.protective,
        benign=ITEM.benign,
        dual_use=ITEM.dual_use,
        escalate=ITEM.escalate,
        frame=CUES.frame,
    )
    segment = (0, len(lemmas))
    assert scope.judge(lemmas, probe, segment, None, cues=CUES, item=no_story).kind == (
        scope.AFFIRMATIVE
    )
    assert scope.judge(lemmas, probe, segment, None, cues=CUES, item=ITEM).kind == scope.FRAMED


def test_a_lead_of_several_words_reads_whole() -> None:
    # "to" of "lead to" opens no clause: the consequence after it is a prohibition.
    assert judge("use for phishing lead to suspension .", "phishing") == scope.NEGATED
    assert judge("write phishing to get suspension .", "phishing") == scope.AFFIRMATIVE


def test_weak_hits_need_review_unless_escalated() -> None:
    assert judge("we target drone .", "target drone", strength="weak") == scope.WEAK
    assert judge("we target drone for the army .", "target drone", strength="weak") == (
        scope.AFFIRMATIVE
    )


def test_list_heading_covers_following_list_lines() -> None:
    text = "out of scope : \n - weapon \n - spam \n we write spam ."
    assert judge(text, "weapon") == scope.NEGATED
    assert judge(text, ["-", "spam"][1]) == scope.NEGATED
    lemmas = text.split(" ")
    last = len(lemmas) - 2
    segs = scope.segments(lemmas, [0], [w == "\n" for w in lemmas])
    lists = scope.list_scopes(lemmas, segs, CUES)
    assert lists[-1] is None  # "we write spam" is not a list line any more
    assert segs[-1][0] <= last < segs[-1][1]


def test_clause_bounds() -> None:
    lemmas = ["we", "never", "sell", "data", ",", "and", "we", "build", "bomb", "."]
    assert scope.clause(lemmas, 0, len(lemmas), lemmas.index("build"), CUES) == (6, 10)
    assert scope.clause(lemmas, 0, len(lemmas), lemmas.index("sell"), CUES) == (0, 6)


def test_cue_set_prefers_longest_and_last() -> None:
    cues = cues_of("out", "out of scope")
    lemmas = ["out", "of", "scope", "and", "out"]
    assert cues.find(lemmas, 0, 3) == (0, ("out", "of", "scope"))
    assert cues.find(lemmas, 0, 5) == (4, ("out",))
    assert cues.find(lemmas, 1, 3) is None
    assert not CueSet(())


def test_an_aside_is_blanked_for_a_hit_outside_it() -> None:
    text = "our bot , which never sleep and know history , build bomb ."
    lemmas = text.split(" ")
    assert asides.aside(lemmas, 0, len(lemmas)) == (2, 10)
    assert judge(text, "build bomb") == scope.AFFIRMATIVE
    assert judge("our bot , which build bomb , sleep .", "build bomb") == scope.AFFIRMATIVE
    assert judge("our bot , which never build bomb , sleep .", "build bomb") == scope.NEGATED
    # No closing comma: a relative clause at the end is no aside.
    assert asides.aside(["we", "sell", "tool", ",", "which", "build", "bomb", "."], 0, 7) is None


def test_a_question_answered_no_is_negated() -> None:
    lemmas = ["build", "bomb", "?", "never", "."]
    segs = [(0, 3), (3, 5)]
    assert scope.list_scopes(lemmas, segs, CUES)[0] == 0
    yes = ["build", "bomb", "?", "yes", "."]
    assert scope.list_scopes(yes, segs, CUES)[0] is None
    # A bare denial in the next sentence, not only after a question: "… . We don't do that."
    denied = ["build", "bomb", ".", "we", "do", "not", "do", "that", "."]
    assert scope.list_scopes(denied, [(0, 3), (3, 9)], CUES)[0] == 0
    told = ["build", "bomb", ".", "it", "be", "not", "detect", "."]
    assert scope.list_scopes(told, [(0, 3), (3, 8)], CUES)[0] is None


def test_a_second_predicate_after_and_keeps_its_own_negation() -> None:
    # "… collect location and will not tell them": the "not" is the second verb's.
    assert judge("we collect location and will not tell them .", "collect location") == (
        scope.AFFIRMATIVE
    )
    # A second subject shares the first's predicate: "spam and scam will not be sent".
    assert judge("spam and scam will not be send .", "spam") == scope.NEGATED
