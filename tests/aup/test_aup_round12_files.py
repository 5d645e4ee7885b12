"""What the twelfth round's three files hold and what the screen keeps on them (issue 14,
item 8): tests/data/aup/paraphrases12a.yaml (items 1.a.i-1.e), 12b (1.f-2.f) and 12c
(3.a-5), each item's own words in the policy and their plain synonyms in every form, with
benign near misses and negations. Their first runs and the fixes they led to are in
docs/aup.md ("Twelfth round"). The forms each round's fixes added are tested in
test_aup_round12a.py, 12b and 12c.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from aup_kit import (
    by_block,
    clean_slips,
    entry_problems,
    late_block_problems,
    load_scoring,
    round_entries,
    round_shape_problems,
    texts_not_new,
)

scoring = load_scoring()


@dataclass(frozen=True)
class Round:
    path: Path
    items: tuple[str, ...]
    uses: int  # prohibited statements per item, at least
    plain: int  # of them plain, at least
    recall: float  # the file's recall after the round's fixes, less 0.03
    plain_recall: float
    late: tuple[str, ...] = ()  # items of Llama 3.2 on only


ROUNDS = [
    # After the fixes: 0.985 (plain 0.990); first run 0.769.
    Round(
        scoring.ROUND_12A,
        ("1.a.i", "1.a.ii", "1.a.iii", "1.a.iv", "1.a.v", "1.a.vi", "1.b", "1.c", "1.d", "1.e"),
        uses=12,
        plain=8,
        recall=0.955,
        plain_recall=0.96,
    ),
    # After the fixes: 0.988 (plain 0.991); first run 0.867.
    Round(
        scoring.ROUND_12B,
        ("1.f", "1.g", "1.h", "2.a", "2.b", "2.c", "2.d", "2.e", "2.f"),
        uses=14,
        plain=10,
        recall=0.958,
        plain_recall=0.96,
        late=("1.h",),
    ),
    # After the fixes: 0.987 (plain 1.000); first run 0.883.
    Round(
        scoring.ROUND_12C,
        ("3.a", "3.b", "3.c", "3.d", "3.e", "3.f", "4", "5"),
        uses=14,
        plain=10,
        recall=0.957,
        plain_recall=0.97,
        late=("5",),
    ),
]


@pytest.fixture(scope="module", params=ROUNDS, ids=[r.path.name for r in ROUNDS])
def round_(request: pytest.FixtureRequest) -> Round:
    chosen: Round = request.param
    return chosen


@pytest.fixture(scope="module")
def entries(round_: Round) -> list[dict[str, Any]]:
    return round_entries(round_.path.name)


def test_entries_have_a_valid_shape_and_items_of_their_versions(
    round_: Round, entries: list[dict[str, Any]]
) -> None:
    assert entry_problems(entries, round_.items) == []
    # An item of Llama 3.2 on: its uses, near misses and negations name those versions.
    for item in round_.late:
        assert late_block_problems(entries, item) == []


def test_uses_per_item_most_of_them_plain_then_near_misses_and_negations(
    round_: Round, entries: list[dict[str, Any]]
) -> None:
    assert round_shape_problems(entries, round_.items, least=round_.uses) == []
    for item in round_.items:
        block = [entry for of, entry in by_block(entries) if of == item]
        uses = [e for e in block if e["label"] == "prohibited"]
        assert sum(e["style"] == "plain" for e in uses) >= round_.plain, item
        assert sum(e["label"] == "benign" for e in block) >= 5, item
        assert sum(e["label"] == "negated" for e in block) >= 3, item


def test_the_round_is_kept_out_of_training_and_its_texts_are_new(round_: Round) -> None:
    assert round_.path.name not in scoring.TRAINING
    assert texts_not_new(round_.path) == []


def test_no_violation_on_a_near_miss_or_negation_and_a_tenth_of_near_misses_flagged(
    round_: Round,
) -> None:
    wrong, flagged = clean_slips(round_.path)
    assert wrong == []
    assert flagged <= 0.10


def test_recall_on_the_round_holds(round_: Round) -> None:
    scores = scoring.score(scoring.load_cases(round_.path))
    assert scores.recall >= round_.recall
    assert scores.recall_where("plain") >= round_.plain_recall
