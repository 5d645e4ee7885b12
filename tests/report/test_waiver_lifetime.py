"""Issue 15, class 11 (CLI and library): `--max-waiver-days` / ``max_waiver_days=``, and a
`--waivers` file outside the change replacing the one the change holds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

import llamalicense
from integration_kit import cli, manifest, notice_waiver, write_project

TODAY = dt.date(2026, 1, 1)


def _status(report: llamalicense.Report) -> str:
    (finding,) = [f for f in report.findings if f.rule == "LLAMA-3.1-NOTICE"]
    return finding.status


def test_a_waiver_past_the_longest_lifetime_is_not_applied(tmp_path: Path) -> None:
    project = write_project(
        tmp_path / "p", manifest(notice=False), waivers=[notice_waiver("9999-12-31")]
    )
    assert _status(llamalicense.check(project, today=TODAY)) == "waived"
    capped = llamalicense.check(project, today=TODAY, max_waiver_days=180)
    assert _status(capped) == "violation"
    (stale,) = [f for f in capped.findings if f.rule == "LLAMALICENSE-WAIVER"]
    assert "more than 180 days" in stale.reason
    assert stale.status == "needs-review"


def test_a_waiver_within_the_lifetime_applies(tmp_path: Path) -> None:
    project = write_project(
        tmp_path / "p", manifest(notice=False), waivers=[notice_waiver("2026-06-30")]
    )
    assert _status(llamalicense.check(project, today=TODAY, max_waiver_days=180)) == "waived"
    assert _status(llamalicense.check(project, today=TODAY, max_waiver_days=0)) == "violation"
    assert _status(llamalicense.check(project, today=TODAY, max_waiver_days=999_999)) == "waived"


def test_the_cli_option(tmp_path: Path) -> None:
    project = write_project(
        tmp_path / "p", manifest(notice=False), waivers=[notice_waiver("9999-12-31")]
    )
    run = cli("check", ".", "--today", "2026-01-01", "--max-waiver-days", "30", cwd=project)
    assert run.code == 1
    assert "more than 30 days" in run.out
    bad = cli("check", ".", "--max-waiver-days", "-1", cwd=project)
    assert bad.code == 2


def test_a_trusted_waivers_file_replaces_the_one_in_the_change(tmp_path: Path) -> None:
    project = write_project(
        tmp_path / "p", manifest(notice=False), waivers=[notice_waiver("9999-12-31")]
    )
    trusted = tmp_path / "trusted-waivers.yaml"
    trusted.write_text(yaml.safe_dump({"waivers": []}), encoding="utf-8")
    run = cli("check", ".", "--waivers", str(trusted), cwd=project)
    assert run.code == 1
    assert "WAIVED" not in run.out
