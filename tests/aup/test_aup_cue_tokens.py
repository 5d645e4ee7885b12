"""Every word list of the AUP rule files can match inside a statement.

A cue, phrase or pair word is tokenised on its own when the rules are loaded, and the
statement is tokenised as a whole. The two agree for almost every string, but not for one
that begins or ends with a hyphen: "-proof" alone is one token, while "scam-proof" in a
statement is "scam", "-", "proof"; "counter-" alone is one token, "counter-terrorism" three.
Both were in the shipped cue lists and never matched (found in the tenth session); they are
written "- proof" and "counter -" now. This test keeps any such string out.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import spacy
import yaml

from llamalicense.aup.rules import aup_dir

# Keys whose values are not tokenised as word lists.
NOT_WORDS = frozenset({"patterns", "note", "name", "description", "version", "versions"})


def _strings(node: Any, out: set[str]) -> set[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key not in NOT_WORDS:
                _strings(value, out)
    elif isinstance(node, list):
        for value in node:
            _strings(value, out)
    elif isinstance(node, str):
        out.add(node)
    return out


RULE_FILES = sorted(p for p in aup_dir().glob("*.yaml") if p.name != "concepts.yaml")


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.name)
def test_each_listed_string_is_tokenised_as_it_is_inside_a_statement(path: Path) -> None:
    nlp = spacy.blank("en")
    strings = _strings(yaml.safe_load(path.read_text(encoding="utf-8")), set())
    assert strings  # the walk found the file's word lists
    apart = []
    for text in sorted(strings):
        alone = [t.text.lower() for t in nlp(text)]
        inside = [t.text.lower() for t in nlp(f"we {text} now")][1:-1]
        if alone != inside:
            apart.append((text, alone, inside))
    assert apart == []


def test_the_hyphen_cues_now_clear_their_sense() -> None:
    from aup_kit import statuses

    # "- proof" right after the hit (protective_after): a violation before the fix.
    assert statuses("Phishing-proof login with hardware keys.", version="llama-3.1") == []
    # The use itself is still found.
    assert ("3.a", "violation") in statuses(
        "Builds phishing kits that look bulletproof.", version="llama-3.1"
    )
