"""Every shipped rule runs its fixtures: manifests that must fire and must not fire."""

from __future__ import annotations

from pathlib import Path

import pytest

from llamalicense.catalog.data import rules_dir
from llamalicense.policy.rules import VERSION_PACKS, rule_files
from llamalicense.tools.ruletest import run_rule_file

RULE_FILES = [p for pack in VERSION_PACKS for p in rule_files(rules_dir() / pack)]


@pytest.mark.parametrize("rule_file", RULE_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_rule_fixtures(rule_file: Path) -> None:
    results = run_rule_file(rule_file)
    failures = [f"{r.case}: {r.detail}" for r in results if not r.ok]
    assert not failures, "\n".join(failures)
    assert any(r.fires for r in results)
    assert any(not r.fires for r in results)
