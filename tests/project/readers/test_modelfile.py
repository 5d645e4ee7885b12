from __future__ import annotations

from pathlib import Path

from readers_kit import blob_bytes, blob_of, kinds

from llamalicense.catalog.data import rules_dir
from llamalicense.project.readers.base import (
    BASE_MODEL,
    DECLARED_LICENSE,
    IDENTIFIED,
    LICENSE_TEXT,
    REVIEW,
    WEIGHTS,
)
from llamalicense.project.readers.modelfile import READER


def test_file_names_read() -> None:
    for name in ("Modelfile", "models/x/Modelfile", "acme.modelfile", "AssistantModelfile.txt"):
        assert READER.reads(name), name
    assert not READER.reads("Modelfile.py")
    assert not READER.reads("README.md")


def test_from_adapter_and_a_one_line_license() -> None:
    facts = READER.read(blob_of("modelfile/Modelfile", "Modelfile"))
    assert kinds(facts) == [
        (BASE_MODEL, "acme-quant/Llama-3.2-3B-Instruct-GGUF"),
        (WEIGHTS, "./acme-support-lora.gguf"),
        (DECLARED_LICENSE, "Apache License 2.0 applies to the adapter only."),
    ]
    base = facts[0]
    assert base.source.line == 2
    assert base.source.field == "FROM"
    assert "Q4_K_M" in base.detail  # what was written is kept
    assert facts[2].source.line == 13


def test_lower_case_instruction_and_an_unclosed_block() -> None:
    facts = READER.read(blob_of("modelfile/LocalModelfile.txt"))
    assert kinds(facts)[0] == (BASE_MODEL, "/models/Llama-3-8B-Instruct-fp16.gguf")
    assert facts[1].kind == REVIEW
    assert "never closes" in facts[1].value
    assert facts[1].source.line == 3


def test_an_ollama_library_name_is_kept_as_written() -> None:
    (fact,) = READER.read(blob_of("modelfile/library.modelfile"))
    assert (fact.kind, fact.value) == (BASE_MODEL, "llama3.1:8b")


def test_a_license_block_holding_the_agreement_is_identified(tmp_path: Path) -> None:
    agreement = (rules_dir() / "licenses" / "llama-3.2" / "LICENSE.txt").read_text("utf-8")
    text = f'FROM llama3.2:3b\nLICENSE """\n{agreement}\n"""\nPARAMETER temperature 0.1\n'
    facts = READER.read(blob_bytes(text.encode(), "Modelfile"))
    licenses = [f for f in facts if f.kind == LICENSE_TEXT]
    assert [(f.value, f.strength) for f in licenses] == [("llama-3.2", IDENTIFIED)]
    assert "complete" in licenses[0].detail
    assert licenses[0].source.line == 2
