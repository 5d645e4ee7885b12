"""The tenth round's file for the deceptive items (tests/data/aup/paraphrases10b.yaml), issue 14
item 8.

Items 3.a to 3.f, 4 and 5 described without the policy's words, in settings the ninth round
did not use, and in plain everyday wording; with benign near misses and negations. Its first
run is in docs/aup.md ("Tenth round: deceptive uses"). It is kept out of the training split
as a check (``ROUND_10B``). These tests hold the round's shape.
"""

from __future__ import annotations

from collections import Counter

from aup_kit import DATA, entry_problems, load_scoring, round_entries, thin_round_items
from split_kit import norm, shared_with

scoring = load_scoring()
ROUND = scoring.ROUND_10B.name
ITEMS = ("3.a", "3.b", "3.c", "3.d", "3.e", "3.f", "4", "5")


def test_the_round_has_its_shape() -> None:
    entries = round_entries(ROUND)
    assert entry_problems(entries, ITEMS) == []
    # At least twelve uses per item in every version that has it (5: Llama 3.2 on).
    assert thin_round_items(entries, ITEMS, 12) == []
    # New this round: everyday wording as a non-native writer would put it.
    plain = Counter(e["expect"] for e in entries if e.get("style") == "plain")
    assert all(plain[item] >= 2 for item in ITEMS), plain
    labels = Counter(e["label"] for e in entries)
    assert labels["benign"] >= 4 * len(ITEMS), labels
    assert labels["negated"] >= 2 * len(ITEMS), labels
    assert ROUND not in scoring.TRAINING


def test_round_texts_are_new() -> None:
    entries = round_entries(ROUND)
    keys = [norm(e["text"]) for e in entries]
    assert [k for k, n in Counter(keys).items() if n > 1] == []
    others = [DATA / name for name in scoring.TRAINING]
    others += [scoring.DEV, scoring.PLAIN_CHECK, scoring.ROUND_7]
    others += [scoring.ROUND_9A, scoring.ROUND_9B, scoring.ROUND_9C]
    assert shared_with(entries, others) == []
