from __future__ import annotations

from readers_kit import blob_bytes, blob_of, kinds

from llamalicense.project.readers.base import BASE_MODEL, DECLARED, REVIEW
from llamalicense.project.readers.mergekit import READER


def test_a_config_file_lists_every_input_once() -> None:
    facts = READER.read(blob_of("mergekit/mergekit.yaml"))
    assert kinds(facts) == [
        (BASE_MODEL, "meta-llama/Llama-3.1-8B-Instruct"),
        (BASE_MODEL, "acme-labs/Llama-3.1-8B-Storyteller"),
        (BASE_MODEL, "acme-labs/Llama-3.1-8B-Coder"),
    ]
    assert all(f.strength == DECLARED and f.detail == "merge (slerp)" for f in facts)
    assert facts[0].source.line == 9
    assert facts[0].source.field == "base_model"
    assert facts[1].source.field == "slices.0.sources.0.model"
    assert facts[1].source.line == 4


def test_the_blocks_of_a_merge_card_give_the_inputs_its_front_matter_left_out() -> None:
    facts = READER.read(blob_of("mergekit/README.md"))
    assert [f.value for f in facts] == [
        "meta-llama/Llama-3.1-8B",
        "acme-labs/Llama-3.1-8B-Storyteller",
        "acme-labs/Llama-3.1-8B-Coder",
        "acme-labs/Acme-Blend-step-one",
        "acme-labs/Llama-3.1-8B-Roleplay",
    ]
    # line numbers are the card's own
    assert facts[0].source.line == 22
    # the snippet without merge_method is not a config
    assert "meta-llama/Llama-2-7b-hf" not in [f.value for f in facts]


def test_a_broken_block_is_a_review_point() -> None:
    (fact,) = READER.read(blob_of("mergekit/broken.md"))
    assert fact.kind == REVIEW
    assert "mergekit block" in fact.value
    assert fact.source.line is not None
    assert fact.source.line >= 4


def test_yaml_without_merge_method_is_not_read() -> None:
    assert READER.read(blob_bytes(b"models:\n  - model: a/b\n", "config.yaml")) == ()
    assert READER.read(blob_of("training/axolotl.yml")) == ()
