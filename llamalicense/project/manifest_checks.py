"""The checks of a manifest that its JSON Schema cannot express.

Component ids are unique; ``ref`` is only on models; each reference field
(``derived_from``, ``trained_on``, ``generated_by``, ``contains``) is allowed on its
component's type and names another component of a type it may point at; evidence paths stay
inside the project folder (no ``..``, absolute paths or symlinks out). Each failure is a
:class:`ManifestError` located in the document (:func:`fail`), with a hint ("did you mean
…"). The checks note every failure in :class:`Problems`, which raises them all (up to
:data:`MAX_ERRORS`) in document order. Cycles are found by the lineage module, which owns
the graph.
"""

from __future__ import annotations

import difflib
from pathlib import Path, PurePosixPath
from typing import NoReturn

from llamalicense.documents.jsonpath import render as json_path
from llamalicense.documents.loader import Document
from llamalicense.documents.schema_words import position
from llamalicense.errors import ManifestError
from llamalicense.model.project import Component
from llamalicense.safetext import excerpt

# Which component types may hold each reference field, and which types it may point at.
_REFERENCE_RULES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "derived_from": (("model",), ("model",)),
    "trained_on": (("model",), ("dataset",)),
    "generated_by": (("dataset",), ("model",)),
    "contains": (("product", "model"), ("model", "dataset", "product")),
}


# Errors shown for one manifest (its schema errors, or the errors the checks below find);
# past it, the message says how many more there are.
MAX_ERRORS = 20

PathKey = tuple[str | int, ...]


def fail(document: Document, path: PathKey, message: str, hint: str | None) -> ManifestError:
    """The error to raise about the value at ``path``, located in ``document``."""
    located = document.locate(path)
    return ManifestError(
        message,
        file=document.path,
        line=located[0] if located else None,
        column=located[1] if located else None,
        json_path=json_path(path),
        hint=hint,
    )


def raise_all(errors: list[ManifestError], found: int) -> NoReturn:
    """Raise the first of ``errors`` with the others after it; ``found`` counts them all,
    kept or not."""
    first, *others = errors
    raise first.with_others(tuple(others), found - 1 - len(others))


