"""What each Llama version asks a fix to write: the agreement's file, the Notice sentence,
the "Built with" words and the Hugging Face license id. All of it comes from the shipped
rules and catalog, so a fix writes exactly what the check looks for."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

from llamalicense.catalog.data import license_versions, rules_dir
from llamalicense.policy.rules import Rule, builtin_rules

# The Hugging Face Hub's license ids for the Llama community licenses (hub-docs).
HUB_LICENSE_IDS = {
    "llama-2": "llama2",
    "llama-3": "llama3",
    "llama-3.1": "llama3.1",
    "llama-3.2": "llama3.2",
    "llama-3.3": "llama3.3",
    "llama-4": "llama4",
}


def agreement_path(version: str) -> str:
    """Where a fix puts a version's agreement: ``LICENSES/LLAMA-3.1.txt`` and so on."""
    return f"LICENSES/{version.upper()}.txt"


@cache
def agreement_text(version: str) -> str:
    """The official agreement of ``version``, as Meta published it (shipped in rules/)."""
    relative = license_versions()[version].agreement
    return (rules_dir() / relative).read_bytes().decode("utf-8")


def _shown_texts(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        shows = node.get("shows_text")
        if isinstance(shows, dict) and isinstance(shows.get("text"), str):
            yield shows["text"]
        for value in node.values():
            yield from _shown_texts(value)
    elif isinstance(node, list):
        for value in node:
            yield from _shown_texts(value)


@cache
def _rules_by_version(obligation: str) -> dict[str, Rule]:
    return {r.license: r for r in builtin_rules() if r.obligation == obligation}


def required_text(obligation: str, version: str) -> str | None:
    """The sentence a version's ``notice`` or ``built-with`` rule requires, if it has one."""
    rule = _rules_by_version(obligation).get(version)
    if rule is None:
        return None
    texts = list(_shown_texts(rule.raw.get("require")))
    return texts[0] if len(texts) == 1 else None
