"""Discovery's file limit is said in the report, never a silent stop."""

from __future__ import annotations

from pathlib import Path

import pytest

from llamalicense import check
from llamalicense.project import discover, walk


def test_files_past_the_limit_are_a_review_naming_where_discovery_stopped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(discover, "MAX_FILES", 3)
    monkeypatch.setattr(walk, "MAX_FILES", 3)
    for index in range(5):
        (tmp_path / f"notes-{index}.txt").write_text("plain notes\n", encoding="utf-8")
    report = check(tmp_path)
    [finding] = [f for f in report.findings if f.status == "needs-review"]
    assert "reads at most 3 files and stopped before this one" in finding.message
    assert "notes-3.txt" in finding.message
    assert report.verdict == "needs-review"


def test_below_the_limit_nothing_is_said(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("plain notes\n", encoding="utf-8")
    report = check(tmp_path)
    assert not [f for f in report.findings if "stopped before" in f.message]
