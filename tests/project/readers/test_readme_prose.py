from __future__ import annotations

from readers_kit import blob_bytes

from llamalicense.project.readers.base import PROSE
from llamalicense.project.readers.readme_prose import READER, README_BASE


def _facts(text: str) -> list[tuple[str, str, int | None, str]]:
    found = READER.read(blob_bytes(text.encode(), "README.md"))
    return [(f.kind, f.value, f.source.line, f.detail) for f in found]


def test_readme_names() -> None:
    assert READER.reads("README.md")
    assert READER.reads("docs/README.txt")
    assert READER.reads("README (model).txt")
    assert not READER.reads("NOTREADME.md")
    assert not READER.reads("guide.md")


def test_a_sentence_about_this_model_names_its_base() -> None:
    text = "# Acme\n\nThis adapter is a LoRA fine-tuned from Meta-Llama-3-8B-Instruct.\n"
    assert _facts(text) == [(README_BASE, "meta-llama/Meta-Llama-3-8B-Instruct", 3, "adapter")]
    (fact,) = READER.read(blob_bytes(text.encode(), "README.md"))
    assert fact.strength == PROSE


def test_siblings_comparisons_and_libraries_name_nothing() -> None:
    text = (
        "# Acme-R1\n\n"
        "- Acme-R1-Distill-Llama-8B is derived from Llama-3.1-8B.\n"
        "Acme-R1 is 15 times faster than Llama 2 7B, fine-tuned from scratch.\n"
        "Built on LlamaIndex and llama.cpp.\n"
        "| Acme-Llama-8B | based on Llama-3.1-8B |\n"
    )
    assert _facts(text) == []


def test_front_matter_lines_are_counted() -> None:
    text = "---\ntitle: x\n---\n# A\n\nQuantized version of meta-llama/Llama-3.2-1B-Instruct.\n"
    assert _facts(text) == [(README_BASE, "meta-llama/Llama-3.2-1B-Instruct", 6, "quantized")]
