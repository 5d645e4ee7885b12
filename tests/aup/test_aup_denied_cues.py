"""A clearing cue that a negator just before denies does not clear the use (issue 14, item
8): "…; nobody opted in" names the benign case only to say it is missing. Statements in no
data file; the lemma-level rule is in tests/aup/test_aup_scope.py."""

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
