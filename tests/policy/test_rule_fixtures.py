"""Every shipped rule runs its fixtures: manifests that must fire and must not fire.

The shipped rules are written one file per obligation (rules/obligations/), with fixtures
shared the same way: each case runs for every version row of the fixture file.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from llamalicense.catalog.data import rules_dir
from llamalicense.policy.rules import BUILTIN_PACK, builtin_rules, rule_files
from llamalicense.tools.ruletest import run_rule_file

RULE_FILES = rule_files(rules_dir() / BUILTIN_PACK)


@pytest.mark.parametrize("rule_file", RULE_FILES, ids=lambda p: p.stem)
def test_rule_fixtures(rule_file: Path) -> None:
    results = run_rule_file(rule_file)
    failures = [f"{r.rule}: {r.case}: {r.detail}" for r in results if not r.ok]
    assert not failures, "\n".join(failures)


def test_every_shipped_rule_has_cases_that_fire_and_cases_that_do_not() -> None:
    results = [r for path in RULE_FILES for r in run_rule_file(path)]
    for rule in builtin_rules():
        own = [r for r in results if r.rule == rule.id]
        assert any(r.fires for r in own), rule.id
        assert any(not r.fires for r in own), rule.id


def test_rules_test_on_the_shipped_rules_folder_passes() -> None:
    # `rules/` holds catalog and policy data beside the pack; it stands for rules/obligations.
    result = subprocess.run(
        [sys.executable, "-m", "llamalicense", "rules", "test", str(rules_dir())],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1].endswith(" passed, 0 failed")
    assert len(lines) - 1 == sum(len(run_rule_file(path)) for path in RULE_FILES)
