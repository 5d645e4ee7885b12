"""``llamalicense init``: a starter manifest from what discovery found under a folder.

Each model card becomes a component with ``card:`` (the card keeps giving its facts). Each
model found in other files (an adapter config, a recipe, a Modelfile, a GGUF file, a Space)
becomes a component written out in full, with a stub for every base it names (``ref:`` for an
official release, ``derived_from`` for a known re-upload or derivative), and each fact is
commented with the file, line and field it came from and how sure it is.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from llamalicense.documents.loader import load_yaml_text
from llamalicense.lineage.graph import Lineage
from llamalicense.model.project import WEAK_STRENGTHS, Component, is_url
from llamalicense.project.discover import discover, project_from_cards
from llamalicense.project.hub.settings import HubSettings
from llamalicense.tools.stubs import comment_lines, stub_lines, yaml_item

HEADER = """\
# llamalicense project manifest (docs/manifest.md), written by `llamalicense init` from the
# model cards found in this folder. Review every line: the tool cannot know who you are, and
# what it inferred from the cards is only as good as the cards.
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
        InputError: no model card under ``root``.
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
    lineage = Lineage(project, load_catalog())
    cards = {c.card: c for c in project.components if c.card}
    lines = [HEADER]
    for relative, card in discovered.cards:
        comp = cards[card.path]
        lines.extend(_component(comp, relative, lineage))
    by_id = {c.id: c for c in project.components}
    stubs: dict[str, Component] = {}
    for comp in written:
        if not comp.card:
            lines.extend(_fact_component(comp, lineage))
            _collect_bases(comp, by_id, stubs)
    for comp in cards.values():  # bases read from the Hub (--hub): kept, so no --hub is needed
        _collect_bases(comp, by_id, stubs, only=_from_hub)
    for stub in stubs.values():
        lines.extend(stub_lines(stub, why=_hub_why(stub)))
    text = "".join(lines)
    from llamalicense.project.manifest import build_project

    build_project(
        load_yaml_text(text, str(root / "llamalicense.yaml")), root
    )  # our bug if it fails
    return text


def _component(comp: Component, relative: str, lineage: Lineage) -> list[str]:
    """One component: comments (each one line of cleaned text, so a folder or card name
    with a line break cannot start a YAML line), then the entry as YAML emits it."""
    versions = ", ".join(lineage.licenses(comp.id)) or "none found"
    comments = [f"from {relative}: Llama versions {versions}"]
    entry: dict[str, object] = {"id": comp.id, "type": "model", "card": relative}
    if comp.name and _weak_name(comp):
        comments.append(
            f"name: {comp.name} is only a folder or file name: write the name it is published "
            "under as `name:`"
        )
    elif comp.name:  # the name the card shows
        entry["name"] = comp.name
    comments.append("distributed: a card describes a published model")
    entry["distributed"] = True
    comments += [f"review: {note.title}" for note in comp.notes if note.status == "needs-review"]
    attribution = {
        key: list(values)
        for key, values in (
            ("agreement", comp.attribution.agreement),
            ("notice", comp.attribution.notice),
            ("built_with_llama", comp.attribution.built_with_llama),
        )
        if values
    }
    if attribution:
        comments.append("attribution: files found beside the card; check them")
        entry["attribution"] = attribution
    return comment_lines(comments) + yaml_item(entry)


def _from_facts(comp: Component) -> bool:
    """A model or product discovery built from files other than a card."""
    from llamalicense.project.from_facts import NO_EVIDENCE_RULE

    if any(note.rule == NO_EVIDENCE_RULE for note in comp.notes):
        return False  # "no Llama evidence" is nothing to start from
    return any(e.about == "component" for e in comp.evidence) and comp.type in ("model", "product")


def _weak_name(comp: Component) -> bool:
    """Is the name only a heading, a folder or a file name (not declared)?"""
    return any(e.about == "name" and e.strength in WEAK_STRENGTHS for e in comp.evidence)


def _where(comp: Component, about: str, target: str = "") -> str:
    found = next(
        (e for e in comp.evidence if e.about == about and (not target or e.target == target)),
        None,
    )
    return f"from {found.shown()}" if found else "found by discovery"


def _fact_component(comp: Component, lineage: Lineage) -> list[str]:
    """A model or product found in files other than a card, each fact's source commented."""
    versions = ", ".join(lineage.licenses(comp.id)) or "none found"
    comments = [f"{_where(comp, 'component')}: Llama versions {versions}"]
    entry: dict[str, object] = {"id": comp.id, "type": comp.type}
    if comp.name and _weak_name(comp):
        comments.append(
            f"name: {comp.name} ({_where(comp, 'name')}) is only a folder or file name: write "
            "the name it is published under as `name:`"
        )
    elif comp.name:
        comments.append(f"name {_where(comp, 'name')}")
        entry["name"] = comp.name
    if comp.derived_from:
        entry["derived_from"] = [{"id": d.id, "relation": d.relation} for d in comp.derived_from]
        comments += [
            f"derived_from {d.id}: {_where(comp, 'derived_from', d.id)}" for d in comp.derived_from
        ]
    if comp.contains:
        entry["contains"] = list(comp.contains)
        comments.append(f"contains {_where(comp, 'contains')}")
    if comp.distributed is not None:
        entry["distributed"] = True
        comments.append("distributed: its weights are here, or it is published")
    else:
        comments.append("say whether it is distributed or made available (`distributed:`)")
    if comp.license:
        entry["license"] = list(comp.license)
        comments.append("license: as declared in the file")
    comments += [f"review: {note.title}" for note in comp.notes if note.status == "needs-review"]
    return comment_lines(comments) + yaml_item(entry)


def _collect_bases(
    comp: Component,
    by_id: dict[str, Component],
    stubs: dict[str, Component],
    only: Callable[[Component], bool] | None = None,
) -> None:
    """Every base a written component refers to (those ``only`` accepts, when given), down to
    the releases (each once)."""
    pending = [
        d.id for d in comp.derived_from if only is None or (d.id in by_id and only(by_id[d.id]))
    ]
    pending += list(comp.contains) if only is None else []
    while pending:
        target = pending.pop()
        base = by_id.get(target)
        if base is None or base.id in stubs or base.card or _from_facts(base):
            continue
        stubs[base.id] = base
        pending.extend(d.id for d in base.derived_from)


def _hub_why(base: Component) -> list[str]:
    """A stub's comments: where it was found, and for a base read from the Hub (--hub), the
    card URL and field each ``derived_from`` came from."""
    why = ["a base the files above name"]
    if _from_hub(base):
        why += [
            f"derived_from {d.id}: {_where(base, 'derived_from', d.id)}" for d in base.derived_from
        ]
    return why


def _from_hub(comp: Component) -> bool:
    """Was the component's lineage read from a Hub card (``--hub``)?"""
    return any(e.about == "derived_from" and is_url(e.file) for e in comp.evidence)
