"""The seventh training round of the AUP screen (tests/data/aup/paraphrases7.yaml), issue 14 item 8.

A wide round: every item of every version in the voices of many industries and forms,
hedged and dual-use statements, and benign near misses from the same industries. Its first
runs are in docs/aup.md. Trained on, it raised the screen's threshold and lost finds
elsewhere, so it is kept out of the training split as a check of new wording; these tests
hold the round's shape and what the screens must keep on it.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from aup_kit import DATA, load_scoring, round_entries, thin_items
from split_kit import norm, shared_with

scoring = load_scoring()
ROUND = scoring.ROUND_7.name
# Benign near misses the patterns read as violations (docs/aup.md, the seventh round): gaps
# in the patterns' vocabulary and scope ("warns … about", "hides posts that …", "loot"),
# left to the pattern work. No other benign statement of the round may become a violation.
KNOWN_PATTERN_GAPS = frozenset(
    {
        "Generates loot tables and weapon stats for our fantasy shooter.",
        "Warns travellers about scams that target tourists.",
        "Hides posts that share someone's home address.",
    }
)


@pytest.fixture(scope="module")
def entries() -> list[dict[str, Any]]:
    return round_entries(ROUND)


@pytest.fixture(scope="module")
def round_seven() -> Any:
    return scoring.score(scoring.load_cases(DATA / ROUND))


def test_round_seven_is_wide_and_kept_out_of_training(entries: list[dict[str, Any]]) -> None:
    assert ROUND not in scoring.TRAINING
    labels = Counter(e["label"] for e in entries)
    assert labels["prohibited"] >= 320
    assert labels["benign"] >= 100
    assert labels["hedged"] + labels["dual-use"] >= 30
    assert thin_items(entries, 10) == []


def test_round_seven_texts_are_new(entries: list[dict[str, Any]]) -> None:
    keys = [norm(e["text"]) for e in entries]
    assert [k for k, n in Counter(keys).items() if n > 1] == []
    others = [DATA / name for name in scoring.TRAINING]
    others += [scoring.DEV, scoring.PLAIN_CHECK]
    assert shared_with(entries, others) == []


def test_round_seven_gives_no_new_violation_on_a_near_miss(round_seven: Any) -> None:
    found = round_seven.violations_on(("benign", "negated"))
    assert {c.text for c, _ in found} <= KNOWN_PATTERN_GAPS, sorted(
        {(c.text, m.item, m.reason) for c, m in found if c.text not in KNOWN_PATTERN_GAPS}
    )


def test_round_seven_flags_at_most_a_tenth_of_its_near_misses(round_seven: Any) -> None:
    assert round_seven.flag_rate(("benign",)) <= 0.10


def test_the_screens_keep_what_they_found_of_round_seven(round_seven: Any) -> None:
    # A floor under the first runs (0.600 and 0.605 overall, 0.925 plain): a guard that a
    # later change does not lose much of what the screens found in new wording.
    assert round_seven.recall >= 0.58
    assert round_seven.recall_where("plain") >= 0.90
