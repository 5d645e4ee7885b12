"""Words spaCy's English exceptions split as contractions without their apostrophe ("id" as
"I'd", "wed" as "we'd") are read whole: an identity document and marrying, in any case, so a
pattern written "id card" finds "ID card" too (issue 14, item 8)."""

from __future__ import annotations

import pytest
from aup_kit import statuses

from llamalicense.aup import pattern_hash, rules
from llamalicense.aup.pipeline import VersionMatcher, matcher_for


@pytest.fixture(scope="module")
def matcher() -> VersionMatcher:
    return matcher_for(rules.load_version("llama-3.3"), pattern_hash("llama-3.3"))


@pytest.mark.parametrize("text", ["every id card", "every Id card", "every ID card"])
def test_id_is_one_word_in_every_case(matcher: VersionMatcher, text: str) -> None:
    assert matcher.lemmas_of(text) == ("every", "id", "card")


def test_wed_is_one_word_and_contractions_still_split(matcher: VersionMatcher) -> None:
    assert matcher.lemmas_of("forced to wed") == ("force", "to", "wed")
    assert matcher.lemmas_of("I'd like it") == ("i", "would", "like", "it")
    assert matcher.lemmas_of("we dont") == ("we", "do", "not")


@pytest.mark.parametrize(
    "text",
    [
        "Collects a photo of every user's ID card and sells them to data brokers.",
        "Collects a photo of every user's id card and sells them to data brokers.",
    ],
)
def test_an_id_card_is_found_however_it_is_written(text: str) -> None:
    assert ("1.e", "violation") in statuses(text, version="llama-3.3")
