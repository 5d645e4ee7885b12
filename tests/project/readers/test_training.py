from __future__ import annotations

from readers_kit import blob_bytes, blob_of, kinds

from llamalicense.project.readers.base import (
    BASE_MODEL,
    PUBLISHED_AS,
    REVIEW,
    TRAINING_INPUT,
    Source,
)
from llamalicense.project.readers.training import READER


def test_axolotl_recipe() -> None:
    facts = READER.read(blob_of("training/axolotl.yml"))
    assert kinds(facts) == [
        (BASE_MODEL, "meta-llama/Llama-3.2-3B"),
        (TRAINING_INPUT, "acme-labs/support-tickets"),
        (TRAINING_INPUT, "acme-labs/synthetic-answers-405b"),
        (PUBLISHED_AS, "acme-labs/Llama-3.2-3B-Acme-Support"),
    ]
    assert facts[0].detail == "adapter"  # adapter: qlora
    assert facts[1].source == Source("training/axolotl.yml", 9, "datasets.0.path")
    assert facts[3].detail == "Hub id set"


def test_llamafactory_recipe() -> None:
    facts = READER.read(blob_of("training/llamafactory.yaml"))
    assert kinds(facts) == [
        (BASE_MODEL, "meta-llama/Meta-Llama-3-8B-Instruct"),
        (TRAINING_INPUT, "acme_faq"),
        (TRAINING_INPUT, "alpaca_en_demo"),
        (PUBLISHED_AS, "acme-labs/Llama-3-Acme-FAQ-8B"),
    ]
    assert facts[0].detail == "adapter"
    assert facts[0].source.line == 2


def test_alignment_handbook_recipe_continues_from_an_earlier_model() -> None:
    facts = READER.read(blob_of("training/handbook.yaml"))
    assert kinds(facts) == [
        (BASE_MODEL, "acme-labs/Llama-3.1-8B-Acme-SFT"),
        (TRAINING_INPUT, "acme-labs/preference-pairs"),
        (TRAINING_INPUT, "acme-labs/extra-pairs"),
        (PUBLISHED_AS, "acme-labs/Llama-3.1-8B-Acme-DPO"),
    ]
    assert facts[0].detail == "finetune"
    assert facts[-1].detail == "push_to_hub: true"


def test_other_yaml_with_a_base_model_key_is_not_a_recipe() -> None:
    assert READER.read(blob_of("training/not_a_recipe.yaml")) == ()
    assert READER.read(blob_bytes(b"name: ci\non: push\n", ".github/workflows/ci.yml")) == ()


def test_a_broken_recipe_is_a_review_point() -> None:
    text = b"base_model: a/b\ndatasets:\n  - path: x\n   type: y\n"
    (fact,) = READER.read(blob_bytes(text, "train.yml"))
    assert fact.kind == REVIEW
    assert fact.source.line is not None
