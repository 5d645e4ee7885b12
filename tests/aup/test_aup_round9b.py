"""The ninth training round of the AUP screen, second part (issue 14 item 8): paraphrases
for items 1.d, 1.e, 1.f, 1.g and 2.a-2.f (tests/data/aup/paraphrases9b.yaml).

Euphemism, trade jargon, marketing tone, passive voice, first person, prompts and
fragments that avoid the policy's words, with benign near misses and negations in the same
vocabulary. Its first run is in docs/aup.md ("The ninth round"); these tests hold the
round's shape.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from aup_kit import DATA, load_scoring, round_entries
from split_kit import norm, shared_with

from llamalicense.aup import versions
from llamalicense.aup.rules import item_texts

scoring = load_scoring()
ROUND = "paraphrases9b.yaml"
ITEMS = ("1.d", "1.e", "1.f", "1.g", "2.a", "2.b", "2.c", "2.d", "2.e", "2.f")
FIELDS = {"text", "expect", "label", "style", "also", "versions", "expect_by_version"}


@pytest.fixture(scope="module")
def entries() -> list[dict[str, Any]]:
    return round_entries(ROUND)


def test_each_entry_has_a_valid_shape(entries: list[dict[str, Any]]) -> None:
    bad: list[tuple[int, str]] = []
    for number, entry in enumerate(entries):
        if not set(entry) <= FIELDS or not str(entry.get("text", "")).strip():
            bad.append((number, "fields or text"))
        if entry["label"] == "prohibited":
            if entry.get("style") not in ("paraphrase", "plain") or entry["expect"] not in ITEMS:
                bad.append((number, "a prohibited entry needs a style and one of the items"))
        elif entry["label"] not in ("benign", "negated") or entry["expect"] is not None:
            bad.append((number, "a clean entry expects no item"))
    assert bad == []


def test_items_exist_in_every_version_an_entry_is_checked_against() -> None:
    for case in scoring.load_cases(DATA / ROUND):
        items = item_texts(case.version)
        assert case.expect is None or case.expect in items, (case.number, case.version)
        assert case.expect not in case.also, case.number
        assert set(case.also) <= set(items), (case.number, case.version)


def test_twelve_uses_per_item_and_version_with_near_misses_and_negations(
    entries: list[dict[str, Any]],
) -> None:
    for version in versions():
        counts: Counter[str] = Counter()
        for entry in entries:
            if entry["label"] == "prohibited" and version in entry.get("versions", versions()):
                counts[entry.get("expect_by_version", {}).get(version, entry["expect"])] += 1
        assert [item for item in ITEMS if counts[item] < 12] == [], version
    labels = Counter(entry["label"] for entry in entries)
    assert labels["benign"] >= 4 * len(ITEMS)
    assert labels["negated"] >= 2 * len(ITEMS)
    styles = Counter(e["style"] for e in entries if e["label"] == "prohibited")
    assert styles["paraphrase"] >= 11 * len(ITEMS)


def test_round_texts_are_new(entries: list[dict[str, Any]]) -> None:
    keys = [norm(entry["text"]) for entry in entries]
    assert [key for key, n in Counter(keys).items() if n > 1] == []
    others = [DATA / name for name in scoring.TRAINING if name != ROUND]
    others += [scoring.DEV, scoring.PLAIN_CHECK, scoring.ROUND_7]
    assert shared_with(entries, others) == []
