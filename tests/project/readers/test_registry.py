from __future__ import annotations

from pathlib import Path

from readers_kit import DATA

from llamalicense.project.readers.base import BASE_MODEL, KINDS, REVIEW, STRENGTHS
from llamalicense.project.readers.registry import READERS, read_file, read_text_as, readers_for


def test_every_reader_has_a_unique_name_and_a_bound() -> None:
    assert len(READERS) == 12
    for name, reader in READERS.items():
        assert reader.name == name
        assert 0 < reader.max_bytes <= 8 * 1024 * 1024


def test_files_go_to_the_readers_that_want_them() -> None:
    def names(path: str) -> list[str]:
        return [r.name for r in readers_for(path)]

    assert names("adapter_config.json") == ["adapter-config"]
    assert names("config.json") == ["model-config"]
    assert names("m/Modelfile") == ["modelfile"]
    assert names("train.yml") == ["mergekit", "training-recipe"]
    assert names("README.md") == ["mergekit", "space-card", "readme-prose", "dataset-sources"]
    assert names("m.gguf") == ["gguf", "weights"]
    assert names("NOTICE") == ["license-files"]
    assert names("src/app.py") == ["code-mentions"]
    assert names("src/app.ts") == []


def test_read_file_is_sorted_and_repeatable(tmp_path: Path) -> None:
    (tmp_path / "Modelfile").write_bytes((DATA / "modelfile" / "Modelfile").read_bytes())
    first = read_file(tmp_path, "Modelfile")
    assert first == read_file(tmp_path, "Modelfile") == tuple(sorted(first))
    assert all(f.kind in KINDS and f.strength in STRENGTHS for f in first)


def test_an_unreadable_or_oversized_file_is_a_review_point(tmp_path: Path) -> None:
    (missing,) = read_file(tmp_path, "adapter_config.json")
    assert missing.kind == REVIEW
    assert "cannot read" in missing.value
    big = b'{"base_model_name_or_path": "a/b", "pad": "' + b"x" * (1024 * 1024) + b'"}'
    (tmp_path / "adapter_config.json").write_bytes(big)
    (fact,) = read_file(tmp_path, "adapter_config.json")
    assert fact.kind == REVIEW
    assert "limit" in fact.value


def test_read_text_as_reads_text_held_in_memory() -> None:
    facts = read_text_as(
        "adapter-config", "x/adapter_config.json", '{"base_model_name_or_path": "a/b"}'
    )
    assert [(f.kind, f.value) for f in facts] == [(BASE_MODEL, "a/b")]
