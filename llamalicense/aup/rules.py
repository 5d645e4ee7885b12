"""Load and check the AUP rule data: ``rules/aup/<version>.yaml`` plus ``patterns.yaml``.

A version file lists that policy's prohibited-use items (id and verbatim text). The
shared ``patterns.yaml`` holds the signals for each item id and the context cues, so six
near-identical policies do not repeat their patterns. A version adds a named signal
group to an item where the policies differ (biological and chemical weapons sit under
2.a from Llama 3.2 on, and under 2.b before). Organisations may layer their own pattern
files on top (``LLAMALICENSE_AUP_PATTERNS``); those only add.
"""

import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from llamalicense.aup.linear import CLASSIFIER_FILE
from llamalicense.aup.model import Cues, Item, Pair, Signal, VersionRules
from llamalicense.aup.parse import PATTERNS_FILE, parse_version
from llamalicense.aup.yamlpos import load_located
from llamalicense.errors import InputError, RuleError

__all__ = [
    "Cues",
    "Item",
    "Pair",
    "Signal",
    "VersionRules",
    "available_versions",
    "classifier_file",
    "item_texts",
    "load_version",
    "rules_dir",
    "version_files",
]

EXTRA_PATTERNS_ENV = "LLAMALICENSE_AUP_PATTERNS"


def rules_dir() -> Path:
    """The ``rules`` folder: inside the installed package, else at the repository root."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "rules", here.parent / "rules"):
        if (candidate / "aup" / PATTERNS_FILE).is_file():
            return candidate
    raise RuleError(
        "cannot find the AUP rule data (rules/aup/patterns.yaml)",
        hint="reinstall llamalicense; the wheel ships its rules folder",
    )


def aup_dir(root: Path | None = None) -> Path:
    return (root or rules_dir()) / "aup"


def classifier_file(root: Path | None = None) -> Path:
    """The classifier screen's weights (``rules/aup/classifier.json``, see ``linear.py``)."""
    return aup_dir(root) / CLASSIFIER_FILE


def version_key(name: str) -> tuple[int, ...]:
    """Sort key for ``llama-3.1``-style names: (3, 1)."""
    numbers = name.removeprefix("llama-").split(".")
    return tuple(int(n) if n.isdigit() else 0 for n in numbers)


def available_versions(root: Path | None = None) -> tuple[str, ...]:
    folder = aup_dir(root)
    names = [p.stem for p in folder.glob("llama-*.yaml") if p.is_file()]
    return tuple(sorted(names, key=version_key))


def extra_pattern_files(extra: Sequence[Path | str] = ()) -> tuple[Path, ...]:
    """Organisation pattern files: ``extra`` first, then those named in the environment."""
    from_env = [p for p in os.environ.get(EXTRA_PATTERNS_ENV, "").split(os.pathsep) if p]
    return tuple(Path(p) for p in [*extra, *from_env])


def version_files(
    version: str, root: Path | None = None, extra: Sequence[Path | str] = ()
) -> tuple[Path, ...]:
    """Every file whose bytes decide the classification for ``version``."""
    folder = aup_dir(root)
    path = folder / f"{version}.yaml"
    if version not in available_versions(root):
        known = ", ".join(available_versions(root))
        raise InputError(f"unknown AUP version {version!r}", hint=f"known versions: {known}")
    return (path, folder / PATTERNS_FILE, *extra_pattern_files(extra))


def load_version(
    version: str, root: Path | None = None, extra: Sequence[Path | str] = ()
) -> VersionRules:
    """Read, check and merge the rule data for ``version``.

    Raises:
        InputError: ``version`` has no rule file.
        RuleError: a rule file is malformed; the error names file, line and JSON path.
    """
    files = version_files(version, root, extra)
    return _load_cached(files, version, tuple(_stamp(f) for f in files))


def _stamp(path: Path) -> tuple[int, int]:
    try:
        info = path.stat()
    except OSError as exc:
        raise RuleError(f"cannot read rule file: {exc}", file=str(path)) from exc
    return info.st_mtime_ns, info.st_size


@lru_cache(maxsize=32)
def _load_cached(
    files: tuple[Path, ...], version: str, stamps: tuple[tuple[int, int], ...]
) -> VersionRules:
    del stamps  # part of the cache key: an edited file is read again
    return parse_version(files, version)


@lru_cache(maxsize=32)
def _item_texts_cached(path: Path, stamp: tuple[int, int]) -> dict[str, str]:
    del stamp  # part of the cache key only
    data = load_located(path).data
    items = data.get("items") if isinstance(data, dict) else None
    if not isinstance(items, list):
        return {}
    texts = {}
    for entry in items:
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            text = entry.get("text")
            if isinstance(text, str):
                texts[entry["id"]] = text
    return texts


def item_texts(version: str, root: Path | None = None) -> dict[str, str]:
    """Item id → verbatim text, read from the version file alone (the cheap path).

    Cached runs need only the texts, not the patterns, so they skip ``patterns.yaml``.
    A malformed file falls back to the full, checked load, which raises a RuleError.
    """
    path = version_files(version, root)[0]
    texts = _item_texts_cached(path, _stamp(path))
    if not texts:
        full = load_version(version, root)
        return {item.id: item.text for item in full.items}
    return texts
