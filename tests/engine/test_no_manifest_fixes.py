"""Fixes for a project checked without a manifest: where discovery looks, or how to write one.

A folder checked by discovery has no llamalicense.yaml, so "list it under
attribution.notice" or "declare the counts in the manifest" cannot be followed as written.
"""

from __future__ import annotations

from pathlib import Path

from llamalicense.api import check
from llamalicense.engine.no_manifest import INIT, manifest_first
from llamalicense.model.findings import Finding

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
# Words that only a manifest makes sense of (every discovered fixture's findings are checked
# for them in tests/project/test_discover_repos.py).
MANIFEST_WORDS = ("attribution.", "list it", "in the manifest")
SENTENCE = (
    "Llama 3.1 is licensed under the Llama 3.1 Community License, Copyright © Meta "
    "Platforms, Inc. All Rights Reserved."
)
CARD = "---\nbase_model: meta-llama/Llama-3.1-8B\nlicense: llama3.1\n---\n\n# Acme model\n"


def _one(findings: tuple[Finding, ...], rule: str) -> Finding:
    (found,) = [f for f in findings if f.rule == rule]
    return found


def test_a_missing_notice_is_put_beside_the_card(tmp_path: Path) -> None:
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "README.md").write_text(CARD, encoding="utf-8")
    notice = _one(check(tmp_path).findings, "LLAMA-3.1-NOTICE")
    assert notice.status == "violation"
    assert notice.how_to_fix == (
        f'Add a NOTICE file to m/ containing exactly "{SENTENCE}": discovery reads the Notice '
        "files of the folder of m's card (or config) and of the folders above it."
    )
    # ... and once it is there, the finding passes: the fix is one discovery can see.
    (tmp_path / "m" / "NOTICE").write_text(SENTENCE + "\n", encoding="utf-8")
    assert _one(check(tmp_path).findings, "LLAMA-3.1-NOTICE").status == "pass"


def test_a_found_notice_without_the_sentence_is_named(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(CARD, encoding="utf-8")
    (tmp_path / "NOTICE").write_text("Copyright Acme.\n", encoding="utf-8")
    notice = _one(check(tmp_path).findings, "LLAMA-3.1-NOTICE")
    assert notice.status == "violation"
    assert notice.how_to_fix.startswith(f'Add the sentence "{SENTENCE}" to NOTICE, the Notice')
    assert not any(words in notice.how_to_fix for words in MANIFEST_WORDS)


def test_an_incomplete_agreement_copy_is_replaced_not_listed(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(CARD, encoding="utf-8")
    (tmp_path / "LICENSE").write_text(
        "LLAMA 3.1 COMMUNITY LICENSE AGREEMENT\nLlama 3.1 Version Release Date: July 23, 2024\n",
        encoding="utf-8",
    )
    copy = _one(check(tmp_path).findings, "LLAMA-3.1-AGREEMENT")
    assert copy.status == "violation", copy.reason
    assert copy.how_to_fix.startswith("Replace the text of LICENSE, the license file found for")


def test_a_manifest_fact_is_asked_for_after_writing_the_manifest(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(CARD, encoding="utf-8")
    mau = _one(check(tmp_path).findings, "LLAMA-3.1-MAU")
    assert mau.status == "needs-review"
    assert mau.how_to_fix.startswith(INIT + "Declare the counts in the manifest")


def test_a_manifest_projects_fixes_are_as_the_rules_write_them() -> None:
    notice = _one(check(EXAMPLES / "missing-notice").findings, "LLAMA-3.1-NOTICE")
    assert notice.how_to_fix == (
        f'Add a NOTICE file containing exactly "{SENTENCE}" and list it under attribution.notice.'
    )


def test_the_wording_step_leaves_fixes_that_need_no_manifest() -> None:
    assert manifest_first("Rename the model.") == "Rename the model."
    said = "Declare the fact (front matter, a config, or llamalicense.yaml) to make it firm."
    assert manifest_first(said) == said
    once = manifest_first("Set licensee.country in the manifest.")
    assert once == INIT + "Set licensee.country in the manifest."
    assert manifest_first(once) == once
