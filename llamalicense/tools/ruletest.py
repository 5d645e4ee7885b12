"""Run a rule's fixtures: the manifests beside it that must fire and must not fire.

A rule file ``notice.yaml`` has its fixtures in ``notice.tests.yaml``::

    rule: LLAMA-3.1-NOTICE
    cases:
      - name: the Notice file carries the sentence
        files:                                   # written into a fresh project folder
          NOTICE: "Llama 3.1 is licensed under ..."
          LICENSES/LLAMA-3.1.txt: {official: llama-3.1}   # the official agreement text
        manifest: {version: 1, components: [...]}
        expect:
          - {component: acme-chat, status: pass}

A case *fires* when it expects ``violation`` or ``needs-review``; every rule needs at least
one case that fires and one that does not (``pass`` or ``not-applicable``).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from llamalicense.catalog.data import license_versions, rules_dir
from llamalicense.documents.loader import load_file, read_text
from llamalicense.engine.evaluate import evaluate
from llamalicense.errors import LlamalicenseError, RuleError
from llamalicense.policy.rules import Rule, load_rule, rule_files
from llamalicense.project.manifest import project_from_mapping

FIRING = ("violation", "needs-review")
QUIET = ("pass", "not-applicable")


@dataclass(frozen=True)
class CaseResult:
    rule: str
    case: str
    ok: bool
    detail: str
    fires: bool


def fixture_file(rule_file: Path) -> Path:
    return rule_file.with_name(rule_file.stem + ".tests.yaml")


def run_folder(folder: Path, extra_rules: tuple[Rule, ...] = ()) -> list[CaseResult]:
    """Run the fixtures of every rule in ``folder``; a rule without fixtures is a failure."""
    results: list[CaseResult] = []
    for rule_file in rule_files(folder):
        results.extend(run_rule_file(rule_file, extra_rules))
    return results


def run_rule_file(rule_file: Path, extra_rules: tuple[Rule, ...] = ()) -> list[CaseResult]:
    rule = load_rule(rule_file)
    tests = fixture_file(rule_file)
    if not tests.is_file():
        return [
            CaseResult(rule.id, "(fixtures)", False, f"no fixtures: create {tests.name}", False)
        ]
    data = load_file(tests, display=str(tests)).data
    if (
        not isinstance(data, dict)
        or data.get("rule") != rule.id
        or not isinstance(data.get("cases"), list)
    ):
        raise RuleError(
            f"fixtures must be a mapping with `rule: {rule.id}` and a `cases:` list",
            file=str(tests),
            line=1,
        )
    results = [
        _run_case(rule, case, index, str(tests), extra_rules)
        for index, case in enumerate(data["cases"])
    ]
    if not any(r.fires for r in results):
        results.append(CaseResult(rule.id, "(coverage)", False, "no case that must fire", True))
    if all(r.fires for r in results):
        results.append(
            CaseResult(rule.id, "(coverage)", False, "no case that must not fire", False)
        )
    return results


def _run_case(
    rule: Rule, case: Any, index: int, source: str, extra_rules: tuple[Rule, ...]
) -> CaseResult:
    where = f"{source} $.cases[{index}]"
    if not isinstance(case, dict) or set(case) - {"name", "files", "manifest", "expect"}:
        raise RuleError(
            "a case has name, files, manifest and expect",
            file=source,
            json_path=f"$.cases[{index}]",
        )
    name = str(case.get("name", f"case {index}"))
    expects = case.get("expect")
    if not isinstance(expects, list) or not expects:
        raise RuleError(
            "`expect` must list {component, status} pairs",
            file=source,
            json_path=f"$.cases[{index}].expect",
        )
    fires = any(e.get("status") in FIRING for e in expects)
    with tempfile.TemporaryDirectory(prefix="llamalicense-case-") as tmp:
        root = Path(tmp)
        _write_files(root, case.get("files") or {}, where)
        try:
            project = project_from_mapping(
                case.get("manifest") or {}, root, name=f"{where} manifest"
            )
        except LlamalicenseError as exc:
            return CaseResult(
                rule.id, name, False, f"manifest error: {exc.message} at {exc.json_path}", fires
            )
        report = evaluate(
            project, (rule, *extra_rules), include_not_applicable=True, check_aup=False
        )
    got = {(f.component, f.rule): f for f in report.findings}
    problems = []
    for expect in expects:
        finding = got.get((expect.get("component"), rule.id))
        status = finding.status if finding else "not-applicable (no Llama version reaches it)"
        if not status.startswith(str(expect.get("status"))):
            problems.append(
                f"{expect.get('component')}: expected {expect.get('status')}, got {status}"
                + (f" ({finding.reason})" if finding else "")
            )
    return CaseResult(rule.id, name, not problems, "; ".join(problems) or "ok", fires)


def _write_files(root: Path, files: Any, where: str) -> None:
    if not isinstance(files, dict):
        raise RuleError("`files` maps relative paths to contents", file=where)
    for relative, content in files.items():
        pure = PurePosixPath(str(relative))
        if pure.is_absolute() or ".." in pure.parts:
            raise RuleError(f"fixture file {relative!r} must stay inside the project", file=where)
        target = root.joinpath(*pure.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, dict) and set(content) == {"official"}:
            version = license_versions().get(str(content["official"]))
            if version is None:
                raise RuleError(f"unknown license {content['official']!r}", file=where)
            text = read_text(rules_dir() / version.agreement)
        elif isinstance(content, str):
            text = content
        else:
            raise RuleError(
                f"contents of {relative!r} must be text or {{official: VERSION}}", file=where
            )
        target.write_text(text, encoding="utf-8")
