"""What a Hub id says before the catalog is asked: a known copy, a "Llama" name, a local path.

``rules/data/reuploads.yaml`` lists the well-known re-uploads of Meta's weights (copies and
quantizations, each tied to the official release it copies) and the models that carry
"Llama" in their names but are known to be independent (TinyLlama, OpenLLaMA). A name with
"Llama" (or the community shorthand L2 / L3) in it, and a path on someone's disk, are told
apart by the id alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from llamalicense.catalog.data import (
    Catalog,
    Release,
    is_meta_namespace,
    normalize_model_id,
    rules_dir,
)
from llamalicense.documents.loader import load_file
from llamalicense.errors import RuleError

# The rule ids of the notes on what an id was read as (project.resolve_notes, lineage.refs).
REUPLOAD_RULE = "LLAMALICENSE-REUPLOAD"
DERIVATIVE_RULE = "LLAMALICENSE-KNOWN-DERIVATIVE"
NOT_LLAMA_RULE = "LLAMALICENSE-NOT-LLAMA"
LLAMA_NAME = re.compile(r"llama|(^|[-_/.])l[23](\.\d)?([-_.]|$)", re.IGNORECASE)
# Names of other model families: a Llama license label on such a model looks wrong.
OTHER_FAMILIES = re.compile(
    r"\b(mistral|mixtral|qwen|gemma|phi-?[0-9]|falcon|gpt-?2|gpt-?j|gpt-?neo|bloom|"
    r"deepseek|yi-|olmo|stablelm|mpt-)",
    re.IGNORECASE,
)
_LOCAL = re.compile(r"^([A-Za-z]:[/\\]|[/~.\\])")


@dataclass(frozen=True)
class Reupload:
    id: str
    of: str
    relation: str  # copy | quantized


@dataclass(frozen=True)
class Independent:
    prefix: str
    reason: str


@dataclass(frozen=True)
class Derivative:
    """A well-known model built on a release, with the public page that says so and the
    public copy a person checked the entry against."""

    id: str
    of: str
    relation: str  # finetune | continued-pretraining | distill | merge
    source: str
    checked: str = ""


@dataclass(frozen=True)
class KnownCopies:
    reuploads: dict[str, Reupload]
    independent: tuple[Independent, ...]
    derivatives: dict[str, Derivative] = field(default_factory=dict)

    def reupload(self, model_id: str) -> Reupload | None:
        return self.reuploads.get(normalize_model_id(model_id))

    def derivative(self, model_id: str) -> Derivative | None:
        return self.derivatives.get(normalize_model_id(model_id))

    def independent_of(self, model_id: str) -> Independent | None:
        key = normalize_model_id(model_id)
        return next((i for i in self.independent if key.startswith(i.prefix.lower())), None)


@cache
def known_copies() -> KnownCopies:
    """``rules/data/reuploads.yaml``, checked."""
    path = rules_dir() / "data" / "reuploads.yaml"
    data: Any = load_file(path, display=str(path)).data
    try:
        reuploads = {
            normalize_model_id(str(r["id"])): Reupload(
                str(r["id"]), str(r["of"]), str(r["relation"])
            )
            for r in data["reuploads"]
        }
        independent = tuple(
            Independent(str(i["prefix"]), " ".join(str(i["reason"]).split()))
            for i in data["independent"]
        )
    except (KeyError, TypeError) as exc:
        raise RuleError(f"malformed re-upload table: {exc}", file=str(path)) from None
    for reupload in reuploads.values():
        if reupload.relation not in ("copy", "quantized"):
            raise RuleError(
                f"re-upload {reupload.id}: relation {reupload.relation!r}",
                file=str(path),
                hint="use copy or quantized",
            )
    return KnownCopies(reuploads, independent, _derivatives())


DERIVATION_RELATIONS = ("finetune", "continued-pretraining", "distill", "merge")


def _derivatives() -> dict[str, Derivative]:
    """``rules/data/derivatives.yaml``, checked: every entry has a relation, a source and
    what was checked."""
    path = rules_dir() / "data" / "derivatives.yaml"
    data: Any = load_file(path, display=str(path)).data
    out: dict[str, Derivative] = {}
    try:
        for entry in data["derivatives"]:
            found = Derivative(
                str(entry["id"]),
                str(entry["of"]),
                str(entry["relation"]),
                str(entry["source"]),
                " ".join(str(entry["checked"]).split()),
            )
            if (
                found.relation not in DERIVATION_RELATIONS
                or not found.source.startswith("https://")
                or not found.checked
            ):
                raise RuleError(
                    f"derivative {found.id}: relation {found.relation!r}, source {found.source!r}",
                    file=str(path),
                    hint="relation: " + " | ".join(DERIVATION_RELATIONS) + "; source: a URL; "
                    "checked: the public copy the entry was compared with",
                )
            out[normalize_model_id(found.id)] = found
    except (KeyError, TypeError) as exc:
        raise RuleError(f"malformed derivatives table: {exc}", file=str(path)) from None
    return out


def is_llama_named(model_id: str) -> bool:
    """ "Llama", or the community shorthand L2 / L3, in the model's name."""
    return bool(LLAMA_NAME.search(model_id.rsplit("/", 1)[-1])) or "llama" in model_id.lower()


