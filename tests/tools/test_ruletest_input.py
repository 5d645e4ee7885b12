"""Issue 15, class 7: bad `rules test` fixtures are input errors (exit 2), not crashes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from integration_kit import ROOT, cli

PACK = ROOT / "examples" / "custom-rules" / "rules"
CASE = """\
rule: ACME-NO-NEW-LLAMA-2
cases:
  - name: odd
    files: {files}
    manifest:
      version: 1
      components:
        - {{id: base, type: model, ref: meta-llama/Llama-2-7b-chat-hf, distributed: false}}
    expect: {expect}
"""


@pytest.mark.parametrize(
    ("files", "expect", "message"),
    [
        ("{}", "[1]", "`expect` must list {component, status} pairs"),
        ("{}", "[{component: base}]", "`expect` must list {component, status} pairs"),
        ('{a: "x", a/b: "y"}', "[{component: base, status: pass}]", "cannot both exist"),
        ('{a/b: "x", a: "y"}', "[{component: base, status: pass}]", "cannot both exist"),
        ('{.: "x"}', "[{component: base, status: pass}]", "must name a file"),
        ('{"": "x"}', "[{component: base, status: pass}]", "must name a file"),
    ],
)
def test_bad_fixtures_exit_2(tmp_path: Path, files: str, expect: str, message: str) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    shutil.copy(PACK / "no-new-llama-2.yaml", pack / "no-new-llama-2.yaml")
    (pack / "no-new-llama-2.tests.yaml").write_text(
        CASE.format(files=files, expect=expect), encoding="utf-8"
    )
    run = cli("rules", "test", str(pack))
    assert run.code == 2, run.err
    assert message in run.err
    assert "internal error" not in run.err
