"""GGUF metadata: the license, base models and name llama.cpp files carry in their header.

The header is parsed here with bounded reads (the ``gguf`` package would read the whole
file through numpy memory maps): magic ``GGUF``, a version (2 or 3), the tensor and
key-value counts, then key-value pairs. Only the first :data:`HEADER_BYTES` of the file
are read; every count and length is checked against what is left of them, so a hostile
header cannot make the reader allocate or loop beyond that. Arrays (the tokenizer's
vocabulary) are stepped over without being kept. Keys read:

* ``general.license`` (and ``.name``, ``.link``) -> a declared license;
* ``general.base_model.{i}.name`` / ``.organization`` / ``.repo_url`` -> declared bases;
* ``general.source.huggingface.repository``, ``general.source.repo_url`` -> the model it
  was converted from (a base, relation ``quantized``);
* ``general.name`` (or ``general.basename``) -> the name.

``general.architecture`` (``llama``) is not evidence of Meta's weights and is not read.
A Git LFS pointer saved as ``.gguf`` is not a model: :mod:`.weights` reports it.
"""

from __future__ import annotations

import re
import struct

from llamalicense.project.readers.base import (
    BASE_MODEL,
    DECLARED,
    DECLARED_LICENSE,
    NAME,
    Blob,
    Fact,
    Source,
    clean,
    review,
)
from llamalicense.project.readers.weights import LFS_HEADER

HEADER_BYTES = 8 * 1024 * 1024
MAX_KEYS = 100_000
MAX_KEY = 1024
MAX_STRING = 1024 * 1024
# value type -> struct format of a scalar
_SCALARS = {
    0: "B", 1: "b", 2: "H", 3: "h", 4: "I", 5: "i", 6: "f", 7: "?", 10: "Q", 11: "q", 12: "d"
}  # fmt: skip
_STRING, _ARRAY = 8, 9
_BASE_KEY = re.compile(r"^general\.base_model\.([0-9]{1,4})\.(name|organization|repo_url)$")
_HF_URL = re.compile(r"huggingface\.co/([\w.-]+/[\w.-]+)", re.IGNORECASE)


class Truncated(Exception):
    """The header goes on past the bytes read (or claims more than there is)."""


class _Cursor:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.at = 0

    def take(self, size: int) -> bytes:
        if size < 0 or self.at + size > len(self.data):
            raise Truncated
        chunk = self.data[self.at : self.at + size]
        self.at += size
        return chunk

    def scalar(self, fmt: str) -> int | float | bool:
        value: int | float | bool = struct.unpack("<" + fmt, self.take(struct.calcsize(fmt)))[0]
        return value

    def string(self, cap: int) -> str:
        length = int(self.scalar("Q"))
        if length > cap:
            raise Truncated
        return self.take(length).decode("utf-8", errors="replace")

    def skip(self, kind: int, depth: int = 0) -> None:
        if kind in _SCALARS:
            self.take(struct.calcsize(_SCALARS[kind]))
        elif kind == _STRING:
            self.take(int(self.scalar("Q")))
        elif kind == _ARRAY and depth < 2:
            inner, count = int(self.scalar("I")), int(self.scalar("Q"))
            if inner in _SCALARS:
                self.take(struct.calcsize(_SCALARS[inner]) * count)
                return
            if count > len(self.data):
                raise Truncated  # more items than bytes: cannot be real
            for _ in range(count):
                self.skip(inner, depth + 1)
        else:
            raise ValueError(f"unknown value type {kind}")


def read_metadata(data: bytes) -> tuple[dict[str, str], bool]:
    """The ``general.*`` string values of a GGUF header, and whether all keys were read.

    Raises:
        ValueError: not a GGUF file, or a version or value type this reader does not know.
    """
    cursor = _Cursor(data)
    if cursor.take(4) != b"GGUF":
        raise ValueError("not a GGUF file (no GGUF magic)")
    version = int(cursor.scalar("I"))
    if version not in (2, 3):
        raise ValueError(f"GGUF version {version} is not supported (2 and 3 are)")
    cursor.scalar("Q")  # tensor count
    count = int(cursor.scalar("Q"))
    found: dict[str, str] = {}
    try:
        for _ in range(min(count, MAX_KEYS)):
            key = cursor.string(MAX_KEY)
            kind = int(cursor.scalar("I"))
            if kind == _STRING and key.startswith("general."):
                found[key] = cursor.string(MAX_STRING)
            else:
                cursor.skip(kind)
    except Truncated:
        return found, False
    return found, count <= MAX_KEYS


class GgufReader:
    name = "gguf"
    max_bytes = HEADER_BYTES

    def reads(self, path: str) -> bool:
        return path.lower().endswith(".gguf")

    def read(self, blob: Blob) -> tuple[Fact, ...]:
        if blob.data.startswith(LFS_HEADER):
            return ()  # a pointer, not a model: the weights reader says so
        try:
            metadata, complete = read_metadata(blob.data)
        except (ValueError, Truncated) as exc:
            message = str(exc) or "the GGUF header is cut short"
            return (review(blob, f"GGUF header not readable: {message}"),)
        facts = metadata_facts(metadata, blob.path)
        if not complete and not facts:
            return (review(blob, "GGUF header cut short before any general.* key"),)
        return facts


def metadata_facts(metadata: dict[str, str], path: str) -> tuple[Fact, ...]:
    """Facts from the ``general.*`` keys of a GGUF header."""
    facts: list[Fact] = []

    def add(kind: str, key: str, value: str, detail: str = "") -> None:
        if value.strip():
            facts.append(Fact(kind, clean(value), Source(path, None, key), DECLARED, detail))

    for key in ("general.license", "general.license.name", "general.license.link"):
        add(DECLARED_LICENSE, key, metadata.get(key, ""))
    bases: dict[int, dict[str, str]] = {}
    for key, value in metadata.items():
        match = _BASE_KEY.match(key)
        if match:
            bases.setdefault(int(match.group(1)), {})[match.group(2)] = value
    for index in sorted(bases):
        entry = bases[index]
        hub = _HF_URL.search(entry.get("repo_url", ""))
        model = hub.group(1) if hub else _joined(entry)
        add(BASE_MODEL, f"general.base_model.{index}", model, "finetune")
    for key in ("general.source.huggingface.repository", "general.source.repo_url"):
        value = metadata.get(key, "")
        hub = _HF_URL.search(value)
        add(BASE_MODEL, key, hub.group(1) if hub else value, "quantized")
    name = metadata.get("general.name") or metadata.get("general.basename") or ""
    add(NAME, "general.name" if metadata.get("general.name") else "general.basename", name)
    return tuple(facts)


def _joined(entry: dict[str, str]) -> str:
    name = entry.get("name", "").strip()
    org = entry.get("organization", "").strip()
    if org and name and "/" not in name:
        return f"{org.replace(' ', '-')}/{name.replace(' ', '-')}"
    return name


READER = GgufReader()
