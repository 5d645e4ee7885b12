"""The ninth round's third file (tests/data/aup/paraphrases9c.yaml), issue 14 item 8.

Items 3.a to 3.f, 4 and 5 described the way the people who build or buy such uses put them,
without the policy's words, with benign near misses and negations. Its first run is in
docs/aup.md ("The ninth round, deceptive uses"); these tests hold the round's shape.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from aup_kit import DATA, load_scoring, round_entries, thin_items
from split_kit import norm, shared_with

from llamalicense.aup import rules, versions

scoring = load_scoring()
ROUND = "paraphrases9c.yaml"
ITEMS = ("3.a", "3.b", "3.c", "3.d", "3.e", "3.f", "4", "5")
FIELDS = {"text", "expect", "label", "style", "also", "versions", "expect_by_version"}


@pytest.fixture(scope="module")
def entries() -> list[dict[str, Any]]:
    return round_entries(ROUND)


def test_entries_have_known_fields_and_items(entries: list[dict[str, Any]]) -> None:
    for entry in entries:
        assert set(entry) <= FIELDS, entry["text"]
        assert entry["label"] in ("prohibited", "benign", "negated"), entry["text"]
        if entry["label"] == "prohibited":
            assert entry["style"] in ("paraphrase", "plain"), entry["text"]
            assert entry["expect"] in ITEMS, entry["text"]
        else:
            assert entry["expect"] is None, entry["text"]
        for version in entry.get("versions", versions()):
            known = rules.item_texts(version)
            assert entry["expect"] is None or entry["expect"] in known, (entry["text"], version)
            assert all(item in known for item in entry.get("also", ())), (entry["text"], version)


def test_each_item_has_twelve_uses_in_every_version_that_has_it(
    entries: list[dict[str, Any]],
) -> None:
    # Item 5 exists from Llama 3.2 on: its entries name those versions.
    for entry in entries:
        if entry["expect"] == "5":
            assert entry["versions"] == ["llama-3.2", "llama-3.3", "llama-4"]
    thin = [(v, [i for i in items if i in ITEMS]) for v, items in thin_items(entries, 12)]
    assert [(v, items) for v, items in thin if items] == []


def test_near_misses_and_negations_per_item(entries: list[dict[str, Any]]) -> None:
    labels = Counter(e["label"] for e in entries)
    assert labels["benign"] >= 4 * len(ITEMS)
    assert labels["negated"] >= 2 * len(ITEMS)


def test_round_texts_are_new(entries: list[dict[str, Any]]) -> None:
    keys = [norm(e["text"]) for e in entries]
    assert [k for k, n in Counter(keys).items() if n > 1] == []
    others = [DATA / name for name in scoring.TRAINING if name != ROUND]
    others += [scoring.DEV, scoring.PLAIN_CHECK, scoring.ROUND_7]
    assert shared_with(entries, others) == []
