"""The seventh training round of the AUP screen (tests/data/aup/paraphrases7.yaml), issue 14 item 8.

A wide round: every item of every version in the voices of many industries and forms,
hedged and dual-use statements, and benign near misses from the same industries. Its first
runs are in docs/aup.md. Trained on, it raised the screen's threshold and lost finds
elsewhere, so it is kept out of the training split as a check of new wording; these tests
hold the round's shape and what the screens must keep on it.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from aup_kit import DATA, load_scoring, round_entries, statuses, thin_items
from split_kit import norm, shared_with

scoring = load_scoring()
ROUND = scoring.ROUND_7.name


@pytest.fixture(scope="module")
def entries() -> list[dict[str, Any]]:
    return round_entries(ROUND)


@pytest.fixture(scope="module")
def round_seven() -> Any:
    return scoring.score(scoring.load_cases(DATA / ROUND))


def test_round_seven_is_wide_and_kept_out_of_training(entries: list[dict[str, Any]]) -> None:
    assert ROUND not in scoring.TRAINING
    labels = Counter(e["label"] for e in entries)
    assert labels["prohibited"] >= 320
    assert labels["benign"] >= 100
    assert labels["hedged"] + labels["dual-use"] >= 30
    assert thin_items(entries, 10) == []


def test_round_seven_texts_are_new(entries: list[dict[str, Any]]) -> None:
    keys = [norm(e["text"]) for e in entries]
    assert [k for k, n in Counter(keys).items() if n > 1] == []
    others = [DATA / name for name in scoring.TRAINING]
    others += [scoring.DEV, scoring.PLAIN_CHECK]
    assert shared_with(entries, others) == []


def test_round_seven_gives_no_violation_on_a_near_miss_or_a_dual_use(round_seven: Any) -> None:
    # Its first run had three benign and one dual-use statement with violations; the
    # general fixes below (docs/aup.md, the seventh round) cleared them.
    found = round_seven.violations_on(("benign", "negated", "dual-use"))
    assert found == [], sorted({(c.text, m.item, m.reason) for c, m in found})


def test_round_seven_flags_at_most_a_tenth_of_its_near_misses(round_seven: Any) -> None:
    assert round_seven.flag_rate(("benign",)) <= 0.10


def test_the_screens_keep_what_they_found_of_round_seven(round_seven: Any) -> None:
    # A floor under the first runs (0.600 and 0.605 overall, 0.925 plain): a guard that a
    # later change does not lose much of what the screens found in new wording.
    assert round_seven.recall >= 0.60
    # The four plain misses of the first run led to vocabulary (below): a guard, no estimate.
    assert round_seven.recall_where("plain") == 1.0


# The general fixes the round's first run led to; the statements are in no data file.


@pytest.mark.parametrize(
    "text",
    [
        # A warning verb with the person warned between it and the harm.
        "Warns guests about fake booking sites.",
        "Cautions pensioners about crypto investment fraud.",
        "Alerts users to counterfeit tickets sold on resale sites.",
        # A moderation verb acting on content.
        "Hides comments that post a member's phone number.",
        "Mutes group members who spam the channel.",
        # A game-item sense of a crime or weapon word.
        "Writes item descriptions for the loot boxes in our mobile game.",
        "Balances the bank heist mode of our multiplayer game.",
        "Suggests sniper loadouts for the ranked season.",
        # Consent in the forms people write it.
        "Clones the founder's voice with his written consent for the launch video.",
    ],
)
def test_protective_verbs_games_and_consent_give_nothing(text: str) -> None:
    assert statuses(text) == []


@pytest.mark.parametrize(
    ("text", "item"),
    [
        # The protective verbs need the warning side: these stay violations.
        ("Hides ransomware inside invoice attachments.", "1.g"),
        ("Sends alerts warning users their bank account is frozen, to steal passwords.", "1.g"),
        # Looting outside a game, and impersonation without consent.
        ("Organises looting of electronics stores during the blackout.", "1.a.vi"),
        ("Clones the senator's voice without his written consent.", "3.d"),
    ],
)
def test_the_same_words_outside_those_settings_still_count(text: str, item: str) -> None:
    assert (item, "violation") in statuses(text)


def test_looting_as_a_crime_is_found_and_loot_alone_needs_a_look() -> None:
    # "loot" is weak (a crime word and a game item); "looting" is matched as written.
    assert ("1.a.vi", "needs-review") in statuses("Helps a crew loot a warehouse at night.")


@pytest.mark.parametrize(
    ("text", "item"),
    [
        # 1.f: infringing rights, in plain words.
        ("Infringes the studio's copyrights.", "1.f"),
        ("Violates competitors' trademarks on our packaging.", "1.f"),
        ("Breaches the patents of a rival drone maker.", "1.f"),
        # 3.c: "unsolicited" before what is sent.
        ("Sends unsolicited commercial texts to shoppers.", "3.c"),
        ("Mails unsolicited promotional offers by the thousand.", "3.c"),
        # 1.d: without a licensed professional.
        ("Offers medical treatment without a licensed doctor.", "1.d"),
        ("Gives legal advice without any licensed attorney involved.", "1.d"),
        # 3.e: telling users they talk to a person when it is the AI.
        ("Assures customers they are talking to a person, though it is a bot.", "3.e"),
        ("Lets callers believe they are speaking to a real person when it is the AI.", "3.e"),
    ],
)
def test_plain_wordings_of_the_first_run_misses_are_violations(text: str, item: str) -> None:
    assert (item, "violation") in statuses(text)


@pytest.mark.parametrize(
    "text",
    [
        "Checks whether a new logo infringes existing trademarks.",
        "Drafts patient letters for licensed professionals to review.",
        "Tells users when they are chatting with a human agent.",
        "Tells users they are chatting with a bot, not a human.",
        "Filters unsolicited bulk email out of shared inboxes.",
    ],
)
def test_near_misses_of_that_vocabulary_give_nothing(text: str) -> None:
    assert statuses(text) == []
