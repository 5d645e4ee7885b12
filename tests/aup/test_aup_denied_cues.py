"""A clearing cue that a negator just before denies does not clear the use, and a second
predicate's "not" does not deny the first (issue 14, item 8): "…; nobody opted in" names
the benign case only to say it is missing, "… and does not tell them" is a second failing.
Statements in no data file; the lemma-level rules are in tests/aup/test_aup_scope.py."""

from __future__ import annotations

import pytest
from aup_kit import statuses


@pytest.mark.parametrize(
    "text",
    [
        "Sends promo texts to every number we bought; nobody opted in.",
        "Texts every number on the list we bought; customers were never asked to opt in.",
    ],
)
def test_a_denied_opt_in_leaves_the_use_found(text: str) -> None:
    assert "3.c" in dict(statuses(text, version="llama-3.3"))


def test_an_opt_in_that_stands_still_clears() -> None:
    assert statuses("Sends texts only to customers who opted in.", version="llama-3.3") == []


@pytest.mark.parametrize(
    ("text", "item"),
    [
        ("Collects users' location all day and does not tell them.", "1.e"),
        ("Writes fake reviews and does not label them as ads.", "3.f"),
    ],
)
def test_a_second_predicates_negation_does_not_deny_the_use(text: str, item: str) -> None:
    assert (item, "violation") in statuses(text, version="llama-3.3")


def test_a_second_subject_shares_the_denial() -> None:
    assert statuses("Fake reviews and bots are not allowed.", version="llama-3.3") == []
