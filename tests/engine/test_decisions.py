"""The engine's decisions (llamalicense.engine.decisions): a decision reused for alike
components is exactly the decision made afresh, and the branch that decided picks the
message."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from integration_kit import write_project
from llamalicense.api import lineage_of, load_project
from llamalicense.catalog.data import license_versions
from llamalicense.engine.decisions import (
    FAILS,
    HOLDS,
    MEMO_LIMIT,
    NEAR_MISS,
    UNKNOWN,
    Decision,
    Prepared,
)
from llamalicense.evidence.reader import EvidenceReader
from llamalicense.policy.facts import RuleContext
from llamalicense.policy.rules import Rule, builtin_rules

COUNT = 3 * 256  # many distinct names: decisions with a value per component


def _manifest() -> dict[str, Any]:
    components: list[dict[str, Any]] = [
        {"id": "base", "type": "model", "ref": "meta-llama/Llama-3.1-8B-Instruct"},
        {"id": "synth", "type": "dataset", "generated_by": ["base"]},
    ]
    for n in range(COUNT):
        name = (f"Llama-Acme-{n}", f"Acme-{n}", f"llama-acme-{n}", None)[n % 4]
        model: dict[str, Any] = {"id": f"m{n:04d}", "type": "model"}
        distributed = (True, True, True, False, None)[n % 5]
        if distributed is not None:  # else not stated: needs review
            model["distributed"] = distributed
        if name is not None:
            model["name"] = name
        if n % 3:
            model["derived_from"] = [{"id": "base", "relation": "finetune"}]
        else:
            model["trained_on"] = ["synth"]  # outputs only: the name rule still applies
        if n % 7 == 0:
            model["attribution"] = {"notice": "NOTICE", "agreement": "LICENSES/LLAMA-3.1.txt"}
        components.append(model)
    return {"version": 1, "components": components}


def _same(got: Decision, expected: Decision) -> None:
    assert got.status == expected.status
    assert got.reason == expected.reason
    assert got.explanation == expected.explanation


def _fresh(rule: Rule, ctx: RuleContext) -> Decision:
    """The decision made by a new Prepared (nothing reused)."""
    return Prepared(rule).decide(ctx)


def test_reused_decisions_are_the_decisions_made_afresh(tmp_path: Path) -> None:
    write_project(tmp_path)
    project = load_project(_manifest(), root=tmp_path)
    lineage = lineage_of(project)
    evidence = EvidenceReader(tmp_path)
    version = license_versions()["llama-3.1"]
    rules = [rule for rule in builtin_rules() if rule.license == "llama-3.1"]
    assert rules
    reused = 0
    branches: set[str] = set()
    for rule in rules:
        prepared = Prepared(rule)
        for comp in project.components:
            if "llama-3.1" not in lineage.licenses(comp.id):
                continue
            before = len(prepared.decided)
            got = prepared.decide(RuleContext(project, lineage, evidence, version, comp.id))
            reused += len(prepared.decided) == before
            branches.add(got.branch)
            _same(got, _fresh(rule, RuleContext(project, lineage, evidence, version, comp.id)))
        assert len(prepared.decided) <= MEMO_LIMIT
    assert reused > COUNT  # alike components shared decisions
    assert {HOLDS, FAILS, NEAR_MISS, UNKNOWN} <= branches


def test_the_message_follows_the_branch(tmp_path: Path) -> None:
    write_project(tmp_path)
    project = load_project(_manifest(), root=tmp_path)
    lineage = lineage_of(project)
    evidence = EvidenceReader(tmp_path)
    version = license_versions()["llama-3.1"]
    (rule,) = [r for r in builtin_rules() if r.id == "LLAMA-3.1-MODEL-NAME"]
    prepared = Prepared(rule)
    seen: dict[str, str] = {}
    for comp in project.components:
        if "llama-3.1" not in lineage.licenses(comp.id):
            continue
        ctx = RuleContext(project, lineage, evidence, version, comp.id)
        decision = prepared.decide(ctx)
        seen.setdefault(decision.branch, decision.message_for(ctx))
    assert seen[HOLDS].startswith("Satisfied: ")
    # No name: the review message, then why.
    assert seen[UNKNOWN].endswith(
        "(the manifest does not say `name` for 'm0007'; add the name "
        "it is distributed or made available under)"
    )
    assert "{" not in seen[NEAR_MISS]
    assert not seen[NEAR_MISS].startswith("Needs review")
    assert "{" not in seen[FAILS]
    assert "m0" in seen[FAILS]
