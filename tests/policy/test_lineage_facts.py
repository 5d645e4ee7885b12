"""Issue 14: the lineage facts behind the verdicts (cases 1 to 5).

Each test is a project a user could write, checked end to end with the shipped rules (the AUP
classifier aside), and names the finding that used to be wrong.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from llamalicense.catalog.data import rules_dir
from llamalicense.engine.evaluate import evaluate
from llamalicense.model.findings import Finding, Report
from llamalicense.policy.rules import builtin_rules
from llamalicense.project.manifest import project_from_mapping

NOTICE = (
    "{name} is licensed under the {name} Community License, Copyright © Meta Platforms, Inc. "
    "All Rights Reserved."
)


def run(manifest: dict[str, Any], root: Path) -> Report:
    project = project_from_mapping(manifest, root)
    return evaluate(project, builtin_rules(), include_not_applicable=True, check_aup=False)


def found(report: Report, rule: str, component: str) -> Finding:
    hits = [f for f in report.findings if f.rule == rule and f.component == component]
    assert len(hits) == 1, (rule, component, [(f.rule, f.component) for f in report.findings])
    return hits[0]


def status(report: Report, rule: str, component: str) -> str:
    hits = [f.status for f in report.findings if f.rule == rule and f.component == component]
    return hits[0] if hits else "absent"


def ship(root: Path, version: str, *, notice_name: str) -> dict[str, Any]:
    """The official agreement and a Notice file for ``version``, as attribution."""
    (root / "LICENSES").mkdir(exist_ok=True)
    shutil.copy(rules_dir() / "licenses" / version / "LICENSE.txt", root / "LICENSES" / "L.txt")
    (root / "NOTICE").write_text(NOTICE.format(name=notice_name) + "\n", encoding="utf-8")
    (root / "about.md").write_text("Built with Meta Llama 3 and Built with Llama\n", "utf-8")
    return {"agreement": "LICENSES/L.txt", "notice": "NOTICE", "built_with_llama": "about.md"}


# -- case 5: Llama Guard's licences ----------------------------------------------------------


def test_a_guard_2_product_shipping_the_llama_3_agreement_is_compliant(tmp_path: Path) -> None:
    # Llama Guard 2 was released under the Meta Llama 3 licence (CLAUSES.md §4.4, corrected).
    attribution = ship(tmp_path, "llama-3", notice_name="Meta Llama 3")
    (tmp_path / "NOTICE").write_text(
        "Meta Llama 3 is licensed under the Meta Llama 3 Community License, Copyright © Meta "
        "Platforms, Inc. All Rights Reserved.\n",
        encoding="utf-8",
    )
    manifest = {
        "version": 1,
        "licensee": {"name": "Acme", "country": "US", "max_monthly_active_users": 10},
        "components": [
            {
                "id": "guard",
                "type": "model",
                "ref": "meta-llama/Meta-Llama-Guard-2-8B",
                "distributed": True,
                "attribution": attribution,
            },
        ],
    }
    report = run(manifest, tmp_path)
    assert status(report, "LLAMA-3-AGREEMENT", "guard") == "pass"
    assert status(report, "LLAMA-3-NOTICE", "guard") == "pass"
    assert not [f for f in report.findings if f.license == "llama-2"]


def test_guard_3_8b_and_its_int8_are_under_llama_3_1(tmp_path: Path) -> None:
    manifest = {
        "version": 1,
        "components": [
            {"id": "g", "type": "model", "ref": "meta-llama/Llama-Guard-3-8B"},
            {"id": "g8", "type": "model", "ref": "meta-llama/Llama-Guard-3-8B-INT8"},
        ],
    }
    report = run(manifest, tmp_path)
    licenses = {c.id: c.licenses for c in report.components}
    assert licenses == {"g": ("llama-3.1",), "g8": ("llama-3.1",)}
