"""Helpers for the reader tests: a fixture file handed to a reader as a blob."""

from __future__ import annotations

from pathlib import Path

from llamalicense.project.readers.base import Blob, Fact

DATA = Path(__file__).resolve().parent / "data" / "readers"


def blob_of(fixture: str, as_path: str | None = None, *, limit: int | None = None) -> Blob:
    """The fixture ``tests/data/readers/<fixture>``, shown as ``as_path`` (default: itself)."""
    data = (DATA / fixture).read_bytes()
    return blob_bytes(data, as_path or fixture, limit=limit)


def blob_bytes(data: bytes, path: str, *, limit: int | None = None) -> Blob:
    if limit is not None and len(data) > limit:
        return Blob(path, data[:limit], len(data), truncated=True)
    return Blob(path, data, len(data), truncated=False)


def kinds(facts: tuple[Fact, ...]) -> list[tuple[str, str]]:
    return [(f.kind, f.value) for f in facts]
