"""The eleventh round of the AUP screen, first file (tests/data/aup/paraphrases11a.yaml), issue
14 item 8: items 1.a.i, 1.a.iii, 1.a.iv, 1.a.v, 1.b, 1.c and 2.e in strangers' wording and in
plain non-native wording, benign near misses and negations.

The file is a check, never trained on (like ROUND_7 and the ninth and tenth rounds' files).
These tests hold the round's shape and what the patterns keep on it.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from aup_kit import (
    DATA,
    entry_problems,
    load_scoring,
    round_entries,
    scored_files,
    thin_round_items,
)
from split_kit import norm, shared_with

scoring = load_scoring()
ROUND = scoring.ROUND_11A.name
ITEMS = ("1.a.i", "1.a.iii", "1.a.iv", "1.a.v", "1.b", "1.c", "2.e")


@pytest.fixture(scope="module")
def entries() -> list[dict[str, Any]]:
    return round_entries(ROUND)


def test_round_eleven_a_covers_its_items_in_every_version(entries: list[dict[str, Any]]) -> None:
    assert entry_problems(entries, ITEMS) == []
    assert thin_round_items(entries, ITEMS, 12) == []
    covered = {e["expect"] for e in entries if e["label"] == "prohibited"}
    assert covered == set(ITEMS)


def test_round_eleven_a_has_plain_wording_near_misses_and_negations(
    entries: list[dict[str, Any]],
) -> None:
    labels = Counter(e["label"] for e in entries)
    assert labels["benign"] >= 4 * len(ITEMS)
    assert labels["negated"] >= 2 * len(ITEMS)
    styles = Counter((e["expect"], e.get("style")) for e in entries if e["label"] == "prohibited")
    for item in ITEMS:
        assert styles[(item, "plain")] >= 2, item
        assert styles[(item, "paraphrase")] >= 11, item


def test_round_eleven_a_texts_are_new_and_kept_out_of_training(
    entries: list[dict[str, Any]],
) -> None:
    assert ROUND not in scoring.TRAINING
    texts = [norm(e["text"]) for e in entries]
    assert len(set(texts)) == len(texts)
    assert shared_with(entries, scored_files(apart_from=scoring.ROUND_11A)) == []


@pytest.fixture(scope="module")
def round_eleven_a() -> Any:
    return scoring.score(scoring.load_cases(DATA / ROUND))


def test_round_eleven_a_gives_no_violation_on_a_near_miss_or_negation(
    round_eleven_a: Any,
) -> None:
    found = round_eleven_a.violations_on(("benign", "negated"))
    assert found == [], sorted({(c.text, m.item, m.reason) for c, m in found})
    assert round_eleven_a.flag_rate(("benign",)) <= 0.10


def test_the_patterns_keep_what_they_found_of_round_eleven_a(round_eleven_a: Any) -> None:
    # A floor under the figures (first run 0.490, paraphrase 0.440, plain 0.786).
    assert round_eleven_a.recall >= 0.48
    assert round_eleven_a.recall_where("plain") >= 0.78
