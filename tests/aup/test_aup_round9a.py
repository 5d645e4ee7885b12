"""The ninth training round of the AUP screen, first file (tests/data/aup/paraphrases9a.yaml),
issue 14 item 8: items 1.a.i-1.a.vi, 1.b, 1.c and 1.h in strangers' wording (euphemism, trade
jargon, marketing tone, passive voice, prompts, fragments), benign near misses and negations.
These tests hold the round's shape; its first run and what it changed are in docs/aup.md.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from aup_kit import DATA, load_scoring, round_entries
from split_kit import norm, shared_with

from llamalicense.aup import versions

scoring = load_scoring()
ROUND = "paraphrases9a.yaml"
ITEMS = ("1.a.i", "1.a.ii", "1.a.iii", "1.a.iv", "1.a.v", "1.a.vi", "1.b", "1.c", "1.h")
FROM_3_2 = ("llama-3.2", "llama-3.3", "llama-4")


@pytest.fixture(scope="module")
def entries() -> list[dict[str, Any]]:
    return round_entries(ROUND)


def test_round_nine_a_covers_its_items_in_every_version(entries: list[dict[str, Any]]) -> None:
    for version in versions():
        counts: Counter[str] = Counter(
            e.get("expect_by_version", {}).get(version, e["expect"])
            for e in entries
            if e["label"] == "prohibited" and version in e.get("versions", versions())
        )
        wanted = [i for i in ITEMS if i != "1.h" or version in FROM_3_2]
        assert {i: counts[i] for i in wanted if counts[i] < 12} == {}, version
        assert set(counts) <= set(ITEMS), version
    # 1.h exists from Llama 3.2 on: its statements say so.
    for entry in entries:
        if entry["expect"] == "1.h":
            assert tuple(entry.get("versions", ())) == FROM_3_2, entry["text"]


def test_round_nine_a_has_near_misses_and_negations(entries: list[dict[str, Any]]) -> None:
    labels = Counter(e["label"] for e in entries)
    assert labels["benign"] >= 4 * len(ITEMS)
    assert labels["negated"] >= 2 * len(ITEMS)
    assert all(e["expect"] is None for e in entries if e["label"] in ("benign", "negated"))
    styles = Counter(e.get("style") for e in entries if e["label"] == "prohibited")
    assert set(styles) == {"paraphrase", "plain"}
    assert styles["paraphrase"] >= 12 * len(ITEMS)


def test_round_nine_a_texts_are_new(entries: list[dict[str, Any]]) -> None:
    keys = [norm(e["text"]) for e in entries]
    assert [k for k, n in Counter(keys).items() if n > 1] == []
    others = [DATA / name for name in scoring.TRAINING if name != ROUND]
    others += [scoring.DEV, scoring.PLAIN_CHECK, scoring.ROUND_7]
    assert shared_with(entries, others) == []
