"""`init` writes, for the bases its model cards name, the stubs `fix` would add (issue 13,
item 6): the manifest it writes gives the lineage discovery found, and a `fix` after it has
no stub to add."""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from llamalicense import check, load_project
from llamalicense.catalog.data import load_catalog
from llamalicense.lineage.graph import Lineage
from llamalicense.tools import starter
from llamalicense.tools.fix import plan_fixes
from llamalicense.tools.fix.bases import Stub, lineage_of
from llamalicense.tools.fix.plan import STUB
from llamalicense.tools.starter import Started, start

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
NOTHING_TO_START = {"dataset-card", "docs", "not-a-card"}  # init refuses these: no model
FOLDERS = sorted(
    folder
    for kind in ("cards", "repos")
    for folder in (DATA / kind).iterdir()
    if folder.is_dir() and folder.name not in NOTHING_TO_START
)
BY_INIT = "written by `llamalicense init` from the lineage the check resolved; review it"


def init(folder: Path) -> Started:
    begun = start(folder)
    (folder / "llamalicense.yaml").write_text(begun.text, encoding="utf-8")
    return begun


def card_folder(tmp_path: Path, front_matter: str, body: str = "# Acme chat\n") -> Path:
    folder = tmp_path / "project"
    (folder / "hub").mkdir(parents=True)
    (folder / "hub" / "README.md").write_text(f"---\n{front_matter}---\n\n{body}", "utf-8")
    return folder


def assert_no_stub(folder: Path) -> None:
    """`fix` neither writes a component into the manifest nor lists a stub it left out."""
    plan = plan_fixes(folder)
    assert not [item for item in plan.not_fixed if item.rule == STUB]
    for edit in plan.edits:
        if edit.path == "llamalicense.yaml":
            added = set(edit.new.splitlines()) - set((edit.old or "").splitlines())
            assert not [line for line in added if line.lstrip().startswith("- id:")]


def fixture_id(folder: Path) -> str:
    return f"{folder.parent.name}/{folder.name}"


@pytest.mark.parametrize("source", FOLDERS, ids=fixture_id)
def test_the_manifest_init_writes_gives_the_lineage_discovery_found(
    tmp_path: Path, source: Path
) -> None:
    folder = tmp_path / "p"
    shutil.copytree(source, folder)
    begun = init(folder)
    loaded = load_project(folder)
    found = lineage_of(begun.discovered.components, begun.rename)
    kept = lineage_of(loaded.components)
    for component_id, (kind, ref, *rest) in found.items():
        if ref is None and kept.get(component_id, ())[1:2] == (component_id,):
            # a stub of an id nothing resolves says `ref: <its id>` (docs/inputs.md), which
            # the check reads as that unresolved id: the same lineage, under review
            found[component_id] = (kind, component_id, *rest)
    assert kept == found
    catalog = load_catalog()
    versions = Lineage(begun.discovered, catalog).licenses
    assert {c.id: Lineage(loaded, catalog).licenses(c.id) for c in loaded.components} == {
        begun.rename(c.id): versions(c.id) for c in begun.discovered.components
    }


@pytest.mark.parametrize("source", FOLDERS, ids=fixture_id)
def test_fix_after_init_proposes_no_stub(tmp_path: Path, source: Path) -> None:
    folder = tmp_path / "p"
    shutil.copytree(source, folder)
    init(folder)
    assert_no_stub(folder)


EVIDENCE_RULES = ("-AGREEMENT", "-NOTICE", "-BUILT-WITH")


def evidence_statuses(
    report_dict: dict[str, Any], rename: Callable[[str], str] = str
) -> set[tuple[str, str, str]]:
    """(component, rule, status) of the rules that read evidence files."""
    findings = report_dict["findings"]
    name = rename
    return {
        (name(f["component"]), f["rule"], f["status"])
        for f in findings
        if str(f["rule"]).endswith(EVIDENCE_RULES)
    }


@pytest.mark.parametrize("source", FOLDERS, ids=fixture_id)
def test_the_evidence_discovery_found_is_listed_by_init(tmp_path: Path, source: Path) -> None:
    """The agreement, Notice and "Built with" files discovery judged are listed in the
    manifest init writes, so the check after init reads them again (a component built from
    files other than a card once lost them: an agreement violation on a repository whose
    agreement discovery had found)."""
    folder = tmp_path / "p"
    shutil.copytree(source, folder)
    before = check(folder).to_dict()
    begun = init(folder)
    after = check(folder).to_dict()
    assert evidence_statuses(after) == evidence_statuses(before, begun.rename)


