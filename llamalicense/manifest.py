"""Load a project manifest: document -> JSON Schema -> cross-checks -> :class:`Project`.

Schema errors, unknown component references and unsafe evidence paths are all raised as
:class:`ManifestError` naming the file, the line and column, the JSON path, what was
expected and how to fix it. Cycles are found by the lineage module, which owns the graph.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

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

if TYPE_CHECKING:  # imported when data needs its verdict (llamalicense.jsonschemas)
    import jsonschema

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
    raws: list[dict[str, Any]] = data["components"]
    builder = _Components(document, root)
    lines = document.item_lines(("components",), len(raws))
    components = tuple(map(builder.component, raws, range(len(raws)), lines))
    if "bom" in data or builder.imports:
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
    if jsonschemas.certainly_valid("manifest", data):
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
# How a component's manifest fields become Component fields: as they are, or lists as tuples
# (derived_from and attribution are built by _Components; card and license by the importers).
# Each maps to the field's name as written here: an interned string, which the keyword
# arguments of Component(...) match by identity (keys read from JSON need comparing).
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

    def __init__(self, document: Document, root: Path) -> None:
        self.document = document
        self.root = root
        self.inside: set[str] = set()  # evidence paths already found inside the project folder
        self.attributions: dict[tuple[tuple[str, ...], ...], Attribution] = {}
        self.derivations: dict[tuple[str, str], Derivation] = {}
        self.imports = False  # whether a component has a card or a declared license

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
        return Component(**fields)

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
            document, root, inside = self.document, self.root, self.inside
            found = self.attributions[key] = Attribution(
                **{
                    k: _evidence_paths(raw, k, index, document, root, inside=inside)
                    for k in _ATTRIBUTION_KEYS
                }
            )
        return found


def _check_references(components: tuple[Component, ...], document: Document) -> None:
    types = {comp.id: comp.type for comp in components}  # the type of each component id
    if len(types) != len(components):
        _check_unique(components, document)
    rules = tuple(_REFERENCE_RULES.items())
    for index, comp in enumerate(components):
        kind = comp.type
        if comp.ref is not None and kind != "model":
            raise _fail(
                document,
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
                raise _fail(
                    document,
                    ("components", index, field_name),
                    f"`{field_name}` is not allowed on a {kind}",
                    f"`{field_name}` belongs on: " + ", ".join(holders),
                )
            for position, value in enumerate(values):
                target: str = value.id if field_name == "derived_from" else value
                if types.get(target) in targets and target != comp.id:
                    continue  # what _check_target accepts (keep the two in step)
                here: tuple[str | int, ...] = ("components", index, field_name, position)
                if field_name == "derived_from":
                    here = (*here, "id")
                _check_target(
                    document,
                    here=here,
                    comp=comp,
                    target=target,
                    types=types,
                    field_name=field_name,
                    targets=targets,
                )


def _check_unique(components: tuple[Component, ...], document: Document) -> None:
    """Raise at the second component that uses an id."""
    seen: set[str] = set()
    for index, comp in enumerate(components):
        if comp.id in seen:
            raise _fail(
                document,
                ("components", index, "id"),
                f"duplicate component id {comp.id!r}",
                "give every component its own id",
            )
        seen.add(comp.id)


def _check_target(
    document: Document,
    *,
    here: tuple[str | int, ...],
    comp: Component,
    target: str,
    types: dict[str, str],
    field_name: str,
    targets: tuple[str, ...],
) -> None:
    other = types.get(target)
    if other is None:
        close = difflib.get_close_matches(target, list(types), n=1)
        raise _fail(
            document,
            here,
            f"{comp.id!r} refers to unknown component {target!r}",
            (f"did you mean {close[0]!r}? " if close else "")
            + "every id in derived_from, trained_on, generated_by and contains must be the id "
            "of a component in this manifest",
        )
    if other not in targets:
        raise _fail(
            document,
            here,
            f"`{field_name}` of {comp.id!r} names {target!r}, which is a {other}",
            f"`{field_name}` must name: " + ", ".join(targets),
        )
    if target == comp.id:
        raise _fail(document, here, f"{comp.id!r} refers to itself", "remove the reference")
