"""Waivers: a waived finding stays in every report as `waived`; stale waivers are reported;
malformed waivers files are input errors (exit 2) that name the file, the line and the fix.

The same behaviour through the library API and the CLI here;
tests/integrations/test_precommit.py and tests/integrations/test_action.py check it
through the hook and the Action.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest

import llamalicense
from integration_kit import cli, cli_process, manifest, notice_waiver, write_project
from llamalicense.errors import InputError
from llamalicense.report.waivers import WAIVER_RULE


def statuses(report: llamalicense.Report) -> dict[tuple[str, str], str]:
    return {(f.rule, f.component): f.status for f in report.findings}


@pytest.fixture
def waived(tmp_path: Path) -> Path:
    """A project whose only violation (no Notice file) is waived until 2999."""
    return write_project(tmp_path / "p", manifest(notice=False), waivers=[notice_waiver()])


# -- a waived finding in every format --------------------------------------------------------


def test_library_marks_the_finding_waived_and_keeps_it(waived: Path) -> None:
    report = llamalicense.check(waived)
    (finding,) = [f for f in report.findings if f.rule == "LLAMA-3.1-NOTICE"]
    assert finding.status == "waived"
    assert finding.waiver is not None
    assert finding.waiver["was"] == "violation"
    assert finding.waiver["reason"] == "Notice ships with release 2.4 (ticket LEGAL-112)"
    assert finding.waiver["approved_by"] == "legal@acme.example"
    assert finding.waiver["expires"] == "2999-12-31"
    assert finding.waiver["file"].endswith("llamalicense-waivers.yaml")
    assert finding.quote  # the clause and fix stay with the finding
    assert report.verdict == "compliant"
    assert report.counts()["waived"] == 1
    assert not report.at_or_above("needs-review")


def test_waived_in_text(waived: Path) -> None:
    run = cli("check", ".", "--show", "all", cwd=waived)
    assert run.code == 0
    assert "WAIVED    LLAMA-3.1-NOTICE" in run.out
    assert "waived (violation): Notice ships with release 2.4 (ticket LEGAL-112)" in run.out
    assert "approved by legal@acme.example, expires 2999-12-31" in run.out
    # 4 rule passes, and 1.b.iv and 5.a passing on the review record the project carries.
    assert "Verdict: compliant (6 pass, 1 waived)" in run.out
    assert "(aup, laws, trademark, built-with) and 1 waived finding." in run.out


def test_waived_in_json(waived: Path) -> None:
    data = cli("check", ".", "--format", "json", cwd=waived).json()
    (finding,) = [f for f in data["findings"] if f["rule"] == "LLAMA-3.1-NOTICE"]
    assert finding["status"] == "waived"
    assert finding["waiver"]["was"] == "violation"
    assert finding["waiver"]["approved_by"] == "legal@acme.example"
    assert data["summary"]["waived"] == 1
    assert data["verdict"] == "compliant"


def test_waived_in_sarif(waived: Path) -> None:
    data = cli("check", ".", "--format", "sarif", cwd=waived).json()
    (result,) = data["runs"][0]["results"]
    assert result["properties"]["status"] == "waived"
    assert result["suppressions"][0]["status"] == "accepted"


def test_waived_in_markdown(waived: Path) -> None:
    run = cli("check", ".", "--format", "markdown", cwd=waived)
    (row,) = [line for line in run.out.splitlines() if "`LLAMA-3.1-NOTICE`" in line]
    assert row.startswith("| \U0001f4dd waived |")
    assert "1 waived" in run.out


def test_waived_in_junit(waived: Path) -> None:
    root = ET.fromstring(cli("check", ".", "--format", "junit", cwd=waived).out.encode())
    (case,) = [c for c in root.iter("testcase") if c.get("name", "").startswith("LLAMA-3.1-NOTICE")]
    skipped = case.find("skipped")
    assert skipped is not None
    assert (skipped.get("message") or "").startswith("waived:")
    assert root.get("failures") == "0"


def test_waived_in_dot(waived: Path) -> None:
    text = cli("check", ".", "--format", "dot", cwd=waived).out
    (node,) = [line for line in text.splitlines() if line.strip().startswith('"acme-chat" [')]
    assert 'fillcolor="#ddeeff"' in node  # the waived colour, not the violation red


def test_waiver_by_obligation(tmp_path: Path) -> None:
    waiver = notice_waiver()
    del waiver["rule"]
    waiver["obligation"] = "notice"
    project = write_project(tmp_path / "p", manifest(notice=False), waivers=[waiver])
    assert statuses(llamalicense.check(project))[("LLAMA-3.1-NOTICE", "acme-chat")] == "waived"


def test_a_needs_review_finding_can_be_waived(tmp_path: Path) -> None:
    waiver = notice_waiver(rule="LLAMA-3.1-MAU", component="base")
    project = write_project(tmp_path / "p", manifest(mau=False), waivers=[waiver])
    report = llamalicense.check(project)
    (finding,) = [f for f in report.findings if f.rule == "LLAMA-3.1-MAU"]
    assert finding.status == "waived"
    assert finding.waiver is not None
    assert finding.waiver["was"] == "needs-review"
    assert report.verdict == "compliant"
    run = cli("check", ".", "--fail-on", "needs-review", cwd=project)
    assert run.code == 0


# -- expired and unmatched waivers ----------------------------------------------------------


def test_a_waiver_holds_through_its_expiry_date_and_not_a_day_longer(tmp_path: Path) -> None:
    project = write_project(
        tmp_path / "p", manifest(notice=False), waivers=[notice_waiver("2026-06-30")]
    )
    on_the_day = llamalicense.check(project, today=dt.date(2026, 6, 30))
    assert statuses(on_the_day)[("LLAMA-3.1-NOTICE", "acme-chat")] == "waived"
    assert on_the_day.verdict == "compliant"

    after = llamalicense.check(project, today=dt.date(2026, 7, 1))
    assert statuses(after)[("LLAMA-3.1-NOTICE", "acme-chat")] == "violation"
    (stale,) = [f for f in after.findings if f.rule == WAIVER_RULE]
    assert stale.status == "needs-review"
    assert "expired on 2026-06-30" in stale.message
    assert stale.location is not None
    assert stale.location.endswith("llamalicense-waivers.yaml")
    assert stale.line == 2
    assert after.verdict == "non-compliant"

    assert cli("check", ".", "--today", "2026-06-30", cwd=project).code == 0
    expired = cli("check", ".", "--today", "2026-07-01", cwd=project)
    assert expired.code == 1
    assert "expired on 2026-06-30" in expired.out


def test_an_unmatched_waiver_is_reported(tmp_path: Path) -> None:
    typo = notice_waiver(component="acme-chta")
    project = write_project(tmp_path / "p", manifest(), waivers=[typo])
    report = llamalicense.check(project)
    (stale,) = [f for f in report.findings if f.rule == WAIVER_RULE]
    assert stale.component == "acme-chta"
    assert "matches no open finding" in stale.message
    assert report.verdict == "needs-review"
    assert cli("check", ".", cwd=project).code == 0
    assert cli("check", ".", "--fail-on", "needs-review", cwd=project).code == 1


def test_a_waiver_for_a_passing_rule_is_unmatched(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", manifest(), waivers=[notice_waiver()])
    report = llamalicense.check(project)
    assert statuses(report)[("LLAMA-3.1-NOTICE", "acme-chat")] == "pass"
    assert [f.rule for f in report.findings if f.status == "needs-review"] == [WAIVER_RULE]


def test_bad_today_is_a_usage_error(waived: Path) -> None:
    run = cli("check", ".", "--today", "tomorrow", cwd=waived)
    assert run.code == 2
    assert "YYYY-MM-DD" in run.err


# -- where waivers come from -------------------------------------------------------------------


def test_no_waivers_ignores_the_default_file(waived: Path) -> None:
    run = cli("check", ".", "--no-waivers", "--format", "json", cwd=waived)
    assert run.code == 1
    assert {f["status"] for f in run.json()["findings"]} == {"violation", "pass"}
    report = llamalicense.check(waived, waivers=False)
    assert statuses(report)[("LLAMA-3.1-NOTICE", "acme-chat")] == "violation"


def test_waivers_file_elsewhere(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", manifest(notice=False))
    elsewhere = tmp_path / "legal" / "accepted.yaml"
    elsewhere.parent.mkdir()
    elsewhere.write_text(json.dumps({"waivers": [notice_waiver()]}), encoding="utf-8")
    run = cli("check", ".", "--waivers", str(elsewhere), "--show", "all", cwd=project)
    assert run.code == 0
    assert "WAIVED" in run.out
    assert llamalicense.check(project, waivers=elsewhere).verdict == "compliant"


def test_a_missing_waivers_file_is_an_input_error(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p")
    run = cli("check", ".", "--waivers", "nowhere.yaml", cwd=project)
    assert run.code == 2
    assert "nowhere.yaml: error: no such waivers file" in run.err
    with pytest.raises(InputError):
        llamalicense.check(project, waivers=tmp_path / "nowhere.yaml")


def test_an_in_memory_manifest_uses_waivers_only_when_given(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", manifest(notice=False), waivers=[notice_waiver()])
    data = manifest(notice=False)
    plain = llamalicense.check(data, root=project)
    assert statuses(plain)[("LLAMA-3.1-NOTICE", "acme-chat")] == "violation"
    given = llamalicense.check(data, root=project, waivers=project / "llamalicense-waivers.yaml")
    assert statuses(given)[("LLAMA-3.1-NOTICE", "acme-chat")] == "waived"


def test_library_and_cli_agree(tmp_path: Path) -> None:
    waivers = [notice_waiver(), notice_waiver("2020-01-01", rule="LLAMA-3.1-AGREEMENT")]
    project = write_project(tmp_path / "p", manifest(notice=False, mau=False), waivers=waivers)
    report = llamalicense.check(project, today=dt.date(2025, 1, 1))
    result = cli_process("check", ".", "--format", "json", "--today", "2025-01-01", cwd=project)
    from_cli = {
        (f["rule"], f["component"], f["status"]) for f in json.loads(result.stdout)["findings"]
    }
    assert from_cli == {(f.rule, f.component, f.status) for f in report.findings}
    assert ("LLAMA-3.1-NOTICE", "acme-chat", "waived") in from_cli
    assert (WAIVER_RULE, "acme-chat", "needs-review") in from_cli


# -- malformed waivers files ------------------------------------------------------------------

GOOD = """\
waivers:
  - rule: LLAMA-3.1-NOTICE
    component: acme-chat
    reason: Notice ships with release 2.4 (ticket LEGAL-112)
    approved_by: legal@acme.example
    expires: 2999-12-31
