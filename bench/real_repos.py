"""Score llamalicense on the real repositories of ../shared/reference/real-repos/.

Usage:  .venv/bin/python bench/real_repos.py [--corpus DIR] [--verbose]

The corpus (not shipped with the project: its files belong to their authors) holds eight
public repositories reduced to the files that matter, and EXPECTED.yaml, what a careful
reviewer concludes for each. For every repository the CLI is run as a new user would run it
(`llamalicense check FOLDER --format json`, no manifest) and its report is held against
the entry:

* verdict        the overall verdict is one of those listed;
* versions       each version is found: a finding's `license` or a component's `licenses`;
* not_versions   none of these is found anywhere (false lineage);
* must           each pattern is matched by at least one finding;
* must_not       no finding matches the pattern.

A pattern matches a finding when every key it gives holds: `obligation` (one or a list),
`license` (one, a list, or null), `status` (a list), `component_contains` (a substring,
case-insensitive, of the finding's component id, name or source path, or of its location).
An exit code other than 0 or 1 fails every check of that repository.

Prints one line per repository (PASS/FAIL, checks held), each miss, and the score N/N
(repositories whose every check holds). Exits 0 whatever the score: this is a measure, not a
test. When the corpus is absent it says so and exits 0.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "reference" / "real-repos"


@dataclass
class Outcome:
    name: str
    checks: int = 0
    misses: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def held(self) -> bool:
        return not self.misses


def run_check(folder: Path) -> tuple[int, dict[str, Any] | None, str]:
    """The CLI's exit code, its JSON report (None if it gave none) and its stderr."""
    done = subprocess.run(
        [sys.executable, "-m", "llamalicense", "check", str(folder), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    try:
        report = json.loads(done.stdout) if done.stdout.strip() else None
    except json.JSONDecodeError:
        report = None
    return done.returncode, report, done.stderr.strip()


def _listed(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _texts_of(finding: dict[str, Any], components: dict[str, dict[str, Any]]) -> list[str]:
    comp = components.get(finding.get("component", ""), {})
    location = finding.get("location") or {}
    return [
        str(finding.get("component") or ""),
        str(comp.get("name") or ""),
        str(comp.get("source") or ""),
        str(location.get("file") or "") if isinstance(location, dict) else "",
    ]


def matches(
    pattern: dict[str, Any], finding: dict[str, Any], components: dict[str, dict[str, Any]]
) -> bool:
    """Does ``finding`` match every key ``pattern`` gives?"""
    if "obligation" in pattern and finding.get("obligation") not in _listed(pattern["obligation"]):
        return False
    if "license" in pattern and finding.get("license") not in _listed(pattern["license"]):
        return False
    if "status" in pattern and finding.get("status") not in _listed(pattern["status"]):
        return False
    if "component_contains" in pattern:
        wanted = str(pattern["component_contains"]).lower()
        if not any(wanted in text.lower() for text in _texts_of(finding, components)):
            return False
    return True


def versions_found(report: dict[str, Any]) -> set[str]:
    found = {f["license"] for f in report.get("findings", []) if f.get("license")}
    for comp in report.get("components", []):
        found.update(comp.get("licenses") or [])
    return found


def score(name: str, expected: dict[str, Any], folder: Path) -> Outcome:
    """Hold one repository's report against its entry."""
    outcome = Outcome(name)
    started = time.perf_counter()
    code, report, stderr = run_check(folder)
    outcome.seconds = time.perf_counter() - started
    checks = (
        1
        + len(expected.get("versions") or [])
        + len(expected.get("not_versions") or [])
        + len(expected.get("must") or [])
        + len(expected.get("must_not") or [])
    )
    outcome.checks = checks
    if code not in (0, 1) or report is None:
        first = stderr.splitlines()[0] if stderr else "no report"
        outcome.misses.append(f"exit {code}: {first}")
        return outcome
    findings: list[dict[str, Any]] = report.get("findings", [])
    components = {c["id"]: c for c in report.get("components", [])}
    if report.get("verdict") not in expected.get("verdict", []):
        outcome.misses.append(
            f"verdict {report.get('verdict')}, expected one of {expected.get('verdict')}"
        )
    found = versions_found(report)
    for version in expected.get("versions") or []:
        if version not in found:
            outcome.misses.append(f"version {version} not found (found: {sorted(found)})")
    for version in expected.get("not_versions") or []:
        if version in found:
            outcome.misses.append(f"version {version} found, but it is not this project's")
    for pattern in expected.get("must") or []:
        if not any(matches(pattern, f, components) for f in findings):
            outcome.misses.append(f"must: no finding matches {_shown(pattern)}")
    for pattern in expected.get("must_not") or []:
        hits = [f for f in findings if matches(pattern, f, components)]
        if hits:
            first = hits[0]
            outcome.misses.append(
                f"must_not: {_shown(pattern)} matched {len(hits)} finding(s), e.g. "
                f"{first.get('rule')} {first.get('status')} on {first.get('component')}"
            )
    return outcome


def _shown(pattern: dict[str, Any]) -> str:
    return "{" + ", ".join(f"{k}: {v}" for k, v in pattern.items()) + "}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--verbose", action="store_true", help="print the checks that held too")
    args = parser.parse_args(argv)
    expected_file = args.corpus / "EXPECTED.yaml"
    if not expected_file.is_file():
        print(
            f"The real-repository corpus is not here ({expected_file} is absent): nothing to "
            "score. It lives outside the project, in ../shared/reference/real-repos/."
        )
        return 0
    expected: dict[str, Any] = yaml.safe_load(expected_file.read_text("utf-8"))
    outcomes = [score(name, entry, args.corpus / name) for name, entry in expected.items()]
    for outcome in outcomes:
        status = "PASS" if outcome.held else "FAIL"
        held = outcome.checks - len(outcome.misses)
        print(f"{status} {outcome.name}: {held}/{outcome.checks} checks ({outcome.seconds:.2f} s)")
        for miss in outcome.misses:
            print(f"    - {miss}")
    total_checks = sum(o.checks for o in outcomes)
    total_held = sum(o.checks - len(o.misses) for o in outcomes)
    passed = sum(o.held for o in outcomes)
    print(f"\nrepositories: {passed}/{len(outcomes)}   checks: {total_held}/{total_checks}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
