"""Load a project manifest: document -> JSON Schema -> cross-checks -> :class:`Project`.

Schema errors, unknown component references and unsafe evidence paths are all raised as
:class:`ManifestError` naming the file, the line and column, the JSON path, what was
expected and how to fix it. Cycles are found by the lineage module, which owns the graph.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any

import jsonschema

from llamalicense import jsonschemas
from llamalicense.errors import InputError, ManifestError
from llamalicense.loader import Document, json_path, load_file
from llamalicense.model import (
    Affiliate,
    Attribution,
    Component,
    Derivation,
    Licensee,
    MauEntry,
    Project,
)
from llamalicense.quickschema import Check, compile_check

MANIFEST_NAMES = ("llamalicense.yaml", "llamalicense.yml", "llamalicense.json")

# Which component types may hold each reference field, and which types it may point at.
_REFERENCE_RULES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "derived_from": (("model",), ("model",)),
    "trained_on": (("model",), ("dataset",)),
    "generated_by": (("dataset",), ("model",)),
    "contains": (("product", "model"), ("model", "dataset", "product")),
}


def manifest_schema() -> dict[str, Any]:
    """The manifest's JSON Schema, as shipped in the package."""
    return jsonschemas.schema("manifest")


def _validator() -> jsonschema.protocols.Validator:
    return jsonschemas.validator("manifest")


@cache
def _quick_check() -> Check | None:
    return compile_check(manifest_schema())


def find_manifest(path: Path) -> Path:
    """A manifest file itself, or the manifest inside a project folder."""
    if path.is_dir():
        for name in MANIFEST_NAMES:
            candidate = path / name
            if candidate.is_file():
                return candidate
        raise InputError(
            "no manifest found in this folder",
            file=str(path),
            hint=f"create {MANIFEST_NAMES[0]} (docs/manifest.md), or pass the manifest's path",
        )
    if not path.exists():
        raise InputError("no such file or folder", file=str(path))
    return path


def load_manifest(path: Path) -> Project:
    """Load and validate the manifest at ``path`` (a file or a project folder)."""
    manifest_path = find_manifest(path)
    document = load_file(manifest_path, display=str(manifest_path))
    return build_project(document, root=manifest_path.parent)


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


def build_project(document: Document, root: Path) -> Project:
    """Validate ``document`` against the schema and the cross-references, then build."""
    _check_schema(document)
    data: dict[str, Any] = document.data
    licensee = _licensee(data.get("licensee") or {}, document)
    inside: set[str] = set()  # evidence paths already found inside the project folder
    attributions: dict[tuple[Any, ...], Attribution] = {}
    components = tuple(
        _component(raw, index, document, root, inside=inside, attributions=attributions)
        for index, raw in enumerate(data["components"])
    )
    if "bom" in data or any("card" in raw or "license" in raw for raw in data["components"]):
        from llamalicense.importers.inputs import apply_imports  # model cards and BOMs

        components = apply_imports(data, components, document, root)
    _check_references(components, document)
    return Project(root=str(root), manifest=document.path, licensee=licensee, components=components)


def _check_schema(document: Document) -> None:
    data = document.data
    if not isinstance(data, dict):
        raise ManifestError(
            "the manifest must be a mapping with `version: 1` and `components:`",
            file=document.path,
            line=1,
            hint="see docs/manifest.md for a complete example",
        )
    quick = _quick_check()
    try:
        certainly_valid = quick is not None and quick(data)
    except RecursionError:
        certainly_valid = False
    if certainly_valid:
        return  # jsonschema would find nothing; it runs (and words the error) otherwise
    errors = list(_validator().iter_errors(data))
    if not errors:
        return
    error = min(errors, key=_error_rank)
    raise _schema_error(error, document)


def _error_rank(error: jsonschema.ValidationError) -> tuple[int, tuple[str, ...], int]:
    # Report the first error in document order; among errors at one place, the most specific.
    path = tuple(f"{p:08d}" if isinstance(p, int) else str(p) for p in error.absolute_path)
    return (0, path, -len(error.absolute_schema_path))


