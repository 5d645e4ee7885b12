"""Find what a folder holds and build a project from it (no manifest needed).

One walk over the folder finds the model cards and hands every other file to the readers
that want it (:mod:`llamalicense.project.readers.registry`: adapter and model configs,
Modelfiles, recipes, mergekit configs, GGUF headers, weights, Space cards, license files).

Each Markdown file whose front matter holds model-card keys becomes a model component that
is made available (``distributed: true``: a card is what the Hub shows for a published
model), named as the card names it, with the lineage of its ``base_model`` (see
:mod:`llamalicense.project.resolve`); the configs beside it add the bases it does not name.
Models no card describes come from the other files' facts
(:mod:`llamalicense.project.from_facts`); the Llama models named only in scripts make the
project's code a product that uses them (:mod:`llamalicense.project.from_code`); a
repository with none but a Llama license text is checked as a product holding those
materials, and one with no Llama evidence says so.
Licensee facts a card cannot give (country, monthly active users) stay unknown, so the
rules that need them answer needs-review. Every component carries the evidence its facts
were read from (file, line, field, strength).

Evidence of attribution is taken from the files beside a model and in the folders above it,
up to the project folder (:mod:`llamalicense.project.evidence_index`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from llamalicense.catalog.data import Catalog, load_catalog
from llamalicense.errors import InputError
from llamalicense.model.project import (
    Attribution,
    Component,
    Derivation,
    Evidence,
    Licensee,
    Note,
    Project,
)
from llamalicense.project.datasets import generator_facts
from llamalicense.project.evidence_index import EvidenceIndex, is_evidence_file
from llamalicense.project.from_code import code_component, code_mentions
from llamalicense.project.from_facts import (
    FOLDER_FILES,
    LINEAGE_KINDS,
    Group,
    bases_of,
    fact_component,
    group_facts,
    no_evidence_component,
    readme_component,
    repository_component,
    review_notes,
)
from llamalicense.project.readers.base import DECLARED, PUBLISHED_AS, REVIEW, Fact, Source
from llamalicense.project.readers.cards import NAME_STRENGTH, Card, read_card
from llamalicense.project.readers.registry import read_file
from llamalicense.project.resolve import Resolver
from llamalicense.project.walk import MAX_FILES, walk

if TYPE_CHECKING:
    from llamalicense.project.hub.chain import HubResolver

CARD_SUFFIXES = frozenset({".md", ".markdown"})
_ID_JUNK = re.compile(r"[^A-Za-z0-9._:/-]+")
_MULTIMODAL_TASKS = frozenset(
    {
        "image-text-to-text",
        "video-text-to-text",
        "visual-question-answering",
        "image-to-text",
        "any-to-any",
        "audio-text-to-text",
        "document-question-answering",
    }
)
_LLM_TASKS = frozenset({"text-generation", "text2text-generation", "conversational"})
_NOT_LLM_TASKS = frozenset(
    {
        "text-classification",
        "token-classification",
        "feature-extraction",
        "sentence-similarity",
        "zero-shot-classification",
    }
)


@dataclass(frozen=True)
class Discovered:
    """What a walk over a folder found."""

    root: Path
    cards: tuple[tuple[str, Card], ...]  # (path relative to root, POSIX style; card)
    files: tuple[str, ...]  # candidate evidence files, relative to root
    facts: dict[str, tuple[Fact, ...]] = field(default_factory=dict)  # by file, when any


def discover(root: Path) -> Discovered:
    """Find model cards and evidence files under ``root``.

    Raises:
        LlamalicenseError: a card's front matter uses model-card keys but is not valid YAML
            (or has duplicate keys): that model would otherwise go unchecked.
    """
    cards: list[tuple[str, Card]] = []
    files: list[str] = []
    facts: dict[str, tuple[Fact, ...]] = {}
    stopped: list[str] = []
    for relative in walk(root, stopped):
        path = root / relative
        if PurePosixPath(relative).suffix.lower() in CARD_SUFFIXES:
            card = _try_card(path, _display(root, relative))
            if card is not None:
                cards.append((relative, card))
        if is_evidence_file(relative):
            files.append(relative)
        found = read_file(root, relative)
        if found:
            facts[relative] = found
    for first in stopped:
        message = (
            f"discovery reads at most {MAX_FILES:,} files and stopped before this one; "
            "the files after it were not read"
        )
        facts[first] = (Fact(REVIEW, message, Source(first, None, "discovery"), DECLARED),)
    return Discovered(root, tuple(cards), tuple(files), facts)


def _try_card(path: Path, display: str) -> Card | None:
    """A card, or None; unreadable Markdown that does not start like a card is skipped."""
    try:
        return read_card(path, display=display, strict=False)
    except InputError:
        try:
            with path.open("rb") as handle:
                head = handle.read(4096)
        except OSError:
            return None
        if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith((b"---", b"<!--")):
            raise  # it looks like a card: say why it cannot be read
        return None


def _display(root: Path, relative: str) -> str:
    return str(root / relative)


def component_id(relative: str, root: Path) -> str:
    """``models/acme/README.md`` -> ``models/acme``; ``docs/card.md`` -> ``docs/card``."""
    pure = PurePosixPath(relative)
    if pure.stem.lower() == "readme":
        raw = str(pure.parent) if str(pure.parent) != "." else (root.resolve().name or "model")
    else:
        raw = str(pure.with_suffix(""))
    cleaned = _ID_JUNK.sub("-", raw).strip("-./") or "model"
    if not cleaned[0].isalnum():
        cleaned = "m" + cleaned
    return cleaned[:200]


def project_from_cards(
    discovered: Discovered,
    *,
    catalog: Catalog | None = None,
    manifest: str | None = None,
    hub: HubResolver | None = None,
) -> Project:
    """A project with one made-available model per card, the models the other files
    describe (configs, recipes, Modelfiles, GGUF, Spaces), and the bases they name."""
    catalog = catalog or load_catalog()
    root = discovered.root
    ids: dict[str, str] = {}
    used: set[str] = set()
    card_paths = {relative for relative, _ in discovered.cards}
    card_folders = {str(PurePosixPath(relative).parent) for relative in card_paths}
    groups = {
        key: group
        for key, group in group_facts(discovered.facts).items()
        if key not in card_folders
        and key not in card_paths
        and group.kinds & (LINEAGE_KINDS | {REVIEW})
    }
    for relative in [*(r for r, _ in discovered.cards), *groups]:
        candidate = component_id("README.md" if relative == "." else relative, root)
        while candidate in used:
            candidate += "-2"
        used.add(candidate)
        ids[relative] = candidate
    local = _local_names(discovered, ids)
    local.update(_published_names(groups, ids))
    resolver = Resolver(catalog, reserved=used, hub=hub)
    resolver.local = local
    evidence = EvidenceIndex(root, discovered.files)
    components: list[Component] = []
    for relative, card in discovered.cards:
        own = ids[relative]
        beside = _beside(discovered, relative)
        resolved = resolver.resolve_card(own, _with_bases(card, beside))
        components.append(
            card_component(
                card,
                own,
                derived_from=tuple(resolved.derived_from),
                trained_on=tuple(resolved.trained_on),
                notes=(*resolved.notes, *review_notes(beside)),
                attribution=evidence.attribution_for(relative),
                evidence=tuple(
                    replace(e, file=relative) if e.file == card.path else e
                    for e in resolved.evidence
                ),
                relative=relative,
            )
        )
    generators = generator_facts(discovered.facts)
    for key, group in groups.items():
        own = ids[key]
        made = fact_component(own, group, resolver, evidence, generators)
        if made is not None:
            components.append(made)
    code = _code(discovered, resolver, evidence, used)
    if not components:
        components.extend(_repository(discovered, resolver, evidence, used, quiet=code is not None))
    if code is not None:
        components.append(code)
    components.extend(resolver.components())
    return Project(
        root=str(root),
        manifest=manifest or str(root),
        licensee=Licensee(),
        components=tuple(components),
        has_manifest=False,
    )


def _beside(discovered: Discovered, card_relative: str) -> list[Fact]:
    """Facts about a card's model from its own file and its folder's config files."""
    folder = PurePosixPath(card_relative).parent
    found = list(discovered.facts.get(card_relative, ()))
    for name in FOLDER_FILES:
        found.extend(discovered.facts.get(str(folder / name) if str(folder) != "." else name, ()))
    return found


def _with_bases(card: Card, beside: list[Fact]) -> Card:
    """The card, with the bases the facts beside it add: the adapter's or config's base
    when the card names none, the inputs of its own mergekit blocks in any case."""
    known = {b.id.lower() for b in card.bases}
    extra = [
        base
        for base in bases_of(beside)
        if base.id.lower() not in known
        and (not card.bases or base.relation == "merge")
        and (base.relation == "merge" or base.file != card.path)
    ]
    return replace(card, bases=(*card.bases, *extra)) if extra else card


def _published_names(groups: dict[str, Group], ids: dict[str, str]) -> dict[str, str]:
    """The Hub names recipes publish their models under: a later recipe may start there."""
    names: dict[str, str] = {}
    for key, group in groups.items():
        for fact in group.facts:
            if fact.kind == PUBLISHED_AS:
                names[fact.value.rsplit("/", 1)[-1].lower()] = ids[key]
    return names


def _repository(
    discovered: Discovered,
    resolver: Resolver,
    evidence: EvidenceIndex,
    used: set[str],
    *,
    quiet: bool = False,
) -> list[Component]:
    """With no model found: the repository, if its license files identify Llama texts, or
    as its READMEs describe it (prose); else one component saying no Llama evidence was found
    (unless ``quiet``: the code names Llama models)."""
    root = discovered.root
    name = root.resolve().name or "project"
    own = _claim(component_id("README.md", root), used, resolver)
    made = repository_component(own, name, discovered.facts, resolver, evidence)
    if made is None:
        made = readme_component(own, name, discovered.facts, resolver, evidence)
    if made is None and quiet:
        return []
    return [made] if made is not None else [no_evidence_component(own, name, str(root))]


def _code(
    discovered: Discovered, resolver: Resolver, evidence: EvidenceIndex, used: set[str]
) -> Component | None:
    """The project's code as a product using the Llama models its scripts name, if any."""
    mentions = code_mentions(discovered.facts, resolver)
    if not mentions:
        return None
    root = discovered.root
    name = root.resolve().name or "project"
    own = _claim(f"{component_id('README.md', root)}-code", used, resolver)
    return code_component(own, name, mentions, resolver, evidence)


