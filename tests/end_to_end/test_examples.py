"""The example projects in examples/: each one's verdict, key findings and exit code.

The examples are documentation that runs. These tests pin what each README promises, and
the "Try it" variations, so an example cannot drift from what it claims to show.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import llamalicense
from llamalicense.documents.loader import load_file

ROOT = Path(__file__).resolve().parent.parent.parent
EXAMPLES = ROOT / "examples"
OFFICIAL_31 = ROOT / "rules" / "licenses" / "llama-3.1" / "LICENSE.txt"

Key = tuple[str, str, str]  # (rule, component, status)


@dataclass(frozen=True)
class Expected:
    verdict: str
    exit_code: int
    # Findings that are not `pass`: the whole set, so an unexpected one fails the test.
    open_findings: frozenset[Key]
    # Passing findings the README points at (a subset of the passes).
    key_passes: frozenset[Key]


EXPECTED: dict[str, Expected] = {
    "compliant-finetune": Expected(
        verdict="compliant",
        exit_code=0,
        open_findings=frozenset(),
        key_passes=frozenset(
            {
                ("LLAMA-3.1-AGREEMENT", "harbourmaster-desk", "pass"),
                ("LLAMA-3.1-BUILT-WITH", "harbourmaster-desk", "pass"),
                ("LLAMA-3.1-NOTICE", "harbourmaster-desk", "pass"),
                ("LLAMA-3.1-AGREEMENT", "portcall-8b-q4", "pass"),
                ("LLAMA-3.1-BUILT-WITH", "portcall-8b-q4", "pass"),
                ("LLAMA-3.1-NOTICE", "portcall-8b-q4", "pass"),
                ("LLAMA-3.1-MODEL-NAME", "portcall-8b-q4", "pass"),
                ("LLAMA-3.1-MAU", "llama-8b-instruct", "pass"),
                ("LLAMA-3.1-MAU", "llama-70b-instruct", "pass"),
                ("LLAMA-3.1-AUP", "harbourmaster-desk", "pass"),
                ("LLAMA-3.1-AUP-4-DISCLOSURE", "harbourmaster-desk", "pass"),
                # What no file can show passes on the manifest's review record.
                ("LLAMA-3.1-LAWS", "harbourmaster-desk", "pass"),
                ("LLAMA-3.1-TRADEMARK", "harbourmaster-desk", "pass"),
            }
        ),
    ),
    "missing-notice": Expected(
        verdict="non-compliant",
        exit_code=1,
        open_findings=frozenset(
            {
                ("LLAMA-3.1-NOTICE", "medcoder-8b", "violation"),
                ("LLAMA-3.1-MODEL-NAME", "medcoder-8b", "violation"),
            }
        ),
        key_passes=frozenset(
            {
                ("LLAMA-3.1-AGREEMENT", "medcoder-8b", "pass"),
                ("LLAMA-3.1-BUILT-WITH", "medcoder-8b", "pass"),
                ("LLAMA-3.1-AGREEMENT", "codeassist-api", "pass"),
                ("LLAMA-3.1-BUILT-WITH", "codeassist-api", "pass"),
                ("LLAMA-3.1-MAU", "llama-8b", "pass"),
                ("LLAMA-3.1-AUP-4-DISCLOSURE", "codeassist-api", "pass"),
            }
        ),
    ),
    "mau-over-affiliate": Expected(
        verdict="non-compliant",
        exit_code=1,
        open_findings=frozenset({("LLAMA-3.1-MAU", "llama-70b-instruct", "violation")}),
        key_passes=frozenset(
            {
                ("LLAMA-3.1-MODEL-NAME", "companion-lora", "pass"),
                ("LLAMA-3.1-AGREEMENT", "kestrel-companion", "pass"),
                ("LLAMA-3.1-BUILT-WITH", "kestrel-companion", "pass"),
                ("LLAMA-3.1-AUP", "kestrel-companion", "pass"),
            }
        ),
    ),
    "internal-only": Expected(
        verdict="compliant",
        exit_code=0,
        open_findings=frozenset(),
        key_passes=frozenset(
            {
                ("LLAMA-3.1-MAU", "llama-70b-instruct", "pass"),
                ("LLAMA-3.1-MAU", "prompt-guard", "pass"),
                ("LLAMA-3.1-AUP", "clausefinder", "pass"),
            }
        ),
    ),
    "integrated-product": Expected(
        verdict="compliant",
        exit_code=0,
        open_findings=frozenset(),
        # The AUP still applies (1.b.ii lifts only clause 2); nothing else is Orbis's.
        key_passes=frozenset({("LLAMA-3.1-AUP", "fieldassist-tablet", "pass")}),
    ),
}

NAMES = sorted(EXPECTED)


def keys(report: llamalicense.Report) -> set[Key]:
    return {(f.rule, f.component, f.status) for f in report.findings}


def finding(report: llamalicense.Report, rule: str, component: str) -> llamalicense.Finding:
    matches = [f for f in report.findings if f.rule == rule and f.component == component]
    assert len(matches) == 1, f"expected one {rule} finding on {component}, got {matches}"
    return matches[0]


def manifest_data(name: str) -> dict[str, Any]:
    """The example's manifest as plain data, read with the package's own YAML rules."""
    data: dict[str, Any] = load_file(EXAMPLES / name / "llamalicense.yaml").data
    return data


def component(data: dict[str, Any], component_id: str) -> dict[str, Any]:
    for item in data["components"]:
        if item["id"] == component_id:
            result: dict[str, Any] = item
            return result
    raise KeyError(component_id)


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """Run ``python -m llamalicense`` from the repository root (answers are reused)."""
    return _run_cli(args)


@functools.cache
def _run_cli(args: tuple[str, ...]) -> subprocess.CompletedProcess[str]:
    return _spawn(*args)


def _spawn(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "llamalicense", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )


# -- verdicts and findings ----------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_verdict_and_key_findings(name: str) -> None:
    expected = EXPECTED[name]
    report = llamalicense.check(EXAMPLES / name)
    assert report.verdict == expected.verdict
    found = keys(report)
    assert {k for k in found if k[2] != "pass"} == expected.open_findings
    assert expected.key_passes <= found


@pytest.mark.parametrize("name", NAMES)
def test_cli_exit_code(name: str) -> None:
    result = run_cli("check", f"examples/{name}")
    assert result.returncode == EXPECTED[name].exit_code, result.stderr
    assert f"Verdict: {EXPECTED[name].verdict}" in result.stdout
    assert result.stderr == ""


@pytest.mark.parametrize("name", NAMES)
def test_cli_json_matches_api(name: str) -> None:
    result = run_cli("check", f"examples/{name}", "--format", "json")
    assert result.returncode == EXPECTED[name].exit_code, result.stderr
    data = json.loads(result.stdout)
    assert data["verdict"] == EXPECTED[name].verdict
    got = {(f["rule"], f["component"], f["status"]) for f in data["findings"]}
    assert got == keys(llamalicense.check(EXAMPLES / name))


def test_fail_on_needs_review_does_not_change_a_compliant_example() -> None:
    result = run_cli("check", "examples/compliant-finetune", "--fail-on", "needs-review")
    assert result.returncode == 0


def test_missing_notice_names_the_model_and_the_name_it_checked() -> None:
    report = llamalicense.check(EXAMPLES / "missing-notice")
    name = finding(report, "LLAMA-3.1-MODEL-NAME", "medcoder-8b")
    assert name.clause == "1.b.i"
    assert name.obligation == "model-name"
    assert "MedCoder-8B" in name.reason  # the Hub namespace `brightleaf/` is not the name
    assert name.path == ("medcoder-8b", "llama-8b", "meta-llama/Llama-3.1-8B")
    notice = finding(report, "LLAMA-3.1-NOTICE", "medcoder-8b")
    assert notice.clause == "1.b.iii"
    assert notice.obligation == "notice"
    # The hosted API distributes no copies, so the Notice duty does not reach it.
    assert not [
        f for f in report.findings if f.component == "codeassist-api" and f.rule == notice.rule
    ]


def test_mau_over_affiliate_reports_the_june_sum() -> None:
    report = llamalicense.check(EXAMPLES / "mau-over-affiliate")
    mau = finding(report, "LLAMA-3.1-MAU", "llama-70b-instruct")
    assert mau.clause == "2"
    assert mau.obligation == "mau"
    assert "716,750,000" in mau.message
    assert "2024-06" in mau.message
    assert mau.path == ("llama-70b-instruct", "meta-llama/Llama-3.1-70B-Instruct")


def test_internal_only_lists_not_applicable_duties_on_request() -> None:
    report = llamalicense.check(EXAMPLES / "internal-only", include_not_applicable=True)
    for rule in ("LLAMA-3.1-AGREEMENT", "LLAMA-3.1-BUILT-WITH", "LLAMA-3.1-NOTICE"):
        for comp in ("clausefinder", "clausefinder-lora"):
            assert finding(report, rule, comp).status == "not-applicable"
    name = finding(report, "LLAMA-3.1-MODEL-NAME", "clausefinder-lora")
    assert name.status == "not-applicable"


def test_integrated_product_mau_is_not_applicable_with_all() -> None:
    plain = llamalicense.check(EXAMPLES / "integrated-product")
    assert [(f.rule, f.component) for f in plain.findings] == [
        ("LLAMA-3.1-AUP", "fieldassist-tablet"),
        ("LLAMA-3.1-LAWS", "fieldassist-tablet"),
    ]
    report = llamalicense.check(EXAMPLES / "integrated-product", include_not_applicable=True)
    mau = finding(report, "LLAMA-3.1-MAU", "llama-8b-instruct")
    assert mau.status == "not-applicable"
    assert "integrated-end-user-product" in mau.reason
    # The AUP and 1.b.iv apply to Orbis's own use (they pass on its review record).
    rule_findings = [f for f in report.findings if f.obligation not in ("aup", "laws")]
    assert {f.status for f in rule_findings} == {"not-applicable"}


def test_integrated_product_cli_all_shows_mau_not_applicable() -> None:
    result = run_cli("check", "examples/integrated-product", "--all", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    mau = [
        f
        for f in data["findings"]
        if f["rule"] == "LLAMA-3.1-MAU" and f["component"] == "llama-8b-instruct"
    ]
    assert [f["status"] for f in mau] == ["not-applicable"]
    text = run_cli("check", "examples/integrated-product", "--all", "--show", "all").stdout
    received = "it was received as part of another licensee's integrated end-user product"
    assert f"Does not apply: {received}" in text


# -- the "Try it" variations in the READMEs -----------------------------------------


def test_try_renaming_the_shipped_model_breaks_compliant_finetune() -> None:
    data = manifest_data("compliant-finetune")
    component(data, "portcall-8b-q4")["name"] = "Northwind-PortCall-8B-Q4"
    report = llamalicense.check(data, root=EXAMPLES / "compliant-finetune")
    assert report.verdict == "non-compliant"
    assert finding(report, "LLAMA-3.1-MODEL-NAME", "portcall-8b-q4").status == "violation"


def test_try_fixing_missing_notice(tmp_path: Path) -> None:
    project = tmp_path / "missing-notice"
    shutil.copytree(EXAMPLES / "missing-notice", project)
    (project / "hub" / "NOTICE").write_text(
        "Llama 3.1 is licensed under the Llama 3.1 Community License, "
        "Copyright © Meta Platforms, Inc. All Rights Reserved.\n",
        encoding="utf-8",
    )
    data = manifest_data("missing-notice")
    medcoder = component(data, "medcoder-8b")
    medcoder["name"] = "brightleaf/Llama-MedCoder-8B"
    medcoder["attribution"]["notice"] = "hub/NOTICE"
    report = llamalicense.check(data, root=project)
    assert report.verdict == "compliant"


def test_try_dropping_an_affiliates_count_needs_review() -> None:
    data = manifest_data("mau-over-affiliate")
    counts = data["licensee"]["monthly_active_users"]
    data["licensee"]["monthly_active_users"] = [
        c
        for c in counts
        if not (c["month"] == "2024-06" and c.get("entity") == "Kestrel Play Inc.")
    ]
    report = llamalicense.check(data, root=EXAMPLES / "mau-over-affiliate")
    mau = finding(report, "LLAMA-3.1-MAU", "llama-70b-instruct")
    assert mau.status == "needs-review"
    assert "Kestrel Play Inc." in mau.reason
    # Without the affiliate at all, 655,500,000 is under the line.
    data["licensee"]["affiliates"] = [
        a for a in data["licensee"]["affiliates"] if a["name"] != "Kestrel Play Inc."
    ]
    data["licensee"]["monthly_active_users"] = [
        c
        for c in data["licensee"]["monthly_active_users"]
        if c.get("entity") != "Kestrel Play Inc."
    ]
    report = llamalicense.check(data, root=EXAMPLES / "mau-over-affiliate")
    assert finding(report, "LLAMA-3.1-MAU", "llama-70b-instruct").status == "pass"


def test_try_meta_license_settles_clause_2() -> None:
    data = manifest_data("mau-over-affiliate")
    data["licensee"]["meta_license"] = True
    report = llamalicense.check(data, root=EXAMPLES / "mau-over-affiliate")
    assert report.verdict == "compliant"


def test_try_offering_clausefinder_to_clients() -> None:
    data = manifest_data("internal-only")
    product = component(data, "clausefinder")
    product["distributed"] = True
    product["delivery"] = "hosted"
    report = llamalicense.check(data, root=EXAMPLES / "internal-only")
    agreement = finding(report, "LLAMA-3.1-AGREEMENT", "clausefinder")
    assert agreement.status == "needs-review"  # a service hands over no materials
    assert "terms of use" in agreement.how_to_fix
    assert finding(report, "LLAMA-3.1-BUILT-WITH", "clausefinder").status == "violation"
    assert not [f for f in report.findings if f.rule == "LLAMA-3.1-NOTICE"]  # hosted
    # The adapter inside is made available through the product: its `distributed: false`
    # contradicts that, and the finding names both facts.
    name = finding(report, "LLAMA-3.1-MODEL-NAME", "clausefinder-lora")
    assert name.status == "needs-review"
    assert "`distributed: false`" in name.reason
    assert "'clausefinder' (distributed: true, delivery: hosted)" in name.reason
    del component(data, "clausefinder-lora")["distributed"]
    renamed = llamalicense.check(data, root=EXAMPLES / "internal-only")
    assert finding(renamed, "LLAMA-3.1-MODEL-NAME", "clausefinder-lora").status == "violation"


def test_try_leaving_distributed_out_needs_review() -> None:
    data = manifest_data("internal-only")
    del component(data, "clausefinder-lora")["distributed"]
    report = llamalicense.check(data, root=EXAMPLES / "internal-only")
    name = finding(report, "LLAMA-3.1-MODEL-NAME", "clausefinder-lora")
    assert name.status == "needs-review"
    assert "distributed" in name.reason


def test_try_receiving_llama_directly_brings_clause_2_back() -> None:
    data = manifest_data("integrated-product")
    component(data, "llama-8b-instruct")["received_as"] = "direct"
    report = llamalicense.check(data, root=EXAMPLES / "integrated-product")
    mau = finding(report, "LLAMA-3.1-MAU", "llama-8b-instruct")
    assert mau.status == "violation"
    assert "803,000,000" in mau.message


# -- the examples' files ------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_readme_first_line_says_what_it_shows(name: str) -> None:
    readme = (EXAMPLES / name / "README.md").read_text(encoding="utf-8")
    first = readme.splitlines()[0]
    assert first.startswith("# Shows: ")
    assert f"verdict: {EXPECTED[name].verdict}" in first


@pytest.mark.parametrize("name", NAMES)
def test_readme_output_matches_a_real_run(name: str) -> None:
    readme = (EXAMPLES / name / "README.md").read_text(encoding="utf-8")
    result = run_cli("check", f"examples/{name}")
    verdicts = [line for line in result.stdout.splitlines() if line.startswith("Verdict:")]
    assert verdicts
    assert verdicts[0] in readme
    for line in result.stdout.splitlines():
        if line.strip().startswith(("PASS", "VIOLATION", "REVIEW", "path:")):
            assert line in readme, f"README of {name} does not show: {line}"


@pytest.mark.parametrize("name", NAMES)
def test_every_component_declares_distributed(name: str) -> None:
    for item in manifest_data(name)["components"]:
        if item["type"] in ("model", "product"):
            assert isinstance(item.get("distributed"), bool), item["id"]


@pytest.mark.parametrize("name", NAMES)
def test_agreement_copies_are_the_official_text(name: str) -> None:
    official = OFFICIAL_31.read_bytes()
    for item in manifest_data(name)["components"]:
        paths = item.get("attribution", {}).get("agreement", [])
        for path in [paths] if isinstance(paths, str) else paths:
            assert (EXAMPLES / name / path).read_bytes() == official, path


def test_without_its_review_record_the_compliant_example_needs_review() -> None:
    data = manifest_data("compliant-finetune")
    del data["reviews"]
    report = llamalicense.check(data, root=EXAMPLES / "compliant-finetune")
    assert report.verdict == "needs-review"
    assert {(f.rule, f.component) for f in report.findings if f.status == "needs-review"} == {
        ("LLAMA-3.1-AUP", "harbourmaster-desk"),
        ("LLAMA-3.1-BUILT-WITH", "harbourmaster-desk"),
        ("LLAMA-3.1-BUILT-WITH", "portcall-8b-q4"),
        ("LLAMA-3.1-LAWS", "harbourmaster-desk"),
        ("LLAMA-3.1-TRADEMARK", "harbourmaster-desk"),
    }


def test_try_adding_a_use_case_asks_the_review_again() -> None:
    data = manifest_data("compliant-finetune")
    component(data, "harbourmaster-desk")["use_cases"].append("Translates crew lists.")
    report = llamalicense.check(data, root=EXAMPLES / "compliant-finetune")
    aup = finding(report, "LLAMA-3.1-AUP", "harbourmaster-desk")
    assert aup.status == "needs-review"
    assert "was of other use cases" in aup.reason


def test_norway_stays_norway() -> None:
    project = llamalicense.load_project(EXAMPLES / "compliant-finetune")
    assert project.licensee.country == "NO"
    assert {e.month for e in project.licensee.monthly_active_users} == {"2024-06"}


def test_json_report_is_byte_identical_across_runs() -> None:
    first = _spawn("check", "examples/compliant-finetune", "--format", "json")
    second = _spawn("check", "examples/compliant-finetune", "--format", "json")
    assert first.stdout == second.stdout
