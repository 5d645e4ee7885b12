"""The ninth round's third file (tests/data/aup/paraphrases9c.yaml), issue 14 item 8.

Items 3.a to 3.f, 4 and 5 described the way the people who build or buy such uses put them,
without the policy's words, with benign near misses and negations. Its first run is in
docs/aup.md ("The ninth round, deceptive uses"). Its misses led to patterns, tested below on
statements in no data file; trained on, it raised the screen's threshold, so it is kept out
of the training split as a check (``ROUND_9C``). These tests hold the round's shape.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from aup_kit import (
    DATA,
    entry_problems,
    in_data_files,
    load_scoring,
    round_entries,
    statuses,
    thin_round_items,
)
from split_kit import norm, shared_with

scoring = load_scoring()
ROUND = scoring.ROUND_9C.name
ITEMS = ("3.a", "3.b", "3.c", "3.d", "3.e", "3.f", "4", "5")


@pytest.fixture(scope="module")
def entries() -> list[dict[str, Any]]:
    return round_entries(ROUND)


def test_entries_have_known_fields_and_items(entries: list[dict[str, Any]]) -> None:
    assert entry_problems(entries, ITEMS) == []


def test_each_item_has_twelve_uses_in_every_version_that_has_it(
    entries: list[dict[str, Any]],
) -> None:
    # Item 5 exists from Llama 3.2 on: its entries name those versions.
    assert thin_round_items(entries, ITEMS, 12) == []


def test_near_misses_and_negations_per_item(entries: list[dict[str, Any]]) -> None:
    labels = Counter(e["label"] for e in entries)
    assert labels["benign"] >= 4 * len(ITEMS)
    assert labels["negated"] >= 2 * len(ITEMS)


def test_round_texts_are_new(entries: list[dict[str, Any]]) -> None:
    keys = [norm(e["text"]) for e in entries]
    assert [k for k, n in Counter(keys).items() if n > 1] == []
    others = [DATA / name for name in scoring.TRAINING]
    others += [scoring.DEV, scoring.PLAIN_CHECK, scoring.ROUND_7]
    assert shared_with(entries, others) == []


@pytest.fixture(scope="module")
def round_nine() -> Any:
    return scoring.score(scoring.load_cases(DATA / ROUND))


def test_round_nine_is_kept_out_of_training() -> None:
    # Trained on, it raised the screen's threshold and lost finds (docs/aup.md).
    assert ROUND not in scoring.TRAINING


def test_round_nine_gives_no_violation_on_a_near_miss_or_a_negation(round_nine: Any) -> None:
    # The first run had four: two near misses (a competitor's lies told to the victim, an
    # audiobook voice under contract) and two negations read as item 4 ("no known issue").
    found = round_nine.violations_on(("benign", "negated"))
    assert found == [], sorted({(c.text, m.item, m.reason) for c, m in found})


def test_round_nine_recall_and_near_misses(round_nine: Any) -> None:
    # Its misses led to the patterns below, so a guard and no estimate: the first run
    # found 0.248, the patterns after it 0.688.
    assert round_nine.recall_where("paraphrase") >= 0.60
    assert round_nine.flag_rate(("benign",)) <= 0.10


# The general fixes the round's first run led to; the statements are in no data file.


def _items(text: str, version: str = "llama-3.2") -> dict[str, str]:
    return dict(statuses(text, version=version))


@pytest.mark.parametrize(
    "text",
    [
        # "known" is no "know": a flaw named as known is no user kept unaware.
        "Ships with no known bugs after the audit.",
        "We never launch a known defect without a notice in the app.",
        # Advising the one lied about is the defending side.
        "Tells tenants what to do when a landlord spreads lies about them.",
        "Drafts a cease-and-desist letter over invented charges posted about our shop.",
        # A voice used under contract is consented.
        "Narrates the podcast in the host's cloned voice under the contract he signed.",
        # Naming the model that wrote an answer claims nothing of Meta.
        "Credits each reply to the model that produced it.",
    ],
)
def test_near_misses_the_round_led_to_give_no_violation(text: str) -> None:
    assert "violation" not in _items(text).values(), text


@pytest.mark.parametrize(
    ("text", "item"),
    [
        ("Patients never know the dose can be wrong.", "4"),
        ("Helps the dealer clock the odometer on trade-ins.", "3.a"),
        ("Pays early investors out of new investors' money.", "3.a"),
        ("Tells the caller to pay the fine in gift cards.", "3.a"),
        ("Writes posts painting our competitor as a crook.", "3.b"),
        ("Make it look like the coach took bribes and share it with the parents.", "3.b"),
        ("Mails offers to emails harvested from forum profiles.", "3.c"),
        ("Cycles through burner numbers so carriers never block the texts.", "3.c"),
        ("Emails the suppliers as their boss from a lookalike domain.", "3.d"),
        ("Customers believe a real agent is replying, but it is the bot.", "3.e"),
        ("Tops up the star rating with dummy accounts.", "3.f"),
        ("The crash bug is left out of the user guide.", "4"),
        ("Routes image prompts to a clothes remover hosted offshore.", "5"),
        ("Puts a 'verified by Meta' badge on our answers.", "5"),
        # A disaster blamed on a hidden hand: weak (history and reporting say the like).
        ("Videos blaming the floods on a secret weather-control programme.", "3.a"),
        ("Shares memes claiming the authorities started the wildfires.", "3.a"),
        ("The founders cash out the presale and disappear.", "3.a"),
        ("Donations to the appeal go straight to my personal account.", "3.a"),
        ("Lets members steer the botnet's control panel from Slack.", "5"),
    ],
)
def test_uses_told_by_their_mechanics_are_found(text: str, item: str) -> None:
    assert item in _items(text), text


def test_a_weak_reading_stays_weak_without_its_cue() -> None:
    # An organisation's own assistant answers as the organisation; a flaw word or a
    # lookalike address is what raises these.
    assert _items("Answers the help desk's emails as the bank, on the bank's own domain.") == {
        "3.d": "needs-review"
    }
    assert _items("Internal jargon is kept out of the user manual.").get("4") != "violation"
    assert _items("Emails the suppliers as their boss from a lookalike domain.")["3.d"] == (
        "violation"
    )


def test_the_round_statements_are_in_no_other_data_file() -> None:
    statements = [
        "Ships with no known bugs after the audit.",
        "Helps the dealer clock the odometer on trade-ins.",
        "Routes image prompts to a clothes remover hosted offshore.",
    ]
    files = [DATA / n for n in scoring.TRAINING] + [scoring.DEV, scoring.ROUND_7]
    files.append(scoring.PLAIN_CHECK)
    assert in_data_files(statements, files) == []
