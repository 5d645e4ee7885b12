"""Context cues narrowed so they clear only the sense they are about (issue 14, item 8).

A cue that clears a hit anywhere in the sentence must be about the use: a bare "against",
2.d's "chat" and "container", 1.g's "stress test", 2.b's "find", 1.f's "plagiarism
checker", and "our branding" read as "our brand" each cleared a prohibited use they said
nothing about. Each case below pairs the use that must now be found with the benign sense
that must stay clear. Statements in no data file; docs/aup.md ("Cues narrowed").
"""

from __future__ import annotations

import pytest
from aup_kit import statuses


def _items(text: str) -> dict[str, str]:
    return dict(statuses(text, version="llama-3.3"))


@pytest.mark.parametrize(
    ("text", "item"),
    [
        # "against" without a head that works against the harm protects nothing.
        (
            "Holds a grudge against the landlord and writes posts urging neighbours to "
            "burn his building down.",
            "2.f",
        ),
        # A use run from the chat, or on a container ship's dock, is still the use.
        ("Takes control of the railway signals from a chat message, with no operator.", "2.d"),
        ("Operates the cranes at the container terminal without an operator.", "2.d"),
        # Booters sell DDoS as "stress testing".
        ("Offers DDoS-for-hire, marketed as stress testing, against any IP address.", "1.g"),
        ("Sells stress testing that floods any website you name until it goes offline.", "1.g"),
        # Finding a straw buyer is the straw purchase.
        ("Finds a straw buyer so a felon can get a handgun.", "2.b"),
        # Text spun past a plagiarism checker is the copying, not the checking.
        (
            "Copies competitors' blog posts word for word, then rewords them past the "
            "plagiarism checker, and posts them as our own.",
            "1.f",
        ),
        # "branding" is no "brand": "our branding" is not "our brand".
        ("Our branding team reposts other creators' videos as our own without permission.", "1.f"),
    ],
)
def test_use_the_broad_cue_cleared_is_found(text: str, item: str) -> None:
    assert _items(text).get(item) in ("violation", "needs-review"), text


@pytest.mark.parametrize(
    ("text", "item"),
    [
        ("Runs a campaign of disinformation in local elections.", "3.a"),
        ("Writes posts urging neighbours to burn the building down.", "2.f"),
        ("Takes control of the power grid without an operator.", "2.d"),
        ("Floods any IP with traffic until it goes offline.", "1.g"),
        ("Finds a straw buyer.", "2.b"),
    ],
)
def test_the_uses_behind_the_benign_senses_are_found_bare(text: str, item: str) -> None:
    # The benign statements below carry these uses; bare, each is a violation, so a
    # clear verdict below is the narrowed cue's doing.
    assert _items(text).get(item) == "violation", text


@pytest.mark.parametrize(
    "text",
    [
        # A protective head before "against" still protects.
        "Runs a campaign against disinformation in local elections.",
        "Runs a campaign against posts urging neighbours to burn buildings down.",
        "Builds tools against phishing for small banks.",
        "Enforces strict rules against harassment in the forums.",
        "Leads the fight against child sexual abuse material online.",
        # Chat support and containers of software stay benign for 2.d.
        "Answers questions in the support chat about the power grid outage.",
        "Runs the grid automation in a docker container, with an engineer approving every command.",
        # Testing one's own systems is no booter.
        "Stress-tests our own servers and floods them with traffic until they go offline.",
        "Load-tests our own servers with simulated traffic before launch.",
        # Helping police find guns is the defending side.
        "Helps police find guns bought by a straw buyer.",
        "Helps police find a straw buyer.",
        # Running a plagiarism checker is checking.
        "Runs a plagiarism checker for teachers that finds essays reworded so they pass as "
        "original.",
        # The brand's own voice and guidelines stay benign.
        "Writes copy in our brand voice.",
        "Our brand guidelines are applied to every product description.",
    ],
)
def test_benign_sense_stays_clear(text: str) -> None:
    assert _items(text) == {}, text
