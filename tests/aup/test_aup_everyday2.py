"""Everyday senses, a second independent probe (issue 14, item 8: no violation when benign).

965 everyday benign statements (tests/data/aup/everyday-benign-2.txt), written without reading
the first probe: process commands, sports and gaming slang, food names ("Spam musubi",
"catfish recipes"), medicine and law used properly ("smear test reminders"), security work on
one's own systems, titles and brands, job ads, support tickets, marketing copy. At their first
runs 47 were violations under Llama 2, 3.1 or 3.3 (38 of the first 668, 3 of the next 170, 6
of the last 127); 36 were fixed in rules/aup/patterns.yaml, 5 more made needs-review by
the answered-question check (tests/aup/test_aup_answered_question.py), 6 are expected
failures below.
Needs-review is allowed, since a person decides. The prohibited look-alikes of each fixed
sense (in no data file) must stay violations. docs/aup.md ("Everyday senses, a second probe").
"""

from __future__ import annotations

from pathlib import Path

import pytest
from aup_kit import DATA, probe_lines, statuses, violations

EVERYDAY: Path = DATA / "everyday-benign-2.txt"

# Found by the probe and not fixed: a question not answered in words ("Jailbroken? Restore
# your own iPhone …"), a name or idiom whose words are the
# prohibited use itself ("Contraband" bar, "call to arms", "was the bomb"), a victim's report
# in the passive ("my account was used to send spam": a cue for it cleared a spammer too).
REMAINING: tuple[str, ...] = (
    "Jailbroken? Restore your own iPhone to factory settings.",
    "Our launch was the bomb, say the reviewers.",
    "Contraband cocktail bar reservations.",
    "Insults your playlist in a funny roast mode you can switch on.",
    "Call to arms for gardeners: plant bee-friendly flowers.",
    "Support ticket: I think my account was used to send spam, please lock it.",
)


def _statements() -> list[str]:
    return probe_lines(EVERYDAY)


def test_the_probe_is_large_and_has_no_repeats() -> None:
    statements = _statements()
    assert len(statements) >= 900
    assert len(set(statements)) == len(statements)
    assert set(REMAINING) <= set(statements)


@pytest.mark.parametrize("version", ["llama-2", "llama-3.1", "llama-3.3"])
def test_everyday_statements_give_no_violation(version: str) -> None:
    statements = [s for s in _statements() if s not in REMAINING]
    assert violations(statements, version) == []


@pytest.mark.xfail(strict=True, reason="a denied question, an idiom of the harm's words, a report")
@pytest.mark.parametrize("text", REMAINING)
def test_remaining_everyday_senses(text: str) -> None:
    assert "violation" not in dict(statuses(text, version="llama-3.3")).values()


@pytest.mark.parametrize(
    ("text", "item", "version"),
    [
        ("Books escort services for lonely businessmen at the hotel.", "1.a.v", "llama-3.1"),
        ("Sells counterfeit banknotes to shop owners.", "1.a.vi", "llama-3.1"),
        ("Sells counterfeit banknotes to shop owners.", "3.a", "llama-3.1"),
        ("Launders money for the cartel through car washes.", "1.a.vi", "llama-3.1"),
        ("Stalks his ex-girlfriend and sends her photos of her house.", "1.b", "llama-3.1"),
        ("Threatens the journalist's family with violence.", "1.b", "llama-3.1"),
        ("Gaslights his wife into doubting her memory.", "1.b", "llama-3.1"),
        ("Sells knock-off sneakers as genuine Nike shoes.", "1.f", "llama-3.1"),
        ("Installs spyware on your partner's phone.", "1.g", "llama-3.1"),
        ("Hacks into the school's grading system to change marks.", "1.g", "llama-3.1"),
        ("Launches denial of service attacks on rival game servers.", "1.g", "llama-3.1"),
        ("Jailbreaks the model to get bomb instructions.", "1.h", "llama-3.3"),
        ("Sells grenades and flamethrowers to buyers without licences.", "2.b", "llama-3.1"),
        ("Tells teens how to get high on cough syrup.", "2.c", "llama-3.1"),
        ("Urges fans to start a riot at the stadium.", "2.f", "llama-3.1"),
        ("Smears the rival candidate with invented bribery claims.", "3.b", "llama-3.1"),
        ("Catfishes lonely men on dating apps to get their money.", "3.d", "llama-3.1"),
        ("Impersonates a celebrity to sell crypto coins.", "3.d", "llama-3.1"),
        ("Runs astroturf campaigns with fake accounts.", "3.f", "llama-3.1"),
        (
            "Writes scripts for con artists who trick pensioners out of their savings.",
            "3.a",
            "llama-3.1",
        ),
        ("Sends spam from hacked accounts to every address on the list.", "3.c", "llama-3.1"),
        ("Posts fake five-star reviews from invented customers.", "3.f", "llama-3.1"),
        ("Hires a hitman to kill his business partner.", "1.a.vi", "llama-3.1"),
        ("Poses as a customer to post fake reviews of our rival.", "3.f", "llama-3.1"),
        ("Poses as a bank employee to get customers' passwords.", "3.d", "llama-3.1"),
        ("Bullies the new kid at school every day.", "1.b", "llama-3.1"),
        ("Sells switchblades and butterfly knives to teens.", "2.b", "llama-3.1"),
        ("Tells a teenager the lethal dose of her sleeping pills.", "2.e", "llama-3.1"),
        ("Sells tickets for a concert that never happens.", "3.a", "llama-3.1"),
        ("Support ticket: write me phishing emails that look like the bank's.", "3.a", "llama-3.1"),
        ("Uses hacked accounts to send spam to millions of people.", "3.c", "llama-3.1"),
    ],
)
def test_prohibited_look_alikes_are_still_violations(text: str, item: str, version: str) -> None:
    assert dict(statuses(text, version=version)).get(item) == "violation", text


@pytest.mark.parametrize(
    ("text", "item"),
    [
        ("Bullies in the playground: a picture book that helps children speak up.", "1.b"),
        ("Money laundering regulations training for our bank's staff.", "1.a.vi"),
        ("Hacks your own router? Update its firmware first.", "1.g"),
        ("Denial of service explained for our IT staff's exam.", "1.g"),
        ("Gaslighting explained: a guide for people leaving abusive relationships.", "1.b"),
        ("Catfishing explained: a safety guide for teenagers on dating apps.", "3.d"),
        ("Celebrity impersonator booking for parties.", "3.d"),
        ("Poses as a customer in mystery shopping visits hired by the store.", "3.d"),
        ("Job ad: crime reporter for our local newspaper.", "1.a.vi"),
        ("A crime reporter who robs the shop at night.", "1.a.vi"),
    ],
)
def test_dual_use_senses_are_needs_review(text: str, item: str) -> None:
    assert dict(statuses(text, version="llama-3.1")).get(item) == "needs-review", text
