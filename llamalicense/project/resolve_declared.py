"""A declared Llama license as lineage, when nothing else leads to a release.

A publisher that declares ``license: llama3.1`` on a model states that the Llama 3.1 license
governs it. When none of the model's bases leads to an official release (none given, or only
ids that cannot be resolved), the model is tied to the stand-in for "the Llama 3.1 materials"
(``declared:llama-3.1``, :func:`llamalicense.catalog.data.declared_release`), so that
version's duties are checked; the license-declaration finding says the base is unknown. A
label on a model whose name or base points to another family (Mistral, Qwen, ...) is not
applied: it looks wrong. The research license (LLaMA 1) brings no stand-in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from llamalicense.catalog.data import DECLARED_PREFIX
from llamalicense.catalog.licenses import LLAMA, RESEARCH_LICENSE
from llamalicense.catalog.model_ids import OTHER_FAMILIES, is_llama_named
from llamalicense.model.project import Derivation, Evidence
from llamalicense.project.readers.cards import Card

if TYPE_CHECKING:
    from llamalicense.project.resolve import Resolved, Resolver


def declared_lineage(resolver: Resolver, card: Card, result: Resolved, relation: str) -> None:
    """Add the stand-in of each declared Llama version to ``result`` when nothing else in
    it leads to a release."""
    versions = sorted(
        {
            d.version
            for d in card.licenses
            if d.kind == LLAMA and d.version and d.version != RESEARCH_LICENSE
        }
    )
    created = resolver.created
    reached = {created[d.id].ref for d in result.derived_from if d.id in created}
    if not versions or any(r and resolver.catalog.lookup(r) for r in reached):
        return
    if other_family(card):
        return  # a Mistral or Qwen model labelled llama2: the label looks wrong
    for version in versions:
        release = resolver.catalog.lookup(DECLARED_PREFIX + version)
        if release is None:  # pragma: no cover - every version has its stand-in
            continue
        target = resolver.release_component(release)
        result.derived_from.append(Derivation(target, relation))
        field_name = next(d.field for d in card.licenses if d.version == version)
        result.evidence.append(
            Evidence(
                "derived_from", card.path, card.line_of(field_name), field_name, "declared", target
            )
        )


def other_family(card: Card) -> bool:
    """Does the card's name or a base point to another model family (and not to Llama)?"""
    names = [card.name or "", *(b.id for b in card.bases)]
    return any(OTHER_FAMILIES.search(n) and not is_llama_named(n) for n in names)
