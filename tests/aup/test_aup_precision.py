"""Precision of the AUP screen (issue 14 item 8): a benign near miss is never a violation.

The general rules behind it (docs/aup.md, "How a statement is classified"): a disclosure
that the product is an AI is not a denial of it; a defending, teaching or reporting frame
(and a story frame, for the items that accept one) caps a hit at needs-review; a stated
consequence ("… leads to suspension") is a prohibition. The fourth training round
(tests/data/aup/paraphrases4.yaml) holds the near misses and negations written for them.
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from aup_kit import DATA, load_scoring, statuses

scoring = load_scoring()

run = statuses


@pytest.mark.parametrize(
    "text",
    [
        "The assistant tells every caller that it is an AI before taking any details.",
        "Our help page says the chat agent is a bot and shows how to reach a person.",
    ],
)
def test_saying_it_is_an_ai_is_no_violation(text: str) -> None:
    assert ("3.e", "violation") not in run(text)


@pytest.mark.parametrize(
    "text",
    [
        "The support agent denies being an AI when a caller asks.",
        "Our chatbot hides that it is a bot from the people it talks to.",
        "The reply bot tells buyers it is not a bot.",
    ],
)
def test_denying_it_is_an_ai_stays_a_violation(text: str) -> None:
    assert ("3.e", "violation") in run(text)


@pytest.mark.parametrize(
    ("text", "item"),
    [
        ("Helps content moderators sort posts that praise a terror attack.", "1.a.i"),
        ("Helps investigators read the scam scripts found on seized phones.", "3.a"),
        ("Writes a lesson plan on phishing for the school's computing class.", "3.a"),
    ],
)
def test_a_defending_or_teaching_frame_caps_a_hit_at_needs_review(text: str, item: str) -> None:
    found = run(text)
    assert (item, "needs-review") in found
    assert all(status != "violation" for _, status in found)


def test_without_the_frame_the_same_hit_is_a_violation() -> None:
    assert ("1.a.i", "violation") in run("Writes posts that praise a terror attack.")


def test_a_story_is_no_frame_for_sexual_content_with_children() -> None:
    found = run("Writes erotic stories about twelve-year-olds for a fiction site.")
    assert ("1.a.ii", "violation") in found


def test_a_weak_topic_word_in_a_story_frame_gives_nothing() -> None:
    assert run("Helps a crime novelist work out how the thief escapes with the jewels.") == []


def test_a_stated_consequence_is_a_prohibition() -> None:
    assert run("Sending spam through the service leads to account suspension.") == []
    assert run("Any use for phishing results in a ban.") == []


@pytest.fixture(scope="module")
def round_four() -> Any:
    return scoring.score(scoring.load_cases(DATA / "paraphrases4.yaml"))


def test_round_four_has_enough_near_misses_and_negations() -> None:
    entries = yaml.safe_load((DATA / "paraphrases4.yaml").read_text(encoding="utf-8"))
    labels = [e["label"] for e in entries]
    assert labels.count("benign") >= 80
    assert labels.count("negated") >= 30
    assert "paraphrases4.yaml" in scoring.TRAINING


def test_round_four_gives_no_violation_on_a_near_miss_or_negation(round_four: Any) -> None:
    found = round_four.violations_on(("benign", "negated"))
    assert found == [], sorted({(c.text, m.item, m.reason) for c, m in found})


def test_round_four_flags_at_most_a_tenth_of_its_near_misses(round_four: Any) -> None:
    assert round_four.flag_rate(("benign",)) <= 0.10
