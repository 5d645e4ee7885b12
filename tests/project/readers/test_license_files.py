from __future__ import annotations

from readers_kit import blob_bytes, blob_of, kinds

from llamalicense.catalog.data import rules_dir
from llamalicense.project.readers.base import BUILT_WITH, IDENTIFIED, LICENSE_TEXT, NOTICE, PROSE
from llamalicense.project.readers.license_files import READER


def _official(version: str, name: str) -> bytes:
    return (rules_dir() / "licenses" / version / name).read_bytes()


def test_file_names_read() -> None:
    for name in (
        "LICENSE",
        "LICENSE.txt",
        "LLAMA-LICENSE.md",
        "LLAMA3_LICENSE.txt",
        "licenses/llama-3.1-license",
        "USE_POLICY.md",
        "NOTICE",
        "Notice.txt",
        "LICENSES.md",
    ):
        assert READER.reads(name), name
    for name in ("license.py", "LicenseView.swift", "license.json", "README.md"):
        assert not READER.reads(name), name


def test_a_complete_agreement_and_policy_are_identified() -> None:
    text = _official("llama-3.1", "LICENSE.txt") + b"\n\n" + _official("llama-3.1", "USE_POLICY.md")
    facts = READER.read(blob_bytes(text, "LICENSE"))
    texts = [f for f in facts if f.kind == LICENSE_TEXT]
    assert [(f.value, f.source.field, f.strength) for f in texts] == [
        ("llama-3.1", "agreement", IDENTIFIED),
        ("llama-3.1", "aup", IDENTIFIED),
    ]
    assert texts[0].detail.startswith("agreement complete")
    # the Notice sentence quoted inside the agreement is not a Notice
    assert NOTICE not in [f.kind for f in facts]


def test_a_placeholder_is_only_prose() -> None:
    (fact,) = READER.read(blob_of("license_files/LLAMA3_LICENSE.txt"))
    assert (fact.kind, fact.value, fact.strength) == (LICENSE_TEXT, "llama-3", PROSE)
    assert "stub" in fact.detail


def test_a_notice_file_holds_the_sentence() -> None:
    (fact,) = READER.read(blob_of("license_files/NOTICE", "NOTICE"))
    assert (fact.kind, fact.value, fact.strength) == (NOTICE, "llama-3.2", IDENTIFIED)
    assert fact.source.line == 4
    assert fact.detail.endswith("Notice file")


def test_an_mit_license_that_mentions_llama_is_no_llama_evidence() -> None:
    assert READER.read(blob_of("license_files/LICENSE", "LICENSE")) == ()


def test_built_with_in_a_licenses_page() -> None:
    text = b"# Licenses\n\nThis app is **Built with Llama**.\n"
    assert kinds(READER.read(blob_bytes(text, "LICENSES.md"))) == [(BUILT_WITH, "Built with Llama")]
