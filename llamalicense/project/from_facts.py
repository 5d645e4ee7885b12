"""Components from the evidence facts the readers found, for what no model card describes.

A repository often holds a model without a card: an ``adapter_config.json`` and its
weights, a training recipe that pushes its result to the Hub, an Ollama ``Modelfile``, a
GGUF file, a Space card. Each becomes a component:

* a folder holding an adapter config, a model config or weights is one model; a recipe,
  a Modelfile, a GGUF file or a standalone mergekit config is one model per file; a Space
  card is a product that contains the models it lists;
* the datasets a recipe names are dataset components it is trained on
  (:mod:`llamalicense.project.datasets`);
* its bases are resolved like a card's ``base_model`` (with the file, line and field each
  was read from); its name is the Hub id a recipe publishes to, a GGUF ``general.name``, or
  else the folder or file name (a fallback, so a name rule can only ask for review);
* it is made available when the repository holds its weights (committed or as a Git LFS
  pointer), a recipe publishes it (``hub_model_id``) or it is a Space;
* a file the readers could not read is a review note on it.

Facts found beside a model card go to the card's component instead: the bases of an adapter
config when the card names none, and the inputs of the mergekit blocks in the card itself.

When nothing else describes a model but the repository holds a Llama license text
(identified by its full text: a fork of Meta's code, an app that ships Llama), the
repository itself is a product holding the materials of that version. A repository with no
Llama evidence at all gets one component whose note says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath

from llamalicense.model.project import Attribution, Component, Evidence, Note
from llamalicense.project.datasets import trained_on
from llamalicense.project.evidence_index import EvidenceIndex
from llamalicense.project.readers.base import (
    BASE_MODEL,
    DECLARED,
    DECLARED_LICENSE,
    FALLBACK,
    IDENTIFIED,
    LICENSE_TEXT,
    NAME,
    PUBLISHED_AS,
    REVIEW,
    USES_MODEL,
    WEIGHTS,
    Fact,
)
from llamalicense.project.readers.cards import Base
from llamalicense.project.resolve import Resolved, Resolver

UNREADABLE_RULE = "LLAMALICENSE-UNREADABLE-INPUT"
LICENSE_FILE_RULE = "LLAMALICENSE-LICENSE-FILE"
NO_EVIDENCE_RULE = "LLAMALICENSE-NO-LLAMA-EVIDENCE"
# Files whose facts describe the model of their folder (the others describe one model each).
FOLDER_FILES = ("adapter_config.json", "config.json")
LINEAGE_KINDS = frozenset({BASE_MODEL, USES_MODEL, PUBLISHED_AS})
_RELATIONS = {"adapter", "merge", "quantized", "finetune", "distill"}


@dataclass
class Group:
    """The facts that describe one model (a folder's, or one file's)."""

    key: str  # the folder or file, relative to the project folder
    facts: list[Fact] = field(default_factory=list)

    @property
    def kinds(self) -> set[str]:
        return {f.kind for f in self.facts}


def group_facts(facts: dict[str, tuple[Fact, ...]]) -> dict[str, Group]:
    """Facts by the model they describe: folder files and weights by folder, others by file."""
    groups: dict[str, Group] = {}
    for path, found in facts.items():
        name = PurePosixPath(path).name
        by_folder = name in FOLDER_FILES or all(f.kind == WEIGHTS for f in found)
        key = str(PurePosixPath(path).parent) if by_folder else path
        groups.setdefault(key, Group(key)).facts.extend(found)
    return groups


def bases_of(facts: list[Fact], kinds: frozenset[str] = frozenset({BASE_MODEL})) -> list[Base]:
    """The base-model facts as bases to resolve, each once, with where it was read."""
    out: dict[str, Base] = {}
    for fact in facts:
        if fact.kind not in kinds:
            continue
        word = fact.detail.split(" ", 1)[0].lower() if fact.detail else ""
        relation = word if word in _RELATIONS else "finetune"
        base = Base(
            fact.value,
            relation,
            f"{fact.source.field} in {fact.source.path}",
            fact.source.field,
            fact.source.path,
            fact.source.line,
            fact.strength,
        )
        out.setdefault(fact.value.lower(), base)
    return list(out.values())


def review_notes(facts: list[Fact]) -> list[Note]:
    """The files a reader could not read, as review notes."""
    return [
        Note(
            rule=UNREADABLE_RULE,
            status="needs-review",
            title="A file that may describe a model could not be read",
            message=f"{f.source.shown()}: {f.value}. What it says about the model is unknown.",
            how_to_fix="Fix the file, or describe the model in llamalicense.yaml.",
            subject=f.source.path,
        )
        for f in facts
        if f.kind == REVIEW
    ]


def fact_component(
    component_id: str,
    group: Group,
    resolver: Resolver,
    evidence: EvidenceIndex,
    generators: dict[str, list[Fact]] | None = None,
) -> Component | None:
    """The component a group of facts describes, or None when it names no model."""
    if not group.kinds & LINEAGE_KINDS:
        return _unreadable(component_id, group, evidence) if REVIEW in group.kinds else None
    resolver.origin = group.key
    result = Resolved([], [], [])
    resolver.resolve_bases(component_id, bases_of(group.facts), result, group.key)
    used = Resolved([], [], [])
    resolver.resolve_bases(component_id, bases_of(group.facts, frozenset({USES_MODEL})), used, "")
    product = bool(used.derived_from)
    datasets, data_evidence = trained_on(component_id, group.facts, resolver, generators or {})
    name, name_evidence = _name(group, evidence.root.resolve().name or "project")
    first = min((f for f in group.facts if f.kind in LINEAGE_KINDS), key=_order)
    found = [
        Evidence(
            "component", first.source.path, first.source.line, first.source.field, first.strength
        ),
        name_evidence,
        *result.evidence,
        *data_evidence,
        *(
            Evidence("contains", e.file, e.line, e.field, e.strength, e.target)
            for e in used.evidence
        ),
    ]
    return Component(
        id=component_id,
        type="product" if product else "model",
        name=name,
        derived_from=tuple(result.derived_from),
        trained_on=tuple(dict.fromkeys((*result.trained_on, *datasets))),
        contains=tuple(dict.fromkeys(d.id for d in used.derived_from)),
        distributed=True if _made_available(group, product) else None,
        attribution=evidence.attribution_for(first.source.path, own=False),
        source=str(evidence.root / first.source.path),
        line=first.source.line or 1,
        # a Space's license covers the app's own code, not the models it runs
        license=()
        if product
        else tuple(dict.fromkeys(f.value for f in group.facts if f.kind == DECLARED_LICENSE)),
        notes=(*result.notes, *used.notes, *review_notes(group.facts)),
        evidence=tuple(found),
    )


def _unreadable(component_id: str, group: Group, evidence: EvidenceIndex) -> Component:
    """A file that may describe a model but could not be read: a component for its review."""
    first = min(group.facts, key=_order)
    return Component(
        id=component_id,
        type="model",
        name=PurePosixPath(group.key).name or None,
        source=str(evidence.root / first.source.path),
        line=first.source.line or 1,
        notes=tuple(review_notes(group.facts)),
        evidence=(
            Evidence("component", first.source.path, first.source.line, "unreadable", FALLBACK),
        ),
    )


def _order(fact: Fact) -> tuple[str, int]:
    return (fact.source.path, fact.source.line or 0)


def _made_available(group: Group, product: bool) -> bool:
    return product or bool(group.kinds & {WEIGHTS, PUBLISHED_AS})


def _name(group: Group, root_name: str) -> tuple[str, Evidence]:
    for kind in (PUBLISHED_AS, NAME):
        fact = next((f for f in sorted(group.facts, key=_order) if f.kind == kind), None)
        if fact is not None:
            name = fact.value.rsplit("/", 1)[-1] if kind == PUBLISHED_AS else fact.value
            where = Evidence(
                "name", fact.source.path, fact.source.line, fact.source.field, fact.strength
            )
            return name, where
    pure = PurePosixPath(group.key)
    if pure.stem.lower() == "readme":
        pure = pure.parent
    name = pure.stem or root_name
    return name, Evidence("name", group.key, None, "folder or file name", FALLBACK)


def repository_component(
    component_id: str,
    name: str,
    facts: dict[str, tuple[Fact, ...]],
    resolver: Resolver,
    evidence: EvidenceIndex,
) -> Component | None:
    """The repository as a product holding the Llama materials its license files identify."""
    texts = sorted(
        (f for found in facts.values() for f in found),
        key=_order,
    )
    identified = [f for f in texts if f.kind == LICENSE_TEXT and f.strength == IDENTIFIED]
    versions = sorted({f.value for f in identified if f.value.startswith("llama-")} - {"llama-1"})
    if not versions:
        return None
    from llamalicense.catalog.data import DECLARED_PREFIX

    contains: list[str] = []
    found: list[Evidence] = []
    for version in versions:
        release = resolver.catalog.lookup(DECLARED_PREFIX + version)
        if release is None:  # pragma: no cover - every version has its stand-in
            continue
        target = resolver.release_component(release)
        contains.append(target)
        first = next(f for f in identified if f.value == version)
        found.append(
            Evidence(
                "contains",
                first.source.path,
                first.source.line,
                f"{first.detail}",
                IDENTIFIED,
                target,
            )
        )
    head = identified[0]
    files = ", ".join(dict.fromkeys(f.source.path for f in identified))
    agreements = tuple(
        dict.fromkeys(
            f.source.path for f in texts if f.kind == LICENSE_TEXT and f.source.field == "agreement"
        )
    )
    around = evidence.attribution_for("README.md", own=False)
    readme = ("README.md",) if evidence.judge("README.md")[2] else ()
    note = Note(
        rule=LICENSE_FILE_RULE,
        status="needs-review",
        title="The repository keeps a Llama license text, and no model card",
        message=(
            f"{files} hold{'s' if ',' not in files else ''} the text of the "
            + " and ".join(f"Llama {v.removeprefix('llama-')}" for v in versions)
            + " license, and no model card or config describes a model, so the repository is "
            "taken as a product that ships those Llama materials (code, weights or an app "
            "that includes them), and their duties are checked on it."
        ),
        how_to_fix=(
            "Describe what the repository ships in llamalicense.yaml (which model, whether it "
            "is distributed), so the duties follow what is really there."
        ),
    )
    return Component(
        id=component_id,
        type="product",
        name=name,
        contains=tuple(contains),
        distributed=True,
        attribution=Attribution(
            agreement=agreements,
            notice=around.notice,
            built_with_llama=tuple(dict.fromkeys((*around.built_with_llama, *readme))),
            unlisted=around.unlisted,
            folder=around.folder,
        ),
        source=str(evidence.root / head.source.path),
        line=head.source.line or 1,
        notes=(note,),
        evidence=(
            Evidence("component", head.source.path, head.source.line, "license text", IDENTIFIED),
            Evidence("name", ".", None, "folder name", FALLBACK),
            *found,
        ),
    )


def readme_component(
    component_id: str,
    name: str,
    facts: dict[str, tuple[Fact, ...]],
    resolver: Resolver,
    evidence: EvidenceIndex,
) -> Component | None:
    """The repository's model as its READMEs describe it in words (prose evidence only)."""
    from llamalicense.project.readers.readme_prose import README_BASE

    found = sorted((f for got in facts.values() for f in got if f.kind == README_BASE), key=_order)
    if not found:
        return None
    head = found[0]
    resolver.origin = head.source.path
    result = Resolved([], [], [])
    resolver.resolve_bases(component_id, bases_of(found, frozenset({README_BASE})), result, "")
    weights = any(f.kind == WEIGHTS for got in facts.values() for f in got)
    return Component(
        id=component_id,
        type="model",
        name=name,
        derived_from=tuple(result.derived_from),
        distributed=True if weights else None,
        attribution=evidence.attribution_for(head.source.path),
        source=str(evidence.root / head.source.path),
        line=head.source.line or 1,
        notes=tuple(result.notes),
        evidence=(
            Evidence("component", head.source.path, head.source.line, "text", head.strength),
            Evidence("name", ".", None, "folder name", FALLBACK),
            *result.evidence,
        ),
    )


def no_evidence_component(component_id: str, name: str, root: str) -> Component:
    """A folder with nothing Llama in it: one component saying so, plainly."""
    return Component(
        id=component_id,
        type="product",
        name=name,
        source=root,
        line=1,
        notes=(
            Note(
                rule=NO_EVIDENCE_RULE,
                status="pass",
                title="No Llama evidence in this folder",
                message=(
                    f"{root} holds no manifest, no model card, and no config, recipe, "
                    "Modelfile, GGUF file or license text that names a Llama model, so no "
                    "Llama license duty was found to check."
                ),
                how_to_fix="If the project does use Llama, describe it in llamalicense.yaml "
                "(docs/manifest.md).",
            ),
        ),
        evidence=(Evidence("component", root, None, "folder", DECLARED),),
    )
