"""`llamalicense fix` from the command line: the diff, --apply, exit codes, stderr."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "llamalicense", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def test_fix_prints_a_diff_changes_nothing_and_apply_writes_it(tmp_path: Path) -> None:
    folder = tmp_path / "missing-notice"
    shutil.copytree(ROOT / "examples" / "missing-notice", folder)
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}

    shown = run("fix", str(folder))
    assert shown.returncode == 1
    assert shown.stdout.startswith("diff --git a/NOTICE b/NOTICE\nnew file mode 100644\n")
    assert "+      notice: NOTICE\n" in shown.stdout
    assert "not fixed: LLAMA-3.1-MODEL-NAME on medcoder-8b (violation)" in shown.stderr
    assert "fix by hand: Rename the model" in shown.stderr
    assert {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before

    applied = run("fix", "--apply", str(folder))
    assert applied.returncode == 1
    assert applied.stdout == ""
    assert "fixed NOTICE\nfixed llamalicense.yaml\n" in applied.stderr
    report = run("check", "--format", "json", str(folder)).stdout
    assert '"rule": "LLAMA-3.1-NOTICE"' in report
    assert report.count('"status": "violation"') == 1  # the model's name is left to a person

    again = run("fix", "--apply", str(folder))
    assert again.returncode == 0
    assert "nothing to fix" in again.stderr


def test_only_limits_the_obligations_and_bad_input_exits_2(tmp_path: Path) -> None:
    folder = tmp_path / "missing-notice"
    shutil.copytree(ROOT / "examples" / "missing-notice", folder)
    only = run("fix", "--only", "built-with", str(folder))
    assert only.returncode == 0
    assert only.stdout == ""
    assert "not fixed" not in only.stderr
    bad = run("fix", "--only", "model-name", str(folder))
    assert bad.returncode == 2
    assert "invalid choice" in bad.stderr
    missing = run("fix", str(tmp_path / "nowhere" / "llamalicense.yaml"))
    assert missing.returncode == 2
    assert "Traceback" not in missing.stderr
