"""Ollama ``Modelfile``: the model an Ollama model is built from, its adapter, its license.

* ``FROM`` names the base: an Ollama library name (``llama3.1:8b``), a Hub repository
  (``hf.co/bartowski/Llama-3.2-3B-Instruct-GGUF:Q4_K_M``, kept as ``org/name``) or a weights
  file (``./model.gguf``). A declared base; the detail keeps what was written.
* ``ADAPTER`` names a LoRA adapter file: weights that go with the model.
* ``LICENSE`` (one line or a ``\"\"\"`` block) is the license Ollama shows: its text is
  judged by the evidence scanner, so a full Llama agreement is a license text and anything
  else a declared license.

Files named ``Modelfile``, ``*.modelfile`` or ``…Modelfile.txt`` are read. Instructions
are matched case-insensitively at the start of a line; a ``\"\"\"`` block that never closes
is a review point. Everything is one pass over the lines.
"""

from __future__ import annotations

import re

from llamalicense.project.readers.base import (
    BASE_MODEL,
    DECLARED,
    DECLARED_LICENSE,
    IDENTIFIED,
    LICENSE_TEXT,
    WEIGHTS,
    Blob,
    Fact,
    Source,
    clean,
    decode,
    review,
)

_INSTRUCTION = re.compile(
    r"^\s*(FROM|ADAPTER|LICENSE|TEMPLATE|SYSTEM|PARAMETER|MESSAGE|REQUIRES)\b\s*(.*)$",
    re.IGNORECASE,
)
_HUB = re.compile(r"^(?:https?://)?(?:hf\.co|huggingface\.co)/([\w.-]+/[\w.-]+)", re.IGNORECASE)
_QUOTES = '"""'


class ModelfileReader:
    name = "modelfile"
    max_bytes = 1024 * 1024

    def reads(self, path: str) -> bool:
        name = path.rsplit("/", 1)[-1].lower()
        return name == "modelfile" or name.endswith((".modelfile", "modelfile.txt"))

    def read(self, blob: Blob) -> tuple[Fact, ...]:
        text = decode(blob)
        if isinstance(text, Fact):
            return (text,)
        facts: list[Fact] = []
        lines = text.splitlines()
        index = 0
        while index < len(lines):
            match = _INSTRUCTION.match(lines[index])
            start = index
            index += 1
            if match is None:
                continue
            keyword, value = match.group(1).upper(), match.group(2).strip()
            if value.startswith(_QUOTES):
                block, index, closed = _block(lines, start, value)
                if not closed:
                    facts.append(review(blob, f'{keyword} """ block never closes', line=start + 1))
                    break
                value = block
            facts.extend(_facts(blob, keyword, value, start + 1))
        return tuple(facts)


def _block(lines: list[str], start: int, first: str) -> tuple[str, int, bool]:
    """The text of a triple-quoted block opening on line ``start``; where it ends."""
    rest = first[len(_QUOTES) :]
    if _QUOTES in rest:
        return rest.split(_QUOTES, 1)[0], start + 1, True
    parts = [rest]
    for index in range(start + 1, len(lines)):
        if _QUOTES in lines[index]:
            parts.append(lines[index].split(_QUOTES, 1)[0])
            return "\n".join(parts), index + 1, True
        parts.append(lines[index])
    return "\n".join(parts), len(lines), False


def _facts(blob: Blob, keyword: str, value: str, line: int) -> list[Fact]:
    source = Source(blob.path, line, keyword)
    if keyword == "FROM" and value:
        hub = _HUB.match(value)
        model = hub.group(1) if hub else value.strip("\"'")
        return [Fact(BASE_MODEL, clean(model), source, DECLARED, clean(f"FROM {value}"))]
    if keyword == "ADAPTER" and value:
        return [Fact(WEIGHTS, clean(value.strip("\"'")), source, DECLARED, "adapter")]
    if keyword == "LICENSE" and value.strip():
        return _license(value, source)
    return []


def _license(text: str, source: Source) -> list[Fact]:
    from llamalicense.evidence.scanner import scan_text

    found = scan_text(text, source.path).texts
    if not found:
        first = next(line for line in text.splitlines() if line.strip())
        return [Fact(DECLARED_LICENSE, clean(first), source, DECLARED)]
    return [
        Fact(LICENSE_TEXT, t.license, source, IDENTIFIED, clean(f"{t.kind} {t.status}"))
        for t in found
    ]


READER = ModelfileReader()