def _claim(candidate: str, used: set[str], resolver: Resolver) -> str:
    """``candidate``, made unique among the project's component ids, and reserved."""
    while candidate in used:
        candidate += "-2"
    used.add(candidate)
    resolver.reserved.add(candidate)
    return candidate


def _local_names(discovered: Discovered, ids: dict[str, str]) -> dict[str, str]:
    """Hub-like keys under which another card's model may be named as a base."""
    names: dict[str, str] = {}
    for relative, card in discovered.cards:
        pure = PurePosixPath(relative)
        keys = {pure.parent.name if pure.stem.lower() == "readme" else pure.stem}
        if card.name_source == "model_name" and card.name:
            keys.add(card.name)
        for key in keys:
            if key:
                names[key.lower()] = ids[relative]
    return names


def card_component(
    card: Card,
    component_id: str,
    *,
    derived_from: tuple[Derivation, ...] = (),
    trained_on: tuple[str, ...] = (),
    notes: tuple[Note, ...] = (),
    attribution: Attribution | None = None,
    evidence: tuple[Evidence, ...] = (),
    relative: str | None = None,
) -> Component:
    """The model component a card describes (made available, with the card's facts);
    ``relative`` is the card's path in the project folder, for the evidence."""
    task = str(card.metadata.get("pipeline_tag") or "").lower()
    where = relative or card.path
    llm: bool | None = True if task in _LLM_TASKS else False if task in _NOT_LLM_TASKS else None
    return Component(
        id=component_id,
        type="model",
        name=card.name,
        derived_from=derived_from,
        trained_on=trained_on,
        distributed=True,
        large_language_model=llm,
        modality="multimodal" if task in _MULTIMODAL_TASKS else None,
        attribution=attribution or Attribution(),
        source=card.path,
        line=card.start_line or 1,
        card=card.path,
        license=card_license_values(card),
        notes=notes,
        evidence=(
            Evidence("component", where, card.start_line or 1, "front matter", "declared"),
            Evidence(
                "name",
                where,
                card.line_of(card.name_source),
                card.name_source,
                NAME_STRENGTH[card.name_source],
            ),
            *evidence,
        ),
    )


def card_license_values(card: Card) -> tuple[str, ...]:
    """The license values a card declares, as written (``other`` dropped when named)."""
    named = [d for d in card.licenses if d.kind != "placeholder"]
    chosen = named or list(card.licenses)
    return tuple(dict.fromkeys(d.raw for d in chosen))


def project_from_folder(root: Path, *, hub: HubResolver | None = None) -> Project:
    """Discover what ``root`` holds and build the project (never empty: a folder with no
    Llama evidence gets one component saying so).

    Raises:
        LlamalicenseError: a card's front matter is malformed (input a person wrote).
    """
    return project_from_cards(discover(root), hub=hub)
