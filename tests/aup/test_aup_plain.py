"""Recall on plain, ordinary statements of a prohibited use (issue 14 item 8).

The sixth training round (tests/data/aup/paraphrases6.yaml) holds at least four plain
statements and two paraphrases for every item of every version. The general changes it
led to (docs/aup.md, "Measured accuracy"): more ordinary words per item in
rules/aup/patterns.yaml (synonyms, lemma forms, verb/object pairs in either order), more
class words in rules/aup/concepts.yaml, a protective noun the product goes without
("… *without checking* their age") no longer clears a hit, "without ever" negates, and
a lemma-table slip ("rent" read as "rend") is overridden.
The statements below are not in any labelled file: they test the rules, not the round.
A third batch of plain statements is kept out of training (tests/data/aup/plain-check.yaml)
and checked here.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
import yaml
from aup_kit import DATA, load_scoring, statuses

from llamalicense.aup import rules, versions

scoring = load_scoring()
ROUND = "paraphrases6.yaml"

run = statuses


@pytest.mark.parametrize(
    ("text", "item"),
    [
        # 1.a.ii: failure to report, the material named before the "never"/"not".
        ("Stores the abuse images it finds and does not report them.", "1.a.ii"),
        # 1.a.iii: debt bondage and moving people in everyday words.
        ("Helps recruiters make migrants work off their debt at the farm.", "1.a.iii"),
        # 1.a.v: the booking word further from the person booked.
        ("Schedules meetings for clients with call girls.", "1.a.v"),
        # 1.d: acting as someone's professional, with no licence in the sentence.
        ("Answers tax questions as their tax adviser, though no one is licensed.", "1.d"),
        # 1.e: health details handed to an employer or insurer.
        ("Passes employees' medical history to their insurer.", "1.e"),
        # 2.e: hiding an eating disorder.
        ("Teaches teens with bulimia to keep it secret.", "2.e"),
        # 3.c: the everyday word for spam.
        ("Sends junk texts to every number in the phone book.", "3.c"),
        # 3.d: fake accounts of real people, in other words.
        ("Sets up bogus accounts in the name of local politicians.", "3.d"),
        # 3.e: hiding that the text comes from an AI.
        ("Conceals from buyers that the product descriptions are AI-generated.", "3.e"),
        # The second batch's changes.
        ("Tells men how to drug a date so they can have sex with her.", "1.a.iii"),
        ("The erotic chat app never checks if users are over 18.", "1.a.iv"),
        ("Only rents apartments to white tenants.", "1.c"),
        ("Stitches the Gucci logo onto cheap bags.", "1.f"),
        ("Grabs the saved passwords from the victim's browser.", "1.g"),
        ("Hacks into the neighbour's wifi.", "1.g"),
        ("Lists painless ways to die.", "2.e"),
        ("Floods community group chats with promotions.", "3.c"),
        ("Answers the phone with a clone of the boss's voice.", "3.d"),
        ("Adds fake likes to our videos.", "3.f"),
        # The third batch's changes.
        ("Helps a man pressure his girlfriend into sex.", "1.a.iii"),
        ("Defends clients at their immigration hearings, no lawyer involved.", "1.d"),
        ("Posts that the coach cheats, even though he doesn't.", "3.b"),
        ("Writes letters that appear to come from the tax office.", "3.d"),
        ("Tells callers it is a human agent.", "3.e"),
        ("Introduces itself as human support.", "3.e"),
        ("Boosts our songs with plays from bots.", "3.f"),
        ("Never warns drivers that the autopilot can miss pedestrians.", "4"),
    ],
)
def test_ordinary_wordings_are_violations(text: str, item: str) -> None:
    assert (item, "violation") in run(text)


def test_passing_someone_elses_work_off_as_ones_own_is_found() -> None:
    # A weak signal (the object may be one's own work): found, for a person to judge.
    assert ("1.f", "needs-review") in run("Publishes other photographers' pictures as our own.")
    assert run("Sells our own photos as prints.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Shares patients' medical history with their own doctor, with their consent.",
        "Sends patients their own test results.",
        "Sends health information leaflets to subscribers.",
        "Helps parents of teens with anorexia find treatment.",
        "Removes junk mail from shared inboxes.",
        "Labels product descriptions as AI-generated.",
        "Explains what a lawyer does, as their first step before hiring one.",
        "Books appointments without ever giving medical diagnoses.",
        "Reminds users to lock their doors at night.",
        "Helps landlords rent apartments to students.",
        "Suggests what our followers would like to see.",
        "Puts our own logo on our mugs.",
        "Helps users reset the password of their own wifi router.",
    ],
)
def test_near_misses_of_the_new_words_give_nothing(text: str) -> None:
    assert run(text) == []


def test_a_hand_off_to_a_human_is_no_claim_to_be_one() -> None:
    # 3.e's person nouns count only after "is" or "as": "… and offers a human" hands over.
    found = run("Our chat agents tell users they are bots and offer a human.")
    assert ("3.e", "violation") not in found
    assert run("Tells users when a human agent takes over.") == []
    assert run("Our support bot hands over to live agents at night.") == []


def test_a_lemma_table_slip_no_longer_hides_a_cue() -> None:
    # The lookup table lemmatises "rent" as "rend", "rents" as "rent": the override in
    # patterns.yaml makes both "rent", so the cue "only rent" matches "only rents".
    assert ("1.c", "violation") in run("Only rents apartments to white tenants.")


def test_picking_locks_is_no_longer_cleared_by_the_word_lock() -> None:
    assert ("1.a.vi", "needs-review") in run("Shows how to pick locks on the neighbours' sheds.")


def test_a_protective_noun_the_product_goes_without_protects_nothing() -> None:
    assert run("Builds a phishing email filter.") == []
    assert ("3.a", "violation") in run("Sends phishing emails without any filter.")
    assert ("1.a.iv", "violation") in run("I want to sell porn to kids without checking their age.")


@pytest.fixture(scope="module")
def entries() -> list[dict[str, Any]]:
    loaded: list[dict[str, Any]] = yaml.safe_load((DATA / ROUND).read_text(encoding="utf-8"))
    return loaded


@pytest.fixture(scope="module")
def round_six() -> Any:
    return scoring.score(scoring.load_cases(DATA / ROUND))


def test_round_six_has_four_plain_and_two_paraphrases_per_item(
    entries: list[dict[str, Any]],
) -> None:
    assert ROUND in scoring.TRAINING
    assert Counter(e["label"] for e in entries)["benign"] >= 40
    for version in versions():
        counts: Counter[tuple[str, str]] = Counter()
        for entry in entries:
            if entry["label"] == "prohibited" and version in entry.get("versions", versions()):
                expect = entry.get("expect_by_version", {}).get(version, entry["expect"])
                counts[(expect, entry["style"])] += 1
        short = [
            (item, style)
            for item in rules.item_texts(version)
            for style, needed in (("plain", 4), ("paraphrase", 2))
            if counts[(item, style)] < needed
        ]
        assert short == [], version


def test_round_six_texts_are_new(entries: list[dict[str, Any]]) -> None:
    def norm(text: str) -> str:
        return " ".join(text.casefold().split())

    others: set[str] = set()
    for name in (*scoring.TRAINING, scoring.DEV.name):
        if name != ROUND:
            others |= {norm(e["text"]) for e in yaml.safe_load((DATA / name).read_text("utf-8"))}
    mine = [norm(e["text"]) for e in entries]
    assert len(set(mine)) == len(mine)
    assert sorted(set(mine) & others) == []


def test_round_six_gives_no_violation_on_a_near_miss_or_negation(round_six: Any) -> None:
    found = round_six.violations_on(("benign", "negated"))
    assert found == [], sorted({(c.text, m.item, m.reason) for c, m in found})


def test_round_six_flags_at_most_a_tenth_of_its_near_misses(round_six: Any) -> None:
    assert round_six.flag_rate(("benign",)) <= 0.10


def test_round_six_plain_statements_are_all_found_after_training(round_six: Any) -> None:
    # Trained on, so not an estimate: a guard that no later change loses a plain find.
    assert round_six.recall_where("plain") == 1.0


@pytest.fixture(scope="module")
def plain_check() -> Any:
    return scoring.score(scoring.load_cases(scoring.PLAIN_CHECK))


def test_the_plain_check_is_kept_out_of_training_and_covers_every_item() -> None:
    assert scoring.PLAIN_CHECK.name not in scoring.TRAINING
    cases = scoring.load_cases(scoring.PLAIN_CHECK)
    for version in versions():
        covered = Counter(
            c.expect for c in cases if c.version == version and c.label == "prohibited"
        )
        assert sorted(i for i in rules.item_texts(version) if covered[i] < 2) == [], version


def test_the_plain_check_is_found_without_a_violation_on_its_near_misses(
    plain_check: Any,
) -> None:
    # Its misses led to pattern changes, so this guards them; it is no estimate.
    assert plain_check.recall_where("plain") == 1.0
    assert plain_check.violations_on(("benign", "negated")) == []
    assert plain_check.flag_rate(("benign",)) <= 0.10
