"""Manifest stubs for the bases a component names: what ``init`` writes after the models it
found, and what ``fix`` adds for a base a model card names that the check resolved (one
writer for both).

A stub is the least a manifest needs to keep a base's lineage as the check resolved it: its
id, its type, ``ref:`` for an official release (or ``derived_from`` for a known re-upload or
derivative; ``ref:`` with the id itself for an id the tool could not resolve, so the check
keeps it under review; the ``declared:`` stand-in of a declared Llama license, with a comment
asking for the release), ``generated_by`` for a dataset a project file says a model produced,
and ``distributed`` as the check took it (a base the tool adds is not
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
    if base.type == "model" and not base.ref and not base.derived_from and "/" in base.id:
        entry["ref"] = base.id  # what the id means is read again from the catalog
        todo.append(_unresolved(base.id))
    elif base.ref:
        entry["ref"] = base.ref
    if base.ref and base.ref.startswith(DECLARED_PREFIX):  # kept, or the version is lost
        todo.append(
            f"the Llama version comes from a declared license alone (`ref: {base.ref}` stands "
            "for that version's materials): name the release this model is built on with "
            "`ref:` or `derived_from`"
        )
    if base.derived_from:
        entry["derived_from"] = [
            {"id": rename(d.id), "relation": d.relation} for d in base.derived_from
        ]
    if base.generated_by:
        entry["generated_by"] = [rename(g) for g in base.generated_by]
        todo += [
            f"generated_by {rename(e.target)}: from {e.shown()}"
            for e in base.evidence
            if e.about == "generated_by"
        ]
    elif base.type == "dataset":
        todo.append(
            "what generated it is not known here: if a model's outputs made it, add "
            "`generated_by` (the Llama outputs clause follows that edge)"
        )
    if base.distributed is not None:
        entry["distributed"] = base.distributed
    return entry, todo


def _unresolved(model_id: str) -> str:
    from llamalicense.catalog.data import load_catalog
    from llamalicense.catalog.model_ids import id_meaning

    if id_meaning(model_id, load_catalog()).kind in ("independent", "other"):
        return "known not to be made from Llama weights (`ref` says so in the report)"
    return (
        "not a known release, re-upload or derivative: `ref` keeps it under review; replace it "
        "with `derived_from` the release it is built on, or say it is not Llama"
    )


def collect_bases(
    roots: Iterable[Component],
    by_id: dict[str, Component],
    written: Callable[[Component], bool],
) -> list[Component]:
    """Every component ``roots`` refer to (bases, contents, datasets and their generators),
    down to the releases, each once, in the order first met; ``written`` ones (written out
    in full elsewhere) are not stubs."""
    stubs: dict[str, Component] = {}
    for root in roots:
        pending = list(reversed(references(root)))
        while pending:
            target = pending.pop()
            base = by_id.get(target)
            if base is None or base.id in stubs or written(base):
                continue
            stubs[base.id] = base
            pending.extend(reversed(references(base)))
    return list(stubs.values())


def references(comp: Component) -> list[str]:
    """The ids ``comp`` refers to, in manifest order."""
    return [
        *(d.id for d in comp.derived_from),
        *comp.trained_on,
        *comp.generated_by,
        *comp.contains,
    ]


def found_where(base: Component) -> str:
    """The first comment of a stub ``init`` writes: what it is and where it was read."""
    where = next((e for e in base.evidence if e.about == "component"), None)
    if base.type == "dataset":
        return f"a dataset {'named in ' + where.shown() if where else 'the files above name'}"
    return "a base the files above name"


def comment_lines(comments: Iterable[str], indent: str = "  ") -> list[str]:
    """Each comment as one ``# …`` line at ``indent``, cleaned."""
    return [f"{indent}# {clean(comment)}\n" for comment in comments]


def yaml_item(entry: dict[str, object], indent: str = "  ") -> list[str]:
    """``entry`` as one item of a block list whose dashes are at ``indent``, by the emitter."""
    text = yaml.safe_dump(
        [entry], sort_keys=False, allow_unicode=True, default_flow_style=False, width=1000
    )
    return [f"{indent}{line}\n" for line in text.splitlines()]
