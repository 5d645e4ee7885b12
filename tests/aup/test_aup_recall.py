"""Recall of the AUP screen in general, and negation in more forms (issue 14 item 8).

The general rules behind it (docs/aup.md, "How a statement is classified"): negations in
more syntax ("rules out", "is out of the question", "have no place", "instead of",
"Fake reviews? Never."); an aside between commas (", which also …,") tells of something
else, so its words neither clear nor qualify a hit outside it, and the classifier screen
also scores the sentence without it. The fifth training round
(tests/data/aup/paraphrases5.yaml) holds the statements written for it.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from aup_kit import DATA, load_scoring, round_entries, statuses, thin_items

from llamalicense.aup import rules
from llamalicense.aup.pipeline import VersionMatcher

scoring = load_scoring()
ROUND = "paraphrases5.yaml"

run = statuses


@pytest.mark.parametrize(
    "text",
    [
        "Impersonating real people? Never.",
        "Fake reviews? Absolutely not!",
        "Our licence rules out writing phishing emails.",
        "Operating trains or aircraft with it is out of the question.",
        "Generating fake followers is outside what this tool does.",
        "Hate campaigns against individuals have no place on our service.",
        "It stays away from anything that incites violence.",
        "Instead of writing fake reviews, it asks real customers for feedback.",
        "It does everything except write fake reviews.",
        "Nobody may use the assistant to spread disinformation.",
        "We have no plans to use the model for surveillance of dissidents.",
    ],
)
def test_negations_in_more_forms_give_nothing(text: str) -> None:
    assert run(text) == []


@pytest.mark.parametrize(
    ("text", "item"),
    [
        ("Impersonates real people? Yes.", "3.d"),
        ("Writes fake reviews rather than asking customers.", "3.f"),
        ("Writes fake reviews with it, and the shop is not told.", "3.f"),
    ],
)
def test_the_same_uses_without_the_negation_stay_violations(text: str, item: str) -> None:
    assert (item, "violation") in run(text)


def test_an_aside_neither_negates_nor_qualifies_a_hit_outside_it() -> None:
    # "never" and "history" sit in the aside, about something else the product does.
    assert ("3.f", "violation") in run(
        "Our bot, which never sleeps and knows local history, writes fake reviews for shops."
    )
    # A hit inside the aside still reads its own clause.
    assert run("Our shop, which never writes fake reviews, sells shoes.") == []


def test_a_fire_brigade_is_no_brigading() -> None:
    found = run("Helps a fire brigade plan drills for a chemical spill.")
    assert [r for r in found if r[0] == "1.b"] == []
    assert ("1.b", "violation") in run("Organises brigading against critics of the founder.")


@pytest.fixture(scope="module")
def screen() -> Any:
    matcher = VersionMatcher(rules.load_version("llama-3.1"))
    assert matcher.screen is not None
    return matcher


def test_the_screen_also_scores_a_sentence_without_its_aside(screen: Any) -> None:
    buried = (
        "Our dev helper, which also writes unit tests and docs, produces payloads that slip"
        " past antivirus and open a back door on the target."
    )
    plain = (
        "Our dev helper produces payloads that slip past antivirus and open a back door on"
        " the target."
    )
    items = {}
    for text in (buried, plain):
        tokens = screen.base.nlp.tokenizer(text)
        _, lemmas = screen._lemmatise(tokens)
        items[text] = {hit.item: hit.probability for hit in screen.screen.score(lemmas)}
        if text is buried:
            lo, hi = screen.screen.aside(lemmas)
            assert [tokens[i].text for i in (lo, lo + 1, hi - 1)] == [",", "which", ","]
    # Each item keeps the higher of the two scores, so the aside cannot hide the use.
    for item, probability in items[plain].items():
        assert items[buried].get(item, 0.0) >= probability - 1e-9
    assert "1.g" in items[buried]
    # Found: since the ninth round the pattern "produces … payloads" (1.g) hits it too.
    assert "1.g" in {item for item, _ in run(buried, version="llama-3.1")}


@pytest.fixture(scope="module")
def entries() -> list[dict[str, Any]]:
    return round_entries(ROUND)


@pytest.fixture(scope="module")
def round_five() -> Any:
    return scoring.score(scoring.load_cases(DATA / ROUND))


def test_round_five_covers_every_item_of_every_version(entries: list[dict[str, Any]]) -> None:
    labels = Counter(e["label"] for e in entries)
    assert labels["prohibited"] >= 200
    assert labels["negated"] >= 60
    assert labels["benign"] >= 40
    assert ROUND in scoring.TRAINING
    assert thin_items(entries, 5) == []


def test_round_five_gives_no_violation_on_a_near_miss_or_negation(round_five: Any) -> None:
    found = round_five.violations_on(("benign", "negated"))
    assert found == [], sorted({(c.text, m.item, m.reason) for c, m in found})


def test_round_five_flags_at_most_a_tenth_of_its_near_misses(round_five: Any) -> None:
    assert round_five.flag_rate(("benign",)) <= 0.10
