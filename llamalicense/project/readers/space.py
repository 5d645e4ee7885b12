"""Hugging Face Space cards: the models an app on the Hub runs.

A Space's ``README.md`` has front matter with ``sdk`` (gradio, streamlit, docker, static)
and, when its authors list them, ``models:`` (the Hub ids the Space loads). Each model is
a declared ``uses-model`` fact: the Space is a product or service that uses it.
``license`` is the Space's declared license. Front matter that is not valid YAML is a
review point (the Hub would reject it too).
"""

from __future__ import annotations

from llamalicense.documents.loader import Document, load_yaml_text
from llamalicense.errors import LlamalicenseError
from llamalicense.project.readers.base import (
    DECLARED,
    DECLARED_LICENSE,
    USES_MODEL,
    Blob,
    Fact,
    Source,
    clean,
    decode,
    error_fact,
    line_of,
    strings,
)
from llamalicense.project.readers.cards import split_front_matter

MAX_ITEMS = 1000


class SpaceCardReader:
    name = "space-card"
    max_bytes = 1024 * 1024

    def reads(self, path: str) -> bool:
        return path.rsplit("/", 1)[-1].lower() == "readme.md"

    def read(self, blob: Blob) -> tuple[Fact, ...]:
        if b"sdk" not in blob.data[:65536]:
            return ()
        text = decode(blob)
        if isinstance(text, Fact):
            return (text,)
        front = split_front_matter(text)
        if front.yaml is None:
            return ()
        try:
            document = load_yaml_text(front.yaml, blob.path)
        except LlamalicenseError as exc:
            return (error_fact(blob, exc),) if "\nsdk:" in front.yaml else ()
        data = document.data
        if not isinstance(data, dict) or "sdk" not in data:
            return ()
        return space_facts(document, blob.path)


def space_facts(document: Document, path: str) -> tuple[Fact, ...]:
    """Models, datasets and the license a Space card's front matter lists."""
    facts: list[Fact] = []
    for key, kind, detail in (
        ("models", USES_MODEL, "the Space runs it"),
        ("license", DECLARED_LICENSE, ""),
    ):
        value = document.data.get(key)
        for index, item in enumerate(strings(value)[:MAX_ITEMS]):
            where: tuple[str | int, ...] = (key, index) if isinstance(value, list) else (key,)
            source = Source(path, line_of(document, *where), key)
            facts.append(Fact(kind, clean(item), source, DECLARED, detail))
    return tuple(facts)


READER = SpaceCardReader()
