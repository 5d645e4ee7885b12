"""A base model placed through the Hub (``--hub``): the ids its chain met become components,
each edge carrying the card URL and field it was read from (strength: declared, the remote
card's own metadata), and the owner gets a note with the chain or what stopped it."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from llamalicense.catalog.data import normalize_model_id
from llamalicense.model.project import Derivation, Evidence
from llamalicense.project.hub.chain import HubAnswer, HubResolver
from llamalicense.project.hub.notes import hub_note

if TYPE_CHECKING:
    from llamalicense.project.resolve import Resolved, Resolver


def resolve_from_hub(
    resolver: Resolver,
    hub: HubResolver,
    model_id: str,
    *,
    relation: str,
    owner: str,
    result: Resolved,
) -> str:
    """Resolve ``model_id`` through ``hub`` into ``result``; the kind reached (``hub`` when
    every branch led to a known id, else ``llama-named``: unsure, the card's text and
    declared license may say more)."""
    answer = hub.resolve(model_id)
    target = _components(resolver, answer)
    result.derived_from.append(Derivation(target, relation))
    note = hub_note(owner, answer)
    result.notes.append(note)
    return "hub" if note.status == "pass" and answer.releases else "llama-named"


def _components(resolver: Resolver, answer: HubAnswer) -> str:
    """A component per id met (edges from the cards), returning the one of ``answer.asked``."""
    ids = {normalize_model_id(node): resolver.plain_component(node) for node in answer.nodes}
    by_child: dict[str, list[tuple[str, str, Evidence]]] = {}
    for edge in answer.edges:
        parent = normalize_model_id(edge.parent)
        target = ids[parent] if parent in ids else resolver.known_component(edge.parent)
        evidence = Evidence("derived_from", edge.url, None, edge.field, "declared", target)
        by_child.setdefault(normalize_model_id(edge.child), []).append(
            (target, edge.relation, evidence)
        )
    for key, edges in by_child.items():
        component_id = ids[key]
        old = resolver.created[component_id]
        if old.derived_from:
            continue  # placed already (by an earlier chain, or a local card)
        resolver.created[component_id] = replace(
            old,
            derived_from=tuple(Derivation(t, r) for t, r, _ in edges),
            evidence=(*old.evidence, *(e for _, _, e in edges)),
        )
    return ids[normalize_model_id(answer.asked)]
