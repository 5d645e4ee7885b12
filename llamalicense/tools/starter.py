"""``llamalicense init``: a starter manifest from the model cards found under a folder."""

from __future__ import annotations

import json
from pathlib import Path

from llamalicense.documents.loader import load_yaml_text
from llamalicense.lineage.graph import Lineage
from llamalicense.model.project import Component
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
    if not discovered.cards:
        raise InputError(
            "no model cards found in this folder, so there is nothing to start from",
            file=str(root),
            hint="write llamalicense.yaml by hand (docs/manifest.md), or run init in the folder "
            "that holds your models' README.md cards",
        )
    project = project_from_cards(discovered)
    lineage = Lineage(project, load_catalog())
    cards = {c.card: c for c in project.components if c.card}
    lines = [HEADER]
    for relative, card in discovered.cards:
        comp = cards[card.path]
        lines.extend(_component(comp, relative, lineage))
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
    if comp.name:
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
