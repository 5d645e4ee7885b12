"""Where a context cue stands against a hit (llamalicense.aup.placement), on lemma lists."""

from __future__ import annotations

from llamalicense.aup import placement
from llamalicense.aup.cues import CueSet

CUES = CueSet((("opt", "in"), ("kitchen", "knife")))


def _words(text: str) -> list[str]:
    return text.split()


def test_a_cue_outside_the_hit_is_found_before_or_after_it() -> None:
    lemmas = _words("send text to client who opt in .")
    assert placement.outside(CUES, lemmas, (0, len(lemmas)), (0, 2)) == "opt in"
    lemmas = _words("opt in : send text .")
    assert placement.outside(CUES, lemmas, (0, len(lemmas)), (3, 5)) == "opt in"


def test_a_denied_cue_does_not_count_as_affirmed() -> None:
    lemmas = _words("send text ; nobody opt in .")
    segment, hit = (0, len(lemmas)), (0, 2)
    assert placement.outside(CUES, lemmas, segment, hit) == "opt in"
    assert placement.outside_affirmed(CUES, lemmas, segment, hit) is None
    assert placement.denied_cue(lemmas, 4, 0)
    # Three words back at most, and not before ``lo``.
    assert not placement.denied_cue(_words("nobody ever really said we opt in"), 6, 0)
    assert not placement.denied_cue(_words("no ; opt in"), 2, 2)


def test_a_cue_that_qualifies_the_hit_reaches_past_it() -> None:
    lemmas = _words("we sell kitchen knife .")
    # The hit "sell … knife" with "kitchen" in its gap.
    assert placement.reaching_past(CUES, lemmas, (0, 5), (1, 4), ((2, 3),)) == "kitchen knife"
    # The hit's own words alone, or the gap's alone, do not.
    assert placement.reaching_past(CUES, lemmas, (0, 5), (2, 4), ()) is None


def test_a_protective_cue_in_another_sense_does_not_protect() -> None:
    protective = CueSet((("screen",), ("counter",)))
    other_senses = CueSet((("home", "screen"), ("over", "the", "counter")))
    lemmas = _words("the home screen show fake review")
    assert placement.protective_before(protective, other_senses, lemmas, (0, 4)) is None
    lemmas = _words("we screen and remove fake review")
    assert placement.protective_before(protective, other_senses, lemmas, (0, 4)) == (
        1,
        ("screen",),
    )
    # The last cue that is not covered wins: "screen" after "over the counter" protects.
    lemmas = _words("sold over the counter we screen fake review")
    assert placement.protective_before(protective, other_senses, lemmas, (0, 6)) == (
        5,
        ("screen",),
    )
