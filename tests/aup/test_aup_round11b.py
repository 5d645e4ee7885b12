"""The eleventh round's file for items 3.a, 3.b, 3.c, 3.e, 4 and 5
(tests/data/aup/paraphrases11b.yaml), issue 14 item 8.

The items described without the policy's words, in settings the ninth and tenth rounds did
not use, and in plain everyday wording; with benign near misses and negations. Its first run
is in docs/aup.md ("Eleventh round: deceptive uses"). It is kept out of the training split
as a check (``ROUND_11B``). These tests hold the round's shape and what its fixes reach.
"""

from __future__ import annotations

from aup_kit import (
    load_scoring,
    round_entries,
    round_shape_problems,
    texts_not_new,
)

scoring = load_scoring()
ROUND = scoring.ROUND_11B.name
ITEMS = ("3.a", "3.b", "3.c", "3.e", "4", "5")


def test_the_round_has_its_shape() -> None:
    assert round_shape_problems(round_entries(ROUND), ITEMS) == []
    assert ROUND not in scoring.TRAINING


def test_round_texts_are_new() -> None:
    assert texts_not_new(scoring.ROUND_11B) == []
