"""The readers, by name, and the one way a file is handed to them.

Like pre-commit's ``all_languages``: a plain mapping of modules that share one protocol
(:class:`llamalicense.project.readers.base.Reader`). A new kind of file is one new module
and one line here. :func:`read_file` gives each reader that wants a file at most its
``max_bytes`` of it, read once, so every reader is bounded; facts come back sorted, so the
same file always gives the same facts.
"""

from __future__ import annotations

from pathlib import Path

from llamalicense.project.readers import (
    adapter_config,
    code_mentions,
    dataset_sources,
    gguf,
    license_files,
    mergekit,
    model_config,
    modelfile,
    readme_prose,
    space,
    training,
    weights,
)
from llamalicense.project.readers.base import Blob, Fact, Reader, Source, review

READERS: dict[str, Reader] = {
    reader.name: reader
    for reader in (
        adapter_config.READER,
        model_config.READER,
        modelfile.READER,
        mergekit.READER,
        training.READER,
        space.READER,
        gguf.READER,
        weights.READER,
        license_files.READER,
        readme_prose.READER,
        code_mentions.READER,
        dataset_sources.READER,
    )
}


def readers_for(path: str) -> tuple[Reader, ...]:
    """The readers that want the file at ``path`` (relative, POSIX style)."""
    return tuple(reader for reader in READERS.values() if reader.reads(path))


def read_file(root: Path, path: str) -> tuple[Fact, ...]:
    """Every fact the readers find in ``root / path``; an unreadable file is a review fact."""
    wanted = readers_for(path)
    if not wanted:
        return ()
    limit = max(reader.max_bytes for reader in wanted)
    try:
        with (root / path).open("rb") as handle:
            data = handle.read(limit + 1)
            size = (root / path).stat().st_size
    except OSError as exc:
        return (review(Blob(path, b"", 0, False), f"cannot read file: {exc.strerror}"),)
    facts: set[Fact] = set()
    for reader in wanted:
        chunk = data[: reader.max_bytes]
        blob = Blob(path, chunk, max(size, len(data)), truncated=len(data) > reader.max_bytes)
        facts.update(reader.read(blob))
    return tuple(sorted(facts))


def read_text_as(name: str, path: str, text: str) -> tuple[Fact, ...]:
    """What reader ``name`` finds in ``text`` as if it were the file ``path`` (for tests
    and for text that is not a file of its own, such as a card held in memory)."""
    data = text.encode("utf-8")
    return READERS[name].read(Blob(path, data, len(data), truncated=False))


__all__ = ["READERS", "Fact", "Source", "read_file", "read_text_as", "readers_for"]
