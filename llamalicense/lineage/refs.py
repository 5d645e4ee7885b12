"""A component's ``ref``: the official release it stands for, read as a card's ``base_model``.

A ``ref`` is read by :func:`~llamalicense.catalog.model_ids.id_meaning`, the reading model
cards and BOMs get: the catalog (ids and aliases), then the known re-uploads of Meta's weights
(``rules/data/reuploads.yaml``, Code Llama's ``codellama/`` copies among them). What it could
not resolve to a release is a needs-review note naming the id, never a silent pass; a re-upload
and a model known to be independent of Meta's weights are pass notes that say what was read.
"""

from __future__ import annotations

from collections.abc import Iterable

from llamalicense.catalog.data import Catalog, Release
from llamalicense.catalog.model_ids import (
    DERIVATIVE_RULE,
    NOT_LLAMA_RULE,
    REUPLOAD_RULE,
    IdMeaning,
    id_meaning,
)
from llamalicense.model.project import Component, Note

UNKNOWN_MODEL_RULE = "LLAMALICENSE-UNKNOWN-MODEL"


def resolve_refs(
    components: Iterable[Component], catalog: Catalog
) -> tuple[dict[str, Release], dict[str, Note]]:
    """The release each component's ``ref`` stands for, and a note on each ``ref`` that is not
    simply a catalogued id (by component id)."""
    releases: dict[str, Release] = {}
    notes: dict[str, Note] = {}
    for comp in components:
        assert comp.ref is not None
        meaning = id_meaning(comp.ref, catalog)
        if meaning.release is not None:
            releases[comp.id] = meaning.release
        note = _note(comp.id, comp.ref, meaning)
        if note is not None:
            notes[comp.id] = note
    return releases, notes


def _note(component_id: str, ref: str, meaning: IdMeaning) -> Note | None:
    kind = meaning.kind
    if kind == "release":
        return None
    if meaning.reupload is not None and meaning.release is not None:
        official = meaning.release.id
        what = "a copy" if meaning.reupload.relation == "copy" else "a quantization or conversion"
        return Note(
            rule=REUPLOAD_RULE,
            status="pass",
            title="A model ref is a known re-upload of Meta's weights",
            message=(
                f"{component_id} refers to {ref}, {what} of Meta's {official} "
                f"(rules/data/reuploads.yaml), so the license of {official} "
                f"({_title(meaning.release.license)}) governs it."
            ),
            subject=official,
        )
    if meaning.derivative is not None and meaning.release is not None:
        official = meaning.release.id
        return Note(
            rule=DERIVATIVE_RULE,
            status="pass",
            title="A model ref is a known derivative of a Llama release",
            message=(
                f"{component_id} refers to {ref}, a {meaning.derivative.relation} of Meta's "
                f"{official} (rules/data/derivatives.yaml, from {meaning.derivative.source}), "
                f"so the license of {official} ({_title(meaning.release.license)}) governs it."
            ),
            subject=official,
        )
    if meaning.independent is not None:
        return Note(
            rule=NOT_LLAMA_RULE,
            status="pass",
            title="\u201cLlama\u201d in the name, but not made from Meta's Llama",
            message=(
                f"{component_id} refers to {ref}, which is not treated as a Llama release: "
                f"{meaning.independent.reason} No Llama license duty is assigned through it."
            ),
            how_to_fix="If this model does contain Meta's Llama weights, describe its lineage "
            "with `derived_from` the official release it is made from.",
            subject=ref,
        )
    if kind == "other":
        return None  # mistralai/..., another family: recorded, no Llama version (docs/manifest.md)
    why = {
        "unknown-meta": "is in Meta's namespace but not in the model catalog",
        "llama-named": "carries \u201cLlama\u201d (or L2/L3) in its name but is neither an "
        "official release in the catalog nor a known re-upload of Meta's weights",
        "local": "is a path on someone's disk, not a Hub id",
        "unresolved": "is not an official release, a known re-upload or a known derivative, "
        "and its name does not say what it is built on",
    }[kind]
    return Note(
        rule=UNKNOWN_MODEL_RULE,
        status="needs-review",
        title="A model ref is not a known Llama release",
        message=(
            f"{component_id} refers to {ref}, which {why}, so no Llama version (and no duty) "
            "could be assigned to it."
        ),
        how_to_fix=(
            f"If {ref} is an official release, check the id's spelling against the Hub (or add "
            "it to rules/catalog/, docs/catalog.md); if it is a copy or fine-tune of one, drop "
            "`ref` and give it `derived_from` the release it is made from; if it holds no Llama "
            "weights, drop `ref`."
        ),
        subject=ref,
    )


def _title(license_id: str) -> str:
    return "Llama " + license_id.removeprefix("llama-")