def _schema_error(error: jsonschema.ValidationError, document: Document) -> ManifestError:
    path = tuple(error.absolute_path)
    schema: dict[str, Any] = error.schema if isinstance(error.schema, dict) else {}
    hint = schema.get("x-hint")
    validator = error.validator
    if validator == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        given = error.instance if isinstance(error.instance, dict) else {}
        unknown = sorted(set(given) - set(allowed))
        field_name = unknown[0] if unknown else "?"
        path = (*path, field_name)
        close = difflib.get_close_matches(field_name, allowed, n=1)
        message = f"unknown field {field_name!r}"
        hint = (f"did you mean {close[0]!r}? " if close else "") + "allowed: " + ", ".join(allowed)
    elif validator == "required":
        message = str(error.message).replace("is a required property", "is required here")
        given = error.instance if isinstance(error.instance, dict) else {}
        required: list[str] = list(schema.get("required", []))
        missing = [name for name in required if name not in given][:1]
        field_schema = schema.get("properties", {}).get(missing[0], {}) if missing else {}
        hint = field_schema.get("x-hint") or "see docs/manifest.md for the fields and an example"
    elif validator == "type":
        message = f"expected {error.validator_value}, got {_type_name(error.instance)}"
    elif validator in ("enum", "const"):
        value: Any = error.validator_value
        options = list(value) if validator == "enum" else [value]
        message = f"{error.instance!r} is not allowed; expected one of: " + ", ".join(
            json.dumps(o) for o in options
        )
    elif validator == "pattern":
        message = f"{error.instance!r} is not in the expected form"
    elif validator == "anyOf":
        message = f"{error.instance!r} is not allowed here"
        hint = hint or _first_hint(error)
    else:
        message = str(error.message)
    located = document.locate(path)
    return ManifestError(
        message,
        file=document.path,
        line=located[0] if located else None,
        column=located[1] if located else None,
        json_path=json_path(path),
        hint=hint,
    )


def _first_hint(error: jsonschema.ValidationError) -> str | None:
    for sub in error.context or []:
        if isinstance(sub.schema, dict) and "x-hint" in sub.schema:
            return str(sub.schema["x-hint"])
    return None


def _type_name(value: Any) -> str:
    names = {bool: "boolean", int: "integer", float: "number", str: "string", list: "list"}
    if value is None:
        return "null (empty value)"
    if isinstance(value, dict):
        return "mapping"
    return names.get(type(value), type(value).__name__)


def _fail(
    document: Document, path: tuple[str | int, ...], message: str, hint: str
) -> ManifestError:
    located = document.locate(path)
    return ManifestError(
        message,
        file=document.path,
        line=located[0] if located else None,
        column=located[1] if located else None,
        json_path=json_path(path),
        hint=hint,
    )


