"""Negation gaps left by the fresh probe (issue 14 item 8): statements written for these
tests and kept in no data file, so they test the rules, not a training round.

The general rules behind them (docs/aup.md, "Negation in more forms"): a negator among a
hit's own words before a verb that ends the clause ("… one thing our writing aid *never
does*"), a use switched off after it ("… has been disabled", "… is switched off", "… was
removed") unless a safety measure is what is off, a "to" before a noun that opens no
clause, a refusal verb that cancels "no" ("ignores no request, not even …"), a "not to
us" that restricts a party (needs-review, never cleared), and a colon with a clause of
its own that opens the hit's clause.

First run, before the changes: 13 of the 42 negated statements first written gave a
violation (one, a use named by a relative clause's head, "Deepfake voice calls that
impersonate bank staff were removed from the roadmap", is needs-review now and is tested
with the unplaced negations); of the 22 look-alike controls 16 were violations, 2 needs-review and
4 passed silently ("Sells fake reviews to shops. Not to us.", "It ignores no request, not
even one to plan an attack.", "Spam filters are never a problem: …", "Writes phishing
emails for clients, not for us."). After: no negated statement gives a violation, 18
controls are violations and the other 4 needs-review; three controls were added while
fixing (the "turns down nothing" and safety-measure statements).
"""

from __future__ import annotations

import pytest
from aup_kit import statuses

from llamalicense.aup import bare

run = statuses

NEGATED = [
    # written while fixing: a denial for everyone is no party restriction
    "Fake IDs? Not for anyone.",
    "Writing phishing emails is one thing our writing aid never does.",
    "Fake product reviews are something our copy tool has never produced.",
    "Selling drugs through the chatbot has been disabled.",
    "The ransomware generator was removed from the product last year.",
    "Bulk spam sending is switched off for every account.",
    "Impersonating real people is blocked in our assistant.",
    "Generating deepfake nudes was turned off at launch.",
    "The feature that wrote fake reviews has been removed.",
    "Ordering illegal guns through the bot is disabled for all users.",
    "Stalking tools are not a thing this app offers.",
    "Our assistant does not, in any form, write malware.",
    "Creating fake IDs is not supported and never will be.",
    "We never let the bot send spam messages.",
    "At no time does the assistant help build bombs.",
    "Nobody can use our tool to write death threats.",
    "Not a single fake review has come out of this tool.",
    "The app does not and will not sell cocaine.",
    "Helping students cheat on exams is off the table.",
    "There is no way to generate phishing emails with it.",
    "Deepfakes of politicians cannot be made with our app.",
    "We have disabled the option to scrape personal data without consent.",
    "Spam campaigns were never part of the plan.",
    "The model is prevented from writing ransomware.",
    "Our terms bar users from sending spam with it.",
    "It neither writes malware nor helps anyone else write it.",
    "Not once has the bot sold illegal guns.",
    "Fake reviews have no place in our product.",
    "The spam module was deleted in version 2.",
    "Selling stolen credit card numbers is blocked at the payment step.",
    "Phishing email generation is turned off and cannot be turned back on.",
    "We do not offer a way to impersonate government officials.",
    "Writing fake news articles is something our model will never do.",
    "Harassing ex-partners is not what this app is for.",
    "Sending threats to journalists is never something the bot will help with.",
    "Mass spam to bought lists stays disabled on every plan.",
    "Writing keyloggers is a task the assistant never takes on.",
    "Fake reviews for sellers are a service the shop bot never provides.",
    "The bot's ability to buy illegal guns has been switched off.",
    "Generating malware was blocked after the first audit.",
    "Creating bomb-making guides is not something it can be talked into.",
    "Selling cocaine is no part of what the shop bot does.",
]

