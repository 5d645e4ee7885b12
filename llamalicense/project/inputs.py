"""A manifest's ``card:`` and ``bom:`` fields: components filled in from model cards and BOMs.

* ``card: models/acme/README.md`` on a component takes the card's name, declared license
  and lineage (``base_model``, resolved like discovery does). Fields the manifest gives
  itself win: a manifest ``name`` or ``derived_from`` replaces the card's. The card path must
  stay inside the project folder.
* ``bom: sbom.cdx.json`` (or a list) at the top level adds the BOM's components; a manifest
  component with the same id refines the imported one field by field (the usual way to say
  ``distributed: true`` or where the Notice file is).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from llamalicense.catalog.data import load_catalog
from llamalicense.documents.loader import Document
from llamalicense.model.project import Component, Evidence
from llamalicense.project.discover import card_license_values
from llamalicense.project.readers.bom import components_from_bom, merge_overrides
from llamalicense.project.readers.cards import NAME_STRENGTH, read_card
from llamalicense.project.resolve import Resolver

if TYPE_CHECKING:
    from llamalicense.project.hub.chain import HubResolver

# Manifest keys that map to Component fields of another name (or to none).
_FIELD_OF = {"attribution": "attribution", "card": None, "license": "license"}


def apply_imports(
    data: dict[str, Any],
    components: tuple[Component, ...],
    document: Document,
    root: Path,
    hub: HubResolver | None = None,
) -> tuple[Component, ...]:
    """Components with ``card:`` filled in, plus the components of every ``bom:`` file."""
    raws: list[dict[str, Any]] = data["components"]
    out = list(components)
    ids = [c.id for c in out]
    existing = {c.ref: c.id for c in out if c.ref}
    existing.update({c.id: c.id for c in out})
    resolver = Resolver(load_catalog(), existing=existing, reserved=ids, hub=hub)
    for index, (comp, raw) in enumerate(zip(components, raws, strict=True)):
        declared = _declared_license(raw)
        if "card" in raw:
            out[index] = _with_card(
                comp, raw, index, document=document, root=root, resolver=resolver
            )
        if declared is not None:
            out[index] = replace(out[index], license=declared)
    out.extend(resolver.components())
    for position, value in enumerate(_paths(data.get("bom"))):
        here: tuple[str | int, ...] = (
            ("bom",) if isinstance(data.get("bom"), str) else ("bom", position)
        )
        from llamalicense.project.manifest_checks import check_inside

        check_inside(value, root, document, here)
        taken = {c.id for c in out}
        for imported in components_from_bom(
            root / value, str(root / value), reserved=tuple(taken), hub=hub
        ):
            out = _merge_into(out, raws, imported)
    return tuple(out)


def _merge_into(
    out: list[Component], raws: list[dict[str, Any]], imported: Component
) -> list[Component]:
    for index, comp in enumerate(out):
        if comp.id != imported.id:
            continue
        given = {_FIELD_OF.get(k, k) for k in raws[index]} if index < len(raws) else set()
        merged = merge_overrides(imported, comp, {g for g in given if g})
        return [
            *out[:index],
            replace(merged, source=comp.source, line=comp.line),
            *out[index + 1 :],
        ]
    return [*out, imported]


def _with_card(
    comp: Component,
    raw: dict[str, Any],
    index: int,
    *,
    document: Document,
    root: Path,
    resolver: Resolver,
) -> Component:
    from llamalicense.project.manifest_checks import check_inside

    value = str(raw["card"])
    check_inside(value, root, document, ("components", index, "card"))
    display = str(root / PurePosixPath(value.replace("\\", "/")))
    card = read_card(root / value, display, strict=True)
    assert card is not None  # strict reading raises instead
    resolved = resolver.resolve_card(comp.id, card)
    # a name the manifest does not give is the card's, as sure as the card says it; an edge the
    # manifest does not give is the card's, with where the card says it (as discovery keeps it)
    named = (
        ()
        if "name" in raw
        else (Evidence("name", value, None, card.name_source, NAME_STRENGTH[card.name_source]),)
    )
    edges = tuple(
        replace(e, file=value) if e.file == card.path else e
        for e in resolved.evidence
        if e.about not in raw
    )
    return replace(
        comp,
        name=comp.name if "name" in raw else card.name,
        derived_from=comp.derived_from if "derived_from" in raw else tuple(resolved.derived_from),
        trained_on=comp.trained_on if "trained_on" in raw else tuple(resolved.trained_on),
        license=card_license_values(card),
        notes=(*comp.notes, *resolved.notes),
        evidence=(*named, *edges),
        card=display,
        source=display,
        line=card.start_line or 1,
    )


def _declared_license(raw: dict[str, Any]) -> tuple[str, ...] | None:
    value = raw.get("license")
    if value is None:
        return None
    return (value,) if isinstance(value, str) else tuple(str(v) for v in value)


def _paths(value: Any) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else [str(v) for v in value]
