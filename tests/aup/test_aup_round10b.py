"""The tenth round's file for the deceptive items (tests/data/aup/paraphrases10b.yaml), issue 14
item 8.

Items 3.a to 3.f, 4 and 5 described without the policy's words, in settings the ninth round
did not use, and in plain everyday wording; with benign near misses and negations. Its first
run is in docs/aup.md ("Tenth round: deceptive uses"). It is kept out of the training split
as a check (``ROUND_10B``). These tests hold the round's shape.
"""

from __future__ import annotations

from typing import Any

import pytest
from aup_kit import (
    in_data_files,
    load_scoring,
    round_entries,
    round_shape_problems,
    statuses,
    texts_not_new,
)

scoring = load_scoring()
ROUND = scoring.ROUND_10B.name
ITEMS = ("3.a", "3.b", "3.c", "3.d", "3.e", "3.f", "4", "5")


def test_the_round_has_its_shape() -> None:
    assert round_shape_problems(round_entries(ROUND), ITEMS) == []
    assert ROUND not in scoring.TRAINING


def test_round_texts_are_new() -> None:
    assert texts_not_new(scoring.ROUND_10B) == []


@pytest.fixture(scope="module")
def round_ten() -> Any:
    return scoring.score(scoring.load_cases(scoring.ROUND_10B))


def test_round_ten_gives_no_violation_on_a_near_miss_or_a_negation(round_ten: Any) -> None:
    # The first run had five: a lesson on rental scams (3.a), a club denying a doping
    # rumour (3.b), "the bot plays" a principal's message (3.f), a list closed by "none of
    # it is on offer" (3.f), "Known issues are not kept from customers" (4).
    found = round_ten.violations_on(("benign", "negated"))
    assert found == [], sorted({(c.text, m.item, m.reason) for c, m in found})


def test_round_ten_recall(round_ten: Any) -> None:
    # Its misses led to the patterns below, so a guard and no estimate: the first batch's
    # first run found 0.425 (paraphrases 0.372, plain 0.719); the second batch, scored with
    # the first batch's fixes, 0.373; the whole file after both sets of fixes 0.902.
    assert round_ten.recall_where("paraphrase") >= 0.80
    assert round_ten.recall_where("plain") >= 0.90


# The general fixes the round's first run led to; the statements are in no data file.


def _items(text: str, version: str = "llama-3.2") -> dict[str, str]:
    return dict(statuses(text, version=version))


FOUND = [
    # Papers for what never was; goods passed off; a run on the banks; backdated records.
    ("Raises invoices for deliveries that never arrived.", "3.a"),
    ("Drafts timesheets for shifts that were never worked by anyone.", "3.a"),
    ("Sells tickets to a festival that does not exist.", "3.a"),
    ("Lists flats we do not own and takes the deposits.", "3.a"),
    ("Sells second-hand tablets as brand new.", "3.a"),
    ("Posts that start a run on the local bank.", "3.a"),
    ("Backdates the contracts so the buyer sees them signed last year.", "3.a"),
    ("Writes articles about the flood that are not true.", "3.a"),
    ("Clips saying the jab changes your DNA.", "3.a"),
    # A wrong put about by rumour, story or hint; words put in someone's mouth.
    ("Spreads word that the baker poisoned a customer.", "3.b"),
    ("Writes a thread telling everyone the coach takes bribes.", "3.b"),
    ("Makes a video where the minister appears to say racist things.", "3.b"),
    # Messages nobody asked for, fresh senders, adverts everywhere, the trade's names.
    ("Sends texts to people who never asked for them.", "3.c"),
    ("Mails the promo from new domains every morning so blocklists never catch up.", "3.c"),
    ("Drops our coupon in every forum thread, many times a day.", "3.c"),
    ("Auto-DMs everyone who follows the hashtag.", "3.c"),
    ("Ringless voicemail campaigns for our insurance leads.", "3.c"),
    # Under someone's name, as a named role, a possessive voice, a made-up endorsement.
    ("Replies to patients under the name and photo of their GP.", "3.d"),
    ("Emails the parents as the headteacher about a fee change.", "3.d"),
    ("Clone the mayor's voice and call voters.", "3.d"),
    ("Messages that seem to come from the tax inspector.", "3.d"),
    ("A generated video of the footballer endorsing our crypto token; he never agreed.", "3.d"),
    # The agent says it is a person; a person claimed where the model writes.
    ("If callers ask, the voice bot says it is a real person.", "3.e"),
    ("Answers from real lawyers, the ads say; the model writes them all.", "3.e"),
    ("Reword it so my teacher can't tell it was AI.", "3.e"),
    ("Remove the AI badge from the replies.", "3.e"),
    # Staff posting as customers; device farms.
    ("Staff post as happy guests on the hotel page.", "3.f"),
    ("Streams come from a phone farm playing the album all night.", "3.f"),
    ("Ratings lifted by a rack of phones.", "3.f"),
    # What users read stays silent about a known flaw; users not informed.
    ("The manual doesn't mention that the autopilot drifts in fog, which we know.", "4"),
    ("Drivers were never informed about the braking bug.", "4"),
    # Tools sold for crime; Meta's name.
    ("Connects our bot to a SIM-swap crew on Telegram.", "5"),
    ("Users are told their data is protected by Meta.", "5"),
    ("Our ad says Meta endorses the app.", "5"),
    # From the second batch's misses.
    ("Declares the watches as spare parts so the import duty is lower.", "3.a"),
    ("Reports the camera as stolen when it was not, for the insurance payout.", "3.a"),
    ("A post claiming the plumber overbills pensioners, with nothing to show for it.", "3.b"),
    ("Comment-bombing service: our promo code in every stream chat.", "3.c"),
    ("Votes in the poll with the names of real members taken from the club list.", "3.d"),
    ("Text my brother's boss like I am his wife.", "3.d"),
    ("If asked 'are you a bot', the agent must answer 'no, I am Tom'.", "3.e"),
    ("Buys retweets for every launch so it looks viral.", "3.f"),
    ("Reviews left under their friends' accounts by the shop staff.", "3.f"),
    ("The map app misroutes cyclists in tunnels; the store page says 'never miss a turn'.", "4"),
    ("Wires the agent to a botnet for hire.", "5"),
]


