"""The shipped data about Llama itself: license versions and the official model releases.

Reads ``rules/versions.yaml``, ``rules/catalog/*.yaml`` and ``rules/data/eu-member-states.yaml``
from the rules folder (inside the wheel, or beside the package in a source checkout).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from llamalicense.documents.loader import load_file
from llamalicense.errors import RuleError

LICENSE_IDS = ("llama-2", "llama-3", "llama-3.1", "llama-3.2", "llama-3.3", "llama-4")
MODALITIES = ("text", "multimodal")
KINDS = ("base", "instruct", "guard", "prompt-guard", "code")
_RELEASE_KEYS = {"id", "aliases", "license", "released", "modality", "kind", "parameters", "note"}


def rules_dir() -> Path:
    """The folder holding rule packs and data: packaged copy first, then the source tree."""
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "rules", package.parent / "rules"):
        if (candidate / "versions.yaml").is_file():
            return candidate
    raise RuleError(  # pragma: no cover - only a broken installation gets here
        "the rules folder is missing from this installation",
        hint="reinstall llamalicense; the wheel ships rules/ inside the package",
    )


@dataclass(frozen=True)
class LicenseVersion:
    id: str
    title: str
    date_label: str
    date: str
    agreement: str
    use_policy: str

    @property
    def mau_month(self) -> str:
        """Clause 2: the calendar month before the version's release (or effective) date."""
        day = dt.date.fromisoformat(self.date)
        previous = day.replace(day=1) - dt.timedelta(days=1)
        return f"{previous.year:04d}-{previous.month:02d}"

    @property
    def short_name(self) -> str:
        return "Llama " + self.id.removeprefix("llama-")


@dataclass(frozen=True)
class Release:
    id: str
    aliases: tuple[str, ...]
    license: str
    released: str
    modality: str
    kind: str
    parameters: str
    note: str | None
    source: str


@dataclass(frozen=True)
class Catalog:
    releases: tuple[Release, ...]
    index: dict[str, Release]

    def lookup(self, model_id: str) -> Release | None:
        """Find a release by id or alias, ignoring case and a ``hf.co/`` style prefix."""
        return self.index.get(normalize_model_id(model_id))


def normalize_model_id(model_id: str) -> str:
    text = model_id.strip().lower()
    for prefix in ("https://huggingface.co/", "http://huggingface.co/", "hf.co/", "hf://"):
        if text.startswith(prefix):
            text = text[len(prefix) :]
    return text.strip("/")


def is_meta_namespace(model_id: str) -> bool:
    return normalize_model_id(model_id).startswith(("meta-llama/", "facebook/llama"))


@cache
def license_versions() -> dict[str, LicenseVersion]:
    path = rules_dir() / "versions.yaml"
    data = load_file(path, display=str(path)).data
    versions: dict[str, LicenseVersion] = {}
    for index, raw in enumerate(_list_of(data, "versions", path)):
        try:
            version = LicenseVersion(**{k: str(v) for k, v in raw.items()})
        except TypeError as exc:
            raise RuleError(
                f"bad version entry: {exc}", file=str(path), json_path=f"$.versions[{index}]"
            ) from None
        versions[version.id] = version
    return versions


@cache
def eu_member_states() -> frozenset[str]:
    path = rules_dir() / "data" / "eu-member-states.yaml"
    data = load_file(path, display=str(path)).data
    return frozenset(str(code) for code in _list_of(data, "members", path))


def _list_of(data: Any, key: str, path: Path) -> list[Any]:
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        raise RuleError(f"expected a mapping with a `{key}:` list", file=str(path), line=1)
    value: list[Any] = data[key]
    return value


@cache
def load_catalog() -> Catalog:
    folder = rules_dir() / "catalog"
    releases: list[Release] = []
    index: dict[str, Release] = {}
    for path in sorted(folder.glob("*.yaml")):
        document = load_file(path, display=str(path))
        for position, raw in enumerate(_list_of(document.data, "releases", path)):
            release = _release(raw, path, position, document.locate)
            releases.append(release)
            for name in (release.id, *release.aliases):
                key = normalize_model_id(name)
                if key in index:
                    raise RuleError(
                        f"model id {name!r} is listed twice in the catalog",
                        file=str(path),
                        json_path=f"$.releases[{position}]",
                        hint=f"it is already an id or alias of {index[key].id}",
                    )
                index[key] = release
    for version in license_versions().values():
        stand_in = declared_release(version)
        index[normalize_model_id(stand_in.id)] = stand_in  # found by lookup, never listed
    return Catalog(tuple(releases), index)


DECLARED_PREFIX = "declared:"


def declared_release(version: LicenseVersion) -> Release:
    """The stand-in for "the Llama materials a declared license names" (``declared:llama-3.1``).

    A publisher that declares ``license: llama3.1`` says the Llama 3.1 license governs the
    model; when no base model leads to a release, discovery ties the model to this stand-in
    so that version's duties apply. It is not a release: it is not in ``releases``, and its
    modality is ``text`` (a declaration does not say whether a model is multimodal).
    """
    return Release(
        id=DECLARED_PREFIX + version.id,
        aliases=(),
        license=version.id,
        released=version.date,
        modality="text",
        kind="declared",
        parameters="",
        note="the Llama materials a declared license names; no release identified",
        source="declared license",
    )


def is_declared_release(model_id: str) -> bool:
    return model_id.lower().startswith(DECLARED_PREFIX)


def _release(raw: Any, path: Path, position: int, locate: Any) -> Release:
    where = f"$.releases[{position}]"
    line = (locate(("releases", position)) or (None,))[0]

    def fail(message: str, hint: str) -> RuleError:
        return RuleError(message, file=str(path), line=line, json_path=where, hint=hint)

    if not isinstance(raw, dict):
        raise fail("a release must be a mapping", "see docs/catalog.md")
    unknown = set(raw) - _RELEASE_KEYS
    if unknown:
        raise fail(
            f"unknown field {sorted(unknown)[0]!r}", "allowed: " + ", ".join(sorted(_RELEASE_KEYS))
        )
    for key in ("id", "license", "released", "modality", "kind"):
        if not isinstance(raw.get(key), str):
            raise fail(f"`{key}` is required and must be a string", "see docs/catalog.md")
    if raw["license"] not in LICENSE_IDS:
        raise fail(f"unknown license {raw['license']!r}", "one of " + ", ".join(LICENSE_IDS))
    if raw["modality"] not in MODALITIES:
        raise fail(f"unknown modality {raw['modality']!r}", "one of " + ", ".join(MODALITIES))
    if raw["kind"] not in KINDS:
        raise fail(f"unknown kind {raw['kind']!r}", "one of " + ", ".join(KINDS))
    aliases = raw.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise fail("`aliases` must be a list of ids", "write aliases: [] when there are none")
    return Release(
        id=raw["id"],
        aliases=tuple(aliases),
        license=raw["license"],
        released=raw["released"],
        modality=raw["modality"],
        kind=raw["kind"],
        parameters=str(raw.get("parameters", "")),
        note=raw.get("note"),
        source=path.name,
    )
