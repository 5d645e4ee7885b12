"""A bare denial in the next sentence that points back at the use ("We turn that request
down every time.") and one that denies a refusal ("We never turn them down."), issue 14
item 8: no violation on a negated statement, and no negation read into an affirmation."""

from __future__ import annotations

import pytest
from aup_kit import statuses

from llamalicense.aup import bare


@pytest.mark.parametrize(
    ("lemmas", "k"),
    [
        (["we", "turn", "that", "request", "down"], 3),
        (["we", "decline", "such", "order"], 3),
        (["we", "say", "no", "every", "time"], 4),
        (["we", "say", "no", "each", "time"], 4),
    ],
)
def test_a_noun_that_points_back_may_stand_in_a_denial(lemmas: list[str], k: int) -> None:
    assert bare._points_back(lemmas, k, 0)


@pytest.mark.parametrize(
    ("lemmas", "k"),
    [
        (["in", "no", "time"], 2),  # "in no time" is speed, not a refusal
        (["the", "request"], 1),
        (["request"], 0),
    ],
)
def test_other_nouns_do_not(lemmas: list[str], k: int) -> None:
    assert not bare._points_back(lemmas, k, 0)


@pytest.mark.parametrize(
    "text",
    [
        "Offset credits for trees nobody planted? We turn that request down every time.",
        "Reviews from buyers who never existed? We turn those requests down.",
        "Fake reviews for your shop. We turn that down each time.",
    ],
)
def test_a_refusal_that_points_back_denies_the_use(text: str) -> None:
    assert statuses(text, version="llama-3.3") == []


@pytest.mark.parametrize(
    ("text", "item"),
    [
        ("Fake reviews? We never turn them down.", "3.f"),
        ("Fake reviews? We do not turn them down.", "3.f"),
        ("Fake reviews? We never turn that request down.", "3.f"),
        ("Fake reviews? We write them in no time.", "3.f"),
    ],
)
def test_a_refused_refusal_or_a_boast_stays_a_violation(text: str, item: str) -> None:
    assert (item, "violation") in statuses(text, version="llama-3.3")
