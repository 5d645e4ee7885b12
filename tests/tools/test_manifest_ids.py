"""The ids init writes: model names, not file paths; valid and unique, deterministically."""

from __future__ import annotations

from pathlib import Path

import yaml

from llamalicense.cli.main import main
from llamalicense.model.project import Component, Evidence
from llamalicense.tools.manifest_ids import choose_ids, valid_id


def model(discovery_id: str, name: str | None, field: str, strength: str) -> Component:
    return Component(
        id=discovery_id,
        type="model",
        name=name,
        evidence=(Evidence("name", f"{discovery_id}/README.md", 3, field, strength),),
    )


def test_valid_ids() -> None:
    assert valid_id("Tinyllama 1.1B Chat v1.0") == "Tinyllama-1.1B-Chat-v1.0"
    assert valid_id("meta-llama/Llama-3.1-8B#base") == "meta-llama/Llama-3.1-8B-base"
    assert valid_id("_.hidden") == "hidden"
    assert valid_id("\u2728\u2728") == "model"
    assert len(valid_id("x" * 500)) == 200


def test_names_declared_or_model_like_headings_give_ids_else_the_folder() -> None:
    written = [
        model("models/a", "Llama-3.1-Acme-8B", "model_name", "declared"),
        model("models/b", "Llama-3.2-Acme-3B", "heading", "prose"),
        model("models/c", "Fine-tuning notes for our team", "heading", "prose"),
        model("models/d", "07", "heading", "prose"),
        model("models/e", "e", "folder", "fallback"),
    ]
    chosen = choose_ids(written, [])
    assert [chosen[c.id].id for c in written] == [
        "Llama-3.1-Acme-8B",
        "Llama-3.2-Acme-3B",
        "c",
        "d",
        "e",
    ]
    why = chosen["models/a"].why
    assert why == "id: from its name (models/a/README.md:3 (model_name, declared))"
    assert chosen["models/c"].why.startswith("id: the folder or file name models/c, as nothing")


def test_duplicates_get_numbers_in_manifest_order_and_stubs_keep_their_hub_ids() -> None:
    stub = Component(id="acme/Llama-3.1-Acme-8B", type="model")
    written = [
        model("x/one", "Llama-3.1-Acme-8B", "model_name", "declared"),
        model("y/two", "Llama-3.1-Acme-8B", "model_name", "declared"),
        model("z/three", "Llama-3.1-Acme-8B", "model_name", "declared"),
        model("w/acme", "acme/Llama-3.1-Acme-8B", "model_name", "declared"),
    ]
    first = choose_ids(written, [stub])
    assert first["acme/Llama-3.1-Acme-8B"].id == "acme/Llama-3.1-Acme-8B"
    assert [first[c.id].id for c in written] == [
        "Llama-3.1-Acme-8B",
        "Llama-3.1-Acme-8B-2",
        "Llama-3.1-Acme-8B-3",
        "acme/Llama-3.1-Acme-8B-2",
    ]
    assert choose_ids(written, [stub]) == first  # the same folder, the same ids


CARD = """---
license: llama3.1
base_model: meta-llama/Llama-3.1-8B
{extra}---
{body}
"""


def test_init_ids_on_cards_are_unique_and_valid(tmp_path: Path) -> None:
    for folder, extra, body in (
        ("first", "model_name: Llama-3.1-Acme-8B\n", "# Llama-3.1-Acme-8B\n"),
        ("second", "model_name: Llama-3.1-Acme-8B\n", "Same name, other folder.\n"),
        ("notes", "", "# How we tuned the assistant for support\n"),
    ):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "README.md").write_text(
            CARD.format(extra=extra, body=body), encoding="utf-8"
        )
    assert main(["init", str(tmp_path)]) == 0
    text = (tmp_path / "llamalicense.yaml").read_text(encoding="utf-8")
    ids = [c["id"] for c in yaml.safe_load(text)["components"]]
    # the base the three cards name: one stub, its comments naming the cards by these ids
    assert ids == ["Llama-3.1-Acme-8B", "notes", "Llama-3.1-Acme-8B-2", "meta-llama/Llama-3.1-8B"]
    assert "  # a base Llama-3.1-Acme-8B-2 is built on, named in second/README.md:3" in text
    assert "  # id: the folder or file name notes, as nothing in the files names this model" in text
