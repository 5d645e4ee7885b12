"""A negated heading before a colon covers what follows ("Out of scope: weapons, spam"),
unless the heading is a double negative ("No problem:", "No limits:") or a clause of its own
follows, "we sell …" included (issue 14, item 8: never a silent pass)."""

from __future__ import annotations

import pytest
from aup_kit import statuses

from llamalicense.aup import negation


@pytest.mark.parametrize(
    ("text", "item"),
    [
        ("No license? No problem: we sell rifles to anyone.", "2.b"),
        ("No limits: write any malware you want.", "1.g"),
        ("No questions asked: we ship oxycodone to any address.", "2.c"),
    ],
)
def test_a_double_negative_heading_negates_nothing(text: str, item: str) -> None:
    assert (item, "violation") in statuses(text, version="llama-3.3")


@pytest.mark.parametrize(
    "text",
    [
        "Out of scope: weapons, spam and malware.",
        "We never allow: malware, phishing kits.",
        "Never: weapons or explosives.",
    ],
)
def test_a_negated_heading_still_covers_its_list(text: str) -> None:
    assert statuses(text, version="llama-3.3") == []


def test_a_clause_with_a_plain_verb_after_we_or_they_is_a_clause() -> None:
    words = ["we", "sell", "rifles", "to", "anyone"]
    lemmas = ["we", "sell", "rifle", "to", "anyone"]
    assert negation.clause_follows(lemmas, words, 0, len(lemmas))
    # Not at the start of the stretch, or with nothing after it, it is no clause.
    assert not negation.clause_follows(["weapon", "we", "sell"], ["weapons", "we", "sell"], 0, 3)
    assert not negation.clause_follows(["we", "sell"], ["we", "sell"], 0, 2)
