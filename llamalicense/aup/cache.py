"""A small on-disk cache of classification results, so unchanged text skips spaCy.

One JSON file per cache folder. Keys hash (text, version, kind, pattern hash), where the
pattern hash covers the version's items and patterns and the classifier's own code; values
are the per-item results. The file is replaced atomically (write a temporary file in the
same folder, then ``os.replace``). Anything wrong with it (missing, unreadable, corrupt,
another format) means an empty cache: the cache can slow a run down, never break it.

The cache is an input like any other (docs/security.md): whoever can write it can change
what the AUP check says about a statement it holds. What is read is checked: a regular
file (a FIFO in its place would block the run) of at most :data:`MAX_BYTES`, at most
:data:`MAX_ENTRIES` entries, each a list of results naming a known AUP item with a known
status and spans of sane size; anything else is dropped (and recomputed). A shared cache
(one a pull request's run could write) should not be used: ``--no-cache``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import stat
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

CACHE_ENV = "LLAMALICENSE_CACHE_DIR"
FILE_NAME = "aup-results.json"
FORMAT = 1
MAX_ENTRIES = 200_000
MAX_BYTES = 64 * 1024 * 1024  # far above MAX_ENTRIES typical entries; a bigger file is not read
MAX_REASON = 2_000  # characters of a result's reason
MAX_OFFSET = 10_000_000  # a span's offsets (statements are far shorter)
_KEY = re.compile(r"[0-9a-f]{40}")
_STATUSES = frozenset({"violation", "needs-review"})

Entry = list[object]


def default_dir() -> Path:
    """``$LLAMALICENSE_CACHE_DIR``, else the user cache folder for llamalicense."""
    configured = os.environ.get(CACHE_ENV, "").strip()
    if configured:
        return Path(configured)
    import platformdirs

    return Path(platformdirs.user_cache_dir("llamalicense"))


def key(text: str, version: str, kind: str, pattern_hash: str) -> str:
    payload = json.dumps([text, version, kind, pattern_hash], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:40]


class ResultCache:
    """The entries of one cache file, loaded once per process and saved on demand."""

    def __init__(self, directory: Path) -> None:
        self.path = directory / FILE_NAME
        self.entries: dict[str, list[Entry]] = {}
        self.dirty = False
        self._stamp: tuple[int, int] | None = None
        self.reload()

    def reload(self) -> None:
        """Re-read the file if it changed since we last read or wrote it."""
        stamp = _stamp(self.path)
        if stamp is None or stamp == self._stamp:
            return
        self._stamp = stamp
        self.entries = _read(self.path)

    def get(self, cache_key: str) -> list[Entry] | None:
        return self.entries.get(cache_key)

    def put(self, cache_key: str, value: list[Entry]) -> None:
        self.entries[cache_key] = value
        self.dirty = True

    def save(self) -> None:
        """Write the entries atomically; failures leave the old file (or none) in place."""
        if not self.dirty:
            return
        self.dirty = False
        if _stamp(self.path) != self._stamp:
            # Another process wrote meanwhile: keep its entries, ours win on conflict.
            self.entries = {**_read(self.path), **self.entries}
        if len(self.entries) > MAX_ENTRIES:
            for old in list(self.entries)[: len(self.entries) - MAX_ENTRIES]:
                del self.entries[old]
        data = {"format": FORMAT, "entries": self.entries}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(
                dir=self.path.parent, prefix=".aup-results-", suffix=".tmp"
            )
        except OSError:
            return
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(data, out, ensure_ascii=False, separators=(",", ":"))
            os.replace(temp, self.path)
            self._stamp = _stamp(self.path)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temp)


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


def _read(path: Path) -> dict[str, list[Entry]]:
    """The entries of the cache file that pass the checks in the module docstring."""
    data = _load(path)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return {}
    entries = data.get("entries")
    if not isinstance(entries, dict):
        return {}
    items = known_items()
    kept: dict[str, list[Entry]] = {}
    for cache_key, value in entries.items():
        if len(kept) >= MAX_ENTRIES:
            break
        if isinstance(cache_key, str) and _KEY.fullmatch(cache_key) and _valid(value, items):
            kept[cache_key] = value
    return kept


def _load(path: Path) -> Any:
    """The parsed file, or None: a regular file only (opened without blocking, so a FIFO
    in its place is seen, not waited on), at most MAX_BYTES, valid JSON."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_BYTES:
            return None
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            raw = handle.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            return None
        return json.loads(raw.decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return None
    finally:
        os.close(descriptor)


def _valid(value: object, items: frozenset[str]) -> bool:
    """One entry: a list of results ``[item, status, reason, [[start, end], ...]]`` about
    known items, each item at most once."""
    if not isinstance(value, list) or len(value) > len(items):
        return False
    seen: set[str] = set()
    for result in value:
        if not isinstance(result, list) or len(result) != 4:
            return False
        item, status, reason, spans = result
        if item not in items or item in seen or status not in _STATUSES:
            return False
        seen.add(item)
        if not isinstance(reason, str) or len(reason) > MAX_REASON:
            return False
        if not isinstance(spans, list) or not all(_span(s) for s in spans):
            return False
    return True


def _span(value: object) -> bool:
    return (
        isinstance(value, list)
        and len(value) == 2
        and all(type(n) is int for n in value)
        and 0 <= value[0] <= value[1] <= MAX_OFFSET
    )


@cache
def known_items() -> frozenset[str]:
    """The ids of every item of every AUP version this package ships."""
    from llamalicense.aup import rules

    return frozenset(
        item for version in rules.available_versions() for item in rules.item_texts(version)
    )


_OPEN: dict[Path, ResultCache] = {}


def open_cache(directory: Path) -> ResultCache:
    """The process-wide cache object for ``directory``, refreshed from disk."""
    found = _OPEN.get(directory)
    if found is None:
        found = ResultCache(directory)
        _OPEN[directory] = found
    else:
        found.reload()
    return found
