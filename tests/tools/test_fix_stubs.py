"""`fix` writes into the manifest a stub for each base a model card names that the check
resolved, with comments saying where it came from and how sure; the lineage stays the same."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from llamalicense import check, fix, load_project
from llamalicense.cli.main import main
from llamalicense.tools.fix import plan_fixes
from llamalicense.tools.fix.bases import same_lineage
from llamalicense.tools.fix.files import Refused
from llamalicense.tools.fix.plan import STUB

CARD = "---\nlicense: llama3.1\nbase_model: meta-llama/Llama-3.1-8B\n---\n\n# Acme chat 8B\n"

MANIFEST = """\
version: 1
licensee: {name: Acme Robotics Inc., country: US, max_monthly_active_users: 1000}
components:
  - id: acme-chat   # our fine-tune
    type: model
    card: hub/README.md
    name: Llama-Acme-Chat-8B
    distributed: true
    attribution:
      agreement: LICENSES/LLAMA-3.1.txt
      notice: NOTICE
      built_with_llama: README.md
# what follows the list stays after it
"""

STUB_31 = """\
  # a base acme-chat is built on, named in hub/README.md:3 (base_model, declared)
  # an official Llama 3.1 release in the catalog (docs/catalog.md)
  # distributed: false: you do not ship these weights yourself, as the check took it
  # written by `llamalicense fix` from the lineage the check resolved; review it
  - id: meta-llama/Llama-3.1-8B
    type: model
    ref: meta-llama/Llama-3.1-8B
    distributed: false
