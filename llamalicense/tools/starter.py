"""``llamalicense init``: a starter manifest from the model cards found under a folder."""

from __future__ import annotations

from pathlib import Path

import yaml

from llamalicense.documents.loader import load_yaml_text
from llamalicense.lineage.graph import Lineage
from llamalicense.model.project import Component
from llamalicense.project.discover import discover, project_from_cards
from llamalicense.safetext import clean

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
    """One component: comments (each one line of cleaned text, so a folder or card name
    with a line break cannot start a YAML line), then the entry as YAML emits it."""
    versions = ", ".join(lineage.licenses(comp.id)) or "none found"
    comments = [f"from {relative}: Llama versions {versions}"]
    entry: dict[str, object] = {"id": comp.id, "type": "model", "card": relative}
    if comp.name:  # the name the card shows
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
    return [f"  # {clean(comment)}\n" for comment in comments] + [_yaml_item(entry)]


def _yaml_item(entry: dict[str, object]) -> str:
    """``entry`` as one item of the ``components:`` list, by the YAML emitter (quoting and
    escaping are the emitter's, never string concatenation)."""
    text = yaml.safe_dump(
        [entry], sort_keys=False, allow_unicode=True, default_flow_style=False, width=1000
    )
    return "".join(f"  {line}\n" for line in text.splitlines())
