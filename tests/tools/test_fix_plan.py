"""`fix`: what it plans, what it writes, and that the check then passes where it can."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from review_kit import reviewed

from conftest import ROOT
from llamalicense import check, fix
from llamalicense.errors import InputError
from llamalicense.tools.fix import FIXABLE, plan_fixes
from llamalicense.tools.fix.diff import NO_NEWLINE, render_diff
from llamalicense.tools.fix.files import Refused, inside
from llamalicense.tools.fix.texts import agreement_text, required_text

NOTICE_31 = required_text("notice", "llama-3.1")
NOTICE_3 = required_text("notice", "llama-3")

QUICKSTART = """\
version: 1
licensee:
  name: Acme Robotics Inc.
  country: US
  monthly_active_users:
    - {month: 2024-06, count: 1200000}
components:
  - id: base
    type: model
    ref: meta-llama/Llama-3.1-8B-Instruct
    distributed: false
  - id: acme-chat
    type: model
    name: Llama-Acme-Chat-8B
    derived_from: [{id: base, relation: finetune}]
    distributed: true
    attribution:
      agreement: LICENSES/LLAMA-3.1.txt
      notice: NOTICE
      built_with_llama: README.md
"""

BARE = """\
version: 1
licensee: {name: Acme Robotics Inc., country: US, max_monthly_active_users: 1000}
components:
  - id: base
    type: model
    ref: meta-llama/Llama-3.1-8B-Instruct
    distributed: false
  - id: acme-chat   # our fine-tune
    type: model
    name: Llama-Acme-Chat-8B
    derived_from: [{id: base, relation: finetune}]
    distributed: true