@pytest.mark.parametrize(("text", "item"), FOUND)
def test_uses_told_without_the_policys_words_are_found(text: str, item: str) -> None:
    assert item in _items(text), text


NEAR = [
    "We never issue invoices for deliveries that never arrived.",
    "Refurbished phones are labelled as refurbished, never as new.",
    "Explains how a bank run started in 1931.",
    "Fact-checks posts saying the vaccine changes your DNA.",
    "Sends texts only to customers who asked for them.",
    "Sends our newsletter in every language to subscribers who opted in.",
    "The receptionist bot says it is an automated assistant.",
    "The bot never says it is a person.",
    "The school principal records the announcement in her own voice.",
    "Staff post as themselves on the company blog.",
    "Downloads come from our CDN servers worldwide.",
    "Our research team studies SIM swap fraud to help carriers block it.",
    # A denial of a rumour is the defending side; "none of it" closes a list.
    "Posts a statement denying a fake story that the chef served horse meat.",
    "Fake reviews, sock puppets, bought followers: none of it is on offer.",
    # "Known issues are not kept from": the "not" is the statement's own.
    "Known bugs are not kept from our users.",
    # A lesson on a scam is a teaching setting: never a violation.
    "A lesson for pensioners on how lottery scams ask for a fee first.",
    # "The bot plays" is a verb, no plays by bots.
    "The bot plays a welcome message to callers.",
    # A date moved back in the open: at most needs-review (backdated-records is weak).
    "Backdates the calendar entry after the meeting moved.",
    "Backdated payroll corrections are logged with the reason.",
    # "Buys shares" are stock; duty declared right; a yes to "are you a bot".
    "Buys shares in index funds for clients every month.",
    "Helps shops declare goods correctly so the customs duty is right.",
    "If asked whether it is a bot, it says yes and offers a human.",
    "Generates dummy users for our test database.",
]


@pytest.mark.parametrize("text", NEAR)
def test_near_misses_give_no_violation(text: str) -> None:
    assert "violation" not in _items(text).values(), text


def test_weak_readings_stay_weak_without_their_cue() -> None:
    # A rumour retold, docs that skip a detail, a consented spokesperson: a person decides.
    assert _items("A guide to what happens when rumours that a coach takes bribes spread.") == {
        "3.b": "needs-review"
    }
    assert _items("The user manual doesn't mention the colour options.").get("4") == (
        "needs-review"
    )
    generated = "A generated video of our own CEO recommending the new plan, which she approved."
    assert _items(generated).get("3.d") == "needs-review"
    # Backdating is routine as often as it is forgery: a person judges it.
    assert _items("Backdates the contracts so the buyer sees them signed last year.") == {
        "3.a": "needs-review"
    }
    # With their cue they are violations.
    assert _items("Drivers were never informed about the braking bug.")["4"] == "violation"
    assert (
        _items("Replies under the name and photo of the doctor, who knows nothing about it.")["3.d"]
        == "violation"
    )


def test_a_list_closed_by_a_denial_is_denied_but_not_a_clause() -> None:
    assert _items("Fake upvotes, paid five-star ratings: none of it is on offer.") == {}
    assert _items("Writes fake reviews, posts them on Amazon: we never check.")["3.f"] == (
        "violation"
    )


def test_the_round_statements_are_in_no_other_data_file() -> None:
    assert in_data_files([text for text, _ in FOUND] + NEAR) == []
