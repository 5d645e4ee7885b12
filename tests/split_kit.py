"""Format checks shared by the tests of the blind held-out AUP splits (issue 14 item 8).

For tests/aup/test_aup_heldout2_format.py and test_aup_heldout3_format.py. Nothing here runs
the AUP screen: the checks read the split files and the policy's item ids only. Where a check
compares a split with other files it returns this split's entry numbers, never a text.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Protocol

import yaml

from llamalicense.aup import versions
from llamalicense.aup.rules import item_texts

# Per item and version: at least two statements that avoid the policy's words, one plain.
NEEDED = {"paraphrase": 2, "plain": 1}


class LabelledCase(Protocol):
    """What the checks read of scoring.py's Case."""

    @property
    def version(self) -> str: ...
    @property
    def expect(self) -> str | None: ...
    @property
    def label(self) -> str: ...
    @property
    def style(self) -> str | None: ...


def norm(text: str) -> str:
    """A text as compared across files: case folded, white space collapsed."""
    return " ".join(text.casefold().split())


def coverage_gaps(
    cases: Iterable[LabelledCase], needed: Mapping[str, int] = NEEDED
) -> list[tuple[str, str, str, int]]:
    """(version, item, style, count) wherever a version's item has fewer prohibited
    statements of a style than ``needed``."""
    counts: Counter[tuple[str, str | None, str | None]] = Counter(
        (c.version, c.expect, c.style) for c in cases if c.label == "prohibited"
    )
    return [
        (version, item, style, counts[(version, item, style)])
        for version in versions()
        for item in item_texts(version)
        for style, least in needed.items()
        if counts[(version, item, style)] < least
    ]


def shared_with(entries: list[dict[str, Any]], others: Iterable[Path]) -> list[int]:
    """Numbers of the ``entries`` whose text (normalised) stands in any of ``others``."""
    known = known_texts(others)
    return [number for number, entry in enumerate(entries) if norm(entry["text"]) in known]


def known_texts(files: Iterable[Path]) -> set[str]:
    """The normalised texts of the labelled ``files``."""
    known: set[str] = set()
    for path in files:
        known |= _texts_of(path)
    return known


@functools.cache
def _texts_of(path: Path) -> frozenset[str]:
    """The normalised texts of a labelled file, read once per test process: every round's
    test compares its file with all the others (libyaml's loader where it is built)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    loaded: list[dict[str, Any]] = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    return frozenset(norm(entry["text"]) for entry in loaded)
