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
          # optional `fix`: words the finding's fix must contain (the fix that fits)
          - {component: other, status: violation, fix: Add the sentence}

An obligation file (``rules/obligations/notice.yaml``, one rule per version) has its
fixtures written once for all versions, with a table of their own values::

    obligation: notice
    versions:                                    # one row per version the cases run for
      - {license: llama-3.1, base: meta-llama/Llama-3.1-8B}
    cases:
      - name: the Notice file carries the sentence
        versions: [llama-3.1]                    # optional: only these versions
        files: {NOTICE: "{version.sentence}"}    # the rule's columns and the row's own
        manifest: {version: 1, components: [{id: base, type: model, ref: "{version.base}"}]}
        expect: [...]

Each case runs once per row (against that version's rule), with ``{version.COLUMN}`` filled
from the fixture row and the rule's own row.

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
from llamalicense.policy.obligations import fill, placeholders
from llamalicense.policy.rules import Rule, load_rule_file, rule_files
from llamalicense.project.manifest import project_from_mapping
from llamalicense.safetext import excerpt

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
    """Run the fixtures beside a rule file: one rule's, or one obligation's for each version."""
    rules = load_rule_file(rule_file)
    tests = fixture_file(rule_file)
    if not tests.is_file():
        return [
            CaseResult(r.id, "(fixtures)", False, f"no fixtures: create {tests.name}", False)
            for r in rules
        ]
    data = load_file(tests, display=str(tests)).data
    if isinstance(data, dict) and "obligation" in data and "rule" not in data:
        planned = _obligation_cases(rules, data, str(tests))
    else:
        rule = _one_rule(rules, data, str(tests))
        planned = [(rule, case, index) for index, case in enumerate(_cases(data, str(tests)))]
    results: list[CaseResult] = []
    for rule in rules:
        own = [
            _run_case(rule, case, index, str(tests), extra_rules)
            for planned_rule, case, index in planned
            if planned_rule is rule
        ]
        if not own:
            own = [CaseResult(rule.id, "(fixtures)", False, f"no cases in {tests.name}", False)]
        if not any(r.fires for r in own):
            own.append(CaseResult(rule.id, "(coverage)", False, "no case that must fire", True))
        if all(r.fires for r in own):
            own.append(
                CaseResult(rule.id, "(coverage)", False, "no case that must not fire", False)
            )
        results.extend(own)
    return results


def _one_rule(rules: list[Rule], data: Any, source: str) -> Rule:
    """The rule that fixtures in the one-rule form (``rule: ID``) are for."""
    if len(rules) != 1:
        raise RuleError(
            f"the rule file beside these fixtures holds {len(rules)} rules, one a version",
            file=source,
            line=1,
            hint="write the fixtures as `obligation:`, `versions:` and `cases:` (docs/rules.md)",
        )
    if not isinstance(data, dict) or data.get("rule") != rules[0].id:
        raise RuleError(
            f"fixtures must be a mapping with `rule: {rules[0].id}` and a `cases:` list",
            file=source,
            line=1,
        )
    return rules[0]


def _cases(data: dict[str, Any], source: str) -> list[Any]:
    cases = data.get("cases")
    if not isinstance(cases, list):
        raise RuleError("fixtures need a `cases:` list", file=source, line=1)
    return cases


def _obligation_cases(
    rules: list[Rule], data: dict[str, Any], source: str
) -> list[tuple[Rule, Any, int]]:
    """Each case of an obligation's fixtures, filled in for each version row it runs for."""
    by_license = {rule.license: rule for rule in rules}
    obligations = {rule.obligation for rule in rules}
    if data.get("obligation") not in obligations:
        raise RuleError(
            f"fixtures must name `obligation: {', '.join(sorted(obligations))}`",
            file=source,
            line=1,
        )
    rows = data.get("versions")
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise RuleError("fixtures need a `versions:` list of rows", file=source, line=1)
    planned = []
    for row_index, row in enumerate(rows):
        rule = by_license.get(str(row.get("license")))
        if rule is None:
            raise RuleError(
                f"no rule for {row.get('license')!r} in the obligation file",
                file=source,
                json_path=f"$.versions[{row_index}]",
                hint="rows name versions the obligation has: " + ", ".join(sorted(by_license)),
            )
        shadowed = sorted(set(row) & set(rule.columns) - {"license"})
        if shadowed:
            raise RuleError(
                f"the fixture column {shadowed[0]!r} is also a column of the rule's row",
                file=source,
                json_path=f"$.versions[{row_index}].{shadowed[0]}",
                hint="give the fixture's column another name",
            )
        columns = {**rule.columns, **row}
        for index, case in enumerate(_cases(data, source)):
            if not isinstance(case, dict):
                raise RuleError("a case is a mapping", file=source, json_path=f"$.cases[{index}]")
            only = case.get("versions")
            if only is not None and rule.license not in only:
                continue
            body = {k: v for k, v in case.items() if k != "versions"}
            missing = sorted(placeholders(body) - set(columns))
            if missing:
                raise RuleError(
                    f"{{version.{missing[0]}}} is not a column of the {rule.license} row",
                    file=source,
                    json_path=f"$.cases[{index}]",
                    hint="add it to the fixture's versions row, or to the rule's",
                )
            planned.append((rule, fill(body, columns), index))
    return planned


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
    if not isinstance(expects, list) or not expects or not all(_pair(e) for e in expects):
        raise RuleError(
            "`expect` must list {component, status} pairs (with an optional `fix`)",
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
        elif "fix" in expect and finding is not None:
            fix = " ".join(finding.how_to_fix.split())
            if " ".join(expect["fix"].split()) not in fix:
                problems.append(
                    f"{expect.get('component')}: expected a fix with {expect['fix']!r}, got {fix!r}"
                )
    return CaseResult(rule.id, name, not problems, "; ".join(problems) or "ok", fires)


def _pair(expect: Any) -> bool:
    """One ``{component, status}`` expectation, with an optional ``fix`` (text values)."""
    return (
        isinstance(expect, dict)
        and {"component", "status"} <= set(expect) <= {"component", "status", "fix"}
        and all(isinstance(v, str) for v in expect.values())
    )


def _write_files(root: Path, files: Any, where: str) -> None:
    if not isinstance(files, dict):
        raise RuleError("`files` maps relative paths to contents", file=where)
    written: set[PurePosixPath] = set()
    for relative, content in files.items():
        pure = PurePosixPath(str(relative))
        if pure.is_absolute() or ".." in pure.parts or not pure.parts or pure.name in ("", "."):
            raise RuleError(
                f"fixture file {excerpt(str(relative))} must name a file inside the project",
                file=where,
            )
        clash = [p for p in written if p in pure.parents or pure in p.parents]
        if pure in written or clash:
            raise RuleError(
                f"fixture files {excerpt(str(relative))} and "
                f"{excerpt(str(clash[0] if clash else pure))} cannot both exist "
                "(one would be a file and a folder)",
                file=where,
            )
        written.add(pure)
        target = root.joinpath(*pure.parts)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise RuleError(
                f"cannot write fixture file {excerpt(str(relative))}: {exc.strerror}", file=where
            ) from None
        if isinstance(content, dict) and set(content) == {"official"}:
            version = license_versions().get(str(content["official"]))
            if version is None:
                raise RuleError(f"unknown license {excerpt(content['official'])}", file=where)
            text = read_text(rules_dir() / version.agreement)
        elif isinstance(content, str):
            text = content
        else:
            raise RuleError(
                f"contents of {excerpt(str(relative))} must be text or {{official: VERSION}}",
                file=where,
            )
        try:
            target.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise RuleError(
                f"cannot write fixture file {excerpt(str(relative))}: {exc.strerror}", file=where
            ) from None
