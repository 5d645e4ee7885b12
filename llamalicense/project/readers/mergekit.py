"""mergekit configurations: every model a merge is made of.

A mergekit config is YAML with ``merge_method``; its inputs are ``base_model``, each
``models[].model`` and each ``slices[].sources[].model``. Every one is a declared base with
the relation ``merge``. The config may be a file of its own (``mergekit.yaml``,
``config.yml``, ...) or a fenced ``yaml`` block inside a merge's model card, where the
Hub's front matter usually lists only one of the inputs; the blocks are read from the
card's Markdown body as well (:func:`merge_blocks`). A block that is not valid YAML is a
review point.
"""

from __future__ import annotations

from typing import Any

from llamalicense.documents.loader import Document, load_yaml_text
from llamalicense.errors import LlamalicenseError
from llamalicense.project.readers.base import (
    BASE_MODEL,
    DECLARED,
    Blob,
    Fact,
    Source,
    clean,
    decode,
    line_of,
    parse,
    review,
)

MARKER = "merge_method"
_FENCES = ("```", "~~~")
MAX_MODELS = 1000


class MergekitReader:
    name = "mergekit"
    max_bytes = 2 * 1024 * 1024

    def reads(self, path: str) -> bool:
        return path.lower().endswith((".yaml", ".yml", ".md", ".markdown"))

    def read(self, blob: Blob) -> tuple[Fact, ...]:
        if MARKER.encode() not in blob.data:
            return ()
        text = decode(blob)
        if isinstance(text, Fact):
            return (text,)
        if blob.path.lower().endswith((".md", ".markdown")):
            return merge_blocks(text, blob.path)
        document = parse(blob, text)
        if isinstance(document, Fact):
            return (document,)
        return merge_inputs(document, blob.path)


def merge_inputs(document: Document, path: str) -> tuple[Fact, ...]:
    """The inputs of one mergekit config (nothing when it has no ``merge_method``)."""
    data = document.data
    if not isinstance(data, dict) or MARKER not in data:
        return ()
    method = clean(data.get(MARKER))
    found: list[tuple[str, tuple[str | int, ...]]] = []
    if isinstance(data.get("base_model"), str):
        found.append((data["base_model"], ("base_model",)))
    for index, entry in enumerate(_list(data.get("models"))):
        if isinstance(entry, dict) and isinstance(entry.get("model"), str):
            found.append((entry["model"], ("models", index, "model")))
    for s_index, piece in enumerate(_list(data.get("slices"))):
        sources = piece.get("sources") if isinstance(piece, dict) else None
        for index, entry in enumerate(_list(sources)):
            if isinstance(entry, dict) and isinstance(entry.get("model"), str):
                found.append((entry["model"], ("slices", s_index, "sources", index, "model")))
    facts: dict[str, Fact] = {}
    for model, where in found[:MAX_MODELS]:
        key = model.strip().lower()
        if key and key not in facts:
            field = ".".join(str(p) for p in where)
            source = Source(path, line_of(document, *where), field)
            facts[key] = Fact(BASE_MODEL, clean(model), source, DECLARED, f"merge ({method})")
    return tuple(facts.values())


def merge_blocks(text: str, path: str) -> tuple[Fact, ...]:
    """The inputs named by the mergekit configs in a Markdown file's fenced blocks."""
    facts: list[Fact] = []
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        stripped = lines[index].lstrip()
        if not stripped.startswith(_FENCES):
            index += 1
            continue
        fence = stripped[:3]
        end = index + 1
        while end < len(lines) and not lines[end].lstrip().startswith(fence):
            end += 1
        body = lines[index + 1 : end]
        if any(line.startswith(MARKER) for line in body):
            facts.extend(_block_facts(body, index + 1, path))
        index = end + 1
    unique: dict[str, Fact] = {}
    for fact in facts:
        unique.setdefault(fact.value.lower(), fact)
    return tuple(unique.values())


def _block_facts(body: list[str], offset: int, path: str) -> tuple[Fact, ...]:
    padded = "\n" * offset + "\n".join(body) + "\n"
    try:
        document = load_yaml_text(padded, path)
    except LlamalicenseError as exc:
        blob = Blob(path, b"", 0, truncated=False)
        return (review(blob, f"mergekit block: {exc.message}", line=exc.line),)
    return merge_inputs(document, path)


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


READER = MergekitReader()