def _licensee(raw: dict[str, Any], document: Document) -> Licensee:
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
            raise _fail(
                document,
                (*here, "entity"),
                f"unknown entity {entity!r}",
                (f"did you mean {close[0]!r}? " if close else "")
                + "name an affiliate listed under licensee.affiliates, or leave `entity` out "
                "for the licensee itself",
            )
        key = (item["month"], entity)
        if key in seen:
            who = entity or "the licensee"
            raise _fail(
                document,
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


def is_url(text: str) -> bool:
    """Evidence written as a URL is recorded, never fetched."""
    return text.startswith(("http://", "https://"))


def _evidence_paths(
    raw: dict[str, Any],
    key: str,
    index: int,
    document: Document,
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
        check_inside(value, root, document, here)
        if inside is not None:
            inside.add(value)
    return values


def check_inside(value: str, root: Path, document: Document, here: tuple[str | int, ...]) -> None:
    """Reject evidence paths that leave the project folder: ``..``, absolute, symlinks."""
    pure = PurePosixPath(value.replace("\\", "/"))
    hint = "evidence must be a path inside the project folder (relative to the manifest) or a URL"
    if pure.is_absolute() or (len(value) > 1 and value[1] == ":"):
        raise _fail(document, here, f"absolute path {value!r} is not allowed", hint)
    if "\x00" in value:  # possible from JSON ("\u0000"); the OS rejects it with ValueError
        raise _fail(document, here, f"path {value!r} contains a NUL character", hint)
    if ".." in pure.parts:
        raise _fail(document, here, f"path {value!r} leaves the project folder", hint)
    target = root / Path(*pure.parts) if pure.parts else root
    try:
        resolved = target.resolve()
        inside = resolved.is_relative_to(root.resolve())
    except (OSError, RuntimeError):
        inside = False
    if not inside:
        raise _fail(
            document, here, f"path {value!r} points outside the project folder (symlink)", hint
        )


_ATTRIBUTION_KEYS = ("agreement", "notice", "built_with_llama", "ai_disclosure")
_NO_ATTRIBUTION = Attribution()


def _component(
    raw: dict[str, Any],
    index: int,
    document: Document,
    root: Path,
    *,
    inside: set[str] | None = None,
    attributions: dict[tuple[Any, ...], Attribution] | None = None,
) -> Component:
    attribution_raw = raw.get("attribution")
    if not attribution_raw:
        attribution = _NO_ATTRIBUTION
    else:
        # Components of one project list the same evidence again and again: build (and
        # check) each distinct attribution once, and share it.
        key = tuple(_as_tuple(attribution_raw.get(k)) for k in _ATTRIBUTION_KEYS)
        found = attributions.get(key) if attributions is not None else None
        if found is None:
            found = Attribution(
                **{
                    k: _evidence_paths(attribution_raw, k, index, document, root, inside=inside)
                    for k in _ATTRIBUTION_KEYS
                }
            )
            if attributions is not None:
                attributions[key] = found
        attribution = found
    located = document.locate(("components", index))
    return Component(
        id=raw["id"],
        type=raw["type"],
        name=raw.get("name"),
        description=raw.get("description"),
        ref=raw.get("ref"),
        received_as=raw.get("received_as"),
        derived_from=tuple(
            Derivation(id=d["id"], relation=d["relation"]) for d in raw.get("derived_from", [])
        ),
        trained_on=tuple(raw.get("trained_on", [])),
        generated_by=tuple(raw.get("generated_by", [])),
        contains=tuple(raw.get("contains", [])),
        distributed=raw.get("distributed"),
        delivery=raw.get("delivery"),
        large_language_model=raw.get("large_language_model"),
        modality=raw.get("modality"),
        use_cases=tuple(raw.get("use_cases", [])),
        out_of_scope=tuple(raw.get("out_of_scope", [])),
        attribution=attribution,
        source=document.path,
        line=located[0] if located else None,
    )


def _check_references(components: tuple[Component, ...], document: Document) -> None:
    by_id: dict[str, Component] = {}
    for index, comp in enumerate(components):
        if comp.id in by_id:
            raise _fail(
                document,
                ("components", index, "id"),
                f"duplicate component id {comp.id!r}",
                "give every component its own id",
            )
        by_id[comp.id] = comp
    for index, comp in enumerate(components):
        if comp.ref is not None and comp.type != "model":
            raise _fail(
                document,
                ("components", index, "ref"),
                f"`ref` is only for models, and {comp.id!r} is a {comp.type}",
                "use `ref` on a model component that stands for an official release",
            )
        for field_name, (holders, targets) in _REFERENCE_RULES.items():
            values = _references(comp, field_name)
            if values and comp.type not in holders:
                raise _fail(
                    document,
                    ("components", index, field_name),
                    f"`{field_name}` is not allowed on a {comp.type}",
                    f"`{field_name}` belongs on: " + ", ".join(holders),
                )
            for position, target in enumerate(values):
                other = by_id.get(target)
                if other is not None and other.type in targets and target != comp.id:
                    continue  # what _check_target accepts (keep the two in step)
                here: tuple[str | int, ...] = ("components", index, field_name, position)
                if field_name == "derived_from":
                    here = (*here, "id")
                _check_target(
                    document,
                    here=here,
                    comp=comp,
                    target=target,
                    by_id=by_id,
                    field_name=field_name,
                    targets=targets,
                )


def _references(comp: Component, field_name: str) -> tuple[str, ...]:
    if field_name == "derived_from":
        return tuple(d.id for d in comp.derived_from)
    value: tuple[str, ...] = getattr(comp, field_name)
    return value


def _check_target(
    document: Document,
    *,
    here: tuple[str | int, ...],
    comp: Component,
    target: str,
    by_id: dict[str, Component],
    field_name: str,
    targets: tuple[str, ...],
) -> None:
    other = by_id.get(target)
    if other is None:
        close = difflib.get_close_matches(target, list(by_id), n=1)
        raise _fail(
            document,
            here,
            f"{comp.id!r} refers to unknown component {target!r}",
            (f"did you mean {close[0]!r}? " if close else "")
            + "every id in derived_from, trained_on, generated_by and contains must be the id "
            "of a component in this manifest",
        )
    if other.type not in targets:
        raise _fail(
            document,
            here,
            f"`{field_name}` of {comp.id!r} names {target!r}, which is a {other.type}",
            f"`{field_name}` must name: " + ", ".join(targets),
        )
    if target == comp.id:
        raise _fail(document, here, f"{comp.id!r} refers to itself", "remove the reference")
