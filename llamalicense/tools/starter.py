"""``llamalicense init``: a starter manifest from what discovery found under a folder.

Each model card becomes a component with ``card:`` (the card keeps giving its facts). Each
model found in other files (an adapter config, a recipe, a Modelfile, a GGUF file, a Space)
becomes a component written out in full, with a stub for every base it names (``ref:`` for an
official release, ``derived_from`` for a known re-upload or derivative), and each fact is
commented with the file, line and field it came from and how sure it is.
"""

from __future__ import annotations

import json
from pathlib import Path

from llamalicense.documents.loader import load_yaml_text
from llamalicense.lineage.graph import Lineage
from llamalicense.model.project import WEAK_STRENGTHS, Component
from llamalicense.project.discover import discover, project_from_cards

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


def starter_manifest(root: Path) -> str:
    """The text of a starter ``llamalicense.yaml`` for ``root`` (validated before returning).

    Raises:
        InputError: no model card under ``root``.
        LlamalicenseError: a card's front matter is malformed.
    """
    from llamalicense.catalog.data import load_catalog
    from llamalicense.errors import InputError

    discovered = discover(root)
    project = project_from_cards(discovered)
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
    for stub in stubs.values():
        lines.extend(_stub(stub))
    text = "".join(lines)
    from llamalicense.project.manifest import build_project

    build_project(
        load_yaml_text(text, str(root / "llamalicense.yaml")), root
    )  # our bug if it fails
    return text


def _component(comp: Component, relative: str, lineage: Lineage) -> list[str]:
    versions = ", ".join(lineage.licenses(comp.id)) or "none found"
    out = [
        f"  # from {relative}: Llama versions {versions}\n",
        f"  - id: {_quote(comp.id)}\n",
        "    type: model\n",
        f"    card: {_quote(relative)}\n",
    ]
    if comp.name and _weak_name(comp):
        out.append(
            f"    # name: {_quote(comp.name)}  # only a folder or file name: write the name "
            "it is published under\n"
        )
    elif comp.name:
        out.append(f"    name: {_quote(comp.name)}  # from the card: the name it is shown under\n")
    out.append("    distributed: true              # a card describes a published model\n")
    for note in comp.notes:
        if note.status == "needs-review":
            out.append(f"    # review: {note.title}\n")
    attribution = comp.attribution
    fields = [
        (key, values)
        for key, values in (
            ("agreement", attribution.agreement),
            ("notice", attribution.notice),
            ("built_with_llama", attribution.built_with_llama),
        )
        if values
    ]
    if fields:
        out.append("    attribution:                   # files found beside the card; check them\n")
        out.extend(f"      {key}: {_list(values)}\n" for key, values in fields)
    return out


def _quote(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _list(values: tuple[str, ...]) -> str:
    return "[" + ", ".join(_quote(v) for v in values) + "]"


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
    versions = ", ".join(lineage.licenses(comp.id)) or "none found"
    out = [
        f"  # {_where(comp, 'component')}: Llama versions {versions}\n",
        f"  - id: {_quote(comp.id)}\n",
        f"    type: {comp.type}\n",
    ]
    if comp.name and _weak_name(comp):
        out.append(
            f"    # name: {_quote(comp.name)}  # {_where(comp, 'name')}: write the name it is "
            "published under\n"
        )
    elif comp.name:
        out.append(f"    name: {_quote(comp.name)}  # {_where(comp, 'name')}\n")
    if comp.derived_from:
        out.append("    derived_from:\n")
        for link in comp.derived_from:
            out.append(
                f"      - {{id: {_quote(link.id)}, relation: {link.relation}}}"
                f"  # {_where(comp, 'derived_from', link.id)}\n"
            )
    if comp.contains:
        out.append(f"    contains: {_list(comp.contains)}  # {_where(comp, 'contains')}\n")
    if comp.distributed is not None:
        out.append(
            "    distributed: true              # its weights are here, or it is published\n"
        )
    else:
        out.append(
            "    # distributed: true            # say whether it is distributed or made available\n"
        )
    if comp.license:
        out.append(f"    license: {_list(comp.license)}  # as declared in the file\n")
    for note in comp.notes:
        if note.status == "needs-review":
            out.append(f"    # review: {note.title}\n")
    return out


def _collect_bases(
    comp: Component, by_id: dict[str, Component], stubs: dict[str, Component]
) -> None:
    """Every base a written component refers to, down to the releases (each once)."""
    pending = [d.id for d in comp.derived_from] + list(comp.contains)
    while pending:
        target = pending.pop()
        base = by_id.get(target)
        if base is None or base.id in stubs or base.card or _from_facts(base):
            continue
        stubs[base.id] = base
        pending.extend(d.id for d in base.derived_from)


def _stub(base: Component) -> list[str]:
    out = [f"  - id: {_quote(base.id)}              # a base the files above name\n"]
    out.append(f"    type: {base.type}\n")
    if base.ref and not base.ref.startswith("declared:"):
        out.append(f"    ref: {_quote(base.ref)}\n")
    elif base.ref:
        out.append(
            "    # the Llama version comes from a declared license alone: name the release\n"
            "    # this model is built on with `ref:` or `derived_from`\n"
        )
    if base.derived_from:
        out.append("    derived_from:\n")
        out.extend(
            f"      - {{id: {_quote(d.id)}, relation: {d.relation}}}\n" for d in base.derived_from
        )
    return out
