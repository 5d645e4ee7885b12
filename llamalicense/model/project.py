"""The validated project: frozen dataclasses built from a manifest (or an importer)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

RELATIONS = ("finetune", "adapter", "quantized", "merge", "distill", "continued-pretraining")
COMPONENT_TYPES = ("model", "dataset", "product")


@dataclass(frozen=True)
class Affiliate:
    name: str
    country: str | None = None


@dataclass(frozen=True)
class MauEntry:
    """Monthly active users of one month, for the licensee (``entity`` None) or an affiliate."""

    month: str
    count: int
    entity: str | None = None


@dataclass(frozen=True)
class Licensee:
    name: str | None = None
    country: str | None = None
    affiliates: tuple[Affiliate, ...] = ()
    monthly_active_users: tuple[MauEntry, ...] = ()
    max_monthly_active_users: int | None = None
    meta_license: bool | None = None


@dataclass(frozen=True)
class Derivation:
    id: str
    relation: str


def is_url(text: str) -> bool:
    """Evidence written as a URL is recorded, never fetched."""
    return text.startswith(("http://", "https://"))


@dataclass(frozen=True)
class Attribution:
    """Evidence paths (relative to the project root) or URLs, per kind of attribution."""

    agreement: tuple[str, ...] = ()
    notice: tuple[str, ...] = ()
    built_with_llama: tuple[str, ...] = ()
    ai_disclosure: tuple[str, ...] = ()
    # For a component no manifest describes (found by discovery, read from a BOM): why a
    # kind of evidence it has none of was not listed, and where it was looked for. Empty
    # when a manifest lists the evidence, which then reads "no evidence listed".
    unlisted: str = ""
    # For a component found by discovery: the folder it looked in first (the card's, shown
    # as "m/" or "the project folder"), where an evidence file put by the fixes is found.
    folder: str = ""


STRENGTHS = ("declared", "identified", "prose", "fallback")
WEAK_STRENGTHS = frozenset({"prose", "fallback"})


@dataclass(frozen=True)
class Evidence:
    """Where an importer read one fact about a component, and how sure that fact is.

    ``about`` says which fact: ``component`` (why the component exists at all), ``name``,
    ``license``, or an edge (``derived_from``, ``trained_on``, ``contains``) to ``target``.
    ``strength`` is ``declared`` (structured metadata: front matter, a config file, a recipe,
    a BOM), ``identified`` (a license file recognised by its full text), ``prose`` (a README
    sentence, a model id in a script) or ``fallback`` (a name taken from a folder or file
    name). Findings that rest only on prose or fallback evidence are reviews, not violations.
    """

    about: str
    file: str
    line: int | None = None
    field: str = ""
    strength: str = "declared"
    target: str = ""

    def shown(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where} ({self.field}, {self.strength})" if self.field else where


@dataclass(frozen=True)
class Component:
    id: str
    type: str
    name: str | None = None
    description: str | None = None
    ref: str | None = None
    received_as: str | None = None
    derived_from: tuple[Derivation, ...] = ()
    trained_on: tuple[str, ...] = ()
    generated_by: tuple[str, ...] = ()
    contains: tuple[str, ...] = ()
    distributed: bool | None = None
    delivery: str | None = None
    large_language_model: bool | None = None
    modality: str | None = None
    use_cases: tuple[str, ...] = ()
    out_of_scope: tuple[str, ...] = ()
    attribution: Attribution = field(default_factory=Attribution)
    source: str = ""
    line: int | None = None
    # From model cards and BOMs (llamalicense.project): the card file, the licenses the
    # component is declared under (as written), and what an importer inferred or could not
    # decide, reported as model-identity findings.
    card: str | None = None
    license: tuple[str, ...] = ()
    notes: tuple[Note, ...] = ()
    # Where an importer read each fact, and how sure it is (empty for manifest components:
    # what a person wrote in the manifest is declared).
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class Note:
    """An importer's remark on a component, reported as a finding by the engine."""

    rule: str  # e.g. LLAMALICENSE-REUPLOAD
    status: Literal["pass", "needs-review"]  # informational, or to review
    title: str
    message: str
    how_to_fix: str = ""
    subject: str = ""  # the model id the note is about


REVIEWED = ("aup", "laws", "trademark", "built-with")  # what a review record can cover


@dataclass(frozen=True)
class Review:
    """A person's record that they judged duties no file can show (``reviews:``)."""

    by: str
    date: str  # YYYY-MM-DD
    obligations: tuple[str, ...]  # of REVIEWED
    use_cases: str  # "sha256:<hex>": the project's use cases as they were reviewed
    components: tuple[str, ...] = ()  # empty: every component
    note: str | None = None
    line: int | None = None


@dataclass(frozen=True)
class Project:
    """Everything the engine needs to know about a project, independent of its file format."""

    root: str
    manifest: str
    licensee: Licensee
    components: tuple[Component, ...]
    reviews: tuple[Review, ...] = ()
    # False for a folder checked by discovery, with no llamalicense.yaml: the fixes then
    # say where discovery looks, or how to write a manifest (the ``project.manifest`` fact).
    has_manifest: bool = True

    def component(self, component_id: str) -> Component:
        for comp in self.components:
            if comp.id == component_id:
                return comp
        raise KeyError(component_id)
