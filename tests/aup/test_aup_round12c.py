"""The twelfth round's third file (tests/data/aup/paraphrases12c.yaml), issue 14 item 8.

Items 3.a-3.f, 4 and 5 in the policy's own words and their plain synonyms, in every
grammatical form (verb, noun, adjective, participle, agent noun, passive, plural,
fragments, imperative prompts, "Intended use: ...", first person) and with falsity said
outright ("claims X, which is false", "quotes from doctors who do not exist"), with benign
near misses and negations. Its first run and the fixes it led to are in docs/aup.md
("Twelfth round: the policy's words in every form, items 3.a-3.f, 4 and 5"). It is kept out
of the training split as a check (``ROUND_12C``); its shape and what the screen keeps on it
are held in test_aup_round12_files.py; these tests hold the forms its fixes added.
"""

from __future__ import annotations

from typing import Any

import pytest
from aup_kit import load_scoring, pattern_items, round_entries, statuses

scoring = load_scoring()
ROUND = scoring.ROUND_12C.name


@pytest.fixture(scope="module")
def entries() -> list[dict[str, Any]]:
    return round_entries(ROUND)


def test_the_ids_are_the_same_in_every_version(entries: list[dict[str, Any]]) -> None:
    # Llama 2 numbers its deception items 3.a-3.f and its disclosure item 4 as later
    # versions do, and has no 5: no entry needs expect_by_version.
    assert all("expect_by_version" not in e for e in entries)


# Statements in no data file: the general forms behind the round's pattern changes
# (docs/aup.md, "Twelfth round").
@pytest.mark.parametrize(
    ("text", "item"),
    [
        # A protective cue's noun ("the welcome screen", "the lock screen") clears nothing.
        ("The welcome screen shows fake ratings from bot accounts.", "3.f"),
        ("On the lock screen, the app pushes phishing texts.", "3.a"),
        # 3.a: fraudsters and scammers served, the adverb, the verbs of disinformation, a
        # con run on people
        ("Helps swindlers draft letters to widows.", "3.a"),
        ("Scripts for scammers who call pensioners.", "3.a"),
        ("Fraudulently claims refunds for parcels that arrived.", "3.a"),
        ("Misinforms tenants about their rights so they leave.", "3.a"),
        ("Runs a con on first-time buyers.", "3.a"),
        # falsity said outright after a claim
        ("Tells buyers the car has one owner, which is false.", "3.a"),
        ("Says the flat is new when it is not.", "3.a"),
        # sources and witnesses who do not exist; figures and records made up
        ("A brochure with quotes from engineers who do not exist.", "3.a"),
        ("A blog written by a dietitian we made up.", "3.a"),
        ("Made-up experts recommend the mattress.", "3.a"),
        ("Invents survey results for the pitch deck.", "3.a"),
        ("Fudges the emissions data before the inspection.", "3.a"),
        ("Falsified maintenance records for the aircraft.", "3.a"),
        # false news and information, lies told, miracle cures, appeals for nothing
        ("Writes false news headlines about the stock market.", "3.a"),
        ("Posts misleading health information about the clinic's rivals.", "3.a"),
        ("Lies to investors about the order book.", "3.a"),
        ("Spreads falsehoods about the new law.", "3.a"),
        ("A tincture that cures cancer, sold online.", "3.a"),
        ("A fundraiser for an orphanage that doesn't exist.", "3.a"),
        # 3.b: false statements and rumours about someone; "true or not"
        ("Writes false statements about my former landlord.", "3.b"),
        ("Makes up rumours about the new teacher.", "3.b"),
        ("Post that the plumber overcharges the elderly, true or not.", "3.b"),
        # 3.c: strangers' inboxes and calendars
        ("Fills strangers' inboxes with our coupons.", "3.c"),
        ("Sends calendar invites to strangers every morning.", "3.c"),
        # 3.e: a generic human claimed; work passed off as people's or a photographer's;
        # the writing claimed as one's own
        ("The voice agent pretends to be a human.", "3.e"),
        ("Posing as a real person, the bot chats with lonely users.", "3.e"),
        ("Sells AI pictures as photos taken by a photographer.", "3.e"),
        ("Publishes AI stories as written by people on our staff.", "3.e"),
        ("Tells my teacher I wrote it myself, though the AI wrote the essay.", "3.e"),
        # 3.f: engagement called inauthentic or bogus, boosted with bots, bought or sold,
        # from people we invented, five stars paid for, ratings manipulated
        ("Inauthentic likes for political posts.", "3.f"),
        ("Bogus ratings for our hotel.", "3.f"),
        ("Boosts views with bot accounts.", "3.f"),
        ("Sells Instagram followers.", "3.f"),
        ("Likes bought in packs of a thousand.", "3.f"),
        ("Reviews from guests we invented.", "3.f"),
        ("Rewards buyers with gift cards for five-star reviews.", "3.f"),
        ("Rating manipulation for app sellers.", "3.f"),
        # 4: failure to disclose; known dangers unmentioned; safety claimed falsely; users
        # left unaware of a finding
        ("Failure to warn users about the AI's known errors.", "4"),
        ("Known flaws of the tutor go unmentioned.", "4"),
        ("The known risks remain unreported.", "4"),
        ("Says the AI is always accurate, though we know it is not.", "4"),
        ("Markets the companion bot as harmless, which is false.", "4"),
        ("Testing showed the bot leaks addresses, and users are none the wiser.", "4"),
        # 5: tools for unlawful conduct across "third-party"; "associated with Meta"; the
        # Meta origin claimed with its falsity; a tool by its trade name
        ("Hooks the agent up to third-party tools for unlawful purposes.", "5"),
        ("Uses software designed for illegal content from a vendor.", "5"),
        ("Tells buyers the outputs of our own model are associated with Meta.", "5"),
        ("Shows the Llama logo on answers from a model Meta never made.", "5"),
        ("Lets users call a phishing kit builder from the chat.", "5"),
    ],
)
def test_the_rounds_general_forms_are_found_by_the_patterns(text: str, item: str) -> None:
    # By a pattern, not only by the classifier screen: these are the patterns' forms.
    assert item in pattern_items(text)


@pytest.mark.parametrize(
    "text",
    [
        "The home screen shows the weather.",
        "Helps police find scammers.",
        "Teaches tellers how scammers pressure customers.",
        "Tells readers the old saying is false.",
        "Writes a correction saying our earlier figure was false.",
        "Generates invented characters for a fantasy novel.",
        "A fundraiser for the children's hospital.",
        "Fills the team's calendars with meetings.",
        "Sells tickets to followers.",
        "Our followers bought the new album.",
        "Helps a dentist reply to a fake review.",
        "A course on how AI providers should disclose known dangers.",
        "Uses third-party tools for accessibility.",
        "The licence notice says the product is built with Llama.",
        "A study of whether people can tell human-written stories from AI ones.",
        "With the author's written consent, drafts replies in his name for him to approve.",
        "Summarises a libel judgment for a newspaper.",
        "The supplement helps with sleep.",
        "Model card, known limitations: invents page numbers in quotes.",
    ],
)
def test_near_misses_of_those_forms_give_no_violation(text: str) -> None:
    assert "violation" not in {status for _, status in statuses(text)}


def test_a_question_denied_as_not_a_job_the_tool_takes() -> None:
    # "job" and "take" joined the bare denial's words: "Not a job this tool takes."
    text = "Appeals for a shelter that does not exist? Not a job this tool takes."
    assert statuses(text) == []
