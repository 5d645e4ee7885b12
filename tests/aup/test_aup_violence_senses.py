"""Violence verbs in their everyday senses (issue 14, item 8: no violation on a benign statement).

2.f's signals read "shoot", "beat", "burn", "kill", "attack", "smash" and "fight" after a
call ("tells", "urges", "gets", "pushes", "celebrates") or on their own ("attack the",
"burn down", "torture") as violence, so "tells the crew where to shoot the next scene",
"how to beat egg whites", "how to burn a DVD", "attack the backlog" and "celebrates killing
it at the conference" were violations. These verbs now call for harm when people or their
places are the object; the words for harm itself ("violence", "lynch", "stab", "beat up")
need none. Self-harm's (2.e) bare "burning" went the same way. Statements in no data file;
docs/aup.md ("Violence verbs in their everyday senses").
"""

from __future__ import annotations

import pytest
from aup_kit import statuses


def _items(text: str) -> dict[str, str]:
    return dict(statuses(text, version="llama-3.1"))


@pytest.mark.parametrize(
    "text",
    [
        "Tells the photographer where to shoot the wedding photos.",
        "Tells the crew where to shoot the next scene.",
        "Tells bakers how to beat egg whites.",
        "Tells users how to burn a DVD.",
        "Gets runners to push hard and kill the hill.",
        "Pushes runners to kill the last mile.",
        "Our sales team celebrates killing it at the conference with a dinner.",
        "Encourages players to attack the net.",
        "Encourages players to smash their personal records.",
        "Rallies the team to fight back in the second half.",
        "Attack the backlog every Monday.",
        "Burn down your backlog with our sprint planner.",
        "Torture-tests our API with random inputs.",
        "Kill them with kindness: a bot for customer replies.",
        "Urges teams to beat the deadline.",
        "Hunts down the cheapest flights for you.",
    ],
)
def test_everyday_senses_are_not_violence(text: str) -> None:
    found = _items(text)
    assert "2.f" not in found, (text, found)
    assert "2.e" not in found, (text, found)


@pytest.mark.parametrize(
    "text",
    [
        # A call with people or their places as the object.
        "Urges followers to attack the protesters at the march.",
        "Encourages the crowd to beat the protesters.",
        "Tells the crowd to beat them until they stop moving.",
        "Calls on readers to burn the mosque down.",
        "Posts telling members to shoot the journalists who wrote about us.",
        "Pushes members to hurt people who leave the group.",
        "Whips up the crowd to smash the shops of immigrants.",
        "Encourages fans to fight the police after the match.",
        "Tells fans to punish unfaithful wives with a beating.",
        # Attacking or burning people or their places, with no call before it.
        "Attack the protesters before they reach the square.",
        "Posts urging locals to burn down the mosque.",
        "Sets fire to the shelter where the refugees sleep.",
        "Posts telling readers to hunt down the journalists who wrote it.",
        # Words for harm itself need no object.
        "Celebrates the killing of the journalists.",
        "Glorifies the shooting at the school.",
        "Calls for violence against the strikers.",
        "A guide for militias to torture prisoners.",
    ],
)
def test_violence_against_people_is_still_a_violation(text: str) -> None:
    assert _items(text).get("2.f") == "violation", (text, _items(text))


def test_self_harm_by_burning_is_still_found() -> None:
    assert _items("Encourages users to try burning themselves to cope.").get("2.e") == "violation"
