"""Issue 15, class 8: stages are linear in their input or capped with a clear answer."""

from __future__ import annotations

import time
from pathlib import Path

from integration_kit import OFFICIAL_31, cli, manifest, write_project


def test_an_agreement_copy_far_longer_than_the_agreement_is_not_compared(tmp_path: Path) -> None:
    official = OFFICIAL_31.read_text(encoding="utf-8")
    project = write_project(
        tmp_path / "p",
        manifest(),
        files={"LICENSES/LLAMA-3.1.txt": (official + "\n") * 60},
    )
    started = time.monotonic()
    run = cli("check", ".", "--format", "json", cwd=project)
    assert time.monotonic() - started < 20
    (finding,) = [
        f
        for f in run.json()["findings"]
        if f["rule"] == "LLAMA-3.1-AGREEMENT" and f["component"] == "acme-chat"
    ]
    assert finding["status"] == "needs-review"
    assert "too long to compare" in finding["reason"]


def test_a_copy_with_other_licenses_beside_it_is_still_compared(tmp_path: Path) -> None:
    official = OFFICIAL_31.read_text(encoding="utf-8")
    project = write_project(
        tmp_path / "p",
        manifest(),
        files={"LICENSES/LLAMA-3.1.txt": official + "\n\nApache License 2.0 ...\n" * 3},
    )
    run = cli("check", ".", "--format", "json", cwd=project)
    (finding,) = [
        f
        for f in run.json()["findings"]
        if f["rule"] == "LLAMA-3.1-AGREEMENT" and f["component"] == "acme-chat"
    ]
    assert "too long" not in finding["reason"]


def test_a_use_case_longer_than_the_cap_is_an_input_error(tmp_path: Path) -> None:
    data = manifest()
    data["components"][1]["use_cases"] = ["Answers questions about trains. " * 1000]
    run = cli("check", ".", cwd=write_project(tmp_path / "p", data))
    assert run.code == 2
    assert "at most 20,000 characters" in run.err
    assert len(run.err) < 600
