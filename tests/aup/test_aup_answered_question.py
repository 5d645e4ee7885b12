"""A question answered "No" and more in the next sentence (issue 14, item 8: no violation on
a benign statement): "Pipe bomb? No, pipe dream." names the use only to deny it, yet what
follows the "No" may take the denial back, so the hit is needs-review, never cleared."""

from __future__ import annotations

import pytest
from aup_kit import statuses

from llamalicense.aup import bare


def test_a_no_with_a_mark_after_a_question_is_an_unsure_denial() -> None:
    lemmas = ["pipe", "bomb", "?", "no", ",", "pipe", "dream", "."]
    found = bare.answered_no(lemmas, 3)
    assert found is not None
    assert (found.sure, found.cue) == (False, "? no")


@pytest.mark.parametrize(
    "lemmas",
    [
        ["pipe", "bomb", ".", "no", ",", "pipe", "dream", "."],  # not a question
        ["pipe", "bomb", "?", "no", "problem", ",", "we", "ship", "."],  # no answer
        ["pipe", "bomb", "?", "yes", ",", "we", "ship", "."],
        ["pipe", "bomb", "?"],  # nothing after it
    ],
)
def test_anything_else_is_no_answer(lemmas: list[str]) -> None:
    assert bare.answered_no(lemmas, 3) is None


@pytest.mark.parametrize(
    ("text", "item"),
    [
        ("Molotov cocktails? Nope, mocktails with a smoky rum-free twist.", "2.b"),
        ("Hire a hitman? No: a murder-mystery party planner.", "1.a.vi"),
        ("Fake reviews? No, we write real-looking ones for you.", "3.f"),
    ],
)
def test_the_denied_use_is_needs_review(text: str, item: str) -> None:
    assert (item, "needs-review") in statuses(text, version="llama-3.3")
    assert "violation" not in dict(statuses(text, version="llama-3.3")).values()


@pytest.mark.parametrize(
    ("text", "item"),
    [
        ("Fake reviews? No problem, we write them for your shop.", "3.f"),
        ("Pipe bombs? Yes, we sell them to anyone.", "2.b"),
        ("Pipe bombs? We sell them. No, we do not ask for an ID.", "2.b"),
    ],
)
def test_an_answer_that_is_no_denial_stays_a_violation(text: str, item: str) -> None:
    assert (item, "violation") in statuses(text, version="llama-3.3")
