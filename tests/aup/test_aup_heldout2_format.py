"""The format of the second held-out split (tests/data/aup/heldout-split-2.yaml), issue 14 item 8.

Format only: nothing here runs the AUP screen on the split. The split was written blind (see
its header); its figures are measured by the scoring, never tuned on.
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
SPLIT = DATA / "heldout-split-2.yaml"
FIELDS = {"text", "expect", "label", "style", "also", "versions", "expect_by_version", "kind"}
STYLES = ("paraphrase", "plain")


@pytest.fixture(scope="module")
def entries() -> list[dict[str, Any]]:
    loaded: list[dict[str, Any]] = yaml.safe_load(SPLIT.read_text(encoding="utf-8"))
    return loaded


def test_entries_have_known_fields_labels_and_styles(entries: list[dict[str, Any]]) -> None:
    assert entries
    for number, entry in enumerate(entries):
        assert set(entry) <= FIELDS, (number, sorted(set(entry) - FIELDS))
        assert isinstance(entry["text"], str), number
        assert entry["text"].strip(), number
        assert entry["label"] in scoring.LABELS, (number, entry["label"])
        if entry["label"] in scoring.FOUND_LABELS:
            assert entry.get("style") in STYLES, (number, entry.get("style"))
            assert isinstance(entry["expect"], str), number
        else:
            # A clean statement expects no item; an expected item would count a hit as right.
            assert entry["expect"] is None, number
            assert "style" not in entry, number
        assert entry.get("kind", "use") == "use", number
        assert set(entry.get("versions", versions())) <= set(versions()), number


def test_expected_and_also_items_exist_in_each_version(entries: list[dict[str, Any]]) -> None:
    cases = scoring.load_cases(SPLIT)
    assert {c.number for c in cases} == set(range(len(entries)))
    for case in cases:
        items = item_texts(case.version)
        if case.expect is not None:
            assert case.expect in items, (case.number, case.version, case.expect)
            assert case.expect not in case.also, (case.number, case.expect)
        for item in case.also:
            assert item in items, (case.number, case.version, item)


def test_every_item_of_every_version_has_two_paraphrases_and_a_plain_statement() -> None:
    assert coverage_gaps(scoring.load_cases(SPLIT)) == []


def test_enough_benign_and_negated_statements(entries: list[dict[str, Any]]) -> None:
    labels = Counter(entry["label"] for entry in entries)
    assert labels["benign"] >= 60
    assert labels["negated"] >= 25


def test_texts_are_unique(entries: list[dict[str, Any]]) -> None:
    texts = Counter(norm(entry["text"]) for entry in entries)
    assert [text for text, n in texts.items() if n > 1] == []


def test_no_text_is_shared_with_the_training_files_or_the_first_split(
    entries: list[dict[str, Any]],
) -> None:
    assert SPLIT.name not in scoring.TRAINING
    others = [DATA / name for name in (*scoring.TRAINING, scoring.DEV.name)]
    others += [scoring.PLAIN_CHECK, scoring.ROUND_7]
    # Numbers of this split's entries only: the other files' texts are not shown.
    assert shared_with(entries, others) == []
