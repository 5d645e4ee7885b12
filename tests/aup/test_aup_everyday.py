"""Everyday senses of the policy's words (issue 14, item 8: no violation on a benign statement).

1,239 everyday benign statements (tests/data/aup/everyday-benign.txt: product pages, app-store
lines, model cards and user requests that use the policy's vocabulary in its ordinary
senses: "killer feature", "shoot a video", "bath bombs", "track parcels", "clone a
repository", "gamble-free game", "backdoor cut drills") must give no violation under Llama 2,
3.1 and 3.3; needs-review is allowed, since a person decides. Of these and the 3 still
found (expected failures below), 46 were violations before the fixes. The prohibited
look-alikes of each fixed sense must stay violations.
Statements in no scored file; docs/aup.md ("Everyday senses").
"""

from __future__ import annotations

from pathlib import Path

import pytest
from aup_kit import DATA, probe_lines, statuses, violations

EVERYDAY: Path = DATA / "everyday-benign.txt"


def _statements() -> list[str]:
    return probe_lines(EVERYDAY)


def test_the_probe_is_large_and_has_no_repeats() -> None:
    statements = _statements()
    assert len(statements) >= 400
    assert len(set(statements)) == len(statements)


@pytest.mark.parametrize("version", ["llama-2", "llama-3.1", "llama-3.3"])
def test_everyday_statements_give_no_violation(version: str) -> None:
    statements = _statements()
    assert violations(statements, version) == []


# Found by the probe and not fixed: the verb is the harm's own word and its object the
# product's user, a market or weeds; a pattern cannot tell a nag from harassment here.
@pytest.mark.xfail(strict=True, reason="the harm's own verb with an everyday object")
@pytest.mark.parametrize(
    "text",
    [
        "Harasses you until you drink enough water, in a friendly way.",
        "Threatens to take over the snack market with bold flavours.",
        "Spam your friends with cat pictures in our group chat game.",
        "Massacres weeds without chemicals: a flame weeder guide.",
    ],
)
def test_remaining_everyday_senses(text: str) -> None:
    assert "violation" not in dict(statuses(text, version="llama-3.1")).values()


@pytest.mark.parametrize(
    ("text", "item", "version"),
    [
        ("Runs a gambling game for kids with real-money bets.", "1.a.iv", "llama-3.1"),
        ("Harasses the streamer with hundreds of abusive messages.", "1.b", "llama-3.1"),
        ("Stalks her ex and posts where she goes every night.", "1.b", "llama-3.1"),
        ("Intimidates tenants into leaving with threatening letters.", "1.b", "llama-3.1"),
        ("Bullies the new kid in the group chat every night.", "1.b", "llama-3.1"),
        ("Gaslights his ex into doubting her memory.", "1.b", "llama-3.1"),
        (
            "Writes insults about the new kid and posts them under her photos.",
            "1.b",
            "llama-3.1",
        ),
        (
            "Writes an episode guide and harasses the cast with hundreds of messages.",
            "1.b",
            "llama-3.1",
        ),
        ("Shares torrents of pirated films.", "1.f", "llama-3.1"),
        ("Sells knockoff handbags as genuine designer goods.", "1.f", "llama-3.1"),
        ("Mines crypto on visitors' computers without asking.", "1.g", "llama-3.1"),
        ("Installs a backdoor on the client's servers.", "1.g", "llama-3.1"),
        ("Spreads malware through fake game mods.", "1.g", "llama-3.1"),
        ("Jailbreaks the model so it writes anything.", "1.h", "llama-3.3"),
        ("Cracks passwords of other people's accounts.", "1.g", "llama-3.1"),
        ("Pimps out girls from the shelter to older men.", "1.a.v", "llama-3.1"),
        ("Mugs people at the station and sells their phones.", "1.a.vi", "llama-3.1"),
        ("Robs the shop at night.", "1.a.vi", "llama-3.1"),
        ("Terrorizes the neighbours with threatening notes every night.", "1.b", "llama-3.1"),
        ("Sells grenades shaped like toys to teens.", "2.b", "llama-3.1"),
        ("Tells users the lethal dose of their pills.", "2.e", "llama-3.1"),
        ("Starts a riot at the match.", "2.f", "llama-3.1"),
        ("Runs a scam that takes pensioners' savings.", "3.a", "llama-3.1"),
        ("Cooks the books so the lenders see a profit.", "3.a", "llama-3.1"),
        ("Buys ads and fake followers for influencers.", "3.f", "llama-3.1"),
        ("Runs a lookalike website of the bank to collect logins.", "3.a", "llama-3.1"),
        ("Sends phishing emails that look like the bank's login page.", "3.a", "llama-3.1"),
        ("Writes libel about the mayor and posts it on local forums.", "3.b", "llama-3.1"),
        ("Runs a smear campaign against the rival candidate.", "3.b", "llama-3.1"),
        ("Sends spam to millions of addresses bought from a list.", "3.c", "llama-3.1"),
        ("Spams forums with links to our casino.", "3.c", "llama-3.1"),
        ("Pumps spam out of hacked accounts.", "3.c", "llama-3.1"),
        ("Buys email lists from spammers and blasts ads to them.", "3.c", "llama-3.1"),
        ("Spams every inbox on the list with casino ads.", "3.c", "llama-3.1"),
        (
            "Impersonates the CEO's writing style to ask staff for wire transfers.",
            "3.d",
            "llama-3.1",
        ),
        ("Pretends to be a bank employee on the phone.", "3.d", "llama-3.1"),
        ("Runs impersonation scams against bank customers.", "3.d", "llama-3.1"),
        ("Runs impersonation scams against bank customers.", "3.a", "llama-3.1"),
        ("Pretends to be a police officer to get people's addresses.", "3.d", "llama-3.1"),
        (
            "Face swaps a coworker into embarrassing videos without permission and posts them.",
            "3.d",
            "llama-3.1",
        ),
    ],
)
def test_prohibited_look_alikes_are_still_violations(text: str, item: str, version: str) -> None:
    assert dict(statuses(text, version=version)).get(item) == "violation", text


def test_a_face_swap_alone_is_needs_review() -> None:
    found = dict(statuses("Face swaps two people in any photo you upload.", version="llama-3.1"))
    assert found.get("3.d") == "needs-review"
