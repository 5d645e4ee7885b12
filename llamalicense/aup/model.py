"""The typed form of the AUP rule data (what ``parse.py`` builds from the YAML files)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Pair:
    """A word from ``first``, up to ``window`` tokens, a word from ``then``.

    With ``last``: then up to ``last_window`` tokens and a word from ``last`` as well.
    """

    first: tuple[str, ...]
    then: tuple[str, ...]
    window: int
    last: tuple[str, ...] = ()
    last_window: int = 0


@dataclass(frozen=True)
class Signal:
    """Evidence for one item: phrases, verb/object pairs, Matcher patterns, co-occurrence."""

    key: str
    item: str
    strength: str
    negation_inside: bool
    exact: bool
    phrases: tuple[str, ...]
    pairs: tuple[Pair, ...]
    patterns: tuple[tuple[dict[str, Any], ...], ...]
    all_of: tuple[tuple[str, ...], ...]
    file: str
    json_path: str
    line: int | None


@dataclass(frozen=True)
class Item:
    """One prohibited-use item of one policy version, with its signals and context cues."""

    id: str
    text: str
    order: int
    signals: tuple[Signal, ...]
    benign: tuple[str, ...]
    dual_use: tuple[str, ...]
    protective: tuple[str, ...]
    escalate: tuple[str, ...]
    global_context: bool
    # False: the global `story_frame` cues do not apply (a story about it is the content).
    story_frame: bool = True


@dataclass(frozen=True)
class Cues:
    """Context words shared by every item (lemma phrases, matched in lower case)."""

    lists: dict[str, tuple[str, ...]]
    negation_near_window: int
    protective_after_window: int
    relative_window: int = 3

    def get(self, name: str) -> tuple[str, ...]:
        return self.lists.get(name, ())


@dataclass(frozen=True)
class VersionRules:
    """Everything the classifier needs for one AUP version."""

    version: str
    title: str
    source: str
    headings: dict[str, str]
    items: tuple[Item, ...]
    cues: Cues
    lemma_overrides: dict[str, str]
    files: tuple[Path, ...]

    def item(self, item_id: str) -> Item:
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(item_id)
