"""Baselines: `--baseline previous.json` leaves out findings already known, by fingerprint,
and every report says how many it left out."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import llamalicense
from integration_kit import cli, manifest, notice_waiver, write_project
from llamalicense.errors import LlamalicenseError


def _save_baseline(project: Path) -> Path:
    run = cli("check", ".", "--format", "json", "--output", "baseline.json", cwd=project)
    assert run.code == 1
    return project / "baseline.json"


def _drop_built_with(project: Path) -> None:
    """A new problem: the about page no longer says "Built with Llama"."""
    (project / "docs" / "about.md").write_text("# About Acme Chat\n", encoding="utf-8")


def _open(data: dict[str, Any]) -> set[tuple[str, str]]:
    return {
        (f["rule"], f["component"])
        for f in data["findings"]
        if f["status"] in ("violation", "needs-review")
    }


@pytest.fixture
def known(tmp_path: Path) -> Path:
    """A project with two known problems (no Notice; no user counts) saved as a baseline."""
    project = write_project(tmp_path / "p", manifest(notice=False, mau=False))
    _save_baseline(project)
    return project


def test_baseline_leaves_out_known_findings_and_says_how_many(known: Path) -> None:
    _drop_built_with(known)
    run = cli("check", ".", "--format", "json", "--baseline", "baseline.json", cwd=known)
    data = run.json()
    assert _open(data) == {("LLAMA-3.1-BUILT-WITH", "acme-chat")}
    assert data["baseline"] == {"file": "baseline.json", "left_out": 2}
    assert data["verdict"] == "non-compliant"
    assert run.code == 1
    passes = {(f["rule"], f["component"]) for f in data["findings"] if f["status"] == "pass"}
    assert ("LLAMA-3.1-AGREEMENT", "acme-chat") in passes  # passes are not left out


def test_nothing_new_means_a_clean_run(known: Path) -> None:
    run = cli("check", ".", "--baseline", "baseline.json", cwd=known)
    assert run.code == 0
    assert "Verdict: compliant" in run.out
    assert "Baseline baseline.json: 2 known findings were left out." in run.out
    assert "LLAMA-3.1-NOTICE" not in run.out


def test_every_format_says_how_many_were_left_out(known: Path) -> None:
    markdown = cli("check", ".", "-f", "markdown", "--baseline", "baseline.json", cwd=known).out
    assert "Baseline `baseline.json`: 2 known findings left out." in markdown
    assert markdown.splitlines()[0] == "## llamalicense: \u2705 compliant"
    sarif = cli("check", ".", "-f", "sarif", "--baseline", "baseline.json", cwd=known).json()
    run = sarif["runs"][0]
    assert run["properties"]["baseline"] == {"file": "baseline.json", "left_out": 2}
    assert run["results"] == []


def test_matching_is_by_fingerprint_not_by_line(known: Path) -> None:
    manifest_path = known / "llamalicense.yaml"
    text = manifest_path.read_text(encoding="utf-8")
    manifest_path.write_text("# a comment moves every line\n\n" + text, encoding="utf-8")
    data = cli("check", ".", "-f", "json", "--baseline", "baseline.json", cwd=known).json()
    assert _open(data) == set()
    assert data["baseline"]["left_out"] == 2


def test_a_fixed_finding_is_not_counted(known: Path) -> None:
    data = manifest(notice=True, mau=False)  # the Notice problem is fixed
    write_project(known, data)
    report = llamalicense.check(known, baseline=known / "baseline.json")
    assert report.baseline is not None
    assert report.baseline["left_out"] == 1
    assert report.verdict == "compliant"


def test_a_finding_on_a_new_component_is_new(known: Path) -> None:
    data = manifest(notice=False, mau=False)
    twin = dict(data["components"][1], id="acme-chat-2", name="Llama-Acme-Chat-2")
    data["components"].append(twin)
    write_project(known, data)
    report = llamalicense.check(known, baseline=known / "baseline.json")
    new = {(f.rule, f.component) for f in report.findings if f.status == "violation"}
    assert new == {("LLAMA-3.1-NOTICE", "acme-chat-2")}


def test_library_and_cli_agree(known: Path) -> None:
    _drop_built_with(known)
    report = llamalicense.check(known, baseline=known / "baseline.json")
    data = cli("check", ".", "-f", "json", "--baseline", "baseline.json", cwd=known).json()
    assert {(f.rule, f.component, f.status) for f in report.findings} == {
        (f["rule"], f["component"], f["status"]) for f in data["findings"]
    }
    assert report.baseline == {"file": str(known / "baseline.json"), "left_out": 2}


def test_waivers_apply_before_the_baseline(tmp_path: Path) -> None:
    """A finding waived when the baseline was taken is not "known": once its waiver lapses
    it is reported again."""
    project = write_project(
        tmp_path / "p", manifest(notice=False), waivers=[notice_waiver("2026-06-30")]
    )
    assert (
        cli(
            "check", ".", "-f", "json", "-o", "baseline.json", "--today", "2026-01-01", cwd=project
        ).code
        == 0
    )
    later = cli(
        "check",
        ".",
        "-f",
        "json",
        "--baseline",
        "baseline.json",
        "--today",
        "2026-07-01",
        cwd=project,
    )
    data = later.json()
    assert ("LLAMA-3.1-NOTICE", "acme-chat") in _open(data)
    assert data["baseline"]["left_out"] == 0
    assert later.code == 1


@pytest.mark.parametrize(
    "content",
    ["not json", json.dumps({"verdict": "compliant"}), json.dumps({"findings": [{}]})],
    ids=["not-json", "no-findings", "finding-without-fingerprint"],
)
def test_a_baseline_that_is_not_a_report_is_an_input_error(tmp_path: Path, content: str) -> None:
    project = write_project(tmp_path / "p")
    (project / "old.json").write_text(content, encoding="utf-8")
    run = cli("check", ".", "--baseline", "old.json", cwd=project)
    assert run.code == 2
    assert run.err.startswith("old.json")
    assert "error: invalid JSON" in run.err or "error: not a llamalicense JSON report" in run.err
    assert "--format json --output" in run.err
    with pytest.raises(LlamalicenseError):
        llamalicense.check(project, baseline=project / "old.json")


def test_a_missing_baseline_is_an_input_error(tmp_path: Path) -> None:
    run = cli("check", ".", "--baseline", "nowhere.json", cwd=write_project(tmp_path / "p"))
    assert run.code == 2
    assert "nowhere.json" in run.err