"""

MALFORMED: dict[str, tuple[str, int, str, str]] = {
    # name: (file text, line, what the message says, what the hint says)
    "missing expires": (
        GOOD.replace("    expires: 2999-12-31\n", ""),
        2,
        "'expires' is required here",
        "expires",
    ),
    "impossible date": (
        GOOD.replace("2999-12-31", '"2026-02-30"'),
        6,
        "not a real date",
        "YYYY-MM-DD",
    ),
    "impossible date, unquoted": (  # YAML reads it as a date and fails first
        GOOD.replace("2999-12-31", "2026-02-30"),
        6,
        "day is out of range for month",
        "",
    ),
    "date in another format": (
        GOOD.replace("2999-12-31", "31/12/2026"),
        6,
        "'31/12/2026' is not in the expected form",
        "YYYY-MM-DD",
    ),
    "unknown field": (
        GOOD + "    ticket: LEGAL-112\n",
        7,
        "unknown field 'ticket'",
        "allowed: approved_by, component, expires, obligation, reason, rule",
    ),
    "both rule and obligation": (
        GOOD.replace("  - rule:", "  - obligation: notice\n    rule:"),
        2,
        "give `rule` or `obligation`, not both",
        "obligation",
    ),
    "neither rule nor obligation": (
        GOOD.replace("  - rule: LLAMA-3.1-NOTICE\n    component", "  - component"),
        2,
        "give `rule` or `obligation`",
        "obligation",
    ),
    "duplicate key": (
        GOOD + "    reason: again\n",
        7,
        "duplicate key 'reason'",
        "once",
    ),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_malformed_waivers_exit_2_with_file_line_and_hint(tmp_path: Path, case: str) -> None:
    text, line, message, hint = MALFORMED[case]
    project = write_project(tmp_path / "p", manifest(notice=False), waivers=text)
    run = cli("check", ".", cwd=project)
    assert run.code == 2, run.out
    assert run.out == ""
    first, *rest = run.err.splitlines()
    assert first.startswith(f"llamalicense-waivers.yaml:{line}"), run.err
    assert message in first, run.err
    hints = [part for part in rest if part.strip().startswith("hint:")]
    assert hints, run.err
    assert hint in hints[0], run.err
    assert "Traceback" not in run.err


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_malformed_waivers_raise_the_same_error_in_the_library(tmp_path: Path, case: str) -> None:
    text, line, message, _ = MALFORMED[case]
    project = write_project(tmp_path / "p", manifest(notice=False), waivers=text)
    with pytest.raises(llamalicense.LlamalicenseError) as caught:
        llamalicense.check(project)
    error: Any = caught.value
    assert error.file is not None
    assert error.file.endswith("llamalicense-waivers.yaml")
    assert error.line == line
    assert message in error.message
    assert error.hint


def test_the_cli_in_its_own_process_reports_a_malformed_waiver(tmp_path: Path) -> None:
    text = MALFORMED["missing expires"][0]
    project = write_project(tmp_path / "p", manifest(notice=False), waivers=text)
    result = cli_process("check", ".", cwd=project)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("llamalicense-waivers.yaml:2: error:")
