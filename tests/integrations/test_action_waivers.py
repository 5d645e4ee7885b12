"""Issue 15, class 11: a pull request cannot waive its own findings through the Action.

`waivers-from` reads the waivers file from a trusted commit (the base branch) rather than
the checked-out change; `max-waiver-days` caps how long any waiver may run.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import yaml

from integration_kit import manifest, notice_waiver, run_action, write_project


def _git(*args: str, cwd: Path) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return done.stdout.strip()


def _repository(workspace: Path) -> str:
    """A base commit without waivers, then a pull request that adds its own waiver."""
    write_project(workspace, manifest(notice=False))
    _git("init", "-q", cwd=workspace)
    _git("add", "-A", cwd=workspace)
    _git("commit", "-q", "-m", "base", cwd=workspace)
    base = _git("rev-parse", "HEAD", cwd=workspace)
    forged = notice_waiver("9999-12-31", approved_by="the pull request's author")
    (workspace / "llamalicense-waivers.yaml").write_text(
        yaml.safe_dump({"waivers": [forged]}), encoding="utf-8"
    )
    _git("add", "-A", cwd=workspace)
    _git("commit", "-q", "-m", "pull request", cwd=workspace)
    return base


def test_a_waiver_added_by_the_change_counts_without_waivers_from(
    tmp_path: Path,
) -> None:
    workspace = tmp_path / "workspace"
    _repository(workspace)
    assert run_action(workspace, tmp_path).code == 0  # the threat: the PR waives itself


def test_waivers_from_the_base_ignores_the_changes_waiver(tmp_path: Path) -> None:
    workspace = tmp_path / "workspace"
    base = _repository(workspace)
    run = run_action(workspace, tmp_path, waivers_from=base)
    assert run.code == 1, run.stderr
    assert run.outputs["verdict"] == "non-compliant"


def test_waivers_from_the_base_uses_the_bases_waiver(tmp_path: Path) -> None:
    workspace = tmp_path / "workspace"
    _repository(workspace)
    head = _git("rev-parse", "HEAD", cwd=workspace)  # this commit holds the waiver
    run = run_action(workspace, tmp_path, waivers_from=head)
    assert run.code == 0, run.stderr


def test_an_unknown_ref_is_an_error(tmp_path: Path) -> None:
    workspace = tmp_path / "workspace"
    _repository(workspace)
    run = run_action(workspace, tmp_path, waivers_from="no-such-ref")
    assert run.code == 2
    assert "::error title=llamalicense::waivers-from: no commit" in run.stdout


def test_max_waiver_days_refuses_a_waiver_that_runs_for_ever(tmp_path: Path) -> None:
    workspace = tmp_path / "workspace"
    _repository(workspace)
    run = run_action(workspace, tmp_path, max_waiver_days="180")
    assert run.code == 1, run.stderr
    assert "more than 180 days" in run.summary
    bad = run_action(workspace, tmp_path, max_waiver_days="six months")
    assert bad.code == 2