class Problems:
    """The errors a manifest's checks find after its schema check, all of them: each is
    noted with its place, and :meth:`raise_found` raises them in document order (an error
    in item 2 before one in item 10, keys as written), the first :data:`MAX_ERRORS`
    located and worded, with how many more there were."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.found: list[tuple[tuple[int, ...], int, PathKey, str, str | None]] = []

    def add(self, path: PathKey, message: str, hint: str | None) -> None:
        place = position(self.document.data, path)
        self.found.append((place, len(self.found), path, message, hint))

    def __bool__(self) -> bool:
        return bool(self.found)

    def raise_found(self) -> None:
        """Raise the errors noted so far, if any (located only the ones shown)."""
        if not self.found:
            return
        kept = sorted(self.found, key=lambda item: item[:2])[:MAX_ERRORS]
        errors = [fail(self.document, path, message, hint) for _, _, path, message, hint in kept]
        raise_all(errors, len(self.found))


def outside_problem(value: str, root: Path) -> tuple[str, str] | None:
    """What is wrong with evidence path ``value`` (message and hint) when it leaves the
    project folder: ``..``, absolute, symlinks out; None when it stays inside."""
    pure = PurePosixPath(value.replace("\\", "/"))
    hint = "evidence must be a path inside the project folder (relative to the manifest) or a URL"
    if pure.is_absolute() or (len(value) > 1 and value[1] == ":"):
        return f"absolute path {excerpt(value)} is not allowed", hint
    if "\x00" in value:  # possible from JSON ("\u0000"); the OS rejects it with ValueError
        return f"path {excerpt(value)} contains a NUL character", hint
    if ".." in pure.parts:
        return f"path {excerpt(value)} leaves the project folder", hint
    target = root / Path(*pure.parts) if pure.parts else root
    try:
        resolved = target.resolve()
        inside = resolved.is_relative_to(root.resolve())
    except (OSError, RuntimeError):
        inside = False
    if not inside:
        return f"path {excerpt(value)} points outside the project folder (symlink)", hint
    return None


def check_inside(value: str, root: Path, document: Document, here: PathKey) -> None:
    """Reject evidence paths that leave the project folder: ``..``, absolute, symlinks."""
    problem = outside_problem(value, root)
    if problem is not None:
        raise fail(document, here, *problem)


class ReferenceScreen:
    """Whether :func:`check_references` would certainly pass, seen while the components are
    built (a second pass over 100,000s of components costs mostly memory reads).

    :meth:`add` each component in manifest order. A component passes the screen when its
    ``ref`` is allowed, each of its reference fields is allowed on its type, and each
    reference names an earlier component (not itself) of a type the field may point at; ids
    must be unique. Anything else (an error, or a reference to a later component) leaves
    the answer to :func:`check_references`, whose errors users see.
    """

    def __init__(self) -> None:
        self.types: dict[str, str] = {}  # the type of each id seen so far
        self.clear = True

    def add(self, comp: Component) -> None:
        types, kind = self.types, comp.type
        if comp.id in types or (comp.ref is not None and kind != "model"):
            self.clear = False
        if comp.derived_from or comp.trained_on or comp.generated_by or comp.contains:
            for field_name, (holders, targets) in _REFERENCE_RULES.items():
                values = getattr(comp, field_name)
                if not values:
                    continue
                if kind not in holders:
                    self.clear = False
                for value in values:
                    target: str = value.id if field_name == "derived_from" else value
                    if types.get(target) not in targets:  # unknown, later, or the wrong type
                        self.clear = False
        types[comp.id] = kind  # after its references: a reference to itself is unknown here


def check_references(components: tuple[Component, ...], document: Document) -> None:
    """Unique ids, `ref` only on models, and each reference allowed on its component and
    naming a component of the right type (not itself); raises every error found."""
    problems = Problems(document)
    reference_problems(components, problems)
    problems.raise_found()


def reference_problems(components: tuple[Component, ...], problems: Problems) -> None:
    """Note in ``problems`` each duplicate id, each `ref` not on a model, and each
    reference not allowed on its component or not naming a component of the right type."""
    types = {comp.id: comp.type for comp in components}  # the type of each component id
    if len(types) != len(components):
        _check_unique(components, problems)
    rules = tuple(_REFERENCE_RULES.items())
    for index, comp in enumerate(components):
        kind = comp.type
        if comp.ref is not None and kind != "model":
            problems.add(
                ("components", index, "ref"),
                f"`ref` is only for models, and {comp.id!r} is a {kind}",
                "use `ref` on a model component that stands for an official release",
            )
        if not (comp.derived_from or comp.trained_on or comp.generated_by or comp.contains):
            continue  # refers to nothing (attributes read directly: this runs 100,000 times)
        for field_name, (holders, targets) in rules:
            values = getattr(comp, field_name)
            if not values:
                continue
            if kind not in holders:
                problems.add(
                    ("components", index, field_name),
                    f"`{field_name}` is not allowed on a {kind}",
                    f"`{field_name}` belongs on: " + ", ".join(holders),
                )
                continue
            for place, value in enumerate(values):
                target: str = value.id if field_name == "derived_from" else value
                if types.get(target) in targets and target != comp.id:
                    continue  # what _check_target accepts (keep the two in step)
                here: PathKey = ("components", index, field_name, place)
                if field_name == "derived_from":
                    here = (*here, "id")
                _check_target(
                    problems,
                    here=here,
                    comp=comp,
                    target=target,
                    types=types,
                    field_name=field_name,
                    targets=targets,
                )


def _check_unique(components: tuple[Component, ...], problems: Problems) -> None:
    """Note each component that uses an id an earlier one has."""
    seen: set[str] = set()
    for index, comp in enumerate(components):
        if comp.id in seen:
            problems.add(
                ("components", index, "id"),
                f"duplicate component id {comp.id!r}",
                "give every component its own id",
            )
        seen.add(comp.id)


def _check_target(
    problems: Problems,
    *,
    here: PathKey,
    comp: Component,
    target: str,
    types: dict[str, str],
    field_name: str,
    targets: tuple[str, ...],
) -> None:
    other = types.get(target)
    if other is None:
        close = difflib.get_close_matches(target, list(types), n=1)
        problems.add(
            here,
            f"{comp.id!r} refers to unknown component {target!r}",
            (f"did you mean {close[0]!r}? " if close else "")
            + "every id in derived_from, trained_on, generated_by and contains must be the id "
            "of a component in this manifest",
        )
    elif other not in targets:
        problems.add(
            here,
            f"`{field_name}` of {comp.id!r} names {target!r}, which is a {other}",
            f"`{field_name}` must name: " + ", ".join(targets),
        )
    elif target == comp.id:
        problems.add(here, f"{comp.id!r} refers to itself", "remove the reference")
