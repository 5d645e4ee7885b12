"""Custom rule packs: `--rules DIR` adds an organisation's rules; `rules test DIR` runs their
fixtures the way the project's own rules are tested."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

import llamalicense
from integration_kit import ROOT, cli, cli_process
from llamalicense.policy.rules import load_pack, quote_is_verbatim

EXAMPLE = ROOT / "examples" / "custom-rules"
PACK = EXAMPLE / "rules"
RULE_ID = "ACME-NO-NEW-LLAMA-2"


def _acme(report: llamalicense.Report) -> list[llamalicense.Finding]:
    return [f for f in report.findings if f.rule == RULE_ID]


# -- the example pack ---------------------------------------------------------------------


def test_the_example_rule_quotes_llama_2_verbatim() -> None:
    (rule,) = load_pack(PACK)
    assert rule.id == RULE_ID
    assert rule.license == "llama-2"
    assert rule.clause == "1.b.i"
    assert quote_is_verbatim(rule.quote, "llama-2")
    assert "provide a copy of this Agreement" in rule.quote


def test_rules_test_passes_on_the_example_pack() -> None:
    result = cli_process("rules", "test", "examples/custom-rules/rules", cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    cases = [line for line in lines if line.startswith(("ok", "FAIL"))]
    assert len(cases) >= 4
    assert all(line.startswith(f"ok   {RULE_ID}") for line in cases)
    assert lines[-1] == f"{len(cases)} passed, 0 failed"
    assert result.stderr == ""


def test_the_readme_shows_the_real_rules_test_output() -> None:
    readme = (EXAMPLE / "README.md").read_text(encoding="utf-8")
    run = cli("rules", "test", str(PACK))
    for line in run.out.splitlines():
        assert line in readme, line


def test_check_with_the_pack_fires_on_the_llama_2_product() -> None:
    run = cli("check", "examples/custom-rules", "--rules", "examples/custom-rules/rules", cwd=ROOT)
    assert run.code == 1
    assert f"VIOLATION {RULE_ID} [llama-2 1.b.i, acme-no-llama-2]" in run.out
    assert "path: support-bot -> support-tune -> llama-2-chat -> meta-llama/Llama-2-7b-chat-hf" in (
        run.out
    )
    report = llamalicense.check(EXAMPLE, rules=[PACK])
    (finding,) = _acme(report)
    assert finding.component == "support-bot"
    assert finding.status == "violation"
    assert finding.obligation == "acme-no-llama-2"
    assert report.verdict == "non-compliant"


def test_check_without_the_pack_has_no_acme_finding() -> None:
    run = cli("check", "examples/custom-rules", cwd=ROOT)
    assert RULE_ID not in run.out
    assert not _acme(llamalicense.check(EXAMPLE))
    assert not [f for f in llamalicense.check(EXAMPLE).findings if f.status == "violation"]


def test_rules_list_and_show_include_the_pack() -> None:
    listing = cli("rules", "list", "--rules", str(PACK))
    assert listing.code == 0
    assert any(line.startswith(RULE_ID) for line in listing.out.splitlines())
    assert "LLAMA-3.1-NOTICE" in listing.out  # built-in rules stay
    shown = cli("rules", "show", RULE_ID, "--rules", str(PACK))
    assert shown.code == 0
    assert "No new products on Llama 2 (Acme policy)" in shown.out


def test_sarif_describes_the_custom_rule(tmp_path: Path) -> None:
    out = tmp_path / "r.sarif"
    run = cli("check", str(EXAMPLE), "--rules", str(PACK), "--write", f"sarif:{out}")
    assert run.code == 1
    rules = json.loads(out.read_text(encoding="utf-8"))["runs"][0]["tool"]["driver"]["rules"]
    (acme,) = [r for r in rules if r["id"] == RULE_ID]
    assert acme["properties"]["license"] == "llama-2"
    assert "provide a copy of this Agreement" in acme["help"]["text"]


def test_a_custom_finding_can_be_waived(tmp_path: Path) -> None:
    project = tmp_path / "custom-rules"
    shutil.copytree(EXAMPLE, project)
    (project / "llamalicense-waivers.yaml").write_text(
        "waivers:\n"
        f"  - rule: {RULE_ID}\n"
        "    component: support-bot\n"
        "    reason: Exception GOV-7 until the Llama 3.1 migration ships\n"
        "    approved_by: ai-governance@acme.example\n"
        "    expires: 2999-01-31\n",
        encoding="utf-8",
    )
    report = llamalicense.check(project, rules=[project / "rules"])
    (finding,) = _acme(report)
    assert finding.status == "waived"


# -- fixtures that fail, and bad input --------------------------------------------------


def _pack(tmp_path: Path, fixtures: str | None) -> Path:
    pack = tmp_path / "pack"
    pack.mkdir()
    shutil.copy(PACK / "no-new-llama-2.yaml", pack / "no-new-llama-2.yaml")
    if fixtures is not None:
        (pack / "no-new-llama-2.tests.yaml").write_text(fixtures, encoding="utf-8")
    return pack


WRONG_EXPECTATION = f"""\
rule: {RULE_ID}
cases:
  - name: a shipped Llama 2 product (wrongly expected to pass)
    manifest:
      version: 1
      components:
        - {{id: base, type: model, ref: meta-llama/Llama-2-7b-chat-hf, distributed: false}}
        - {{id: app, type: product, contains: [base], distributed: true}}
    expect:
      - {{component: app, status: pass}}
  - name: an internal tool
    manifest:
      version: 1
      components:
        - {{id: base, type: model, ref: meta-llama/Llama-2-7b-chat-hf, distributed: false}}
        - {{id: app, type: product, contains: [base], distributed: false}}
    expect:
      - {{component: app, status: not-applicable}}
