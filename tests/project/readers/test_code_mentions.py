"""Model ids named in scripts and notebooks: mentions (prose), bounded, never code run."""

from __future__ import annotations

import json

from readers_kit import blob_bytes, blob_of

from llamalicense.project.readers.base import NAMED_IN_CODE, PROSE, Source
from llamalicense.project.readers.code_mentions import READER, hub_id, mentions


def values(path: str) -> list[tuple[str, Source]]:
    return [(f.value, f.source) for f in READER.read(blob_of(path))]


def test_python_from_pretrained_and_model_assignments() -> None:
    facts = READER.read(blob_of("code/generate.py"))
    assert [(f.value, f.source) for f in facts] == [
        ("meta-llama/Llama-3.1-70B-Instruct", Source("code/generate.py", 6, "model")),
        ("BAAI/bge-small-en-v1.5", Source("code/generate.py", 8, "model")),
    ]
    # a mention, not a declaration: the weakest strength a file's own words get
    assert {(f.kind, f.strength, f.detail) for f in facts} == {
        (NAMED_IN_CODE, PROSE, "named in code")
    }


def test_python_skips_comments_local_folders_files_datasets_and_usage_text() -> None:
    found = {v for v, _ in values("code/generate.py")}
    assert "meta-llama/Llama-2-70b-chat-hf" not in found  # a commented-out line
    assert "outputs/teacher-drafts" not in found  # a local folder
    assert "configs/teacher.yaml" not in found  # a file
    assert "acme-labs/help-desk-questions" not in found  # a dataset line has no model cue


def test_shell_defaults_and_model_flags() -> None:
    assert values("code/generate.sh") == [
        ("NousResearch/Hermes-3-Llama-3.1-405B", Source("code/generate.sh", 2, "model")),
        ("meta-llama/Meta-Llama-Guard-2-8B", Source("code/generate.sh", 6, "model")),
        ("acme-labs/helpful-rm", Source("code/generate.sh", 7, "model")),
    ]


def test_notebooks_read_code_cells_only_with_the_line_in_the_file() -> None:
    # the markdown cell and the printed output name other models: neither is code
    assert values("code/chat.ipynb") == [
        ("meta-llama/Llama-2-13b-chat-hf", Source("code/chat.ipynb", 26, "model")),
    ]


def test_a_notebook_that_is_not_json_or_is_cut_gives_nothing() -> None:
    assert READER.read(blob_bytes(b'{"cells": [model = "a/b"', "n.ipynb")) == ()
    whole = json.dumps({"cells": [{"cell_type": "code", "source": ['m = "meta-llama/x"']}]})
    assert READER.read(blob_bytes(whole.encode(), "n.ipynb", limit=10)) == ()


def test_a_cut_script_is_read_up_to_its_last_whole_line() -> None:
    text = b'model = "meta-llama/Llama-3.2-1B"\nmodel = "meta-llama/Llama-3.2-3B"\n'
    facts = READER.read(blob_bytes(text, "s.py", limit=len(text) - 5))
    assert [f.value for f in facts] == ["meta-llama/Llama-3.2-1B"]


def test_hub_ids_and_addresses() -> None:
    assert hub_id("meta-llama/Llama-3.1-8B") == "meta-llama/Llama-3.1-8B"
    assert hub_id("https://huggingface.co/org/name/resolve/main/x.gguf") == "org/name"
    assert hub_id("hf.co/org/name") == "org/name"
    assert hub_id("https://huggingface.co/datasets/org/set") is None
    for not_an_id in ("./local/model", "/abs/path", "a/b/c", "org/name.json", "two words/x", ""):
        assert hub_id(not_an_id) is None


def test_lines_without_a_model_cue_keep_only_quoted_llama_ids() -> None:
    assert mentions('url = "acme-labs/helper-7b"') == []
    assert mentions('teacher = "org/Hermes-3-Llama-3.1-405B"') == [
        ("org/Hermes-3-Llama-3.1-405B", "quoted id")
    ]
    assert mentions('git clone "meta-llama/llama-recipes"') == []  # code, not weights
    assert mentions('repo = "ggerganov/llama.cpp"') == []
    assert mentions('base_model = "meta-llama/Llama-3.1-8B"') == [
        ("meta-llama/Llama-3.1-8B", "model")
    ]
    assert mentions("// model = 'meta-llama/Llama-3.1-8B'") == []


def test_the_scan_is_linear_on_hostile_lines() -> None:
    """Unclosed quotes, endless slashes and very long lines: each line is cut at MAX_LINE
    and read in one pass (bench/discovery.py measures the speed)."""
    hostile = ('model = "' + "a/" * 200_000 + "\n") * 5 + "model " + "'" * 100_000
    assert READER.read(blob_bytes(hostile.encode(), "h.py")) == ()
