"""Negation and asides in more forms (issue 14 item 8, the sixth training round).

The general rules behind them (docs/aup.md, "How a statement is classified", and
``llamalicense/aup/negation.py``): a negation after the use, a bare denial in the next
clause or sentence, terms-of-service phrasing, double negatives, a negation that belongs
to a relative clause or to a coordinated verb, asides in brackets or dashes, and an
unsure reach capped at needs-review. ``tests/data/aup/negations6.yaml`` holds the
statements written for them.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
import yaml
from aup_kit import DATA, load_scoring, statuses

from llamalicense.aup import asides, negation

scoring = load_scoring()
ROUND = "negations6.yaml"

run = statuses


def toks(text: str) -> list[str]:
    return text.split(" ")


@pytest.mark.parametrize(
    "text",
    [
        # after the use, in the same sentence
        "Writes fake reviews? Not ours.",
        "Some shops want help writing fake reviews, which we forbid.",
        "Drafting phishing emails is not something this assistant does.",
        "Writing fake reviews — never.",
        "Writing malware with it: we don't.",
        "Fake reviews are something the bot refuses to write.",
        "Selling cocaine through the shop bot, something we will never do.",
        "Spreading disinformation will get your account closed.",
        "Bulk spam (not allowed on any plan).",
        # in the next clause or sentence
        "Fake reviews. We don't do that.",
        "Phishing kits. That is not allowed here.",
        "People sometimes ask it for ransomware; it always says no.",
        "Someone asked it to write a death threat. It declined.",
        # terms of service
        "You agree not to use the Service to generate fake reviews.",
        "Customer shall refrain from using the model to write phishing emails.",
        "Users will not, and will not permit others to, use the API to send spam.",
        "In no event may the Service be used to solicit sex.",
        # before the use
        "Under no circumstances may the assistant be used to write fake reviews.",
        "In no way does the shop assistant help buy illegal guns.",
        "The assistant is unable to write ransomware.",
        "Requests to buy guns without a background check get a polite refusal.",
        # a denial whose verb points back, a firm no, a stop, a refusal "when asked"
        "Fake reviews: we don't write them, we don't sell them.",
        "Helping users buy firearms illegally? That's a firm no from us.",
        "Any attempt to generate terrorist propaganda is stopped and reported.",
        "The assistant will decline if asked to write fake news.",
        # with an aside in brackets or dashes
        "We do not — and never will — sell weapons through the app.",
        "Threats against officials (real or joking) are refused and logged.",
    ],
)
def test_negations_in_more_forms_give_no_violation(text: str) -> None:
    found = run(text)
    assert all(status != "violation" for _, status in found), found


@pytest.mark.parametrize(
    ("text", "item"),
    [
        # double negatives are affirmative
        ("It never refuses to write fake reviews.", "3.f"),
        ("Our app won't turn down a request to sell cocaine.", "2.c"),
        ("There are no limits on the spam campaigns it sends.", "3.c"),
        ("Fake reviews? No problem, it writes hundreds a day.", "3.f"),
        # "not only … but also", "not just"
        ("Not only drafts emails but also writes fake reviews.", "3.f"),
        ("Not just a scheduler: it also sends spam to purchased lists.", "3.c"),
        # a negation attached to something else
        ("It does not log requests and writes fake reviews.", "3.f"),
        ("Users who do not pay can generate fake reviews.", "3.f"),
        ("We never store data and we write malware for clients.", "1.g"),
        ("It is not expensive and it sells illegal guns to anyone.", "2.b"),
        ("Our bot — which never sleeps — writes fake reviews.", "3.f"),
        ("Our bot (it never sleeps) writes fake reviews.", "3.f"),
        ("Instead of hiring staff the shop writes fake reviews with it.", "3.f"),
        ("Never miss a sale: the assistant generates fake reviews for every listing.", "3.f"),
        ("No sign-up is needed to generate phishing emails.", "3.a"),
    ],
)
def test_look_alike_affirmatives_stay_violations(text: str, item: str) -> None:
    assert (item, "violation") in run(text)


@pytest.mark.parametrize(
    ("text", "item"),
    [
        # a negation whose reach the checks cannot tell: never cleared, never a violation
        ("The bot never sleeps, writes spam messages around the clock.", "3.c"),
        ("Nothing stops it from writing phishing emails.", "3.a"),
        ("Our terms don't forbid it, so the bot writes fake reviews for any shop.", "3.f"),
        ("No request for bomb-making instructions is ever refused.", "2.b"),
        # a subordinate clause between the negator and the use
        ("No one notices when it impersonates the CEO in emails.", "3.d"),
        # withholding instructions is no failure to warn of dangers
        ("We make sure the model never tells users how to harm themselves.", "4"),
        # a passive participle is no finite verb: the relative clause does not end there
        ("The app was built so that it cannot be used for stalking.", "1.b"),
        # someone else's prohibition does not clear the product's use
        ("Generates fake reviews, which Amazon forbids.", "3.f"),
        ("Writing fake reviews is prohibited by Amazon, but our tool does it anyway.", "3.f"),
    ],
)
def test_an_unsure_negation_caps_at_needs_review(text: str, item: str) -> None:
    assert (item, "needs-review") in run(text)
    assert (item, "violation") not in run(text)


def test_a_yes_or_no_answer_is_no_refusal() -> None:
    # "it says no" answers the question; it does not refuse the use.
    found = run("When customers ask if they are talking to a machine, it says no.")
    assert any(item == "3.e" for item, _ in found)


def test_a_hyphen_inside_a_word_opens_no_aside() -> None:
    assert ("1.a.ii", "violation") in run("Generates explicit images of 13-year-olds on request.")
    assert run("Out-of-scope uses include planning attacks and building weapons.") == []


def test_asides_in_brackets_and_dashes() -> None:
    lemmas = toks("our bot ( it never sleep ) write fake review — which be cheap — .")
    assert asides.asides(lemmas, 0, len(lemmas)) == [(2, 7), (10, 15)]
    # A hyphen glued to its neighbours (marked by the caller) is no dash.
    glued = toks("buy 13 - year - old")
    words = ["buy", "13", "\u2010", "year", "\u2010", "old"]
    assert asides.asides(glued, 0, len(glued), words=words) == []
    assert asides.asides(glued, 0, len(glued)) == [(2, 5)]


def test_a_finite_verb_is_told_by_its_form() -> None:
    lemmas = toks("it do not log request and write fake review .")
    words = toks("it does not log requests and writes fake reviews .")
    assert negation.finite(lemmas, words, 6)  # "writes" before "fake"
    assert negation.finite(lemmas, words, 1)  # "does"
    assert not negation.finite(lemmas, words, 3)  # "log"
    # A word in "-s" before "and" or a comma is taken for a plural noun.
    nouns = toks("phishing , scam and spam")
    assert not negation.finite(nouns, toks("phishing , scams and spam"), 2)


@pytest.fixture(scope="module")
def entries() -> list[dict[str, Any]]:
    loaded: list[dict[str, Any]] = yaml.safe_load((DATA / ROUND).read_text(encoding="utf-8"))
    return loaded


@pytest.fixture(scope="module")
def round_six() -> Any:
    return scoring.score(scoring.load_cases(DATA / ROUND))


def test_round_six_has_its_negations_controls_and_asides(entries: list[dict[str, Any]]) -> None:
    labels = Counter(e["label"] for e in entries)
    assert labels["negated"] >= 120
    assert labels["prohibited"] >= 40
    assert labels["benign"] >= 30
    assert ROUND in scoring.TRAINING
    marked = [e for e in entries if e["label"] == "benign" and any(m in e["text"] for m in "(—-[")]
    assert len(marked) >= 30


def test_round_six_gives_no_violation_on_a_negation_or_near_miss(round_six: Any) -> None:
    found = round_six.violations_on(("benign", "negated"))
    assert found == [], sorted({(c.text, m.item, m.reason) for c, m in found})


def test_round_six_finds_its_look_alike_controls(round_six: Any) -> None:
    # First run, before the changes: 0.24 (docs/aup.md).
    assert round_six.recall >= 0.9
