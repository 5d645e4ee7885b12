"""The typed API (issue 17, item 6): statuses and verdicts are literal types a type checker
holds callers to, a bad ``fail_on`` raises, ``check()`` takes the ``Project`` that
``load_project()`` returns, and ``scan_file`` takes a string path."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path
from typing import get_args

import pytest

import llamalicense
from integration_kit import manifest, write_project
from llamalicense.errors import InputError
from llamalicense.evidence.scanner import scan_file
from llamalicense.model.findings import STATUSES, VERDICTS, FailOn, Status, Verdict

ROOT = Path(__file__).resolve().parent.parent.parent


def test_the_literal_types_list_every_value_the_reports_write() -> None:
    assert get_args(Status) == STATUSES
    assert STATUSES == ("violation", "needs-review", "pass", "waived", "not-applicable")
    assert get_args(Verdict) == VERDICTS == ("compliant", "needs-review", "non-compliant")
    assert get_args(FailOn) == ("violation", "needs-review")


@pytest.mark.slow
def test_a_misspelt_status_fails_type_checking(tmp_path: Path) -> None:
    caller = tmp_path / "caller.py"
    caller.write_text(
        textwrap.dedent(
            """\
            from llamalicense import check

            report = check("project")
            bad = [f for f in report.findings if f.status == "violations"]
            good = [f for f in report.findings if f.status == "violation"]
            wrong_verdict = report.verdict == "failed"
            report.at_or_above("violatoin")
            """
        ),
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(caller)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        cwd=ROOT,
    )
    lines = [line for line in done.stdout.splitlines() if "error:" in line]
    assert done.returncode == 1, done.stdout + done.stderr
    assert any(":4:" in line and "comparison-overlap" in line for line in lines), lines
    assert any(":6:" in line and "comparison-overlap" in line for line in lines), lines
    assert any(":7:" in line and "arg-type" in line for line in lines), lines
    assert not any(":5:" in line for line in lines), lines  # a right spelling type-checks
    assert len(lines) == 3, lines


@pytest.mark.parametrize("level", ["violatoin", "pass", "", "VIOLATION"])
def test_at_or_above_and_fails_reject_a_level_that_is_not_one(tmp_path: Path, level: str) -> None:
    report = llamalicense.check(write_project(tmp_path, manifest(notice=False)))
    with pytest.raises(InputError, match=repr(level)) as raised:
        report.at_or_above(level)  # type: ignore[arg-type]
    assert "'violation' or 'needs-review'" in raised.value.render()
    with pytest.raises(InputError):
        report.fails(level)  # type: ignore[arg-type]


def test_at_or_above_each_level(tmp_path: Path) -> None:
    report = llamalicense.check(write_project(tmp_path, manifest(notice=False, mau=False)))
    assert {f.status for f in report.at_or_above("violation")} == {"violation"}
    assert {f.status for f in report.at_or_above("needs-review")} == {
        "violation",
        "needs-review",
    }


def test_check_accepts_the_project_load_project_returns(tmp_path: Path) -> None:
    folder = write_project(tmp_path, manifest(notice=False))
    project = llamalicense.load_project(folder)
    from_project = llamalicense.check(project)
    from_path = llamalicense.check(folder)
    assert from_project.to_dict() == from_path.to_dict()
    assert from_project.verdict == "non-compliant"


def test_a_project_reads_the_waivers_beside_its_manifest(tmp_path: Path) -> None:
    from integration_kit import notice_waiver

    folder = write_project(tmp_path, manifest(notice=False), waivers=[notice_waiver()])
    report = llamalicense.check(llamalicense.load_project(folder))
    assert report.verdict == "compliant"
    assert any(f.status == "waived" for f in report.findings)


def test_an_in_memory_project_never_reads_a_waivers_file_from_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from integration_kit import notice_waiver

    folder = write_project(tmp_path / "p", manifest(notice=False))
    write_project(tmp_path / "cwd", manifest(notice=False), waivers=[notice_waiver()])
    monkeypatch.chdir(tmp_path / "cwd")
    project = llamalicense.load_project(manifest(notice=False), root=folder)
    assert llamalicense.check(project).verdict == "non-compliant"


def test_check_of_a_project_refuses_a_root(tmp_path: Path) -> None:
    project = llamalicense.load_project(write_project(tmp_path, manifest()))
    with pytest.raises(InputError, match="carries its own root"):
        llamalicense.check(project, root=tmp_path)


def test_scan_file_accepts_a_string_path(tmp_path: Path) -> None:
    folder = write_project(tmp_path, manifest())
    by_string = scan_file(str(folder / "LICENSES" / "LLAMA-3.1.txt"))
    by_path = scan_file(folder / "LICENSES" / "LLAMA-3.1.txt")
    assert by_string == by_path
    best = by_string.best()  # the Llama 3.1 agreement is found either way
    assert best is not None
    assert (best.license, best.status) == ("llama-3.1", "complete")
