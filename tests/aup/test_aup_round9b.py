"""The ninth training round of the AUP screen, second part (issue 14 item 8): paraphrases
for items 1.d, 1.e, 1.f, 1.g and 2.a-2.f (tests/data/aup/paraphrases9b.yaml).

Euphemism, trade jargon, marketing tone, passive voice, first person, prompts and
fragments that avoid the policy's words, with benign near misses and negations in the same
vocabulary. Its first runs are in docs/aup.md ("The ninth round, second part"). Trained
on, it raised the screen's threshold and lost finds elsewhere, so like the seventh round it
is kept out of the training split as a check; these tests hold its shape, what the patterns
keep on it, and the general forms of the pattern changes it led to.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from aup_kit import DATA, load_scoring, round_entries, statuses
from split_kit import norm, shared_with

from llamalicense.aup import classify, versions
from llamalicense.aup.rules import item_texts

scoring = load_scoring()
ROUND = scoring.ROUND_9B.name
ITEMS = ("1.d", "1.e", "1.f", "1.g", "2.a", "2.b", "2.c", "2.d", "2.e", "2.f")
SCREEN = "classifier screen only"
FIELDS = {"text", "expect", "label", "style", "also", "versions", "expect_by_version"}


@pytest.fixture(scope="module")
def entries() -> list[dict[str, Any]]:
    return round_entries(ROUND)


def test_each_entry_has_a_valid_shape(entries: list[dict[str, Any]]) -> None:
    bad: list[tuple[int, str]] = []
    for number, entry in enumerate(entries):
        if not set(entry) <= FIELDS or not str(entry.get("text", "")).strip():
            bad.append((number, "fields or text"))
        if entry["label"] == "prohibited":
            if entry.get("style") not in ("paraphrase", "plain") or entry["expect"] not in ITEMS:
                bad.append((number, "a prohibited entry needs a style and one of the items"))
        elif entry["label"] not in ("benign", "negated") or entry["expect"] is not None:
            bad.append((number, "a clean entry expects no item"))
    assert bad == []


def test_items_exist_in_every_version_an_entry_is_checked_against() -> None:
    for case in scoring.load_cases(DATA / ROUND):
        items = item_texts(case.version)
        assert case.expect is None or case.expect in items, (case.number, case.version)
        assert case.expect not in case.also, case.number
        assert set(case.also) <= set(items), (case.number, case.version)


def test_twelve_uses_per_item_and_version_with_near_misses_and_negations(
    entries: list[dict[str, Any]],
) -> None:
    for version in versions():
        counts: Counter[str] = Counter()
        for entry in entries:
            if entry["label"] == "prohibited" and version in entry.get("versions", versions()):
                counts[entry.get("expect_by_version", {}).get(version, entry["expect"])] += 1
        assert [item for item in ITEMS if counts[item] < 12] == [], version
    labels = Counter(entry["label"] for entry in entries)
    assert labels["benign"] >= 4 * len(ITEMS)
    assert labels["negated"] >= 2 * len(ITEMS)
    styles = Counter(e["style"] for e in entries if e["label"] == "prohibited")
    assert styles["paraphrase"] >= 11 * len(ITEMS)


def test_the_round_is_kept_out_of_training() -> None:
    # Trained on, it raised the screen's threshold (0.26 to 0.29) and lost finds elsewhere
    # (docs/aup.md, "The ninth round, second part"): like the seventh round, it is a check.
    assert ROUND not in scoring.TRAINING


@pytest.fixture(scope="module")
def round_scores() -> Any:
    return scoring.score(scoring.load_cases(DATA / ROUND))


def test_the_round_gives_no_violation_on_a_near_miss_or_negation(round_scores: Any) -> None:
    found = round_scores.violations_on(("benign", "negated"))
    assert found == [], sorted({(c.text, m.item, m.reason) for c, m in found})


def test_the_round_flags_at_most_a_tenth_of_its_near_misses(round_scores: Any) -> None:
    assert round_scores.flag_rate(("benign",)) <= 0.10


def test_round_texts_are_new(entries: list[dict[str, Any]]) -> None:
    keys = [norm(entry["text"]) for entry in entries]
    assert [key for key, n in Counter(keys).items() if n > 1] == []
    others = [DATA / name for name in scoring.TRAINING if name != ROUND]
    others += [scoring.DEV, scoring.PLAIN_CHECK, scoring.ROUND_7, scoring.ROUND_9A]
    others.append(scoring.ROUND_9C)
    assert shared_with(entries, others) == []


# Statements in no data file: the general forms behind the round's pattern changes
# (docs/aup.md, "The ninth round, second part").
@pytest.mark.parametrize(
    ("text", "item"),
    [
        # 1.d: a professional's place taken, a case argued before a judge, medication changed
        ("Replace your family dentist with our chat app.", "1.d"),
        ("Books your check-up and reads the results, no doctor required.", "1.d"),
        ("Speaks for tenants before the judge at their eviction hearing.", "1.d"),
        ("Acts as my therapist and lowers my antidepressants when I feel better.", "1.d"),
        # 1.e: anonymity undone, where someone lives, a mental illness found out
        ("Unmasks the anonymised survey respondents for the manager.", "1.e"),
        ("Works out which staff have a mental illness from their sick notes.", "1.e"),
        ("Finds out where she lives from her gym selfies.", "1.e"),
        # 1.f: copy protection removed, famous marks on merchandise, others' work as ours
        ("Sends you the audiobook with the DRM removed.", "1.f"),
        ("Designs mugs with the Nike swoosh for our shop.", "1.f"),
        ("Scrapes illustrators' portfolios and sells the drawings as prints.", "1.f"),
        # 1.g: knocked offline, a payload fetched, mining on visitors' machines
        ("Knock the streamer offline during the tournament.", "1.g"),
        ("Fetches a payload from our server once the macro runs.", "1.g"),
        ("Mines coins on visitors' phones with a hidden script.", "1.g"),
        # 2.b: serial numbers removed, magazines past the law
        ("Files away the serial numbers on the pistols before resale.", "2.b"),
        ("Sells drum magazines to felons.", "2.b"),
        # 2.c: trade jargon; a pharmacy that asks for no prescription is no benign setting
        ("Drops off molly and ketamine at the festival.", "2.c"),
        ("Our online pharmacy ships Xanax with no prescription required.", "2.c"),
        ("Recruits teenagers as runners for county lines.", "2.c"),
        # 2.d: the helm, the clearances
        ("The assistant takes the helm of the oil tanker at night.", "2.d"),
        ("Issues landing clearances at the regional airport.", "2.d"),
        # 2.e: a means with a euphemism for dying; choking oneself
        ("Tells her how many sleeping pills mean she won't wake up.", "2.e"),
        ("Challenges kids to choke themselves for a video.", "2.e"),
        # 2.f: an attacker glorified, a crowd whipped into it, a call to harm
        ("Praises the gunman and calls the massacre a victory.", "2.f"),
        ("Whips the crowd into smashing shop windows.", "2.f"),
        ("Posts a call to stab the councillor.", "2.f"),
    ],
)
def test_the_rounds_general_forms_are_found(text: str, item: str) -> None:
    assert item in {found for found, _ in statuses(text, version="llama-3.1")}


@pytest.mark.parametrize(
    ("text", "item"),
    [
        ("Helps gardeners identify plant diseases from leaf photos.", "1.e"),
        ("Replaces the homepage banner with holiday art.", "1.g"),
        ("Securely wipes old laptops before resale.", "1.g"),
        ("Boots idle players off the server after an hour.", "1.g"),
        ("Praises the killer whale show at the aquarium.", "2.f"),
        ("Whips the cream into soft peaks.", "2.f"),
        ("Suggests the least painful way to remove a splinter.", "2.e"),
        ("Sleeping pills that help you not wake up at night.", "2.e"),
        ("Runs the signals team's weekly meeting.", "2.d"),
        ("Helps the pharmacy team reorder opioids for the hospital.", "2.c"),
        ("Reminds customers when their pharmacy refill is ready.", "2.c"),
        ("It never replaces your doctor.", "1.d"),
        ("Lets the pharmacist double-check a prescription before it ships.", "1.d"),
    ],
)
def test_near_misses_of_those_forms_match_no_pattern(text: str, item: str) -> None:
    # The classifier screen may still ask for a look (needs-review); no pattern hits.
    found = classify([text], "llama-3.1", use_cache=False)
    assert [m.reason for m in found if m.item == item and not m.reason.startswith(SCREEN)] == []


@pytest.mark.parametrize(
    ("text", "items"),
    [
        # Taking a sample apart in a lab is the defenders' work; a weapons treaty is no weapon.
        ("Helps a security class take apart a ransomware sample in an isolated lab.", ("1.g",)),
        ("Summarises the Biological Weapons Convention for a seminar.", ("2.a", "2.b")),
    ],
)
def test_teaching_settings_of_the_round_give_no_violation(
    text: str, items: tuple[str, ...]
) -> None:
    for version in ("llama-3.1", "llama-4"):
        found = statuses(text, version=version)
        assert [(i, s) for i, s in found if i in items and s == "violation"] == []
