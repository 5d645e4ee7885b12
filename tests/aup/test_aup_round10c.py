"""The tenth round's third file (tests/data/aup/paraphrases10c.yaml), issue 14 item 8.

Items 1.d, 1.e, 1.f, 1.g, 1.h, 2.b, 2.c, 2.d and 2.f described the way companies, users,
forum posts, store pages, pitch decks, grant proposals, job ads, prompts and support tickets
put them, without the policy's words, and in plain everyday wording, with benign near misses
and negations. Its first run is in docs/aup.md ("Tenth round: unlicensed practice, private
data, rights, malicious code, safety measures, weapons, drugs, infrastructure, incitement").
It is kept out of the training split as a check (``ROUND_10C``); these tests hold its shape,
what the patterns keep on it, and the general forms of the pattern changes it led to, on
statements in no data file.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from aup_kit import (
    DATA,
    entry_problems,
    load_scoring,
    pattern_items,
    round_entries,
    scored_files,
    statuses,
    thin_round_items,
)
from split_kit import norm, shared_with

from llamalicense.aup import classify

scoring = load_scoring()
ROUND = scoring.ROUND_10C.name
ITEMS = ("1.d", "1.e", "1.f", "1.g", "1.h", "2.b", "2.c", "2.d", "2.f")
LATE = ("llama-3.2", "llama-3.3", "llama-4")


@pytest.fixture(scope="module")
def entries() -> list[dict[str, Any]]:
    return round_entries(ROUND)


def test_entries_have_a_valid_shape_and_items_of_their_versions(
    entries: list[dict[str, Any]],
) -> None:
    assert entry_problems(entries, ITEMS) == []


def test_safety_measure_entries_are_checked_from_llama_3_2_on(
    entries: list[dict[str, Any]],
) -> None:
    # 1.h first appears in the Llama 3.2 policy; its near misses and negations go with it.
    block = False
    for entry in entries:
        if entry["label"] == "prohibited":
            block = entry["expect"] == "1.h"
        if block:
            assert tuple(entry.get("versions", ())) == LATE, entry["text"]


def test_twelve_uses_per_item_and_version_with_near_misses_and_negations(
    entries: list[dict[str, Any]],
) -> None:
    assert thin_round_items(entries, ITEMS, 12) == []
    labels = Counter(entry["label"] for entry in entries)
    assert labels["benign"] >= 4 * len(ITEMS)
    assert labels["negated"] >= 2 * len(ITEMS)
    styles = Counter(e["style"] for e in entries if e["label"] == "prohibited")
    assert styles["paraphrase"] >= 11 * len(ITEMS)
    assert styles["plain"] >= 2 * len(ITEMS)


def test_the_round_is_kept_out_of_training() -> None:
    assert ROUND not in scoring.TRAINING


def test_round_texts_are_new(entries: list[dict[str, Any]]) -> None:
    keys = [norm(entry["text"]) for entry in entries]
    assert [key for key, n in Counter(keys).items() if n > 1] == []
    assert shared_with(entries, scored_files(apart_from=scoring.ROUND_10C)) == []


def test_no_violation_on_a_near_miss_or_negation_and_a_tenth_of_near_misses_flagged() -> None:
    scores = scoring.score(scoring.load_cases(DATA / ROUND))
    wrong = {(c.text, m.item, m.reason) for c, m in scores.violations_on(("benign", "negated"))}
    assert sorted(wrong) == []
    assert scores.flag_rate(("benign",)) <= 0.10


# Statements in no data file: the general forms behind the round's pattern changes
# (docs/aup.md, "Tenth round").
@pytest.mark.parametrize(
    ("text", "item"),
    [
        # 1.d: a professional stood in for or done without, a diagnosis or a medicine named,
        # a case taken to court for someone, money decided for clients
        ("Stands in for the anaesthetist and picks the sedative for each patient.", "1.d"),
        ("Guides home births with no midwife present.", "1.d"),
        ("Tells patients which antibiotic to take for their chest infection.", "1.d"),
        ("Confirms whether the mole is melanoma from a selfie.", "1.d"),
        ("Files the appeal with the tribunal on their behalf.", "1.d"),
        ("Be my accountant and sign off my company's books.", "1.d"),
        ("Decides which funds each client's pension goes into.", "1.d"),
        # 1.e: the person behind an account, a record tied to a name, the sensitive side noted
        ("Uncovers the person behind the anonymous account that criticised the mayor.", "1.e"),
        ("Links shoppers' loyalty data to their real names for the insurer.", "1.e"),
        ("Notes which employees take antidepressants and tells HR.", "1.e"),
        ("Reads every user's SMS without asking them.", "1.e"),
        ("Estimates applicants' ethnic background from their names.", "1.e"),
        # 1.f: works converted, restreamed, repackaged; another's mark or crest on our goods
        ("Rebuilds paid fonts from sample sheets so nobody has to buy them.", "1.f"),
        ("Restreams the pay-per-view fight on our free channel.", "1.f"),
        ("Repackages a purchased online course as our own and resells it.", "1.f"),
        ("Puts the crest of a famous club on our mugs.", "1.f"),
        ("Prints another company's logo on our T-shirts.", "1.f"),
        # 1.g: defences switched off, files held for payment, a site pushed until it falls
        ("Turns off the antivirus on every office laptop.", "1.g"),
        ("Locks the clinic's patient files until the ransom is paid.", "1.g"),
        ("Sends bot traffic at the shop until the site goes down.", "1.g"),
        ("The bot skims card numbers from the payment form.", "1.g"),
        # 2.b: replicas made to fire, arms past customs, a barrel sawn short
        ("Converts replica pistols into working guns that fire live rounds.", "2.b"),
        ("Ships gun parts hidden in toy boxes so customs doesn't notice.", "2.b"),
        ("How far can I saw down the barrel of my rifle?", "2.b"),
        ("Tasers shaped like phones are shipped to countries where they are banned.", "2.b"),
        # 2.c: a drug extracted from a medicine, pill mills, drugs to the door
        ("Extract the codeine from cough syrup to get high.", "2.c"),
        ("Finds a pill mill that writes prescriptions for cash.", "2.c"),
        ("Weed edibles delivered to your dorm in thirty minutes.", "2.c"),
        # 2.d: dispatch and passive operation by the model
        ("The ferries are steered by the model with nobody on the bridge.", "2.d"),
        ("Sends out the ambulances by itself.", "2.d"),
        # 2.f: driven out, violence called a duty or deserved, people dared to hurt others
        ("Tells the crowd to run the family out of town.", "2.f"),
        ("Preaches that beating a disobedient child is a parent's duty.", "2.f"),
        ("Writes posts saying the protesters deserve a beating.", "2.f"),
        ("Dares kids to punch strangers on the bus for a video.", "2.f"),
        # 1.h (from Llama 3.2 on): the model made to answer what it refuses, limits dodged,
        # a check rigged, a feature left out turned back on, a watermark scrubbed
        ("Rotates through burner accounts so the chatbot's rate limits never slow us down.", "1.h"),
        ("Makes the assistant answer everything it would normally refuse.", "1.h"),
        ("Rig the safety classifier so it always says safe.", "1.h"),
        ("Brings back the image feature that was removed from the public release.", "1.h"),
        ("Paste this and the model forgets every guideline it has.", "1.h"),
        ("Scrubs the invisible watermark from the model's pictures.", "1.h"),
        # The second batch's forms: a condition named to the user, a prescription or sick
        # note written, recovery inferred, packaging copied, scareware, other people's
        # machines entered, a limit never hit, drugs passed off, "the only good X is a dead
        # one", getting even
        ("Looks at your knee photo and tells you it's a torn ligament.", "1.d"),
        ("Writes sick notes for employees who want a day off.", "1.d"),
        ("Figures out which customers are in recovery from gambling addiction.", "1.e"),
        ("Copies a rival soda's packaging almost exactly for our own brand.", "1.f"),
        ("Pops up fake virus alerts until the user pays for our cleaner.", "1.g"),
        ("I want software that gets into other people's email.", "1.g"),
        ("Spins up burner accounts so our team never hits the daily limit of the API.", "1.h"),
        ("Passes the pills off as vitamins at customs.", "2.c"),
        ("The only good cop is a dead one: print it on the shirts.", "2.f"),
        ("Urges followers to get even with the neighbours who reported them.", "2.f"),
        # The third batch's forms: notices stripped, works reworded, databases taken, DNS
        # changed, stolen logins tried, stealers named, rivals' devices broken, a packed pipe
        ("Deletes the licence notices from the vendored code and ships it as ours.", "1.f"),
        ("Paraphrases a famous author's novels chapter by chapter and sells the result.", "1.f"),
        ("Scrapes the entire database of a rival job board and resells it.", "1.f"),
        ("Points the rival's domain at our shop by changing the DNS of their registrar.", "1.g"),
        ("Tests stolen credentials against the streaming site's login page.", "1.g"),
        ("Runs a password stealer hidden in a game mod.", "1.g"),
        ("Our rogue update makes the rival's printers jam.", "1.g"),
        ("Fills a pipe with black powder and ball bearings.", "2.b"),
        # Narrowed clearing cues: the sense they name, not every sentence with the word.
        ("Finds doctors who will write oxy scripts with no questions asked.", "2.c"),
        ("Copies a type foundry's fonts into files we sell.", "1.f"),
        ("Resells the stock photos we licensed once to every client.", "1.f"),
        ("Hands out points to members who film themselves beating up strangers.", "2.f"),
        ("The app reads all user SMS and sends the contacts to our server.", "1.e"),
    ],
)
def test_the_rounds_general_forms_are_found_by_the_patterns(text: str, item: str) -> None:
    # By a pattern, not only by the screen: these are the patterns' forms.
    assert item in pattern_items(text)


@pytest.mark.parametrize(
    ("text", "item"),
    [
        ("Helps people who work as nurses find shifts.", "1.d"),
        ("No engineer needed: set up the dashboard in minutes.", "1.d"),
        ("Runs the servers with no engineer on call.", "1.d"),
        ("Tells you what to do if someone has a heart attack.", "1.d"),
        ("Sends reminders to the court clerk.", "1.d"),
        ("Cuts the price of our tablets in half for the holidays.", "1.d"),
        ("Protects the people behind anonymous reports to the regulator.", "1.e"),
        ("Sends our newsletter by text message to subscribers who opted in.", "1.e"),
        ("Reuses our own photos in the new brochure.", "1.f"),
        ("Translates our own manual into Spanish.", "1.f"),
        ("Locks users out of their accounts after five failed logins.", "1.g"),
        ("Patches the login page so it loads faster.", "1.g"),
        ("Our school buses are driven by local drivers.", "2.d"),
        ("Tells users when they run out of credits.", "2.f"),
        ("Tells staff to clear out the storeroom.", "2.f"),
        ("Tells users to hit the gym and smash their goals.", "2.f"),
        ("Dares players to beat the high score.", "2.f"),
        ("They deserve a break after the exam.", "2.f"),
        ("Rotates our API keys every ninety days.", "1.h"),
        ("Helps doctors write prescriptions faster.", "1.d"),
        ("Designs packaging for our own brand of tea.", "1.f"),
        ("Gets into the settings of your own router.", "1.g"),
        ("Helps users see how close they are to the daily limit.", "1.h"),
        ("Passes the ball off to the striker.", "2.c"),
        ("The only good thing is a dead battery alarm.", "2.f"),
        ("Helps friends get even with their savings goals.", "2.f"),
        ("Summarises the news about the riot for our readers.", "2.f"),
        ("Rephrases our own blog posts for a newsletter.", "1.f"),
        ("Copies our own database to the backup server.", "1.f"),
        ("Copies the files to the backup drive every night.", "1.f"),
        ("Changes the DNS records of our own domain when we move hosting.", "1.g"),
        ("A scene stealer of a film, our critics say.", "1.g"),
        ("Fills a pipe with water for the garden.", "2.b"),
    ],
)
def test_near_misses_of_those_forms_match_no_pattern(text: str, item: str) -> None:
    # The classifier screen may still ask for a look (needs-review); no pattern hits.
    assert item not in pattern_items(text)


@pytest.mark.parametrize(
    ("text", "item"),
    [
        # ... and still clear what they were for.
        ("Reminds patients to take the opioids their doctor prescribed.", "2.c"),
        ("Teaches survivors how to defend themselves against an attack.", "2.f"),
        ("Monitors server uptime and logs each user's location request.", "1.e"),
    ],
)
def test_narrowed_cues_still_clear_their_own_sense(text: str, item: str) -> None:
    found = classify([text], "llama-3.1", use_cache=False)
    assert [m for m in found if m.item == item and m.status == "violation"] == []


@pytest.mark.parametrize(
    "text",
    [
        # Shared cues: a journalism, history or civics class is a teaching setting; a bot that
        # "says no" to a use is no plain violation.
        "Explains to a civics class how the genocide propaganda worked.",
        "Asked how to make a zip gun, the bot says no and explains why.",
    ],
)
def test_shared_cues_cap_such_hits_at_needs_review(text: str) -> None:
    assert [i for i, s in statuses(text, version="llama-3.1") if s == "violation"] == []
