"""`llamalicense rules show ID` answers for every rule id a report can contain: the YAML
rules, the Acceptable Use Policy checks, and the tool's own LLAMALICENSE-* checks."""

from __future__ import annotations

from pathlib import Path

import pytest

import llamalicense
from integration_kit import cli, manifest, notice_waiver, write_project
from llamalicense.cli.builtin_checks import aup_ids, find, tool_ids
from llamalicense.errors import LlamalicenseError
from llamalicense.model.findings import Finding

ROOT = Path(__file__).resolve().parent.parent.parent
PROJECTS = sorted(
    [p for p in (ROOT / "examples").iterdir() if (p / "llamalicense.yaml").is_file()]
    + [ROOT / "tests" / "data" / "golden-project"]
    + [p for p in (ROOT / "tests" / "data" / "cards").iterdir() if p.is_dir()]
    + sorted((ROOT / "tests" / "data" / "bom").glob("*.json"))
)


def _findings(tmp_path: Path) -> list[Finding]:
    """The findings of every example, test project, card folder and BOM, and of projects
    made to hold an AUP match, a waiver that matches nothing, and an unknown Meta id."""
    found: list[Finding] = []
    for project in PROJECTS:
        rules = [project / "rules"] if (project / "rules").is_dir() else []
        try:
            report = llamalicense.check(project, rules=rules, include_not_applicable=True)
        except LlamalicenseError:  # a folder made to be refused (no card in it, ...)
            continue
        found += report.findings
    data = manifest(notice=False)
    data["components"].append(
        {
            "id": "app",
            "type": "product",
            "contains": ["acme-chat"],
            "distributed": True,
            "use_cases": ["Writes ransomware that encrypts hospital file servers."],
        }
    )
    data["components"].append({"id": "odd", "type": "model", "ref": "meta-llama/Llama-9-1B"})
    stale = notice_waiver(component="nobody")
    found += llamalicense.check(write_project(tmp_path / "p", data, waivers=[stale])).findings
    return found


CUSTOM = ROOT / "examples" / "custom-rules" / "rules"


def test_every_rule_id_a_report_holds_is_shown(tmp_path: Path) -> None:
    ids = {f.rule for f in _findings(tmp_path)}
    assert any("-AUP-1" in i for i in ids), ids  # an AUP item match is among them
    assert {"LLAMALICENSE-WAIVER", "LLAMALICENSE-UNKNOWN-MODEL"} <= ids
    assert {"LLAMALICENSE-LICENSE-DECLARATION", "LLAMALICENSE-REUPLOAD"} <= ids
    for rule_id in sorted(ids):
        run = cli("rules", "show", rule_id, "--rules", str(CUSTOM))  # the example's own pack
        assert run.code == 0, (rule_id, run.err)
        assert run.out.startswith(f"{rule_id}: "), run.out[:200]


def test_an_aup_finding_and_its_rules_show_page_agree(tmp_path: Path) -> None:
    findings = [f for f in _findings(tmp_path) if f.obligation == "aup"]
    assert {f.rule.rsplit("-AUP", 1)[1][:2] for f in findings} >= {"", "-4", "-1"}
    for finding in findings:
        shown = find(finding.rule)
        assert shown is not None, finding.rule
        assert shown.id == finding.rule
        assert shown.title == finding.title
        assert shown.clause == finding.clause
        assert shown.quote == finding.quote
        assert shown.how_to_fix == finding.how_to_fix


def test_every_aup_id_of_every_version_is_shown() -> None:
    ids = aup_ids()
    assert "LLAMA-3.1-AUP" in ids
    assert "LLAMA-4-AUP-4-DISCLOSURE" in ids
    assert len(ids) > 6 * 25
    for rule_id in ids:
        check = find(rule_id)
        assert check is not None, rule_id
        assert check.id == rule_id
        assert check.description
        assert check.how_to_fix
        assert find(rule_id.lower()) == check  # ids are matched without regard to case


def test_every_tool_check_is_shown_with_what_it_checks() -> None:
    for rule_id in tool_ids():
        run = cli("rules", "show", rule_id)
        assert run.code == 0, run.err
        assert "what it checks:" in run.out
        assert "fix:" in run.out
        assert "quote:" not in run.out  # no clause to quote: the tool's own check


@pytest.mark.parametrize("rule_id", ["LLAMA-3.1-AUP-9.z", "LLAMA-7-AUP", "LLAMALICENSE-NOPE"])
def test_an_id_that_is_no_check_is_an_input_error_naming_the_forms(rule_id: str) -> None:
    run = cli("rules", "show", rule_id)
    assert run.code == 2
    assert f"no rule {rule_id!r}" in run.err
    assert "LLAMA-<version>-AUP-<item>" in run.err


def test_every_reviewed_duty_of_every_version_is_shown() -> None:
    from llamalicense.cli.builtin_checks import reviewed_ids

    ids = reviewed_ids()
    assert {"LLAMA-2-LAWS", "LLAMA-4-TRADEMARK"} <= set(ids)
    for rule_id in ids:
        check = find(rule_id)
        assert check is not None, rule_id
        assert check.id == rule_id
        assert check.quote
        assert find(rule_id.lower()) == check


def test_rules_show_lists_the_fixes_that_fit_each_failure_in_the_order_they_are_tried() -> None:
    shown = cli("rules", "show", "LLAMA-3.1-NOTICE").out
    default = shown.index("  fix:\n    Add a NOTICE file containing exactly")
    other_version = shown.index('  fix when {"all": [{"shows_text"')
    listed = shown.index('  fix when {"fact": "attribution.notice", "exists": true}:')
    assert default < other_version < listed
    assert '    Add the sentence "Llama 3.1 is licensed under' in shown[listed:]
