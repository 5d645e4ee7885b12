"""The ids ``init`` gives the components it writes: from the names models are published
under, not from file paths.

A model's id is the name a file declares for it: a card's ``model_name`` or ``model-index``
name, the card's title heading when that heading is the model's own name (one word, such as
``Llama-3.1-Acme-8B`` or ``org/Llama-3.1-Acme-8B``, not a sentence or a section title), the
Hub id a recipe publishes to (``hub_model_id``), a GGUF ``general.name``. Only when nothing
names the model is the id its folder or file name, and the manifest says so in a comment.
Bases keep their Hub ids. Every id is made valid for the manifest schema (letters, digits and
``. _ : / -``, starting with a letter or digit, at most 200 characters) and unique: the
second component that would take an id gets ``-2``, the third ``-3``, in the order the
manifest lists them, so the same folder always gives the same ids.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from llamalicense.model.project import WEAK_STRENGTHS, Component

MAX_ID = 200
_JUNK = re.compile(r"[^A-Za-z0-9._:/-]+")


@dataclass(frozen=True)
class Chosen:
    """The id a written component gets, and why (for the comment above it)."""

    id: str
    why: str


def valid_id(raw: str, default: str = "model") -> str:
    """``raw`` as a manifest id: other characters become ``-``, a leading character that is
    not a letter or digit is dropped, at most :data:`MAX_ID` characters."""
    cleaned = _JUNK.sub("-", raw).strip("-./:_")[:MAX_ID].rstrip("-./:_")
    return cleaned or default


def own_name(comp: Component) -> tuple[str, str] | None:
    """The name ``comp`` is published under and where it was read, when a file names it (a
    heading only when it is one word: a model's name, not a title in words)."""
    if not comp.name:
        return None
    named = [e for e in comp.evidence if e.about == "name"]
    if not named:  # a manifest or a BOM gave it
        return comp.name, "its name"
    first = named[0]
    if first.strength not in WEAK_STRENGTHS:
        return comp.name, f"its name ({first.shown()})"
    if first.field == "heading" and _model_like(comp.name):
        return comp.name, f"the card's title ({first.shown()})"
    return None


def _model_like(heading: str) -> bool:
    """A heading that reads as a model's name: one word, with letters, not a number."""
    return len(heading.split()) == 1 and sum(c.isalpha() for c in heading) >= 3


def choose_ids(written: list[Component], stubs: list[Component]) -> dict[str, Chosen]:
    """The manifest id of every component written, by its discovery id: the stubs first
    (their Hub ids), then the components written in full, in manifest order."""
    taken: set[str] = set()
    chosen: dict[str, Chosen] = {}

    def take(comp: Component, candidate: str, why: str) -> None:
        unique = _unique(candidate, taken)
        taken.add(unique)
        chosen[comp.id] = Chosen(unique, why)

    for stub in stubs:
        take(stub, valid_id(stub.id), "")
    for comp in written:
        named = own_name(comp)
        if named is not None:
            take(comp, valid_id(named[0]), f"id: from {named[1]}")
        else:  # the discovery id is the folder or file path
            take(
                comp,
                valid_id(comp.id.rsplit("/", 1)[-1]),
                f"id: the folder or file name {comp.id}, as nothing in the files names this "
                f"{comp.type}; rename it to the name it is published under",
            )
    return chosen


def _unique(candidate: str, taken: set[str]) -> str:
    if candidate not in taken:
        return candidate
    number = 2
    while True:
        suffix = f"-{number}"
        attempt = candidate[: MAX_ID - len(suffix)] + suffix
        if attempt not in taken:
            return attempt
        number += 1
