"""A component written as one item of a manifest's ``components:`` list, with its comments.

``llamalicense init`` writes the bases the files it found name, and ``llamalicense fix``
adds to a manifest the bases its model cards name; both write a base with :func:`stub_lines`,
so a stub reads the same wherever it comes from: its id and type, ``ref:`` for an official
release (or ``derived_from`` for a known re-upload or derivative), ``distributed`` as the
check took it, each comment one line of cleaned text (a file name with a line break cannot
start a YAML line) and the entry as the YAML emitter writes it (quoting and escaping are the
emitter's, never string concatenation).
"""

from __future__ import annotations

from collections.abc import Sequence

import yaml

from llamalicense.catalog.data import DECLARED_PREFIX
from llamalicense.model.project import Component
from llamalicense.safetext import clean


def yaml_item(entry: dict[str, object], indent: str = "  ") -> str:
    """``entry`` as one item of a block list whose dashes are at ``indent``."""
    text = yaml.safe_dump(
        [entry], sort_keys=False, allow_unicode=True, default_flow_style=False, width=1000
    )
    return "".join(f"{indent}{line}\n" for line in text.splitlines())


def commented_item(
    comments: Sequence[str], entry: dict[str, object], indent: str = "  "
) -> list[str]:
    """The lines of ``entry`` as a list item, each comment on a line of its own before it."""
    return [f"{indent}# {clean(comment)}\n" for comment in comments] + [yaml_item(entry, indent)]


def stub_entry(base: Component) -> tuple[dict[str, object], list[str]]:
    """The manifest entry of a base, and what a person must add to it (as comments)."""
    entry: dict[str, object] = {"id": base.id, "type": base.type}
    todo: list[str] = []
    if base.ref and not base.ref.startswith(DECLARED_PREFIX):
        entry["ref"] = base.ref
    elif base.ref:
        todo.append(
            "the Llama version comes from a declared license alone: name the release this "
            "model is built on with `ref:` or `derived_from`"
        )
    if base.derived_from:
        entry["derived_from"] = [{"id": d.id, "relation": d.relation} for d in base.derived_from]
    if base.distributed is not None:
        entry["distributed"] = base.distributed
    return entry, todo


def stub_lines(base: Component, comments: Sequence[str], indent: str = "  ") -> list[str]:
    """A base as a commented list item: ``comments`` first, then what is left to add."""
    entry, todo = stub_entry(base)
    return commented_item([*comments, *todo], entry, indent)