"""


def project(tmp_path: Path, manifest: str, files: dict[str, str] | None = None) -> Path:
    folder = tmp_path / "project"
    folder.mkdir(parents=True)
    (folder / "llamalicense.yaml").write_text(manifest, encoding="utf-8")
    for name, content in (files or {}).items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(content, encoding="utf-8")
    return folder


def open_rules(folder: Path) -> set[tuple[str, str]]:
    return {
        (f.obligation, f.status)
        for f in check(folder).findings
        if f.status in ("violation", "needs-review")
    }


# What no file can show (1.b.iv laws, 5.a marks, "Built with Llama" prominence, the AUP
# screen) waits for a person's review record, which no fix writes (engine.reviews).
PERSON = {"laws", "trademark", "built-with", "aup"}


def fixed(folder: Path) -> bool:
    """Only what a person must decide is left open: the verdict is needs-review, not worse."""
    report = check(folder)
    open_findings = [f for f in report.findings if f.status in ("violation", "needs-review")]
    return report.verdict == "needs-review" and all(
        f.status == "needs-review" and f.obligation in PERSON for f in open_findings
    )


def test_the_quick_start_leaves_only_a_persons_review_after_fix_apply(tmp_path: Path) -> None:
    folder = project(tmp_path, QUICKSTART)
    assert check(folder).verdict == "non-compliant"
    plan = fix(folder, apply=True)
    assert {e.path for e in plan.edits} == {"LICENSES/LLAMA-3.1.txt", "NOTICE", "README.md"}
    assert fixed(folder)
    assert (folder / "LICENSES/LLAMA-3.1.txt").read_text(encoding="utf-8") == agreement_text(
        "llama-3.1"
    )
    assert (folder / "NOTICE").read_text(encoding="utf-8") == f"{NOTICE_31}\n"
    assert (folder / "README.md").read_text(encoding="utf-8") == "Built with Llama\n"
    assert (folder / "llamalicense.yaml").read_text(encoding="utf-8") == QUICKSTART


def test_the_quick_start_ends_compliant_once_a_person_records_the_review(tmp_path: Path) -> None:
    # as the README orders it: the person's record first (fix never writes one), then the fix
    data = yaml.safe_load(QUICKSTART)
    record = yaml.safe_dump({"reviews": reviewed(data)["reviews"]}, sort_keys=False)
    folder = project(tmp_path, QUICKSTART + record)
    assert check(folder).verdict == "non-compliant"
    plan = fix(folder, apply=True)
    assert "llamalicense.yaml" not in {e.path for e in plan.edits}  # the record is kept as is
    report = check(folder)
    assert report.verdict == "compliant"
    assert not fix(folder).edits


def test_a_manifest_without_attribution_gets_files_and_listings(tmp_path: Path) -> None:
    folder = project(tmp_path, BARE, {"README.md": "# Acme chat\n\nA chat model.\n"})
    plan = fix(folder, apply=True)
    assert sorted(e.path for e in plan.edits) == [
        "LICENSES/LLAMA-3.1.txt",
        "NOTICE",
        "README.md",
        "llamalicense.yaml",
    ]
    manifest = (folder / "llamalicense.yaml").read_text(encoding="utf-8")
    assert manifest.startswith(BARE)  # every line kept; the listing comes at the end
    assert manifest[len(BARE) :] == (
        "    attribution:\n"
        "      agreement: LICENSES/LLAMA-3.1.txt\n"
        "      built_with_llama: README.md\n"
        "      notice: NOTICE\n"
    )
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert readme == "# Acme chat\n\nA chat model.\n\nBuilt with Llama\n"
    assert fixed(folder)
    assert not fix(folder).edits  # a second run changes nothing


@pytest.mark.parametrize(
    "example", sorted(p.name for p in (ROOT / "examples").iterdir() if p.is_dir())
)
def test_every_example_is_left_without_a_fixable_violation(tmp_path: Path, example: str) -> None:
    folder = tmp_path / example
    shutil.copytree(ROOT / "examples" / example, folder)
    before = open_rules(folder)
    plan = fix(folder, apply=True)
    after = open_rules(folder)
    assert not {(o, s) for o, s in after if o in FIXABLE and s == "violation"}
    assert after <= before  # nothing new opened
    assert not plan_fixes(folder).edits  # idempotent
    for item in plan.not_fixed:
        assert item.reason
        assert item.rule


def test_notice_lines_are_kept_near_misses_corrected_and_nothing_doubled(tmp_path: Path) -> None:
    near_miss = NOTICE_31.lower().rstrip(".") if NOTICE_31 else ""
    files = {"NOTICE": f"Acme Chat\r\nCopyright 2025 Acme\r\n{near_miss}\r\n"}
    manifest = QUICKSTART.replace("      agreement: LICENSES/LLAMA-3.1.txt\n", "")
    folder = project(tmp_path, manifest, files)
    fix(folder, apply=True, only=["notice"])
    assert (folder / "NOTICE").read_bytes() == (
        f"Acme Chat\r\nCopyright 2025 Acme\r\n{NOTICE_31}\r\n".encode()
    )
    fix(folder, apply=True, only=["notice"])
    assert (folder / "NOTICE").read_text(encoding="utf-8").count("Llama 3.1") == 2  # one line


def test_another_versions_sentence_is_replaced_only_when_that_version_is_gone(
    tmp_path: Path,
) -> None:
    folder = project(tmp_path, QUICKSTART, {"NOTICE": f"{NOTICE_3}\n"})
    fix(folder, apply=True, only=["notice"])
    assert (folder / "NOTICE").read_text(encoding="utf-8") == f"{NOTICE_31}\n"

    both = QUICKSTART + (
        "  - id: old\n    type: model\n    ref: meta-llama/Meta-Llama-3-8B\n"
        "    distributed: true\n    attribution: {notice: NOTICE}\n"
    )
    folder = project(tmp_path / "second", both, {"NOTICE": f"{NOTICE_3}\n"})
    fix(folder, apply=True, only=["notice"])
    assert (folder / "NOTICE").read_text(encoding="utf-8") == f"{NOTICE_3}\n{NOTICE_31}\n"


def test_an_agreement_file_that_is_not_the_official_text_is_never_overwritten(
    tmp_path: Path,
) -> None:
    folder = project(tmp_path, QUICKSTART, {"LICENSES/LLAMA-3.1.txt": "our summary\n"})
    plan = fix(folder, apply=True, only=["agreement-copy"])
    assert not plan.edits
    assert (folder / "LICENSES/LLAMA-3.1.txt").read_text(encoding="utf-8") == "our summary\n"
    [left] = plan.not_fixed
    assert "is not the official llama-3.1 agreement" in left.reason
    assert "LICENSES/LLAMA-3.1.txt" in left.how_to_fix


def test_built_with_goes_into_the_named_page_in_its_markup(tmp_path: Path) -> None:
    page = "<html><body>\n<h1>About</h1>\n</body></html>\n"
    folder = project(tmp_path, BARE, {"docs/about.html": page})
    fix(folder, apply=True, only=["built-with"], built_with_page="docs/about.html")
    assert (folder / "docs/about.html").read_text(encoding="utf-8") == (
        "<html><body>\n<h1>About</h1>\n<p>Built with Llama</p>\n</body></html>\n"
    )
    assert "built_with_llama: docs/about.html" in (folder / "llamalicense.yaml").read_text(
        encoding="utf-8"
    )
    other = project(tmp_path / "png", BARE)
    plan = plan_fixes(other, only=["built-with"], built_with_page="docs/logo.png")
    assert not plan.edits
    assert "markup this fix does not write" in plan.not_fixed[0].reason


def test_a_card_declaring_another_license_gets_the_lineages_hub_id(tmp_path: Path) -> None:
    card = (
        "---\r\n# our card\r\nlicense: apache-2.0\r\nbase_model: meta-llama/Llama-3.1-8B\r\n"
        "---\r\n\r\n# Acme 8B\r\n"
    )
    manifest = BARE.replace(
        "    name: Llama-Acme-Chat-8B\n", "    name: Llama-Acme-Chat-8B\n    card: hub/README.md\n"
    )
    folder = project(tmp_path, manifest, {})
    (folder / "hub").mkdir()
    (folder / "hub/README.md").write_bytes(card.encode())
    assert ("license-declaration", "needs-review") in open_rules(folder)
    fix(folder, apply=True, only=["license-declaration"])
    assert (folder / "hub/README.md").read_bytes() == card.replace(
        "apache-2.0", "llama3.1"
    ).encode()
    assert not {o for o, _ in open_rules(folder) if o == "license-declaration"}


def test_the_diff_is_what_apply_writes(tmp_path: Path) -> None:
    folder = project(tmp_path, BARE, {"README.md": "no newline at the end"})
    copy = tmp_path / "copy"
    shutil.copytree(folder, copy)
    plan = plan_fixes(folder)
    subprocess.run(["git", "init", "-q", str(copy)], check=True)
    subprocess.run(
        ["git", "apply", "--unsafe-paths", "-"],
        input=render_diff(plan).encode(),
        cwd=copy,
        check=True,
    )
    fix(folder, apply=True)
    for edit in plan.edits:
        assert (copy / edit.path).read_bytes() == (folder / edit.path).read_bytes(), edit.path


def test_a_line_separator_inside_a_line_is_not_a_line_end(tmp_path: Path) -> None:
    # the official Llama 3.1 agreement holds a U+2028 inside a line: git and patch split on
    # newlines only, so the diff must too (no "No newline" marker in the middle of a file)
    folder = project(tmp_path, BARE, {"README.md": "one\u2028still one\ftoo\rand too\nnext\n"})
    plan = plan_fixes(folder)
    diff = render_diff(plan)
    assert "\u2028" in diff
    assert NO_NEWLINE not in diff
    readme = diff[diff.index("b/README.md") :]
    assert " one\u2028still one\ftoo\rand too\n" in readme


def test_nothing_is_written_through_a_link_or_outside_the_project(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("keep\n", encoding="utf-8")
    folder = project(tmp_path, BARE)
    (folder / "NOTICE").symlink_to(outside)
    plan = fix(folder, apply=True, only=["notice"])
    assert not plan.edits
    assert "symbolic link" in plan.not_fixed[0].reason
    assert outside.read_text(encoding="utf-8") == "keep\n"
    with pytest.raises(InputError, match="not an obligation"):
        plan_fixes(folder, only=["model-name"])


def test_a_json_manifest_is_not_rewritten(tmp_path: Path) -> None:
    folder = tmp_path / "json"
    folder.mkdir()
    (folder / "llamalicense.json").write_text(
        '{"version": 1, "licensee": {"name": "A", "country": "US", '
        '"max_monthly_active_users": 5}, "components": [{"id": "b", "type": "model", '
        '"ref": "meta-llama/Llama-3.1-8B", "distributed": true}]}',
        encoding="utf-8",
    )
    plan = plan_fixes(folder / "llamalicense.json")
    assert "llamalicense.json" not in {e.path for e in plan.edits}
    assert any("no YAML manifest" in item.reason for item in plan.not_fixed)


EVIDENCE = st.fixed_dictionaries(
    {},
    optional={
        "NOTICE": st.sampled_from(["", "Acme\n", f"{NOTICE_31}\n", f"Acme\r\n{NOTICE_3}\r\n"]),
        "README.md": st.sampled_from(["", "# Acme\n", "Built with Llama\n", "x"]),
        "LICENSES/LLAMA-3.1.txt": st.just(agreement_text("llama-3.1")),
        "docs/unrelated.md": st.text(max_size=40),
    },
)


# The fine-tune's lineage read from its model card (`card:`), whose base the manifest does not
# list: fix writes a stub for it.
CARD = BARE.replace(
    "    derived_from: [{id: base, relation: finetune}]\n", "    card: hub/README.md\n"
)
CARD_FILE = "---\nlicense: llama3.1\nbase_model: meta-llama/Llama-3.1-8B\n---\n\n# Acme\n"


def kept(old: str, new: str) -> bool:
    """Is every line of ``old`` in ``new``, in the same order (lines are only added)?"""
    lines = iter(new.splitlines(keepends=True))
    return all(any(line == candidate for candidate in lines) for line in old.splitlines(True))


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(files=EVIDENCE, manifest=st.sampled_from([QUICKSTART, BARE, CARD]))
def test_fixing_twice_is_fixing_once_and_unrelated_bytes_never_change(
    tmp_path_factory: pytest.TempPathFactory, files: dict[str, str], manifest: str
) -> None:
    tmp_path = tmp_path_factory.mktemp("prop")
    folder = project(tmp_path, manifest, {**files, "hub/README.md": CARD_FILE})
    unrelated = folder / "docs" / "unrelated.md"
    before = unrelated.read_bytes() if unrelated.exists() else None
    fix(folder, apply=True)
    after_once = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    assert not fix(folder, apply=True).edits
    assert {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == after_once
    assert (unrelated.read_bytes() if unrelated.exists() else None) == before
    assert (folder / "hub/README.md").read_text(encoding="utf-8") == CARD_FILE
    written = (folder / "llamalicense.yaml").read_text(encoding="utf-8")
    assert kept(manifest, written)  # the manifest's own lines stay, in order
    assert ("- id: meta-llama/Llama-3.1-8B\n" in written) == (manifest == CARD)  # the stub
    assert fixed(folder)


def test_every_diff_line_starts_with_a_diff_marker_so_no_line_is_a_workflow_command(
    tmp_path: Path,
) -> None:
    hostile = "::error file=x::forged\n\x1b]0;title\x07\n"
    folder = project(tmp_path, BARE, {"README.md": hostile, "NOTICE": hostile})
    diff = render_diff(plan_fixes(folder))
    markers = ("diff --git ", "new file mode ", "--- ", "+++ ", "@@ ", " ", "+", "-", "\\ ")
    assert diff
    assert all(line.startswith(markers) for line in diff.removesuffix("\n").split("\n"))
    with pytest.raises(Refused, match="control characters"):
        inside(folder, "docs/a\nb.md")