"""


def project(tmp_path: Path, manifest: str, card: str = CARD, name: str = "llamalicense.yaml"):
    folder = tmp_path / "project"
    (folder / "hub").mkdir(parents=True)
    (folder / "hub" / "README.md").write_text(card, encoding="utf-8")
    (folder / name).write_bytes(manifest.encode())
    return folder


def lineage(folder: Path) -> dict[str, tuple[object, ...]]:
    return {
        c.id: (c.type, c.ref, c.derived_from, c.trained_on, c.distributed)
        for c in load_project(folder).components
    }


def test_a_base_a_card_names_is_written_as_a_commented_stub(tmp_path: Path) -> None:
    folder = project(tmp_path, MANIFEST)
    before = lineage(folder)
    plan = fix(folder, apply=True)
    manifest = (folder / "llamalicense.yaml").read_text(encoding="utf-8")
    end = "# what follows the list stays after it\n"
    assert manifest == MANIFEST.replace(end, STUB_31 + end)
    assert "llamalicense.yaml" in {e.path for e in plan.edits}
    assert lineage(folder) == before  # the check reads the lineage it resolved, now written
    assert not plan_fixes(folder).edits  # idempotent: the base is the manifest's now
    (stubbed,) = [c for c in load_project(folder).components if c.id == "meta-llama/Llama-3.1-8B"]
    assert stubbed.card is None
    assert stubbed.source.endswith("llamalicense.yaml")


def test_a_reupload_gets_a_stub_and_so_does_the_release_it_is_made_from(tmp_path: Path) -> None:
    card = CARD.replace("llama3.1", "llama3").replace(
        "meta-llama/Llama-3.1-8B", "[unsloth/llama-3-8b-bnb-4bit, NousResearch/Meta-Llama-3-8B]"
    )
    folder = project(tmp_path, MANIFEST.replace("3.1.txt", "3.txt"), card)
    before = lineage(folder)
    fix(folder, apply=True)
    manifest = (folder / "llamalicense.yaml").read_text(encoding="utf-8")
    written = [line for line in manifest.splitlines() if line.startswith("  - id: ")]
    assert written == [
        "  - id: acme-chat   # our fine-tune",
        "  - id: meta-llama/Meta-Llama-3-8B",
        "  - id: unsloth/llama-3-8b-bnb-4bit",
        "  - id: NousResearch/Meta-Llama-3-8B",
    ]
    assert "  # the release unsloth/llama-3-8b-bnb-4bit is made from (quantized)\n" in manifest
    assert "(rules/data/reuploads.yaml)" in manifest  # how sure: the table it was found in
    assert "    ref: meta-llama/Meta-Llama-3-8B\n" in manifest
    assert lineage(folder) == before
    assert not plan_fixes(folder).edits


def test_no_stub_for_a_base_the_check_did_not_resolve_to_a_release(tmp_path: Path) -> None:
    cards = {
        # the declared license alone: the stand-in for "the Llama 3.1 materials"
        "declared": "---\nlicense: llama3.1\n---\n\n# Acme chat 8B\n",
        # a name with "Llama" in it, resolving to no release
        "named": CARD.replace("meta-llama/Llama-3.1-8B", "someone/llama-thing-7b"),
        # a sentence of the card, not its metadata
        "prose": "---\nlicense: llama3.1\n---\n\n# Acme\n\nFine-tuned from "
        "meta-llama/Llama-3.1-8B on our tickets.\n",
    }
    for name, card in cards.items():
        folder = project(tmp_path / name, MANIFEST, card)
        plan = plan_fixes(folder)
        manifest = [e for e in plan.edits if e.path == "llamalicense.yaml"]
        assert not manifest, name
        assert not [item for item in plan.not_fixed if item.rule == STUB], name


def test_a_json_manifest_and_a_flow_list_are_left_alone_with_the_reason(tmp_path: Path) -> None:
    data = {
        "version": 1,
        "licensee": {"name": "A", "country": "US", "max_monthly_active_users": 5},
        "components": [
            {"id": "acme-chat", "type": "model", "card": "hub/README.md", "distributed": True}
        ],
    }
    folder = project(tmp_path / "json", json.dumps(data), name="llamalicense.json")
    plan = plan_fixes(folder)
    (left,) = [item for item in plan.not_fixed if item.rule == STUB]
    assert left.component == "meta-llama/Llama-3.1-8B"
    assert "llamalicense.json: only a YAML manifest" in left.reason
    assert '"ref": "meta-llama/Llama-3.1-8B"' in left.how_to_fix
    assert "hub/README.md:3 (base_model, declared)" in left.how_to_fix

    flow = (
        "version: 1\nlicensee: {name: A, country: US, max_monthly_active_users: 5}\n"
        "components: [{id: acme-chat, type: model, card: hub/README.md, distributed: true}]\n"
    )
    folder = project(tmp_path / "flow", flow)
    plan = plan_fixes(folder)
    (left,) = [item for item in plan.not_fixed if item.rule == STUB]
    assert "flow style" in left.reason
    assert "llamalicense.yaml" not in {e.path for e in plan.edits}


def test_a_folder_without_a_manifest_is_told_to_run_init_first(tmp_path: Path) -> None:
    folder = project(tmp_path, "")
    (folder / "llamalicense.yaml").unlink()
    plan = plan_fixes(folder)
    (left,) = [item for item in plan.not_fixed if item.rule == STUB]
    assert "no manifest to write it in (`llamalicense init` writes one" in left.reason
    assert "llamalicense.yaml" not in {e.path for e in plan.edits}


def test_stubs_follow_the_manifests_line_endings_and_list_indent(tmp_path: Path) -> None:
    manifest = (
        "version: 1\r\nlicensee: {name: A, country: US, max_monthly_active_users: 5}\r\n"
        "components:\r\n- id: acme-chat\r\n  type: model\r\n  card: hub/README.md\r\n"
        "  distributed: true"  # no line ending at the end of the file
    )
    folder = project(tmp_path, manifest)
    fix(folder, apply=True)
    data = (folder / "llamalicense.yaml").read_bytes()
    assert data.startswith(manifest.encode() + b"\r\n")
    assert b"\r\n- id: meta-llama/Llama-3.1-8B\r\n  type: model\r\n" in data
    assert data.count(b"\n") == data.count(b"\r\n")
    assert not plan_fixes(folder).edits


def test_only_writes_no_stub(tmp_path: Path) -> None:
    folder = project(tmp_path, MANIFEST)
    plan = plan_fixes(folder, only=["notice"])
    assert "llamalicense.yaml" not in {e.path for e in plan.edits}


def test_a_hostile_card_path_cannot_add_a_line_through_a_comment(tmp_path: Path) -> None:
    folder = tmp_path / "project"
    hostile = "hub\n  - id: injected\n#"
    (folder / hostile).mkdir(parents=True)
    (folder / hostile / "README.md").write_text(CARD, encoding="utf-8")
    manifest = MANIFEST.replace(
        "card: hub/README.md", f"card: {json.dumps(hostile + '/README.md')}"
    )
    (folder / "llamalicense.yaml").write_text(manifest, encoding="utf-8")
    fix(folder, apply=True)
    text = (folder / "llamalicense.yaml").read_text(encoding="utf-8")
    assert "injected" not in {c.id for c in load_project(folder).components}
    assert not any(line.startswith("  - id: injected") for line in text.splitlines())
    assert "  - id: meta-llama/Llama-3.1-8B\n" in text


def test_init_and_fix_write_a_base_the_same_way(tmp_path: Path) -> None:
    """One writer for both: the stub init writes for an adapter's base is the one fix adds
    for the same base named by a card."""
    started = tmp_path / "init"
    (started / "adapter").mkdir(parents=True)
    (started / "adapter" / "adapter_config.json").write_text(
        '{"base_model_name_or_path": "meta-llama/Llama-3.1-8B", "peft_type": "LORA"}',
        encoding="utf-8",
    )
    assert main(["init", str(started)]) == 0
    from_init = (started / "llamalicense.yaml").read_text(encoding="utf-8")
    entry = STUB_31[STUB_31.index("  - id:") :]
    assert from_init.endswith(entry)
    folder = project(tmp_path / "fix", MANIFEST)
    fix(folder, apply=True)
    assert entry in (folder / "llamalicense.yaml").read_text(encoding="utf-8")
    assert {c["id"]: c["licenses"] for c in check(folder).to_dict()["components"]} == {
        "acme-chat": ["llama-3.1"],
        "meta-llama/Llama-3.1-8B": ["llama-3.1"],
    }


def test_init_writes_the_stub_fix_would_and_fix_then_adds_none(tmp_path: Path) -> None:
    folder = project(tmp_path, "")
    (folder / "llamalicense.yaml").unlink()
    assert main(["init", str(folder)]) == 0
    started = (folder / "llamalicense.yaml").read_text(encoding="utf-8")
    (owner,) = [c["id"] for c in yaml.safe_load(started)["components"] if "card" in c]
    by_init = STUB_31.replace("acme-chat", owner).replace(
        "`llamalicense fix`", "`llamalicense init`"
    )
    assert started.endswith(by_init)  # fix's stub, its comments naming init's ids
    before = lineage(folder)
    plan = fix(folder, apply=True)
    assert not [item for item in plan.not_fixed if item.rule == STUB]
    written = (folder / "llamalicense.yaml").read_text(encoding="utf-8")
    assert written.count("- id: meta-llama/Llama-3.1-8B\n") == 1  # no second stub
    assert lineage(folder) == before
    assert not plan_fixes(folder).edits


def test_stubs_that_would_change_the_lineage_are_refused(tmp_path: Path) -> None:
    """The guard before anything is written: the edited manifest is loaded and its lineage
    compared with the check's (here a stub that says the base is distributed)."""
    folder = project(tmp_path, MANIFEST)
    loaded = load_project(folder)
    end = "# what follows the list stays after it\n"
    same_lineage(loaded, MANIFEST.replace(end, STUB_31 + end))  # as fix writes it: accepted
    shipped = STUB_31.replace("distributed: false", "distributed: true")
    with pytest.raises(Refused, match="another lineage than the check's"):
        same_lineage(loaded, MANIFEST.replace(end, shipped + end))
    with pytest.raises(Refused, match="does not load"):
        same_lineage(loaded, MANIFEST.replace(end, shipped.replace("type: model", "type: x")))


def test_docs_fix_shows_the_stub_fix_writes() -> None:
    page = (Path(__file__).resolve().parents[2] / "docs" / "fix.md").read_text(encoding="utf-8")
    assert STUB_31 in page
