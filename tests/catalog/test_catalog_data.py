"""Checks on the model catalog data in rules/catalog/*.yaml (format: docs/catalog.md)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

CATALOG_DIR = Path(__file__).resolve().parent.parent.parent / "rules" / "catalog"

EXPECTED_FILES = frozenset(
    {
        "llama-2.yaml",
        "llama-3.yaml",
        "llama-3.1.yaml",
        "llama-3.2.yaml",
        "llama-3.3.yaml",
        "llama-4.yaml",
    }
)
REQUIRED_KEYS = frozenset(
    {"id", "aliases", "license", "released", "modality", "kind", "parameters"}
)
ALLOWED_KEYS = REQUIRED_KEYS | {"note"}
LICENSES = frozenset({"llama-2", "llama-3", "llama-3.1", "llama-3.2", "llama-3.3", "llama-4"})
MODALITIES = frozenset({"text", "multimodal"})
KINDS = frozenset({"base", "instruct", "guard", "prompt-guard", "code"})
HUB_PREFIX = "meta-llama/"
# Llama 2, the first release under a Llama Community License.
EARLIEST_RELEASE = dt.date(2023, 7, 18)


def _load(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        document = yaml.safe_load(handle)
    assert isinstance(document, dict), f"{path.name}: top level must be a mapping"
    assert set(document) == {"releases"}, f"{path.name}: only a `releases` key is allowed"
    releases = document["releases"]
    assert isinstance(releases, list), f"{path.name}: `releases` must be a list"
    assert releases, f"{path.name}: `releases` is empty"
    return releases


CATALOG_FILES: list[Path] = sorted(CATALOG_DIR.glob("*.yaml"))
ENTRIES: list[tuple[str, dict[str, Any]]] = [
    (path.name, entry) for path in CATALOG_FILES for entry in _load(path)
]


def _entry_label(item: tuple[str, dict[str, Any]]) -> str:
    file_name, entry = item
    return f"{file_name}:{entry.get('id', '?')}" if isinstance(entry, dict) else file_name


def _names(entry: dict[str, Any]) -> list[str]:
    """The id followed by every alias of one entry."""
    return [entry["id"], *entry["aliases"]]


def _index() -> dict[str, dict[str, Any]]:
    return {name.casefold(): entry for _, entry in ENTRIES for name in _names(entry)}


def lookup(name: str) -> dict[str, Any]:
    """Find an entry by id or alias, ignoring case, as the tool does."""
    entry = _index().get(name.casefold())
    assert entry is not None, f"{name} is not in the catalog"
    return entry


# --- Files -------------------------------------------------------------------------------


def test_expected_files_exist() -> None:
    names = {path.name for path in CATALOG_FILES}
    assert names >= EXPECTED_FILES, f"missing: {sorted(EXPECTED_FILES - names)}"


# --- Format of every entry -----------------------------------------------------------------


@pytest.mark.parametrize("item", ENTRIES, ids=[_entry_label(item) for item in ENTRIES])
def test_entry_format(item: tuple[str, dict[str, Any]]) -> None:
    file_name, entry = item
    assert isinstance(entry, dict), f"{file_name}: every release must be a mapping"
    keys = set(entry)
    assert keys <= ALLOWED_KEYS, f"unknown keys: {sorted(keys - ALLOWED_KEYS)}"
    assert keys >= REQUIRED_KEYS, f"missing keys: {sorted(REQUIRED_KEYS - keys)}"

    assert isinstance(entry["id"], str)
    assert entry["id"] == entry["id"].strip()
    assert isinstance(entry["aliases"], list)
    assert all(isinstance(alias, str) and alias.strip() == alias for alias in entry["aliases"])

    assert entry["license"] in LICENSES
    assert entry["modality"] in MODALITIES
    assert entry["kind"] in KINDS

    # An unquoted YYYY-MM-DD is the only form yaml.safe_load turns into a plain date: a
    # quoted string stays str and a timestamp with a time becomes datetime.
    released = entry["released"]
    assert type(released) is dt.date, f"released must be an unquoted YYYY-MM-DD, got {released!r}"
    assert released >= EARLIEST_RELEASE

    assert isinstance(entry["parameters"], str)
    assert entry["parameters"].strip()

    if "note" in entry:
        assert isinstance(entry["note"], str)
        assert entry["note"].strip()


@pytest.mark.parametrize("item", ENTRIES, ids=[_entry_label(item) for item in ENTRIES])
def test_names_are_meta_llama_hub_ids(item: tuple[str, dict[str, Any]]) -> None:
    _, entry = item
    assert entry["id"].startswith(HUB_PREFIX), f"id must start with {HUB_PREFIX}"
    for name in _names(entry):
        assert name.startswith(HUB_PREFIX), f"{name} must start with {HUB_PREFIX}"
        repo = name.removeprefix(HUB_PREFIX)
        assert repo, f"{name} has no repository name"
        assert "/" not in repo, f"{name} has more than one slash"
        assert not any(char.isspace() for char in name), f"{name} contains whitespace"


def test_ids_and_aliases_unique_case_insensitively() -> None:
    counts = Counter(name.casefold() for _, entry in ENTRIES for name in _names(entry))
    duplicates = sorted(name for name, count in counts.items() if count > 1)
    assert not duplicates, f"ids/aliases used more than once: {duplicates}"


# --- Spot checks -----------------------------------------------------------------------------


def test_old_and_new_llama_3_1_spellings_are_one_entry() -> None:
    old = lookup("meta-llama/meta-llama-3.1-8b-instruct")
    new = lookup("meta-llama/Llama-3.1-8B-Instruct")
    assert old is new
    assert new["id"] == "meta-llama/Llama-3.1-8B-Instruct"
    assert new["license"] == "llama-3.1"
    assert new["kind"] == "instruct"


@pytest.mark.parametrize(
    ("hf_name", "original_name"),
    [
        ("meta-llama/Llama-2-7b-hf", "meta-llama/Llama-2-7b"),
        ("meta-llama/Llama-2-7b-chat-hf", "meta-llama/Llama-2-7b-chat"),
        ("meta-llama/Llama-2-70b-chat-hf", "meta-llama/Llama-2-70b-chat"),
    ],
)
def test_llama_2_hf_and_original_spellings_are_one_entry(hf_name: str, original_name: str) -> None:
    entry = lookup(hf_name)
    assert entry is lookup(original_name)
    assert entry["license"] == "llama-2"


@pytest.mark.parametrize(
    "name", ["meta-llama/Llama-3.2-11B-Vision", "meta-llama/Llama-3.2-11B-Vision-Instruct"]
)
def test_llama_3_2_11b_vision_is_multimodal(name: str) -> None:
    entry = lookup(name)
    assert entry["modality"] == "multimodal"
    assert entry["license"] == "llama-3.2"


def test_llama_3_3_70b_is_text() -> None:
    entry = lookup("meta-llama/Llama-3.3-70B-Instruct")
    assert entry["modality"] == "text"
    assert entry["license"] == "llama-3.3"


def test_code_llama_is_governed_by_llama_2() -> None:
    code_entries = [entry for _, entry in ENTRIES if entry["kind"] == "code"]
    assert len(code_entries) == 12, "7B/13B/34B/70B x base/Python/Instruct"
    assert all(entry["license"] == "llama-2" for entry in code_entries)
    assert lookup("meta-llama/CodeLlama-70b-Instruct-hf")["license"] == "llama-2"


@pytest.mark.parametrize(
    "name",
    [
        "meta-llama/Llama-4-Scout-17B-16E",
        "meta-llama/Llama-4-Scout-17B-16E-Instruct",
        "meta-llama/Llama-4-Maverick-17B-128E",
        "meta-llama/Llama-4-Maverick-17B-128E-Instruct",
        "meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8",
    ],
)
def test_llama_4_scout_and_maverick_are_multimodal_llama_4(name: str) -> None:
    entry = lookup(name)
    assert entry["modality"] == "multimodal"
    assert entry["license"] == "llama-4"


# Which licence governs the Guard models: CLAUSES.md §4.4 as corrected, the licence each was
# released under (see docs/catalog.md): Guard 2 under Llama 3, Guard 3 8B and INT8 under 3.1.
@pytest.mark.parametrize(
    ("name", "license_id", "modality"),
    [
        ("meta-llama/LlamaGuard-7b", "llama-2", "text"),
        ("meta-llama/Meta-Llama-Guard-2-8B", "llama-3", "text"),
        ("meta-llama/Llama-Guard-3-8B", "llama-3.1", "text"),
        ("meta-llama/Llama-Guard-3-8B-INT8", "llama-3.1", "text"),
        ("meta-llama/Llama-Guard-3-1B", "llama-3.2", "text"),
        ("meta-llama/Llama-Guard-3-11B-Vision", "llama-3.2", "multimodal"),
        ("meta-llama/Llama-Guard-4-12B", "llama-4", "multimodal"),
        ("meta-llama/Llama-Prompt-Guard-2-86M", "llama-4", "text"),
        ("meta-llama/Llama-Prompt-Guard-2-22M", "llama-4", "text"),
    ],
)
def test_guard_licences_follow_clauses_4_4(name: str, license_id: str, modality: str) -> None:
    entry = lookup(name)
    assert entry["license"] == license_id
    assert entry["modality"] == modality


@pytest.mark.parametrize(
    "name", ["meta-llama/Meta-Llama-Guard-2-8B", "meta-llama/Llama-Guard-3-8B"]
)
def test_the_later_per_folder_licence_file_is_explained_in_the_note(name: str) -> None:
    # The PurpleLlama per-folder LICENSE files were added on 2025-04-29 (commit cd9fe65):
    # the note says why they do not decide the licence.
    note = " ".join(lookup(name).get("note", "").split())
    assert "2025-04-29" in note
    assert "cd9fe65" in note


# The coverage the catalog must keep (docs/catalog.md, "Coverage").
REQUIRED_NAMES = [
    # Llama 2
    *(
        f"meta-llama/Llama-2-{size}{variant}{suffix}"
        for size in ("7b", "13b", "70b")
        for variant in ("", "-chat")
        for suffix in ("", "-hf")
    ),
    # Code Llama
    *(
        f"meta-llama/CodeLlama-{size}{variant}-hf"
        for size in ("7b", "13b", "34b", "70b")
        for variant in ("", "-Python", "-Instruct")
    ),
    # Guard and Prompt Guard
    "meta-llama/LlamaGuard-7b",
    "meta-llama/Meta-Llama-Guard-2-8B",
    "meta-llama/Llama-Guard-3-1B",
    "meta-llama/Llama-Guard-3-8B",
    "meta-llama/Llama-Guard-3-8B-INT8",
    "meta-llama/Llama-Guard-3-11B-Vision",
    "meta-llama/Llama-Guard-4-12B",
    "meta-llama/Prompt-Guard-86M",
    "meta-llama/Llama-Prompt-Guard-2-22M",
    "meta-llama/Llama-Prompt-Guard-2-86M",
    # Llama 3
    "meta-llama/Meta-Llama-3-8B",
    "meta-llama/Meta-Llama-3-8B-Instruct",
    "meta-llama/Meta-Llama-3-70B",
    "meta-llama/Meta-Llama-3-70B-Instruct",
    # Llama 3.1
    *(
        f"meta-llama/{prefix}Llama-3.1-{size}{variant}"
        for prefix in ("", "Meta-")
        for size in ("8B", "70B", "405B")
        for variant in ("", "-Instruct")
    ),
    "meta-llama/Llama-3.1-405B-FP8",
    "meta-llama/Llama-3.1-405B-Instruct-FP8",
    # Llama 3.2
    *(
        f"meta-llama/Llama-3.2-{size}{variant}"
        for size in ("1B", "3B")
        for variant in ("", "-Instruct")
    ),
    *(
        f"meta-llama/Llama-3.2-{size}-Vision{variant}"
        for size in ("11B", "90B")
        for variant in ("", "-Instruct")
    ),
    *(
        f"meta-llama/Llama-3.2-{size}-Instruct-{method}_INT4_EO8"
        for size in ("1B", "3B")
        for method in ("QLORA", "SpinQuant")
    ),
    # Llama 3.3
    "meta-llama/Llama-3.3-70B-Instruct",
    # Llama 4
    "meta-llama/Llama-4-Scout-17B-16E",
    "meta-llama/Llama-4-Scout-17B-16E-Instruct",
    "meta-llama/Llama-4-Maverick-17B-128E",
    "meta-llama/Llama-4-Maverick-17B-128E-Instruct",
    "meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8",
]


@pytest.mark.parametrize("name", REQUIRED_NAMES)
def test_required_release_is_catalogued(name: str) -> None:
    lookup(name)


def test_quantized_llama_3_2_release_date() -> None:
    for size in ("1B", "3B"):
        for method in ("QLORA", "SpinQuant"):
            entry = lookup(f"meta-llama/Llama-3.2-{size}-Instruct-{method}_INT4_EO8")
            assert entry["released"] == dt.date(2024, 10, 24)
            assert entry["license"] == "llama-3.2"