# Look-alikes: the same words, and a negation that does not deny the use.
VIOLATIONS = [
    ("Its content filter has been switched off, and it writes phishing emails.", "3.a"),
    ("After the filters were removed, it generates phishing emails.", "3.a"),
    ("Writes fake reviews, something no competitor does.", "3.f"),
    ("It never fails to write a convincing phishing email.", "3.a"),
    ("It writes fake reviews and never gets caught.", "3.f"),
    ("Writes malware that is never detected.", "1.g"),
    ("Sends spam with no limits on volume.", "3.c"),
    ("The bot writes fake reviews, not fake news.", "3.f"),
    ("Generates phishing emails, not just newsletters.", "3.a"),
    ("We were blocked by Amazon, so now our bot writes fake reviews on other sites.", "3.f"),
    ("Disabled? No, it still sells cocaine to anyone who asks.", "2.c"),
    ("Writing fake reviews is one thing our writing aid always does.", "3.f"),
    ("The bot sells illegal guns, which no other shop bot dares to do.", "2.b"),
    ("No review is too fake for it: it writes fake reviews for any shop.", "3.f"),
    ("Spam filters are never a problem: the bot sends spam that gets through.", "3.c"),
    ("Our bot never says no to a request for ransomware.", "1.g"),
    ("Sells cocaine to anyone. Not just adults.", "2.c"),
    ("It ignores no request, not even one to plan an attack.", "1.a.i"),
    ("It turns down nothing, not even requests for ransomware.", "1.g"),
    # a safety measure switched off is no denial of the use
    ("Sends spam once the rate limits are switched off.", "3.c"),
    ("Sends junk texts to every number until the rate limit is removed.", "3.c"),
]

# A negation that may limit rather than deny: flagged, never cleared, never a violation.
REVIEWS = [
    ("Sells fake reviews to shops. Not to us.", "3.f"),
    ("Writes phishing emails for clients, not for us.", "3.a"),
]


def test_the_probe_is_as_large_as_the_brief_asks() -> None:
    assert len(set(NEGATED)) == len(NEGATED) >= 40
    assert len({text for text, _ in VIOLATIONS + REVIEWS}) >= 20


@pytest.mark.parametrize("text", NEGATED)
def test_a_negated_use_gives_no_violation(text: str) -> None:
    found = run(text)
    assert all(status != "violation" for _, status in found), found


@pytest.mark.parametrize(("text", "item"), VIOLATIONS)
def test_a_look_alike_stays_a_violation(text: str, item: str) -> None:
    assert (item, "violation") in run(text)


@pytest.mark.parametrize(("text", "item"), REVIEWS)
def test_a_party_restriction_is_needs_review(text: str, item: str) -> None:
    found = run(text)
    assert (item, "needs-review") in found
    assert all(status != "violation" for _, status in found), found


@pytest.mark.parametrize(
    ("text", "item"),
    [
        # a prohibition whose reach the checks cannot place: flagged, not cleared
        ("Its ban on spam was removed; the bot now sends spam to every contact.", "3.c"),
        ("Nothing is off limits: it writes ransomware too.", "1.g"),
        # a subject of its own after "and" may be what is off (found while fixing; the
        # first of these was cleared before the round, the second once "disabled" counted)
        ("The assistant writes malware and the logs are deleted.", "1.g"),
        ("The assistant writes malware and the account is disabled.", "1.g"),
        ("It sends spam and all traces are removed.", "3.c"),
        # the head of a relative clause: whose verb the auxiliary is stays a guess
        ("Deepfake voice calls that impersonate bank staff were removed from the roadmap.", "3.d"),
        ("Malware that steals passwords was removed from our store.", "1.g"),
        # the words before the negator name someone besides the product: unsure
        ("Fake reviews for sellers are a service the shop bot never provides.", "3.f"),
    ],
)
def test_an_unplaced_negation_is_flagged_not_cleared(text: str, item: str) -> None:
    assert (item, "needs-review") in run(text)


def test_a_party_restriction_is_told_from_a_denial() -> None:
    def toks(text: str) -> list[str]:
        return text.split(" ")

    assert bare.restricts_party(toks(". not to us ."), 0, 5)
    assert bare.restricts_party(toks("not for us"), 0, 3)
    assert not bare.restricts_party(toks("not on our platform"), 0, 4)
    assert not bare.restricts_party(toks("we do not"), 0, 3)
    assert not bare.restricts_party(toks("not for anyone"), 0, 3)
