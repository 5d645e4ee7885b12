"""The tenth round's third file (tests/data/aup/paraphrases10c.yaml), issue 14 item 8.

Items 1.d, 1.e, 1.f, 1.g, 1.h, 2.b, 2.c, 2.d and 2.f described the way companies, users,
forum posts, store pages, pitch decks, grant proposals, job ads, prompts and support tickets
put them, without the policy's words, and in plain everyday wording, with benign near misses
and negations. Its first run is in docs/aup.md ("Tenth round: unlicensed practice, private
data, rights, malicious code, safety measures, weapons, drugs, infrastructure, incitement").
It is kept out of the training split as a check (``ROUND_10C``); these tests hold its shape,
what the patterns keep on it, and the general forms of the pattern changes it led to, on
statements in no data file.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from aup_kit import DATA, entry_problems, load_scoring, round_entries, thin_round_items
from split_kit import norm, shared_with

scoring = load_scoring()
ROUND = scoring.ROUND_10C.name
ITEMS = ("1.d", "1.e", "1.f", "1.g", "1.h", "2.b", "2.c", "2.d", "2.f")
LATE = ("llama-3.2", "llama-3.3", "llama-4")


@pytest.fixture(scope="module")
def entries() -> list[dict[str, Any]]:
    return round_entries(ROUND)


def test_entries_have_a_valid_shape_and_items_of_their_versions(
    entries: list[dict[str, Any]],
) -> None:
    assert entry_problems(entries, ITEMS) == []
    assert [e["text"] for e in entries if e["expect"] in e.get("also", ())] == []


def test_safety_measure_entries_are_checked_from_llama_3_2_on(
    entries: list[dict[str, Any]],
) -> None:
    # 1.h first appears in the Llama 3.2 policy; its near misses and negations go with it.
    block = False
    for entry in entries:
        if entry["label"] == "prohibited":
            block = entry["expect"] == "1.h"
        if block:
            assert tuple(entry.get("versions", ())) == LATE, entry["text"]


def test_twelve_uses_per_item_and_version_with_near_misses_and_negations(
    entries: list[dict[str, Any]],
) -> None:
    assert thin_round_items(entries, ITEMS, 12) == []
    labels = Counter(entry["label"] for entry in entries)
    assert labels["benign"] >= 4 * len(ITEMS)
    assert labels["negated"] >= 2 * len(ITEMS)
    styles = Counter(e["style"] for e in entries if e["label"] == "prohibited")
    assert styles["paraphrase"] >= 11 * len(ITEMS)
    assert styles["plain"] >= 2 * len(ITEMS)


def test_the_round_is_kept_out_of_training() -> None:
    assert ROUND not in scoring.TRAINING


def test_round_texts_are_new(entries: list[dict[str, Any]]) -> None:
    keys = [norm(entry["text"]) for entry in entries]
    assert [key for key, n in Counter(keys).items() if n > 1] == []
    others = [DATA / name for name in scoring.TRAINING]
    others += [scoring.DEV, scoring.PLAIN_CHECK, scoring.ROUND_7]
    others += [scoring.ROUND_9A, scoring.ROUND_9B, scoring.ROUND_9C, scoring.ROUND_10B]
    assert shared_with(entries, others) == []
