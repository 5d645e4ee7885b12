"""READMEs without model-card front matter: the lineage their sentences state (prose).

A repository's README often says what its model is made from, in words only: "fine-tuned
from CodeLlama-7b", "a LoRA adapter on Meta Llama 3.1 8B Instruct". The lines that state
*this* model's lineage (:mod:`llamalicense.project.prose`: not siblings, comparisons,
libraries or names inside other names) and name an official release give ``readme-base``
facts of strength ``prose``. They are used only when nothing else in the repository
describes a model (no card, config, recipe, Modelfile, GGUF or Llama license text): then the
repository is checked from them, and every finding that rests on them is a review.
"""

from __future__ import annotations

import re

from llamalicense.catalog.data import load_catalog
from llamalicense.project.prose import lineage_lines, releases_in
from llamalicense.project.readers.base import PROSE, Blob, Fact, Source, decode
from llamalicense.project.readers.cards import split_front_matter

README_BASE = "readme-base"  # a base read from a README's prose; used as a last resort
_README = re.compile(r"^readme[^/]*\.(md|markdown|txt|rst)$|^readme$", re.IGNORECASE)
_ADAPTER = re.compile(r"\b(lora|qlora|adapter)\b", re.IGNORECASE)
_QUANT = re.compile(r"\b(quantiz\w*|gguf|awq|gptq|4-?bit)\b", re.IGNORECASE)


class ReadmeProseReader:
    name = "readme-prose"
    max_bytes = 1024 * 1024

    def reads(self, path: str) -> bool:
        return bool(_README.match(path.rsplit("/", 1)[-1]))

    def read(self, blob: Blob) -> tuple[Fact, ...]:
        if b"lama" not in blob.data.lower():
            return ()
        text = decode(blob)
        if isinstance(text, Fact):
            return ()  # a README is no input of ours: unreadable means nothing is read
        front = split_front_matter(text)
        catalog = load_catalog()
        facts: dict[str, Fact] = {}
        for statement in lineage_lines(front.body, front.body_line, ()):
            if statement.outputs:
                continue
            for release in releases_in(statement.text, catalog):
                relation = (
                    "adapter"
                    if _ADAPTER.search(statement.text)
                    else "quantized"
                    if _QUANT.search(statement.text)
                    else "finetune"
                )
                source = Source(blob.path, statement.line, "text")
                fact = Fact(README_BASE, release.id, source, PROSE, relation)
                facts.setdefault(release.id, fact)
        return tuple(facts.values())


READER = ReadmeProseReader()