"""


def test_rules_test_fails_on_a_wrong_expectation(tmp_path: Path) -> None:
    run = cli("rules", "test", str(_pack(tmp_path, WRONG_EXPECTATION)))
    assert run.code == 1
    failing = [line for line in run.out.splitlines() if line.startswith("FAIL")]
    assert len(failing) >= 1
    assert "a shipped Llama 2 product (wrongly expected to pass)" in failing[0]
    assert "app: expected pass, got violation" in failing[0]
    assert "ok   ACME-NO-NEW-LLAMA-2          an internal tool" in run.out
    assert run.out.splitlines()[-1].endswith("failed")
    assert not run.out.splitlines()[-1].endswith(" 0 failed")


def test_rules_test_fails_without_fixtures(tmp_path: Path) -> None:
    run = cli("rules", "test", str(_pack(tmp_path, None)))
    assert run.code == 1
    assert "no fixtures: create no-new-llama-2.tests.yaml" in run.out


def test_rules_test_wants_a_case_that_fires(tmp_path: Path) -> None:
    quiet_only = WRONG_EXPECTATION.split("  - name: an internal tool", 1)[1]
    fixtures = f"rule: {RULE_ID}\ncases:\n  - name: an internal tool{quiet_only}"
    run = cli("rules", "test", str(_pack(tmp_path, fixtures)))
    assert run.code == 1
    assert "no case that must fire" in run.out


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("missing", "no such rules folder"),
        ("empty", "no rule files"),
        ("misquoted", "not verbatim"),
        ("bad-fixtures", "fixtures must be a mapping"),
    ],
)
def test_rules_test_bad_input_exits_2(tmp_path: Path, setup: str, message: str) -> None:
    pack = tmp_path / "pack"
    if setup == "empty":
        pack.mkdir()
    elif setup == "misquoted":
        pack = _pack(tmp_path, WRONG_EXPECTATION)
        rule = pack / "no-new-llama-2.yaml"
        text = rule.read_text(encoding="utf-8").replace("such third party", "any third party")
        rule.write_text(text, encoding="utf-8")
    elif setup == "bad-fixtures":
        pack = _pack(tmp_path, "rule: SOMETHING-ELSE\ncases: []\n")
    run = cli("rules", "test", str(pack))
    assert run.code == 2, run.out
    assert message in run.err
    assert str(pack) in run.err or "pack" in run.err


def test_check_with_a_pack_that_reuses_a_builtin_id_exits_2(tmp_path: Path) -> None:
    pack = _pack(tmp_path, None)
    rule = pack / "no-new-llama-2.yaml"
    rule.write_text(
        rule.read_text(encoding="utf-8").replace(RULE_ID, "LLAMA-2-AGREEMENT"), encoding="utf-8"
    )
    run = cli("check", str(EXAMPLE), "--rules", str(pack))
    assert run.code == 2
    assert "used twice" in run.err


def test_check_with_a_missing_rules_folder_exits_2(tmp_path: Path) -> None:
    run = cli("check", str(EXAMPLE), "--rules", str(tmp_path / "nope"))
    assert run.code == 2
    assert "no such rules folder" in run.err


def test_the_readmes_exception_holds_until_it_expires() -> None:
    exception = EXAMPLE / "exception-gov-7.yaml"
    before = llamalicense.check(
        EXAMPLE, rules=[PACK], waivers=exception, today=dt.date(2026, 6, 30)
    )
    assert [f.status for f in _acme(before)] == ["waived"]
    assert before.verdict == "compliant"
    after = llamalicense.check(EXAMPLE, rules=[PACK], waivers=exception, today=dt.date(2026, 7, 1))
    assert [f.status for f in _acme(after)] == ["violation"]
    assert any("expired on 2026-06-30" in f.message for f in after.findings)


@pytest.mark.parametrize("setup", ["missing", "empty", "only-fixtures"])
def test_check_with_a_pack_that_holds_no_rules_exits_2(tmp_path: Path, setup: str) -> None:
    # A mistyped --rules must not quietly check the built-in rules only.
    pack = tmp_path / "acme-rules"
    if setup != "missing":
        pack.mkdir()
    if setup == "only-fixtures":
        (pack / "nothing.tests.yaml").write_text("rule: X\ncases: []\n", encoding="utf-8")
    run = cli("check", str(EXAMPLE), "--rules", str(pack))
    assert run.code == 2, run.out
    assert str(pack) in run.err
    assert ("no such rules folder" if setup == "missing" else "no rule files") in run.err
