from __future__ import annotations

from readers_kit import blob_bytes, blob_of, kinds

from llamalicense.project.readers.base import DECLARED_LICENSE, REVIEW, USES_MODEL
from llamalicense.project.readers.space import READER


def test_a_space_card_lists_the_models_it_runs() -> None:
    facts = READER.read(blob_of("space/README.md", "README.md"))
    assert kinds(facts) == [
        (USES_MODEL, "meta-llama/Llama-3.2-1B-Instruct"),
        (USES_MODEL, "acme-labs/acme-reranker"),
        (DECLARED_LICENSE, "llama3.2"),
    ]
    assert facts[0].source.line == 11
    assert facts[0].source.field == "models"
    assert facts[2].source.line == 9


def test_a_model_card_is_not_a_space() -> None:
    assert READER.read(blob_of("space/not_space.md", "README.md")) == ()
    assert not READER.reads("docs/guide.md")


def test_broken_space_front_matter_is_a_review_point() -> None:
    text = b"---\nsdk: gradio\nmodels: [a/b\n---\n"
    (fact,) = READER.read(blob_bytes(text, "README.md"))
    assert fact.kind == REVIEW
