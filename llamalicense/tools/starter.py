"""``llamalicense init``: a starter manifest from what discovery found under a folder.

Each model card becomes a component with ``card:`` (the card keeps giving its facts). Each
model found in other files (an adapter config, a recipe, a Modelfile, a GGUF file, a Space,
the scripts that name Llama models) becomes a component written out in full. Ids come from
the names models are published under (:mod:`llamalicense.tools.manifest_ids`), and every
base, dataset and generator found gets a stub (:mod:`llamalicense.tools.stubs`). Each fact
is commented with the file, line and field it came from and how sure it is.

A card's bases get the stubs ``fix`` would add (``resolved_bases`` in
:mod:`llamalicense.tools.fix.bases`: those resolved to an official release, a known
re-upload or a known derivative; not a base read from a sentence, nor the stand-in of a
declared license), so a ``fix`` after ``init`` has none to add. As ``fix`` does, init loads
the manifest it wrote and leaves these stubs out when the lineage it gives the cards and
their bases is not the one discovery found.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from llamalicense.catalog.data import Catalog
from llamalicense.documents.loader import load_yaml_text
from llamalicense.lineage.graph import Lineage
from llamalicense.model.project import WEAK_STRENGTHS, Component, Project, is_url
from llamalicense.project.discover import Discovered, discover, project_from_cards
from llamalicense.project.hub.settings import HubSettings
from llamalicense.tools.fix.bases import lineage_of, resolved_bases
from llamalicense.tools.manifest_ids import choose_ids
from llamalicense.tools.stubs import (
    Rename,
    collect_bases,
    comment_lines,
    found_where,
    stub_lines,
    yaml_item,
)

HEADER = """\
# llamalicense project manifest (docs/manifest.md), written by `llamalicense init` from the
# model cards and other files found in this folder. Review every line: the tool cannot know
# who you are, and what it inferred from the files is only as good as the files.
version: 1
# licensee:                      # who you are; rules that need it answer needs-review until then
#   name: Acme Robotics Inc.
#   country: US                  # principal place of business, ISO 3166-1 alpha-2
#   monthly_active_users:        # per month, licensee and every affiliate (clause 2)
#     - {month: 2024-06, count: 1000}
components:
"""


def starter_manifest(root: Path, *, hub: HubSettings | None = None) -> str:
    """The text of a starter ``llamalicense.yaml`` for ``root`` (validated before returning).

    Raises:
        InputError: no model card or model file under ``root``.
        LlamalicenseError: a card's front matter is malformed.
    """
    return start(root, hub=hub).text


@dataclass(frozen=True)
class Started:
    """A starter manifest: its text, the project discovery built, the project the text
    gives when it is loaded, and the id the text gives each component discovery named."""

    text: str
    discovered: Project
    loaded: Project
    ids: dict[str, str]

    def rename(self, component_id: str) -> str:
        return self.ids.get(component_id, component_id)


def start(root: Path, *, hub: HubSettings | None = None) -> Started:
    """The starter manifest of ``root``, with the projects it is read from and gives.

    Raises:
        InputError: no model card or model file under ``root``.
        LlamalicenseError: a card's front matter is malformed.
    """
    from llamalicense.catalog.data import load_catalog
    from llamalicense.errors import InputError

    discovered = discover(root)
    resolver = None
    if hub is not None:  # --hub: bases nothing local places are read from the Hub
        from llamalicense.project.hub.chain import HubResolver

        resolver = HubResolver(hub, load_catalog())
    project = project_from_cards(discovered, hub=resolver)
    written = [c for c in project.components if c.card or _from_facts(c)]
    if not written:
        raise InputError(
            "no model cards or model files found in this folder, so there is nothing to start from",
            file=str(root),
            hint="write llamalicense.yaml by hand (docs/manifest.md), or run init in the folder "
            "that holds your models' README.md cards",
        )
    catalog = load_catalog()
    writer = _Writer(root, discovered, project, catalog, written)
    # the bases a card names that the check resolved to a release: the stubs `fix` would
    # add (bases read from prose or standing in for a declared license are left to the card;
    # those read from the Hub are written with the Hub cards they were read from)
    from_cards = [s.base for s in resolved_bases(project, catalog) if not _from_hub(s.base)]
    started = writer.manifest(from_cards)
    ids = [c.id for c in written if c.card] + [b.id for b in from_cards]
    if from_cards and _lineage(project, ids, started.rename) != _lineage(
        started.loaded, map(started.rename, ids)
    ):  # as fix refuses them: stubs the check would not read back as it resolved them
        return writer.manifest([])
    return started


def _lineage(project: Project, ids: Iterable[str], rename: Rename = str) -> object:
    wanted = set(ids)
    return lineage_of((c for c in project.components if c.id in wanted), rename)


@dataclass(frozen=True)
class _Writer:
    """What discovery found, and how the manifest is written from it."""

    root: Path
    discovered: Discovered
    project: Project
    catalog: Catalog
    written: list[Component]

    def in_full(self, comp: Component) -> bool:
        return bool(comp.card) or _from_facts(comp)

    def manifest(self, from_cards: list[Component]) -> Started:
        """The manifest with the stubs of ``from_cards`` (bases a card names), loaded (our
        bug if it fails)."""
        written, by_id = self.written, {c.id: c for c in self.project.components}
        stubs = collect_bases([c for c in written if not c.card], by_id, self.in_full)
        # bases a card's base_model reached only through the Hub (--hub) are kept as stubs,
        # so later checks need no --hub
        from_hub = [
            by_id[d.id]
            for c in written
            if c.card
            for d in c.derived_from
            if d.id in by_id and _from_hub(by_id[d.id])
        ]
        known = {s.id for s in stubs}
        for stub in [*from_hub, *collect_bases(from_hub, by_id, self.in_full), *from_cards]:
            if stub.id not in known and not self.in_full(stub):
                known.add(stub.id)
                stubs.append(stub)
        chosen = choose_ids(written, stubs)

        def rename(component_id: str) -> str:
            found = chosen.get(component_id)
            return found.id if found else component_id

        wanted = {b.id for b in from_cards}
        resolved = {
            found.base.id: found.comments
            for found in resolved_bases(self.project, self.catalog, rename=rename, by="init")
            if found.base.id in wanted
        }
        lineage = Lineage(self.project, self.catalog)
        relatives = {card.path: relative for relative, card in self.discovered.cards}
        lines = [HEADER]
        for comp in written:
            why = chosen[comp.id].why
            if comp.card:
                lines.extend(_component(comp, relatives[comp.card], lineage, rename, why))
            else:
                lines.extend(_fact_component(comp, lineage, rename, why))
        for stub in stubs:
            reasons = resolved.get(stub.id) or (found_where(stub), *_hub_why(stub))
            lines.extend(stub_lines(stub, rename, why=reasons))
        text = "".join(lines)
        from llamalicense.project.manifest import build_project

        loaded = build_project(
            load_yaml_text(text, str(self.root / "llamalicense.yaml")), self.root
        )
        return Started(text, self.project, loaded, {k: c.id for k, c in chosen.items()})


def _component(
    comp: Component, relative: str, lineage: Lineage, rename: Rename, why: str
) -> list[str]:
    """One component with a card: comments, then the entry (the card gives its bases; the
    stubs below give what they resolve to)."""
    versions = ", ".join(lineage.licenses(comp.id)) or "none found"
    comments = [f"from {relative}: Llama versions {versions}", why]
    entry: dict[str, object] = {"id": rename(comp.id), "type": "model", "card": relative}
    if comp.name and _weak_name(comp):
        comments.append(
            f"name: {comp.name} is only {_weak_what(comp)}: write the name it is published "
            "under as `name:`"
        )
    elif comp.name:  # the name the card shows
        entry["name"] = comp.name
    comments.append("distributed: a card describes a published model")
    entry["distributed"] = True
    comments += [f"review: {note.title}" for note in comp.notes if note.status == "needs-review"]
    attribution = _attribution(comp)
    if attribution:
        comments.append("attribution: files found beside the card; check them")
        entry["attribution"] = attribution
    return comment_lines(c for c in comments if c) + yaml_item(entry)


def _attribution(comp: Component) -> dict[str, object]:
    return {
        key: list(values)
        for key, values in (
            ("agreement", comp.attribution.agreement),
            ("notice", comp.attribution.notice),
            ("built_with_llama", comp.attribution.built_with_llama),
        )
        if values
    }


def _from_facts(comp: Component) -> bool:
    """A model or product discovery built from files other than a card."""
    from llamalicense.project.from_facts import NO_EVIDENCE_RULE

    if any(note.rule == NO_EVIDENCE_RULE for note in comp.notes):
        return False  # "no Llama evidence" is nothing to start from
    return any(e.about == "component" for e in comp.evidence) and comp.type in ("model", "product")


def _weak_name(comp: Component) -> bool:
    """Is the name only a heading, a folder or a file name (not declared)?"""
    return any(e.about == "name" and e.strength in WEAK_STRENGTHS for e in comp.evidence)


def _weak_what(comp: Component) -> str:
    heading = any(e.about == "name" and e.field == "heading" for e in comp.evidence)
    return "the card's first heading" if heading else "a folder or file name"


def _where(comp: Component, about: str, target: str = "") -> str:
    found = next(
        (e for e in comp.evidence if e.about == about and (not target or e.target == target)),
        None,
    )
    return f"from {found.shown()}" if found else "found by discovery"


def _fact_component(comp: Component, lineage: Lineage, rename: Rename, why: str) -> list[str]:
    """A model or product found in files other than a card, each fact's source commented."""
    versions = ", ".join(lineage.licenses(comp.id)) or "none found"
    comments = [f"{_where(comp, 'component')}: Llama versions {versions}", why]
    entry: dict[str, object] = {"id": rename(comp.id), "type": comp.type}
    if comp.name and _weak_name(comp):
        comments.append(
            f"name: {comp.name} ({_where(comp, 'name')}) is only {_weak_what(comp)}: write "
            "the name it is published under as `name:`"
        )
    elif comp.name:
        comments.append(f"name {_where(comp, 'name')}")
        entry["name"] = comp.name
    if comp.derived_from:
        entry["derived_from"] = [
            {"id": rename(d.id), "relation": d.relation} for d in comp.derived_from
        ]
        comments += [
            f"derived_from {rename(d.id)}: {_where(comp, 'derived_from', d.id)}"
            for d in comp.derived_from
        ]
    if comp.trained_on:
        entry["trained_on"] = [rename(t) for t in comp.trained_on]
        comments += [
            f"trained_on {rename(t)}: {_where(comp, 'trained_on', t)}" for t in comp.trained_on
        ]
    if comp.contains:
        entry["contains"] = [rename(c) for c in comp.contains]
        comments += [f"contains {rename(c)}: {_where(comp, 'contains', c)}" for c in comp.contains]
    if comp.distributed is not None:
        entry["distributed"] = True
        comments.append("distributed: its weights are here, or it is published")
    else:
        comments.append("say whether it is distributed or made available (`distributed:`)")
    if comp.license:
        entry["license"] = list(comp.license)
        comments.append("license: as declared in the file")
    attribution = _attribution(comp)
    if attribution:  # what discovery judged to be evidence, so the check reads it again
        comments.append("attribution: files found where discovery looks; check them")
        entry["attribution"] = attribution
    comments += [f"review: {note.title}" for note in comp.notes if note.status == "needs-review"]
    return comment_lines(c for c in comments if c) + yaml_item(entry)


def _hub_why(base: Component) -> list[str]:
    """For a base read from the Hub (--hub): the card URL and field each ``derived_from``
    came from."""
    if not _from_hub(base):
        return []
    return [f"derived_from {d.id}: {_where(base, 'derived_from', d.id)}" for d in base.derived_from]


def _from_hub(comp: Component) -> bool:
    """Was the component's lineage read from a Hub card (``--hub``)?"""
    return any(e.about == "derived_from" and is_url(e.file) for e in comp.evidence)
