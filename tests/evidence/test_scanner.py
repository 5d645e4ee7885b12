"""The evidence scanner: official texts and their variants, "Built with"; and how Notice
sentences are judged (by the evidence reader, for the Notice rules)."""

from __future__ import annotations

import html
import textwrap
from pathlib import Path

import pytest

from llamalicense.catalog.data import LICENSE_IDS, rules_dir
from llamalicense.evidence.reader import EvidenceReader
from llamalicense.evidence.scanner import find_built_with, scan_file, scan_text

TEXTS = Path(__file__).parent.parent / "data" / "texts"


def official(license_id: str, kind: str) -> str:
    name = "LICENSE.txt" if kind == "agreement" else "USE_POLICY.md"
    return (rules_dir() / "licenses" / license_id / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("license_id", LICENSE_IDS)
@pytest.mark.parametrize("kind", ["agreement", "aup"])
def test_every_official_text_is_named(license_id: str, kind: str) -> None:
    result = scan_text(official(license_id, kind))
    first = result.texts[0]
    assert (first.kind, first.license, first.status, first.similarity) == (
        kind,
        license_id,
        "complete",
        1.0,
    )
    assert first.is_copy


def test_the_llama_3_license_holds_two_texts() -> None:
    texts = scan_text(official("llama-3", "agreement")).texts
    assert [(t.kind, t.license, t.status) for t in texts] == [
        ("agreement", "llama-3", "complete"),
        ("aup", "llama-3", "complete"),
    ]
    assert texts[0].end_line < texts[1].start_line


def test_wrapped_and_crlf() -> None:
    text = official("llama-3.2", "agreement")
    wrapped = "\r\n".join(textwrap.fill(p, 58) for p in text.split("\n"))
    best = scan_text(wrapped).best()
    assert best is not None
    assert (best.license, best.status) == ("llama-3.2", "complete")


def test_rendered_markdown_as_html() -> None:
    text = official("llama-3.3", "aup")
    page = "<html><body>" + "".join(
        f"<p><strong>{html.escape(line)}</strong></p>\n"
        for line in text.splitlines()
        if line.strip()
    )
    best = scan_text(page + "</body></html>").best()
    assert best is not None
    assert (best.kind, best.license, best.status) == (
        "aup",
        "llama-3.3",
        "complete",
    )


def test_modified_text_reports_similarity() -> None:
    text = official("llama-3.1", "agreement").replace("worldwide, non-transferable", "worldwide")
    best = scan_text(text).best()
    assert best is not None
    assert best.status == "modified"
    assert 0.9 <= (best.similarity or 0) < 1.0
    assert "non transferable" in best.reason
    assert not best.is_copy


def test_truncated_copy_is_not_a_copy() -> None:
    text = official("llama-4", "agreement")
    best = scan_text(text[: len(text) // 2]).best()
    assert best is not None
    assert (best.license, best.status) == ("llama-4", "truncated")
    assert "not a copy" in best.reason


def test_stub_is_not_a_copy() -> None:
    best = scan_file(TEXTS / "license-stub.txt").best()
    assert best is not None
    assert (best.license, best.status) == ("llama-3.3", "stub")
    assert not best.is_copy


def test_two_licenses_in_one_file() -> None:
    text = official("llama-3.1", "agreement") + "\n\n" + official("llama-3.2", "aup")
    texts = scan_text(text).texts
    assert [(t.kind, t.license, t.status) for t in texts] == [
        ("agreement", "llama-3.1", "complete"),
        ("aup", "llama-3.2", "complete"),
    ]


def test_near_versions_are_told_apart() -> None:
    for license_id in ("llama-3.2", "llama-3.3"):
        best = scan_text(official(license_id, "aup")).best()
        assert best is not None
        assert best.license == license_id


def test_research_license_by_its_phrases() -> None:
    best = scan_file(TEXTS / "research-license.txt").best()
    assert best is not None
    assert (best.kind, best.license, best.status, best.similarity) == (
        "research-license",
        "llama-1",
        "identified",
        None,
    )
    assert "not shipped" in best.reason


def test_unrelated_text() -> None:
    assert scan_text("MIT License\n\nPermission is hereby granted, free of charge").texts == ()


# -- notices ------------------------------------------------------------------------------------
# Notice sentences are judged in one place: the Notice rules' ``shows_text``, by the evidence
# reader. The scanner does not judge them.


def notice(license_id: str) -> str:
    """The attribution sentence of clause 1.b.iii, as each agreement writes it."""
    version = license_id.removeprefix("llama-")
    name = {"llama-2": "Llama 2", "llama-3": "Meta Llama 3"}.get(license_id, f"Llama {version}")
    licensed = "LLAMA 2" if license_id == "llama-2" else name
    return (
        f"{name} is licensed under the {licensed} Community License, Copyright \u00a9 Meta "
        "Platforms, Inc. All Rights Reserved."
    )


@pytest.mark.parametrize("license_id", LICENSE_IDS)
def test_exact_notices_of_every_version(license_id: str) -> None:
    judged = EvidenceReader(TEXTS).contains_phrase(("NOTICE",), notice(license_id), exact_case=True)
    assert judged.value is True
    assert judged.line is not None
    assert judged.line >= 4


@pytest.mark.parametrize(
    ("license_id", "value", "why"),
    [
        ("llama-3.1", None, "different capitals or punctuation"),  # the final period missing
        ("llama-3.2", True, "found"),  # (c) is ©
        ("llama-3.3", None, "different capitals or punctuation"),
        ("llama-3", False, "not found"),  # "Llama 3 is licensed ...": Meta's words missing
    ],
)
def test_imperfect_notices_are_judged(license_id: str, value: bool | None, why: str) -> None:
    judged = EvidenceReader(TEXTS).contains_phrase(
        ("notices-imperfect.md",), notice(license_id), exact_case=True
    )
    assert judged.value is value
    assert why in judged.reason


# -- built with ---------------------------------------------------------------------------------


def test_built_with_in_markdown_over_a_line_break() -> None:
    (found,) = [b for b in scan_file(TEXTS / "built-with.md").built_with if b.displayed]
    assert found.licenses == ("llama-3.1", "llama-3.2", "llama-3.3", "llama-4")
    assert found.exact_case


def test_built_with_in_html_but_not_in_comments_or_scripts() -> None:
    found = scan_file(TEXTS / "built-with.html").built_with
    shown = [b for b in found if b.displayed]
    assert [b.line for b in shown] == [8]
    hidden = [b for b in found if not b.displayed]
    assert {b.line for b in hidden} == {3, 4, 7}
    assert all("comment" in b.reason or "script" in b.reason for b in hidden)
    assert not any(b.displayed for b in scan_file(TEXTS / "hidden-only.html").built_with)


def test_built_with_meta_llama_3_in_rst() -> None:
    (found,) = scan_file(TEXTS / "built-with.rst").built_with
    assert found.displayed
    assert found.licenses == ("llama-3",)


def test_built_with_in_plain_text_with_other_capitals() -> None:
    (found,) = scan_file(TEXTS / "built-with.txt").built_with
    assert found.displayed
    assert not found.exact_case
    assert "capitals" in found.reason


def test_built_with_in_front_matter_or_license_is_not_a_display() -> None:
    card = '---\nlicense: llama3.1\nextra_gated_prompt: "Built with Llama"\n---\n# Card\n'
    (found,) = find_built_with(card)
    assert not found.displayed
    assert "front matter" in found.reason
    in_license = list(scan_text(official("llama-3.1", "agreement")).built_with)
    assert in_license
    assert not any(b.displayed for b in in_license)


def test_llama_3_wants_meta_in_the_phrase() -> None:
    (found,) = find_built_with("Built with Llama 3\n")
    assert "llama-3" not in found.licenses
