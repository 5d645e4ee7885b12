"""The engine's decision memo (llamalicense.engine.decisions): a remembered decision, or one made
from a remembered applies_to result, is exactly the decision made afresh."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from integration_kit import write_project
from llamalicense.api import lineage_of, load_project
from llamalicense.catalog.data import license_versions
from llamalicense.engine.decisions import _FAN_OUT, Decision, Prepared, _decide, _Memo, _Question
from llamalicense.evidence.reader import EvidenceReader
from llamalicense.policy.facts import RuleContext
from llamalicense.policy.rules import builtin_rules

COUNT = 3 * _FAN_OUT  # more distinct names on one path than a memo question remembers


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


def _full_questions(memo: _Memo) -> list[_Question]:
    found: list[_Question] = []
    stack = [memo.root]
    while stack:
        node = stack.pop()
        if isinstance(node, _Question):
            if len(node.answers) >= _FAN_OUT:
                found.append(node)
            stack.extend(node.answers.values())
    return found


def _same(got: Decision, expected: Decision) -> None:
    assert got.status == expected.status
    assert got.reason == expected.reason
    assert got.explanation == expected.explanation


def test_remembered_decisions_are_the_decisions_made_afresh(tmp_path: Path) -> None:
    write_project(tmp_path)
    project = load_project(_manifest(), root=tmp_path)
    lineage = lineage_of(project)
    evidence = EvidenceReader(tmp_path)
    version = license_versions()["llama-3.1"]
    rules = [rule for rule in builtin_rules() if rule.license == "llama-3.1"]
    assert rules
    kept_applies = 0
    for rule in rules:
        prepared = Prepared(rule)
        for comp in project.components:
            if "llama-3.1" not in lineage.licenses(comp.id):
                continue
            got = prepared.decide(RuleContext(project, lineage, evidence, version, comp.id))
            fresh = RuleContext(project, lineage, evidence, version, comp.id)
            _same(got, _decide(rule, fresh, rule.applies_to(fresh)))
        kept_applies += sum(q.applies is not None for q in _full_questions(prepared.memo))
    # The names fill a question of the model-name rule, after applies_to had its answers:
    # the later decisions there were made from the kept applies_to result (and checked above).
    assert kept_applies >= 1
