"""Clause coverage: every clause of every official text has an entry, and the document is fresh.

The clause numbers come from the official texts themselves (rules/licenses/*/), parsed with
each file's layout quirks (CLAUSES.md §3.5); the expected lists below pin the parser, so a
parser that silently skipped a clause would fail here before it could hide a gap.
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from llamalicense.catalog.clauses import official_clauses
from llamalicense.catalog.data import LICENSE_IDS, rules_dir
from llamalicense.cli.main import main
from llamalicense.errors import RuleError
from llamalicense.policy.coverage import (
    CHECKED,
    INFORMATIONAL,
    REVIEW,
    build,
    generate,
)
from llamalicense.policy.rules import builtin_rules

ROOT = Path(__file__).resolve().parent.parent.parent
DOC = ROOT / "docs" / "clause-coverage.md"

_COMMON = ["preamble", "1.a", "1.b.i", "1.b.ii", "1.b.iii", "1.b.iv"]
_TAIL = ["2", "3", "4", "5.a", "5.b", "5.c", "6", "7"]
AGREEMENT = {
    "llama-2": [*_COMMON, "1.b.v", *_TAIL],
    "llama-3": [*_COMMON, "1.b.v", *_TAIL],
    "llama-3.1": [*_COMMON, *_TAIL],
    "llama-3.2": [*_COMMON, *_TAIL],
    "llama-3.3": [*_COMMON, *_TAIL],
    "llama-4": [*_COMMON, *_TAIL],
}
_AUP_OLD = (
    ["1", "1.a", *(f"1.a.{r}" for r in ("i", "ii", "iii", "iv", "v", "vi"))]
    + [f"1.{c}" for c in "bcdefg"]
    + ["2", *(f"2.{c}" for c in "abcdef"), "3", *(f"3.{c}" for c in "abcdef"), "4"]
)
_AUP_NEW = [*_AUP_OLD[: _AUP_OLD.index("1.g") + 1], "1.h", *_AUP_OLD[_AUP_OLD.index("2") :]]
_AUP_NEW += ["5", "EU"]
AUP = dict.fromkeys(("llama-2", "llama-3", "llama-3.1"), _AUP_OLD) | dict.fromkeys(
    ("llama-3.2", "llama-3.3", "llama-4"), _AUP_NEW
)


@pytest.mark.parametrize("license_id", LICENSE_IDS)
def test_the_texts_are_parsed_into_their_own_clauses(license_id: str) -> None:
    clauses = official_clauses(license_id)
    agreement = [c.number for c in clauses if c.source == "agreement"]
    policy = [c.number.removeprefix("AUP ") for c in clauses if c.source == "use_policy"]
    assert agreement == AGREEMENT[license_id]
    assert policy == AUP[license_id]


def test_layout_quirks() -> None:
    by_number = {c.number: c for c in official_clauses("llama-3.3")}
    # Llama 3.3: "3**. Disclaimer", "1\\. **License ...**", links and non-breaking spaces.
    assert by_number["3"].text.startswith("Disclaimer of Warranty. UNLESS")
    assert by_number["1.b.ii"].text.startswith("If you receive Llama Materials")
    assert "**" not in by_number["5.a"].text
    assert "[" not in by_number["1.b.iv"].text
    # Llama 3: the AUP appended to LICENSE.txt is not read as agreement clauses.
    llama3 = {c.number: c for c in official_clauses("llama-3") if c.source == "agreement"}
    assert "Acceptable Use Policy" not in llama3["7"].text
    # Llama 3.2: the policy's Markdown numbers 2.a as "8."; indentation decides.
    llama32 = {c.number: c for c in official_clauses("llama-3.2")}
    assert llama32["AUP 2.a"].text.startswith("Military, warfare")
    assert llama32["AUP 3.f"].text.startswith("Generating or facilitating false online")
    # Llama 3.1: unnumbered bullets; Llama 4: top-level numbers skip "2.".
    assert {c.number: c for c in official_clauses("llama-3.1")}["AUP 4"].text.startswith("Fail")
    assert {c.number: c for c in official_clauses("llama-4")}["AUP 5"].text.startswith("Interact")
    # The preamble starts with the definitions, not the title.
    assert by_number["preamble"].text.startswith("“Agreement” means")


def test_every_clause_of_every_text_has_exactly_one_entry() -> None:
    entries = build()
    got = [(e.clause.license, e.clause.number) for e in entries]
    expected = [(v, c.number) for v in LICENSE_IDS for c in official_clauses(v)]
    assert got == expected
    for entry in entries:
        assert entry.status in (CHECKED, REVIEW, INFORMATIONAL)
        if entry.status == CHECKED:
            assert entry.checked_by
        else:
            assert entry.detail, entry


def test_rules_are_credited_with_their_clauses() -> None:
    entries = {(e.clause.license, e.clause.number): e for e in build()}
    assert entries[("llama-2", "1.b.v")].rules == ("LLAMA-2-OTHER-LLMS",)
    assert set(entries[("llama-3", "1.b.i")].rules) == {
        "LLAMA-3-AGREEMENT",
        "LLAMA-3-BUILT-WITH",
        "LLAMA-3-MODEL-NAME",
    }
    assert (
        entries[("llama-4", "1.b.ii")]
        .describe()
        .startswith("checked by rule `LLAMA-4-MAU` (as a related clause)")
    )
    assert entries[("llama-3.2", "AUP EU")].rules == ("LLAMA-3.2-EU-MULTIMODAL",)
    assert entries[("llama-2", "5.a")].status == REVIEW
    assert entries[("llama-3.1", "5.a")].rules == ("LLAMA-3.1-MODEL-NAME",)
    for license_id in LICENSE_IDS:
        for clause in ("3", "4", "5.b", "5.c", "6", "7"):
            assert entries[(license_id, clause)].status == INFORMATIONAL


def test_the_document_is_up_to_date() -> None:
    assert DOC.read_text(encoding="utf-8") == generate(), (
        "docs/clause-coverage.md is stale: run "
        "`llamalicense rules coverage --output docs/clause-coverage.md`"
    )


def test_the_document_lists_every_clause() -> None:
    text = DOC.read_text(encoding="utf-8")
    for license_id in LICENSE_IDS:
        section = text.split(f"(`{license_id}`)", 1)[1].split("\n## ", 1)[0]
        rows = [line.split(" | ", 1)[0].removeprefix("| ") for line in section.splitlines()]
        numbers = [c.number for c in official_clauses(license_id)]
        assert [r for r in rows if r in numbers] == numbers


# -- problems are reported, not papered over --------------------------------------------


@pytest.fixture
def rules_copy(tmp_path: Path) -> Path:
    """The official texts, the coverage data and the AUP data in a folder of their own."""
    for name in ("licenses", "coverage", "aup"):
        if (rules_dir() / name).is_dir():
            shutil.copytree(rules_dir() / name, tmp_path / name)
    return tmp_path


def _rewrite(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_clause_without_an_entry_fails(rules_copy: Path) -> None:
    _rewrite(
        rules_copy / "coverage" / "agreement.yaml",
        '  - clause: "7"\n',
        '  - clause: "7"\n    versions: [llama-2, llama-3, llama-3.1, llama-3.2, llama-3.3]\n',
    )
    with pytest.raises(RuleError, match="llama-4 clause 7 has no rule and no entry"):
        build(root=rules_copy)


def test_an_entry_for_a_missing_clause_fails(rules_copy: Path) -> None:
    _rewrite(
        rules_copy / "coverage" / "agreement.yaml",
        "    versions: [llama-2, llama-3]\n",
        "    versions: [llama-2, llama-3, llama-3.1]\n",
    )
    with pytest.raises(RuleError, match=r"llama-3\.1 has no clause 1\.b\.v"):
        build(root=rules_copy)


def test_a_status_on_a_checked_clause_fails(rules_copy: Path) -> None:
    _rewrite(
        rules_copy / "coverage" / "agreement.yaml",
        "  - clause: 1.b.iv\n",
        "  - clause: 1.b.iii\n    status: review\n    reason: a test.\n  - clause: 1.b.iv\n",
    )
    with pytest.raises(RuleError, match=r"1\.b\.iii is checked by a rule"):
        build(root=rules_copy)


def test_a_rule_naming_a_clause_the_text_lacks_fails(rules_copy: Path) -> None:
    rules = list(builtin_rules())
    rules[0] = dataclasses.replace(rules[0], clause="1.b.ix")
    with pytest.raises(RuleError, match=r"names clause 1\.b\.ix"):
        build(rules, root=rules_copy)


def test_without_classifier_data_aup_items_are_for_review(rules_copy: Path) -> None:
    shutil.rmtree(rules_copy / "aup", ignore_errors=True)
    entries = build(root=rules_copy)
    aup = [e for e in entries if e.clause.source == "use_policy"]
    by_rule = {e.clause.number for e in aup if e.rules}
    assert by_rule == {"AUP EU"}
    for entry in aup:
        if entry.clause.number != "AUP EU":
            assert entry.status == REVIEW
            assert f"rules/aup/{entry.clause.license}.yaml" in entry.detail


# -- the command ------------------------------------------------------------------------


def test_cli_check_passes_on_a_fresh_file_and_fails_on_a_stale_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "coverage.md"
    assert main(["rules", "coverage", "--check", "--output", str(target)]) == 1
    assert main(["rules", "coverage", "--output", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == generate()
    assert main(["rules", "coverage", "--check", "--output", str(target)]) == 0
    target.write_text(generate().replace("informational", "info", 1), encoding="utf-8")
    assert main(["rules", "coverage", "--check", "--output", str(target)]) == 1
    assert "not up to date" in capsys.readouterr().err


def test_cli_prints_the_document(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "coverage"]) == 0
    assert capsys.readouterr().out == generate()
