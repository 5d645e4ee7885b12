"""Manifest stubs for the bases a component names: what ``init`` writes after the models it
found, and what ``fix`` adds for a base a model card names that the check resolved (one
writer for both).

A stub is the least a manifest needs to keep a base's lineage as the check resolved it: its
id, its type, ``ref:`` for an official release (or ``derived_from`` for a known re-upload or
derivative), and ``distributed`` as the check took it (a base the tool adds is not
distributed by you; left out, the check would ask about its distribution). Comments say
where it was found; each is one cleaned line (a file name with a line break cannot start a
YAML line). Entries are emitted by the YAML emitter (quoting and escaping are its own, never
string concatenation). ``indent`` is where the list's dashes go: ``init`` writes its own
manifest, ``fix`` follows the one it edits.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import yaml

from llamalicense.catalog.data import DECLARED_PREFIX
from llamalicense.model.project import Component
from llamalicense.safetext import clean

Rename = Callable[[str], str]


def stub_lines(
    base: Component,
    rename: Rename = str,
    *,
    why: Sequence[str] = ("a base the files above name",),
    indent: str = "  ",
) -> list[str]:
    """The manifest lines of one stub: the ``why`` comments, what is left to add, then the
    entry; ids passed through ``rename`` (the ids the manifest gives what it writes)."""
    entry, todo = stub_entry(base, rename)
    return comment_lines([*why, *todo], indent) + yaml_item(entry, indent)


def stub_entry(base: Component, rename: Rename = str) -> tuple[dict[str, object], list[str]]:
    """The entry of a stub as data, and what a person must add to it (its comments)."""
    entry: dict[str, object] = {"id": rename(base.id), "type": base.type}
    todo: list[str] = []
    if base.ref and not base.ref.startswith(DECLARED_PREFIX):
        entry["ref"] = base.ref
    elif base.ref:
        todo.append(
            "the Llama version comes from a declared license alone: name the release this "
            "model is built on with `ref:` or `derived_from`"
        )
    if base.derived_from:
        entry["derived_from"] = [
            {"id": rename(d.id), "relation": d.relation} for d in base.derived_from
        ]
    if base.distributed is not None:
        entry["distributed"] = base.distributed
    return entry, todo


def comment_lines(comments: Iterable[str], indent: str = "  ") -> list[str]:
    """Each comment as one ``# …`` line at ``indent``, cleaned."""
    return [f"{indent}# {clean(comment)}\n" for comment in comments]


def yaml_item(entry: dict[str, object], indent: str = "  ") -> list[str]:
    """``entry`` as one item of a block list whose dashes are at ``indent``, by the emitter."""
    text = yaml.safe_dump(
        [entry], sort_keys=False, allow_unicode=True, default_flow_style=False, width=1000
    )
    return [f"{indent}{line}\n" for line in text.splitlines()]
