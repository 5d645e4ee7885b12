"""The format of the third held-out split (tests/data/aup/heldout-split-3.yaml), issue 14 item 8.

Format only: nothing here runs the AUP screen on the split. The split was written blind (see
its header); its figures are measured by the scoring, never tuned on. A failure names entry
numbers of this split only, never a text of another file.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
import yaml
from aup_kit import DATA, load_scoring
from split_kit import coverage_gaps, norm, shared_with

from llamalicense.aup import versions
from llamalicense.aup.rules import item_texts

scoring = load_scoring()
SPLIT = scoring.HELDOUT_3
FIELDS = {"text", "expect", "label", "style", "also", "versions", "expect_by_version", "kind"}
LABELS = ("prohibited", "benign", "negated")
STYLES = ("paraphrase", "plain")


@pytest.fixture(scope="module")
def entries() -> list[dict[str, Any]]:
    loaded: list[dict[str, Any]] = yaml.safe_load(SPLIT.read_text(encoding="utf-8"))
    return loaded


def test_the_split_is_the_third_and_says_it_is_never_tuned_on() -> None:
    assert SPLIT == DATA / "heldout-split-3.yaml"
    assert SPLIT.name not in scoring.TRAINING
    assert SPLIT != scoring.DEV
    header = SPLIT.read_text(encoding="utf-8").split("\n- ", 1)[0]
    assert "NEVER TUNE ON THIS FILE" in header
    assert "blind" in header


def test_each_entry_has_a_valid_shape(entries: list[dict[str, Any]]) -> None:
    bad: list[tuple[int, str]] = []
    for number, entry in enumerate(entries):
        if not set(entry) <= FIELDS:
            bad.append((number, "unknown field"))
        if not isinstance(entry.get("text"), str) or not entry["text"].strip():
            bad.append((number, "empty text"))
        if entry.get("label") not in LABELS:
            bad.append((number, "label"))
        elif entry["label"] == "prohibited":
            if entry.get("style") not in STYLES or not isinstance(entry.get("expect"), str):
                bad.append((number, "prohibited needs a style and an item"))
        elif entry.get("expect") is not None or {"style", "also"} & set(entry):
            # A clean statement expects no item; an expected item would count a hit as right.
            bad.append((number, "clean entry with an item, style or also"))
        if entry.get("kind", "use") != "use":
            bad.append((number, "kind"))
    assert bad == []


def test_items_exist_and_each_entry_meets_every_version_that_has_its_item(
    entries: list[dict[str, Any]],
) -> None:
    cases = scoring.load_cases(SPLIT)
    assert {c.number for c in cases} == set(range(len(entries)))
    for case in cases:
        items = item_texts(case.version)
        assert case.expect is None or case.expect in items, (case.number, case.version)
        assert case.expect not in case.also, case.number
        assert set(case.also) <= set(items), (case.number, case.version)
    # An item present in a version is checked there: no entry leaves out a version needlessly.
    checked = {(c.number, c.version) for c in cases}
    missing = [
        (number, version)
        for number, entry in enumerate(entries)
        for version in versions()
        if entry["expect"] in item_texts(version) and (number, version) not in checked
    ]
    assert missing == []


def test_every_item_of_every_version_has_two_paraphrases_and_a_plain_statement() -> None:
    assert coverage_gaps(scoring.load_cases(SPLIT)) == []


def test_at_least_seventy_benign_and_thirty_negated(entries: list[dict[str, Any]]) -> None:
    labels = Counter(entry["label"] for entry in entries)
    assert labels["benign"] >= 70
    assert labels["negated"] >= 30


def test_no_text_repeats_within_the_split(entries: list[dict[str, Any]]) -> None:
    seen: dict[str, int] = {}
    repeated = []
    for number, entry in enumerate(entries):
        key = norm(entry["text"])
        if key in seen:
            repeated.append((seen[key], number))
        seen.setdefault(key, number)
    assert repeated == []


def test_no_text_is_in_a_training_file_or_another_split(entries: list[dict[str, Any]]) -> None:
    others = [DATA / name for name in scoring.TRAINING]
    others += [scoring.PLAIN_CHECK, scoring.ROUND_7]
    others += [p for p in sorted(DATA.glob("heldout-split*.yaml")) if p != SPLIT]
    assert scoring.DEV in others
    # Numbers of this split's entries only: the other files' texts are not shown.
    assert shared_with(entries, others) == []