def test_a_reupload_gets_fixs_stubs_with_inits_ids_in_the_comments(tmp_path: Path) -> None:
    folder = card_folder(
        tmp_path,
        "license: llama3\nmodel_name: Llama-3-Acme-Chat-8B\n"
        "base_model: [unsloth/llama-3-8b-bnb-4bit, NousResearch/Meta-Llama-3-8B]\n",
    )
    text = init(folder).text
    ids = [line for line in text.splitlines() if line.startswith("  - id: ")]
    assert ids == [
        "  - id: Llama-3-Acme-Chat-8B",
        "  - id: meta-llama/Meta-Llama-3-8B",
        "  - id: unsloth/llama-3-8b-bnb-4bit",
        "  - id: NousResearch/Meta-Llama-3-8B",
    ]
    assert "  # a base Llama-3-Acme-Chat-8B is built on, named in hub/README.md:4" in text
    assert "  # the release unsloth/llama-3-8b-bnb-4bit is made from (quantized)\n" in text
    assert "(rules/data/reuploads.yaml)" in text
    assert text.count(f"  # {BY_INIT}\n") == 3
    assert_no_stub(folder)


@pytest.mark.parametrize(
    ("front_matter", "body"),
    [
        ("license: llama3.1\n", "# Acme chat\n"),  # the declared license's stand-in
        ("license: llama3.1\nbase_model: someone/llama-thing-7b\n", "# Acme\n"),  # unresolved
        ("license: llama3.1\n", "# Acme\n\nFine-tuned from meta-llama/Llama-3.1-8B.\n"),  # prose
    ],
    ids=["declared", "unresolved", "prose"],
)
def test_bases_fix_would_not_stub_init_leaves_to_the_card(
    tmp_path: Path, front_matter: str, body: str
) -> None:
    folder = card_folder(tmp_path, front_matter, body)
    text = init(folder).text
    assert BY_INIT not in text
    assert len([line for line in text.splitlines() if line.startswith("  - id: ")]) == 1
    assert_no_stub(folder)


def test_a_base_named_by_an_alias_is_the_stub_of_its_release(tmp_path: Path) -> None:
    """The card says `meta-llama/Meta-Llama-3.1-8B-Instruct` (an alias): the stub is the
    release's, and the card's base is that stub when the manifest is read back (not a second
    component `…#base` beside it, which made fix refuse its own stub)."""
    folder = card_folder(
        tmp_path, "license: llama3.1\nbase_model: meta-llama/Meta-Llama-3.1-8B-Instruct\n"
    )
    text = init(folder).text
    assert "  - id: meta-llama/Llama-3.1-8B-Instruct\n" in text
    loaded = load_project(folder)
    assert [c.id for c in loaded.components] == ["hub", "meta-llama/Llama-3.1-8B-Instruct"]
    assert [d.id for d in loaded.component("hub").derived_from] == [
        "meta-llama/Llama-3.1-8B-Instruct"
    ]
    stub_less = text[: text.index("  # a base hub is built on")]
    (folder / "llamalicense.yaml").write_text(stub_less, encoding="utf-8")
    plan = plan_fixes(folder)  # fix writes the same stub, now that it reads back the same
    assert not [item for item in plan.not_fixed if item.rule == STUB]
    (manifest,) = [e for e in plan.edits if e.path == "llamalicense.yaml"]
    assert "  - id: meta-llama/Llama-3.1-8B-Instruct\n" in manifest.new


def test_the_stand_in_of_a_license_text_keeps_its_version(tmp_path: Path) -> None:
    """A repository that only keeps the Llama 3 agreement is a product holding the Llama 3
    materials; its stub keeps `ref: declared:llama-3`, or the check after init would find no
    Llama version at all (a silent pass)."""
    folder = tmp_path / "app"
    folder.mkdir()
    shutil.copy(
        ROOT / "rules" / "licenses" / "llama-3" / "LICENSE.txt", folder / "LLAMA3_LICENSE.txt"
    )
    text = init(folder).text
    assert "  - id: declared:llama-3\n    type: model\n    ref: declared:llama-3\n" in text
    assert "name the release this model is built on" in text
    report = check(folder).to_dict()
    versions = {c["id"]: c["licenses"] for c in report["components"]}
    assert versions == {"app": ["llama-3"], "declared:llama-3": ["llama-3"]}
    assert ("app", "LLAMA-3-AGREEMENT", "pass") in evidence_statuses(report)
    assert "agreement:\n      - LLAMA3_LICENSE.txt\n" in text


def test_stubs_that_would_change_the_lineage_are_left_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As fix refuses them: a stub that does not read back as discovery resolved it (here
    one made to say its base is distributed) is not written; the card still names the base."""
    folder = card_folder(tmp_path, "license: llama3.1\nbase_model: meta-llama/Llama-3.1-8B\n")
    resolved = starter.resolved_bases

    def shipped(*args: object, **kwargs: object) -> list[Stub]:
        return [
            dataclasses.replace(s, base=dataclasses.replace(s.base, distributed=True))
            for s in resolved(*args, **kwargs)  # type: ignore[arg-type]
        ]

    monkeypatch.setattr(starter, "resolved_bases", shipped)
    text = init(folder).text
    assert BY_INIT not in text
    assert "meta-llama/Llama-3.1-8B\n" not in text
    versions = {c["id"]: c["licenses"] for c in check(folder).to_dict()["components"]}
    assert versions == {"hub": ["llama-3.1"], "meta-llama/Llama-3.1-8B": ["llama-3.1"]}
