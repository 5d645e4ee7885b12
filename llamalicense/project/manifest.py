"""Load a project manifest: document -> JSON Schema -> cross-checks -> :class:`Project`.

Schema errors, unknown component references and unsafe evidence paths are all raised as
:class:`ManifestError` naming the file, the line and column, the JSON path, what was
expected and how to fix it: the schema's errors first, if any; otherwise every error the
later checks find (up to 20), in document order. Cycles are found by the lineage module,
which owns the graph.

This module reads the document into a :class:`Project` (the licensee and its MAU counts,
the components in one pass, their evidence paths); the schema check and its messages are in
:mod:`llamalicense.project.manifest_schema`, the reference and evidence-path checks in
:mod:`llamalicense.project.manifest_checks`.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from llamalicense.documents.contained import found_file
from llamalicense.documents.loader import Document, load_file
from llamalicense.errors import InputError, ManifestError
from llamalicense.model.project import (
    Affiliate,
    Attribution,
    Component,
    Derivation,
    Licensee,
    MauEntry,
    Project,
    is_url,
)
from llamalicense.project.manifest_checks import (
    Problems,
    ReferenceScreen,
    outside_problem,
    reference_problems,
)
from llamalicense.project.manifest_schema import check_schema
from llamalicense.project.reviews import reviews_from

if TYPE_CHECKING:
    from llamalicense.project.hub.chain import HubResolver

MANIFEST_NAMES = ("llamalicense.yaml", "llamalicense.yml", "llamalicense.json")


def find_manifest(path: Path) -> Path:
    """A manifest file itself, or the manifest inside a project folder."""
    if path.is_dir():
        for name in MANIFEST_NAMES:
            candidate = path / name
            if candidate.is_file() or candidate.is_symlink():
                return found_file(candidate, path, "manifest")
        raise InputError(
            "no manifest found in this folder",
            file=str(path),
            hint=f"create {MANIFEST_NAMES[0]} (docs/manifest.md), or pass the manifest's path",
        )
    if not path.exists():
        raise InputError("no such file or folder", file=str(path))
    return path


def load_manifest(path: Path, *, hub: HubResolver | None = None) -> Project:
    """Load and validate the manifest at ``path`` (a file or a project folder); ``hub``
    resolves the bases of its ``card:`` and ``bom:`` files that nothing local places."""
    manifest_path = find_manifest(path)
    document = load_file(manifest_path, display=str(manifest_path))
    return build_project(document, root=manifest_path.parent, hub=hub)


def project_from_mapping(data: Mapping[str, Any], root: Path, name: str = "<memory>") -> Project:
    """Validate an in-memory manifest (for legal tooling that builds one itself)."""
    try:
        plain = json.loads(json.dumps(data, default=str))
    except (TypeError, ValueError, RecursionError) as exc:  # odd keys, cycles, deep nesting
        raise ManifestError(
            f"the manifest is not plain JSON-like data ({exc})",
            file=name,
            hint="use mappings with string keys, lists, strings, numbers, booleans and None",
        ) from None
    document = Document(name, plain, lambda _path: None)
    return build_project(document, root=root)


def build_project(document: Document, root: Path, hub: HubResolver | None = None) -> Project:
    """Validate ``document`` against the schema and the cross-references, then build."""
    check_schema(document)
    data: dict[str, Any] = document.data
    problems = Problems(document)  # every error found from here on, raised together
    licensee = _licensee(data.get("licensee") or {}, problems)
    raws: list[dict[str, Any]] = data["components"]
    builder = _Components(document, root, problems)
    lines = document.item_lines(("components",), len(raws))
    components = tuple(map(builder.component, raws, range(len(raws)), lines))
    screened = builder.screen.clear
    if "bom" in data or builder.imports:
        # The importers read the files the manifest names: only from a manifest without errors.
        problems.raise_found()
        from llamalicense.project.inputs import apply_imports  # model cards and BOMs

        components = apply_imports(data, components, document, root, hub)
        screened = False  # the importers add and change components
    if not screened:
        reference_problems(components, problems)
    reviews = reviews_from(data, components, problems) if data.get("reviews") else ()
    problems.raise_found()
    return Project(
        root=str(root),
        manifest=document.path,
        licensee=licensee,
        components=components,
        reviews=reviews,
    )


def _licensee(raw: dict[str, Any], problems: Problems) -> Licensee:
    affiliates = tuple(
        Affiliate(name=a["name"], country=a.get("country")) for a in raw.get("affiliates", [])
    )
    names = [a.name for a in affiliates]
    seen: set[tuple[str, str | None]] = set()
    entries: list[MauEntry] = []
    for index, item in enumerate(raw.get("monthly_active_users", [])):
        here: tuple[str | int, ...] = ("licensee", "monthly_active_users", index)
        entity = item.get("entity")
        if entity is not None and entity not in names:
            close = difflib.get_close_matches(entity, names, n=1)
            problems.add(
                (*here, "entity"),
                f"unknown entity {entity!r}",
                (f"did you mean {close[0]!r}? " if close else "")
                + "name an affiliate listed under licensee.affiliates, or leave `entity` out "
                "for the licensee itself",
            )
        key = (item["month"], entity)
        if key in seen:
            who = entity or "the licensee"
            problems.add(
                here,
                f"a second count for {who} in {item['month']}",
                "give one count per month and entity; entries of different entities add up",
            )
        seen.add(key)
        entries.append(MauEntry(month=item["month"], count=item["count"], entity=entity))
    return Licensee(
        name=raw.get("name"),
        country=raw.get("country"),
        affiliates=affiliates,
        monthly_active_users=tuple(entries),
        max_monthly_active_users=raw.get("max_monthly_active_users"),
        meta_license=raw.get("meta_license"),
    )


def _as_tuple(value: str | list[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(value)


def _evidence_paths(
    raw: dict[str, Any],
    key: str,
    index: int,
    problems: Problems,
    root: Path,
    *,
    inside: set[str] | None = None,
) -> tuple[str, ...]:
    values = _as_tuple(raw.get(key))
    for position, value in enumerate(values):
        if is_url(value) or (inside is not None and value in inside):
            continue
        here: tuple[str | int, ...] = ("components", index, "attribution", key)
        if not isinstance(raw.get(key), str):
            here = (*here, position)
        problem = outside_problem(value, root)
        if problem is not None:
            problems.add(here, *problem)
        elif inside is not None:
            inside.add(value)
    return values


_ATTRIBUTION_KEYS = ("agreement", "notice", "built_with_llama", "ai_disclosure")
_NO_ATTRIBUTION = Attribution()
# How a component's manifest fields become Component fields: as they are, or lists as tuples
# (derived_from and attribution are built by _Components; card and license by the importers).
# Each maps to the field's name as written here: an interned string, so the instance's
# attribute look-ups match its keys by identity (keys read from JSON need comparing).
_AS_IS = {
    name: name
    for name in (
        "delivery",
        "description",
        "distributed",
        "id",
        "large_language_model",
        "modality",
        "name",
        "received_as",
        "ref",
        "type",
    )
}
_LISTS = {
    name: name for name in ("contains", "generated_by", "out_of_scope", "trained_on", "use_cases")
}
_IMPORTED = frozenset({"card", "license"})


class _Components:
    """Builds a manifest's components, sharing what they have in common: components of one
    project list the same evidence and the same parents again and again, so each distinct
    attribution is built (and its paths checked) once, and each distinct derivation made once.
    """

    def __init__(self, document: Document, root: Path, problems: Problems) -> None:
        self.document = document
        self.problems = problems
        self.root = root
        self.inside: set[str] = set()  # evidence paths already found inside the project folder
        self.attributions: dict[tuple[tuple[str, ...], ...], Attribution] = {}
        self.derivations: dict[tuple[str, str], Derivation] = {}
        self.imports = False  # whether a component has a card or a declared license
        self.screen = ReferenceScreen()  # whether check_references can be skipped

    def component(self, raw: dict[str, Any], index: int, line: int | None) -> Component:
        """The component of a schema-valid manifest entry, from one pass over the entry's
        keys (most components set a few of the fields a component may have)."""
        fields: dict[str, Any] = {
            "attribution": _NO_ATTRIBUTION,
            "source": self.document.path,
            "line": line,
        }
        for key, value in raw.items():
            name = _AS_IS.get(key)
            if name is not None:
                fields[name] = value
            elif (name := _LISTS.get(key)) is not None:
                fields[name] = tuple(value)
            elif key == "derived_from":
                fields["derived_from"] = self._derived_from(value)
            elif key == "attribution":
                if value:
                    fields["attribution"] = self._attribution(value, index)
            elif key in _IMPORTED:
                self.imports = True
        component = Component(**fields)
        self.screen.add(component)
        return component

    def _derived_from(self, raws: list[dict[str, str]]) -> tuple[Derivation, ...]:
        made: list[Derivation] = []
        for raw in raws:
            key = (raw["id"], raw["relation"])
            found = self.derivations.get(key)
            if found is None:
                found = self.derivations[key] = Derivation(id=key[0], relation=key[1])
            made.append(found)
        return tuple(made)

    def _attribution(self, raw: dict[str, Any], index: int) -> Attribution:
        get = raw.get
        key = (
            _as_tuple(get("agreement")),
            _as_tuple(get("notice")),
            _as_tuple(get("built_with_llama")),
            _as_tuple(get("ai_disclosure")),
        )
        found = self.attributions.get(key)
        if found is None:
            problems, root, inside = self.problems, self.root, self.inside
            fields: dict[str, Any] = {
                k: _evidence_paths(raw, k, index, problems, root, inside=inside)
                for k in _ATTRIBUTION_KEYS
            }
            found = self.attributions[key] = Attribution(**fields)
        return found
