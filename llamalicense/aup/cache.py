"""A small on-disk cache of classification results, so unchanged text skips spaCy.

One JSON file per cache folder. Keys hash (text, version, kind, pattern hash); values
are the per-item results. The file is replaced atomically (write a temporary file in the
same folder, then ``os.replace``). Anything wrong with it (missing, unreadable, corrupt,
another format) means an empty cache: the cache can slow a run down, never break it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from pathlib import Path

CACHE_ENV = "LLAMALICENSE_CACHE_DIR"
FILE_NAME = "aup-results.json"
FORMAT = 1
MAX_ENTRIES = 200_000

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
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return {}
    entries = data.get("entries")
    if not isinstance(entries, dict):
        return {}
    return {k: v for k, v in entries.items() if isinstance(k, str) and isinstance(v, list)}


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
