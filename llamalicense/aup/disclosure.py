"""AUP item 4 on a disclosure document: does it say anything about limitations or risks?

Plain word matching over the lower-cased text (no spaCy, no regular expressions): the
phrases live in ``rules/aup/disclosure.yaml``; a word ending in ``*`` matches by prefix.
A phrase right after a denial ("no limitations", "without any risks") does not count.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from llamalicense.aup.rules import aup_dir
from llamalicense.aup.schema import Reader
from llamalicense.aup.yamlpos import load_located

FILE_NAME = "disclosure.yaml"
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})


@dataclass(frozen=True)
class DisclosureRules:
    phrases: tuple[tuple[str, ...], ...]
    denials: tuple[tuple[str, ...], ...]
    denial_window: int


@lru_cache(maxsize=4)
def load_rules(path: Path | None = None) -> DisclosureRules:
    """Read and check ``disclosure.yaml``; raises RuleError naming the place on bad data."""
    located = load_located(path or aup_dir() / FILE_NAME)
    reader = Reader(located)
    data = reader.mapping(
        located.data,
        "$",
        required=frozenset({"format", "phrases", "denials"}),
        allowed=frozenset({"format", "phrases", "denials", "denial_window", "note"}),
    )
    if data["format"] != 1:
        raise reader.fail("unsupported format; expected 1", "$.format")
    window = reader.integer(data.get("denial_window", 3), "$.denial_window", low=0, high=10)
    return DisclosureRules(
        phrases=tuple(words(p) for p in reader.strings(data["phrases"], "$.phrases")),
        denials=tuple(words(p) for p in reader.strings(data["denials"], "$.denials")),
        denial_window=window,
    )


def words(text: str) -> tuple[str, ...]:
    """Lower-case words: letters, digits, apostrophes and a trailing ``*`` are kept."""
    out: list[str] = []
    current: list[str] = []
    for char in text.lower().translate(_APOSTROPHES):
        if char.isalnum() or char in "'*":
            current.append(char)
        elif current:
            out.append("".join(current))
            current = []
    if current:
        out.append("".join(current))
    return tuple(w.strip("'") for w in out if w.strip("'"))


def _matches(phrase: tuple[str, ...], tokens: tuple[str, ...], at: int) -> bool:
    if at + len(phrase) > len(tokens):
        return False
    for want, got in zip(phrase, tokens[at : at + len(phrase)], strict=True):
        if want.endswith("*"):
            if not got.startswith(want[:-1]):
                return False
        elif want != got:
            return False
    return True


def states_limitations(text: str, rules: DisclosureRules | None = None) -> bool:
    """True when ``text`` mentions limitations, mistakes, risks or dangers of the system."""
    rules = rules or load_rules()
    tokens = words(text)
    for at in range(len(tokens)):
        for phrase in rules.phrases:
            if _matches(phrase, tokens, at) and not _denied(tokens, at, rules):
                return True
    return False


def _denied(tokens: tuple[str, ...], at: int, rules: DisclosureRules) -> bool:
    lo = max(0, at - rules.denial_window)
    for start in range(lo, at):
        for denial in rules.denials:
            if _matches(denial, tokens, start) and start + len(denial) <= at:
                return True
    return False
