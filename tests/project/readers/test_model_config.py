from __future__ import annotations

from readers_kit import blob_bytes, blob_of

from llamalicense.project.readers.base import BASE_MODEL, DECLARED, REVIEW, Source
from llamalicense.project.readers.model_config import READER


def test_reads_only_config_json() -> None:
    assert READER.reads("config.json")
    assert READER.reads("a/b/config.json")
    assert not READER.reads("generation_config.json")
    assert not READER.reads("adapter_config.json")


def test_name_or_path_is_the_model_the_weights_came_from() -> None:
    (fact,) = READER.read(blob_of("model_config/finetune.json", "config.json"))
    assert (fact.kind, fact.value, fact.strength) == (
        BASE_MODEL,
        "acme-labs/hidden-base-8b",
        DECLARED,
    )
    assert fact.source == Source("config.json", 2, "_name_or_path")


def test_a_llama_architecture_is_not_evidence_of_meta_weights() -> None:
    # TinyLlama, Yi, DeciLM and others use LlamaForCausalLM with weights of their own.
    assert READER.read(blob_of("model_config/architecture_only.json", "config.json")) == ()


def test_malformed_config_is_a_review_point_with_its_line() -> None:
    (fact,) = READER.read(blob_of("model_config/broken.json", "config.json"))
    assert fact.kind == REVIEW
    assert fact.source.line == 4


def test_a_config_with_a_blank_name_says_nothing() -> None:
    assert READER.read(blob_bytes(b'{"_name_or_path": "  "}', "config.json")) == ()
