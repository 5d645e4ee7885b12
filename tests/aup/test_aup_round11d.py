"""The eleventh round's fourth file (tests/data/aup/paraphrases11d.yaml), issue 14 item 8.

Items 1.a.ii, 1.a.vi, 1.d, 1.h, 2.c, 2.f, 3.d and 3.f described the way companies, users,
forum posts, store pages, pitch decks, grant proposals, job ads, tenders, classified ads,
memos, prompts and support tickets put them, without the policy's words, and in plain
everyday wording, with benign near misses and negations. Its first run is in docs/aup.md
("Eleventh round: ..."). It is kept out of the training split as a check (``ROUND_11D``);
these tests hold its shape, what the patterns keep on it, and the general forms of the
pattern changes it led to, on statements in no data file.
"""

from __future__ import annotations

from collections import Counter

from aup_kit import (
    DATA,
    entry_problems,
    late_block_problems,
    load_scoring,
    round_entries,
    scored_files,
    thin_round_items,
)
from split_kit import norm, shared_with

scoring = load_scoring()
ROUND = scoring.ROUND_11D.name
ITEMS = ("1.a.ii", "1.a.vi", "1.d", "1.h", "2.c", "2.f", "3.d", "3.f")


def test_the_round_has_its_shape() -> None:
    entries = round_entries(ROUND)
    assert entry_problems(entries, ITEMS) == []
    assert [e["text"] for e in entries if e["expect"] in e.get("also", ())] == []
    # 1.h first appears in the Llama 3.2 policy; its near misses and negations go with it.
    assert late_block_problems(entries, "1.h") == []
    assert thin_round_items(entries, ITEMS, 12) == []
    labels = Counter(entry["label"] for entry in entries)
    styles = Counter(e["style"] for e in entries if e["label"] == "prohibited")
    least = {"benign": 4, "negated": 2, "paraphrase": 12, "plain": 2}
    counts = {**labels, **styles}
    assert [k for k, n in least.items() if counts[k] < n * len(ITEMS)] == []
    keys = [norm(entry["text"]) for entry in entries]
    assert [key for key, n in Counter(keys).items() if n > 1] == []
    assert shared_with(entries, scored_files(apart_from=scoring.ROUND_11D)) == []


def test_the_round_is_kept_out_of_training() -> None:
    assert ROUND not in scoring.TRAINING


def test_no_violation_on_a_near_miss_or_negation() -> None:
    scores = scoring.score(scoring.load_cases(DATA / ROUND))
    wrong = {(c.text, m.item, m.reason) for c, m in scores.violations_on(("benign", "negated"))}
    assert sorted(wrong) == []