def is_local_path(model_id: str) -> bool:
    return bool(_LOCAL.match(model_id)) or "\\" in model_id or model_id.count("/") > 1


@dataclass(frozen=True)
class IdMeaning:
    """What a Hub id stands for, from the id alone: the one reading shared by a manifest's
    ``ref``, a card's ``base_model`` and a BOM ancestor.

    ``kind``: ``release`` (in the catalog, by id or alias), ``reupload`` (a known copy or
    quantization of Meta's weights; ``release`` is the one it copies), ``derivative`` (a
    well-known model built on a release, ``rules/data/derivatives.yaml``), ``independent`` (a
    "Llama" name known not to be made from Meta's weights), ``unknown-meta`` (Meta's
    namespace, not in the catalog), ``llama-named`` ("Llama", L2 or L3 in the name, nothing
    known), ``local`` (a path on someone's disk), ``unresolved`` (nothing says what it is
    built on) or ``other`` (the name of another model family).
    """

    kind: str
    release: Release | None = None
    reupload: Reupload | None = None
    derivative: Derivative | None = None
    independent: Independent | None = None


def id_meaning(model_id: str, catalog: Catalog) -> IdMeaning:
    """Read ``model_id`` in the order the resolver does (docs/inputs.md)."""
    release = catalog.lookup(model_id)  # first: a URL to the Hub is not a local path
    if release is not None:
        return IdMeaning("release", release=release)
    if is_local_path(model_id):
        return IdMeaning("local")
    copies = known_copies()
    reupload = copies.reupload(model_id)
    if reupload is not None:
        return IdMeaning(
            "reupload", release=_release_of(reupload.id, reupload.of, catalog), reupload=reupload
        )
    derivative = copies.derivative(model_id)
    if derivative is not None:
        of = _release_of(derivative.id, derivative.of, catalog)
        return IdMeaning("derivative", release=of, derivative=derivative)
    independent = copies.independent_of(model_id)
    if independent is not None:
        return IdMeaning("independent", independent=independent)
    if is_meta_namespace(model_id):
        return IdMeaning("unknown-meta")
    if is_llama_named(model_id):
        return IdMeaning("llama-named")
    if not OTHER_FAMILIES.search(model_id):
        return IdMeaning("unresolved")
    return IdMeaning("other")


def _release_of(model_id: str, of: str, catalog: Catalog) -> Release:
    release = catalog.lookup(of)
    if release is None:
        raise RuleError(
            f"{model_id} names {of}, which is not in the catalog",
            file="rules/data/reuploads.yaml",
        )
    return release
