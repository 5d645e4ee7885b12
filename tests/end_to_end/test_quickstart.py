"""The README's Quick start, followed literally: its manifest, the review record a person adds,
then each command of its fix step, in order, ending in a compliant check.

The blocks are read from README.md itself (the ``<!-- manifest -->`` and ``<!-- review -->``
blocks of the Quick start, and the ``sh`` block of its "Let it write what is mechanical"
step), so the README cannot drift from what the tool does.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import yaml

from llamalicense.project.manifest import load_manifest
from llamalicense.project.reviews import use_cases_digest

ROOT = Path(__file__).resolve().parent.parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
QUICK_START = README[README.index("## Quick start") : README.index("From Python:")]
_BLOCK = re.compile(r"(?:<!-- ([\w-]+) -->\n)?```(\w*)\n(.*?)\n```", re.DOTALL)


def blocks() -> list[tuple[str, str, str]]:
    """(marker, language, text) of each fenced block of the Quick start, in order."""
    return [(m.group(1) or "", m.group(2), m.group(3)) for m in _BLOCK.finditer(QUICK_START)]


def commands() -> list[list[str]]:
    """The commands of the fix step's shell block, comments dropped."""
    (fix_step,) = [text for _, lang, text in blocks() if lang == "sh" and "fix --apply" in text]
    return [shlex.split(line, comments=True) for line in fix_step.splitlines() if line.strip()]


def run(argv: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    assert argv[0] == "llamalicense"
    return subprocess.run(
        [sys.executable, "-m", "llamalicense", *argv[1:]],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )


def test_the_quick_start_ends_with_fix_apply_and_a_compliant_check(tmp_path: Path) -> None:
    markers = [marker for marker, _, _ in blocks() if marker]
    assert markers[:2] == ["manifest", "review"]  # the person's record comes before the fix
    (manifest,) = [text for marker, _, text in blocks() if marker == "manifest"]
    (review,) = [text for marker, _, text in blocks() if marker == "review"]
    (tmp_path / "llamalicense.yaml").write_text(f"{manifest}\n{review}\n", encoding="utf-8")

    steps = commands()
    assert steps[-2:] == [["llamalicense", "fix", "--apply"], ["llamalicense", "check"]]
    results = [run(step, tmp_path) for step in steps]
    shown, applied, checked = results
    assert shown.returncode == 1  # a diff to review; nothing written yet
    assert "+Llama 3.1 is licensed under the Llama 3.1 Community License" in shown.stdout
    assert applied.returncode == 1
    assert "fixed NOTICE" in applied.stderr
    assert checked.returncode == 0, checked.stdout
    assert "Verdict: compliant" in checked.stdout
    assert "# Verdict: compliant" in QUICK_START  # the README says what the last step prints


def test_the_review_record_shown_is_for_the_manifest_shown(tmp_path: Path) -> None:
    """The digest in the README's record is the digest of the README's manifest's use cases,
    and the record names a person: it is an attestation, never written by fix."""
    (manifest,) = [text for marker, _, text in blocks() if marker == "manifest"]
    (review,) = [text for marker, _, text in blocks() if marker == "review"]
    (tmp_path / "llamalicense.yaml").write_text(manifest + "\n", encoding="utf-8")
    project = load_manifest(tmp_path)
    (record,) = yaml.safe_load(review)["reviews"]
    assert record["use_cases"] == use_cases_digest(project.components)
    assert "@" in record["by"]
    assert "`llamalicense fix` never writes one" in QUICK_START
