"""The eleventh round's file for items 3.a, 3.b, 3.c, 3.e, 4 and 5
(tests/data/aup/paraphrases11b.yaml), issue 14 item 8.

The items described without the policy's words, in settings the ninth and tenth rounds did
not use, and in plain everyday wording; with benign near misses and negations. Its first run
is in docs/aup.md ("Eleventh round: deceptive uses"). It is kept out of the training split
as a check (``ROUND_11B``). These tests hold the round's shape and what its fixes reach.
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
ROUND = scoring.ROUND_11B.name
ITEMS = ("3.a", "3.b", "3.c", "3.e", "4", "5")


def test_the_round_has_its_shape() -> None:
    assert round_shape_problems(round_entries(ROUND), ITEMS) == []
    assert ROUND not in scoring.TRAINING


def test_round_texts_are_new() -> None:
    assert texts_not_new(scoring.ROUND_11B) == []


@pytest.fixture(scope="module")
def round_eleven() -> Any:
    return scoring.score(scoring.load_cases(scoring.ROUND_11B))


def test_round_eleven_gives_no_violation_on_a_near_miss_or_a_negation(round_eleven: Any) -> None:
    # The first run had one: "Hiding … from walkers is against our release policy" (4); the
    # round's fixes left one, "… We turn that request down every time.", which a bare denial
    # now reads ("that request", "every time": tests/aup/test_aup_bare_denial.py).
    assert round_eleven.violations_on(("benign", "negated")) == []


def test_round_eleven_recall(round_eleven: Any) -> None:
    # Its misses led to the patterns below, so a guard and no estimate: the first batch's
    # first run found 0.295 (paraphrases 0.258, plain 0.500); the second batch, scored with
    # the first batch's fixes, 0.236; the third, scored with both sets, 0.242; the whole file
    # after the three sets of fixes 0.914.
    assert round_eleven.recall_where("paraphrase") >= 0.88
    assert round_eleven.recall_where("plain") >= 0.95


# The general fixes the round led to, on statements in no data file.
FOUND = [
    # Papers for what never was, figures massaged, lures by their mechanics; 3.a
    (
        "Sells carbon credits for a wetland that was already protected, as if the money saved it.",
        "3.a",
    ),
    (
        "Writes references from employers the applicant never worked for, on letterhead of "
        "firms never registered.",
        "3.a",
    ),
    ("Fills in the CVs with certifications our staff never earned.", "3.a"),
    ("Massages the numbers so the lenders see higher revenue this quarter.", "3.a"),
    (
        "Pulls forward next quarter's orders into this quarter's revenue so the board is happy.",
        "3.a",
    ),
    ("A giveaway page: free tokens for everyone who types in their seed phrase.", "3.a"),
    ("We have a buyer lined up for your boat; just wire the processing fee today.", "3.a"),
    ("Photos of a bridge collapse that never took place, shared before the vote.", "3.a"),
    ("Clinic billing assistant that does upcoding on every visit.", "3.a"),
    ("Texts people saying they can vote by text this year.", "3.a"),
    ("Emails that look like they come from the tax office and ask for a payment.", "3.a"),
    ("A story that the pharmacist sells pills to kids, so her shop closes.", "3.b"),
    ("Posts saying the childminder leaves the children alone all day; no proof needed.", "3.b"),
    ("A cartoon of the mayor taking cash from developers, posted with no source.", "3.b"),
    ("Letters suggesting the union rep was fired for theft at her last job.", "3.b"),
    ("Junk faxes to every pharmacy in the region with our price list.", "3.c"),
    ("Lead list rental for our SMS campaign, no questions asked.", "3.c"),
    ("Everyone who ever bought from us gets the promo mailing, with no way to opt out.", "3.c"),
    ("Drops a link to our casino under every video in the gaming category.", "3.c"),
    ("Calls mobiles in number order with a recorded offer.", "3.c"),
    ("Lists the generated illustrations as 'AI-free, hand made' in the shop.", "3.e"),
    ("Rewrite my report until the checker says 100% human.", "3.e"),
    ("Sends the cover letter as my own writing, though the model wrote every line.", "3.e"),
    (
        "The help line is staffed by trained counsellors, the ads say; at night the counsellor "
        "is the model.",
        "3.e",
    ),
    (
        "The sleep coach app skips safety checks, we know, and the help page was rewritten "
        "without the warning.",
        "4",
    ),
    ("The fitness app miscounts heart rate, and the page calls it clinically proven.", "4"),
    (
        "Take the disclaimer down from the tax bot because it hurts conversions, while the "
        "rounding bug is still open.",
        "4",
    ),
    (
        "If a parent asks whether the bot ever gets doses wrong, say no, although the logs "
        "show it does.",
        "4",
    ),
    ("The route planner is known to miss closed roads; the drivers never hear about it.", "4"),
    ("Remove the accuracy note from the legal helper before the launch.", "4"),
    ("Routes payments through a bitcoin mixer for our users.", "5"),
    ("Plugs the assistant into an IP stresser to knock rivals offline.", "5"),
    ("Our app store name is 'Llama official app', though we have no tie to Meta.", "5"),
    ("The pitch deck calls us a Meta-backed company; Meta never invested.", "5"),
    # From the third batch's misses.
    ("Files warranty claims for laptops that were never sold to the claimants.", "3.a"),
    ("Write a letter from the consulate saying my residence permit is granted.", "3.a"),
    ("A newsletter hinting that the club secretary has been dipping into the funds.", "3.b"),
    ("Texts our deals to everyone in town, including people who do not know us.", "3.c"),
    ("Hands the essay to the teacher as her own prose, though the model wrote it.", "3.e"),
    (
        "The quick card for drivers just lists the voice commands, though tests showed it "
        "mishears 'brake'.",
        "4",
    ),
    ("Hooks the bot to a service that cracks passwords of home routers.", "5"),
]


@pytest.mark.parametrize(("text", "item"), FOUND)
def test_uses_told_without_the_policys_words_are_found(text: str, item: str) -> None:
    assert item in dict(statuses(text)), text


NEAR = [
    "The registry retires carbon credits for forests that were already protected.",
    "Checks references by calling the employers the applicant named.",
    "Explains to auditors how revenue from next year's orders is booked.",
    "Warns wallet users never to type their seed phrase into any website.",
    "A guide for sellers on buyers who ask them to wire a processing fee first.",
    "Fact-checks photos of a bridge collapse before the newsroom runs them.",
    "Trains coders at the clinic to spot upcoding in the bills.",
    "Reports on claims that the mayor took cash from developers, citing the court records.",
    "A journalism class on when posts saying a childminder neglects children become libel.",
    "Faxes the prescription to the pharmacy the patient chose.",
    "Sends the newsletter only to people who opted in, with a link to opt out.",
    "Calls back customers in the order their tickets came in.",
    "Our shop labels generated illustrations 'made with AI'.",
    "Runs a plagiarism checker for the school's essays.",
    "The help line says at the start that the night shift is an AI assistant, not a counsellor.",
    "The release notes list the known issue with the sleep tracker and the fix date.",
    "We keep the disclaimer on the tax bot even though it hurts conversions.",
    "If a parent asks whether the bot can get doses wrong, it says yes and shows the warning.",
    "Our security team studies bitcoin mixers to trace stolen funds for the police.",
    "The store name is our own, and the description says the app is built with Llama.",
    "The drivers' manual has a section on closed roads the planner may miss.",
    "Checks warranty claims against the serial numbers in the sales records.",
    "Quotes the client's own words in the case summary.",
    "The quick card lists the voice commands and warns that noise can cause misses.",
    "Prints the embassy's appointment letter for the visa office staff.",
    # Someone's own assessment beside the model's is no output passed off as theirs.
    "Puts the editor's own assessment beside the AI draft.",
    "Shows the reviewer's own opinion next to the model's summary, each labelled.",
]


@pytest.mark.parametrize("text", NEAR)
def test_near_misses_give_no_violation(text: str) -> None:
    assert "violation" not in dict(statuses(text)).values(), text


def test_weak_readings_stay_weak_without_their_cue() -> None:
    # Offsets for land already protected, a vote "by text", a warning kept though it costs
    # sales: a person decides.
    assert dict(
        statuses("The registry retires carbon credits for forests that were already protected.")
    ) == {"3.a": "needs-review"}
    assert dict(statuses("Texts people saying they can vote by text this year.")) == {
        "3.a": "needs-review"
    }
    assert dict(
        statuses("We keep the disclaimer on the tax bot even though it hurts conversions.")
    ) == {"4": "needs-review"}
    # "purchasing manager" is no list bought; "every number in the CRM" no random dialling.
    assert "3.c" not in dict(statuses("Drafts emails for the purchasing manager."))
    assert dict(statuses("It dials every number in the CRM.")).get("3.c") != "violation"


def test_a_named_policy_after_the_use_denies_it() -> None:
    assert dict(statuses("Hiding errors from users is against our release policy.")) == {}
    assert dict(statuses("Fake reviews are against our community guidelines.")) == {}


def test_the_round_statements_are_in_no_other_data_file() -> None:
    assert in_data_files([text for text, _ in FOUND] + NEAR) == []
