from __future__ import annotations

from readers_kit import blob_of

from llamalicense.project.readers.adapter_config import READER
from llamalicense.project.readers.base import BASE_MODEL, DECLARED, REVIEW, Source


def test_reads_only_adapter_configs() -> None:
    assert READER.reads("adapter_config.json")
    assert READER.reads("models/acme/adapter_config.json")
    assert not READER.reads("config.json")
    assert not READER.reads("adapter_config.json.bak")


def test_base_model_is_declared_with_file_line_and_field() -> None:
    (fact,) = READER.read(blob_of("adapter/adapter_config.json", "acme/adapter_config.json"))
    assert fact.kind == BASE_MODEL
    assert fact.value == "meta-llama/Llama-3.1-8B-Instruct"
    assert fact.strength == DECLARED
    assert fact.source == Source("acme/adapter_config.json", 3, "base_model_name_or_path")
    assert fact.detail == "adapter (LORA)"


def test_an_adapter_without_a_base_is_a_review_point() -> None:
    (fact,) = READER.read(blob_of("adapter/no_base.json", "adapter_config.json"))
    assert fact.kind == REVIEW
    assert "base_model_name_or_path" in fact.value


def test_duplicate_keys_are_a_review_point_naming_the_line() -> None:
    (fact,) = READER.read(blob_of("adapter/duplicate.json", "adapter_config.json"))
    assert fact.kind == REVIEW
    assert "duplicate key" in fact.value
    assert fact.source.line == 3


def test_not_json_and_not_utf8_are_review_points() -> None:
    from readers_kit import blob_bytes

    (bad,) = READER.read(blob_bytes(b"[1, 2", "adapter_config.json"))
    assert bad.kind == REVIEW
    assert "invalid JSON" in bad.value
    (listed,) = READER.read(blob_bytes(b"[1, 2]", "adapter_config.json"))
    assert listed.kind == REVIEW
    assert "object" in listed.value
    (binary,) = READER.read(blob_bytes(b'{"a": "\xff"}', "adapter_config.json"))
    assert binary.kind == REVIEW
    assert "UTF-8" in binary.value
