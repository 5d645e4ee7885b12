"""Documents that say which model generated a dataset: prose, read only for linked datasets."""

from __future__ import annotations

from readers_kit import blob_bytes

from llamalicense.project.readers.base import OUTPUT_SOURCE, PROSE, Source
from llamalicense.project.readers.dataset_sources import READER

HUB = "https://huggingface.co/"
TABLE = f"""# Data

| Source model | Dataset | Kind |
|---|---|---|
| [Big]({HUB}acme/Big-Teacher-70B) | [qa]({HUB}datasets/acme/qa-300k) | SFT |

| Dataset | Size |
|---|---|
| [logs]({HUB}datasets/acme/logs) and {HUB}acme/Other-8B |
"""


def read(text: str, path: str = "DATA.md") -> list[tuple[str, str, Source]]:
    facts = READER.read(blob_bytes(text.encode(), path))
    assert {(f.kind, f.strength) for f in facts} <= {(OUTPUT_SOURCE, PROSE)}
    return [(f.value, f.detail, f.source) for f in facts]


def test_a_table_with_model_and_dataset_columns() -> None:
    # the second table has no model column: a model link on its row is not a generator
    assert read(TABLE) == [
        ("acme/Big-Teacher-70B", "acme/qa-300k", Source("DATA.md", 5, "table row"))
    ]


def test_a_sentence_with_a_generation_cue_and_a_release_in_words() -> None:
    text = f"Conversations in [chat]({HUB}datasets/acme/chat-1m) built with Llama-3-70B-Instruct.\n"
    assert read(text) == [
        (
            "meta-llama/Meta-Llama-3-70B-Instruct",
            "acme/chat-1m",
            Source("DATA.md", 1, "text (built with)"),
        )
    ]


def test_lines_without_a_cue_or_a_dataset_say_nothing() -> None:
    assert (
        read("We evaluate on https://huggingface.co/datasets/acme/eval with Llama 3 70B.\n") == []
    )
    assert read("Built with https://huggingface.co/meta-llama/Llama-3.3-70B-Instruct.\n") == []
    assert (
        read(
            "A space: https://huggingface.co/spaces/acme/demo generated https://huggingface.co/datasets/a/b\n"
        )
        == []
    )


def test_code_blocks_are_not_read() -> None:
    text = f"```\n| Model | Dataset |\n| {HUB}a/m | {HUB}datasets/a/d |\n```\n"
    assert read(text) == []


def test_only_markdown_is_read() -> None:
    assert READER.reads("docs/navigation.md")
    assert not READER.reads("train.yml")
