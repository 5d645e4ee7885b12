"""The eleventh round's third file (tests/data/aup/paraphrases11c.yaml), issue 14 item 8.

Items 1.e, 1.f, 1.g, 2.a, 2.b and 2.d described the way companies, users, forum posts, store
pages, pitch decks, grant proposals, job ads, prompts, support tickets, memos, tenders and
classified ads put them, without the policy's words, and in plain everyday wording, with
benign near misses and negations. Its first run is in docs/aup.md ("Eleventh round: private
data, rights, malicious code, military use, weapons, infrastructure"). It is kept out of
the training split as a check (``ROUND_11C``); these tests hold its shape and what the
screens keep on it.
"""

from __future__ import annotations

from typing import Any

import pytest
from aup_kit import (
    clean_slips,
    entry_problems,
    load_scoring,
    round_entries,
    round_shape_problems,
    texts_not_new,
)

scoring = load_scoring()
ROUND = scoring.ROUND_11C.name
ITEMS = ("1.e", "1.f", "1.g", "2.a", "2.b", "2.d")
EARLY = ("llama-2", "llama-3", "llama-3.1")


@pytest.fixture(scope="module")
def entries() -> list[dict[str, Any]]:
    return round_entries(ROUND)


def test_entries_have_a_valid_shape_and_items_of_their_versions(
    entries: list[dict[str, Any]],
) -> None:
    assert entry_problems(entries, ITEMS) == []
    assert [e["text"] for e in entries if e["expect"] in e.get("also", ())] == []


def test_chemical_weapons_are_2a_from_llama_3_2_and_2b_before(
    entries: list[dict[str, Any]],
) -> None:
    # "or to ... the Chemical Weapons Convention Implementation Act of 1997" is appended to
    # 2.a in Llama 3.2; before, such a weapon is one of 2.b's "illegal weapons".
    chemical = [e for e in entries if "nerve agent" in e["text"]]
    assert chemical
    for entry in chemical:
        assert entry["expect"] == "2.a"
        assert entry["expect_by_version"] == dict.fromkeys(EARLY, "2.b")


def test_twelve_uses_per_item_and_version_with_near_misses_and_negations(
    entries: list[dict[str, Any]],
) -> None:
    assert round_shape_problems(entries, ITEMS) == []
    paraphrases = [e for e in entries if e.get("style") == "paraphrase"]
    assert len(paraphrases) >= 11 * len(ITEMS)


def test_the_round_is_kept_out_of_training() -> None:
    assert ROUND not in scoring.TRAINING


def test_round_texts_are_new() -> None:
    assert texts_not_new(scoring.ROUND_11C) == []


def test_no_violation_on_a_near_miss_or_negation_and_a_tenth_of_near_misses_flagged() -> None:
    wrong, flagged = clean_slips(scoring.ROUND_11C)
    assert wrong == []
    assert flagged <= 0.10
