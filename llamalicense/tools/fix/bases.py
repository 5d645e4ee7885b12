"""Stubs for the bases model cards name: what ``fix`` writes into a manifest, and what
``init`` writes after the components it found (one choice for both).

A manifest component with ``card:`` takes its lineage from the card: each ``base_model`` id
is resolved to an official release, or to a known re-upload or derivative of one, and the
check adds a component for it that the manifest does not have. ``fix`` writes each such base
into the manifest as a component of its own (with :func:`llamalicense.tools.stubs.stub_lines`,
the writer ``init`` uses), commented with the card that names it (file, line, field), how sure
that is, and what the id was resolved to, so the lineage the check used stands where a person
reviews it. ``init`` asks the same of the project discovery built, so the manifest it writes
already holds these stubs and a following ``fix`` has none to add.

Only what the check reads back the same from the manifest is written: a base read only from a
sentence of the card, the stand-in for a declared license, or an id that resolves to no
release is left to the check's own findings. :func:`same_lineage` loads the edited manifest
and refuses the stubs when the lineage it gives is not the one the check used.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from llamalicense.catalog.data import Catalog, normalize_model_id
from llamalicense.documents.loader import load_yaml_text
from llamalicense.errors import LlamalicenseError
from llamalicense.model.project import (
    WEAK_STRENGTHS,
    Component,
    Derivation,
    Evidence,
    Project,
)
from llamalicense.tools.fix.files import Refused
from llamalicense.tools.stubs import Rename

MAX_NAMED = 5  # the cards a stub's comments name, at most; the rest are counted


@dataclass(frozen=True)
class Stub:
    """A base to write into the manifest, and why: where it came from and how sure."""

    base: Component
    why: tuple[str, ...]
    by: str = "fix"  # the command that writes it, named in its last comment

    @property
    def comments(self) -> tuple[str, ...]:
        """The comments written before the stub."""
        return (*self.why, *_closing(self.base, self.by))


def resolved_bases(
    project: Project, catalog: Catalog, *, rename: Rename = str, by: str = "fix"
) -> list[Stub]:
    """The bases the project's cards name that the check resolved to a Llama release, and
    each release a re-upload or derivative among them is made from, in the project's order;
    the ids the comments name passed through ``rename`` (the ids the manifest gives them)."""
    by_id = {c.id: c for c in project.components}
    cards = {c.card for c in project.components if c.card}
    named: dict[str, list[tuple[str, Evidence]]] = {}
    for owner in project.components:
        for found in owner.evidence if owner.card else ():
            base = by_id.get(found.target)
            if found.about == "derived_from" and found.strength not in WEAK_STRENGTHS and base:
                named.setdefault(base.id, []).append((owner.id, found))
    notes: dict[str, list[str]] = {}  # what the check's notes say a model id is
    for comp in project.components:
        for note in comp.notes:
            if note.status == "pass" and note.message not in notes.get(note.subject, ()):
                notes.setdefault(note.subject, []).append(note.message)
    known = _Known(catalog, cards, by_id, notes)
    reasons: dict[str, list[str]] = {}
    for base_id, owners in named.items():
        why = known.release_of(by_id[base_id])
        if why is None:
            continue
        reasons.setdefault(base_id, []).extend([*_named_by(owners, rename), *why])
        for parent in by_id[base_id].derived_from:  # a re-upload's or derivative's release
            reasons.setdefault(parent.id, []).extend(
                [
                    f"the release {rename(base_id)} is made from ({parent.relation})",
                    *(known.release_of(by_id[parent.id]) or ()),
                ]
            )
    return [
        Stub(c, tuple(dict.fromkeys(reasons[c.id])), by)
        for c in project.components
        if c.id in reasons
    ]


def _named_by(owners: list[tuple[str, Evidence]], rename: Rename) -> Iterator[str]:
    for owner, found in owners[:MAX_NAMED]:
        yield f"a base {rename(owner)} is built on, named in {found.shown()}"
    if len(owners) > MAX_NAMED:
        yield f"and named by {len(owners) - MAX_NAMED} more components' cards"


def _closing(base: Component, by: str) -> Iterator[str]:
    if base.distributed is False:
        yield "distributed: false: you do not ship these weights yourself, as the check took it"
    yield f"written by `llamalicense {by}` from the lineage the check resolved; review it"


@dataclass(frozen=True)
class _Known:
    catalog: Catalog
    cards: set[str]  # the cards of the manifest's components (as the check shows them)
    by_id: dict[str, Component]
    notes: dict[str, list[str]]

    def release_of(self, base: Component) -> list[str] | None:
        """What ``base`` was resolved to, as comments; None when the check added no component
        for it, or it is no release the manifest can name (no stub is written then)."""
        if base.card or base.source not in self.cards:
            return None  # written in the manifest, or from a BOM
        if base.ref:
            release = self.catalog.lookup(base.ref)
            if release is None or release.kind == "declared" or base.derived_from:
                return None
            version = release.license.replace("llama-", "Llama ")
            if normalize_model_id(base.ref) == normalize_model_id(base.id):
                return [f"an official {version} release in the catalog (docs/catalog.md)"]
            copy = f"a copy of the {version} release {release.id}"
            return [*self.notes.get(base.id, ()), copy]
        parents = [self.by_id.get(d.id) for d in base.derived_from]
        if not parents or any(p is None or self.release_of(p) is None for p in parents):
            return None
        return self.notes.get(base.id) or ["a known re-upload or derivative of a release"]


def lineage_of(
    components: Iterable[Component], rename: Rename = str
) -> dict[str, tuple[object, ...]]:
    """The facts the check follows for each component, by id, every id through ``rename``."""
    return {
        rename(c.id): (
            c.type,
            c.ref,
            tuple(Derivation(rename(d.id), d.relation) for d in c.derived_from),
            tuple(map(rename, c.trained_on)),
            tuple(map(rename, c.generated_by)),
            tuple(map(rename, c.contains)),
            c.distributed,
            c.received_as,
        )
        for c in components
    }


def same_lineage(project: Project, manifest_text: str) -> None:
    """Refuse the edited manifest when it does not give the lineage the check used."""
    from llamalicense.project.manifest import build_project

    try:
        edited = build_project(load_yaml_text(manifest_text, project.manifest), Path(project.root))
    except LlamalicenseError as exc:
        raise Refused(f"the manifest with the stubs does not load ({exc})") from None
    if lineage_of(edited.components) != lineage_of(project.components):
        raise Refused("the manifest with the stubs would give another lineage than the check's")
