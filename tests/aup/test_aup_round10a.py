"""The tenth round of the AUP screen, first file (tests/data/aup/paraphrases10a.yaml), issue 14
item 8: items 1.a.i, 1.a.ii, 1.a.iii, 1.a.vi, 1.b and 1.c in strangers' wording and in plain
non-native wording, benign near misses and negations.

The file is a check, never trained on (like ROUND_7 and the ninth round's files). These tests
hold the round's shape.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from aup_kit import load_scoring, round_entries, scored_files
from split_kit import norm, shared_with

from llamalicense.aup import versions

scoring = load_scoring()
ROUND = scoring.ROUND_10A.name
ITEMS = ("1.a.i", "1.a.ii", "1.a.iii", "1.a.vi", "1.b", "1.c")


@pytest.fixture(scope="module")
def entries() -> list[dict[str, Any]]:
    return round_entries(ROUND)


def test_round_ten_a_covers_its_items_in_every_version(entries: list[dict[str, Any]]) -> None:
    for version in versions():
        counts: Counter[str] = Counter(
            e.get("expect_by_version", {}).get(version, e["expect"])
            for e in entries
            if e["label"] == "prohibited" and version in e.get("versions", versions())
        )
        assert {i: counts[i] for i in ITEMS if counts[i] < 12} == {}, version
        assert set(counts) <= set(ITEMS), version


def test_round_ten_a_has_plain_wording_near_misses_and_negations(
    entries: list[dict[str, Any]],
) -> None:
    labels = Counter(e["label"] for e in entries)
    assert labels["benign"] >= 4 * len(ITEMS)
    assert labels["negated"] >= 2 * len(ITEMS)
    assert all(e["expect"] is None for e in entries if e["label"] in ("benign", "negated"))
    styles = Counter((e["expect"], e.get("style")) for e in entries if e["label"] == "prohibited")
    for item in ITEMS:
        assert styles[(item, "plain")] >= 2, item
        assert styles[(item, "paraphrase")] >= 11, item
    assert {style for _, style in styles} == {"paraphrase", "plain"}


def test_round_ten_a_texts_are_new_and_kept_out_of_training(
    entries: list[dict[str, Any]],
) -> None:
    assert ROUND not in scoring.TRAINING
    texts = [norm(e["text"]) for e in entries]
    assert len(set(texts)) == len(texts)
    assert shared_with(entries, scored_files()) == []
