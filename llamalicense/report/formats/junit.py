"""``--format junit``: JUnit XML for CI dashboards. One test case per finding.

A violation is a ``<failure>``; a needs-review finding is a failure when ``--fail-on
needs-review`` is set and otherwise ``<skipped>`` with the reason; a waived finding is
skipped; a pass is a passing test case. Test suites group findings by Llama version.
"""

from __future__ import annotations

from itertools import groupby
from xml.etree import ElementTree as ET

from llamalicense.model.findings import Finding, Report
from llamalicense.report.formats import RenderOptions


def render(report: Report, options: RenderOptions) -> str:
    root = ET.Element("testsuites", name="llamalicense")
    ordered = sorted(report.findings, key=lambda f: (f.license or "", f.component, f.rule))
    totals = {"tests": 0, "failures": 0, "skipped": 0}
    for license_id, group in groupby(ordered, key=lambda f: f.license or "catalog"):
        findings = list(group)
        suite = ET.SubElement(root, "testsuite", name=license_id)
        counts = {"tests": 0, "failures": 0, "skipped": 0}
        for finding in findings:
            _case(suite, finding, options.fail_on, counts)
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
        suite.set("errors", "0")
    for key, value in totals.items():
        root.set(key, str(value))
    root.set("errors", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _case(suite: ET.Element, finding: Finding, fail_on: str, counts: dict[str, int]) -> None:
    case = ET.SubElement(
        suite,
        "testcase",
        classname=f"{finding.license or 'catalog'}.{finding.component}",
        name=f"{finding.rule} [{finding.clause or '-'}]",
        file=finding.location or "",
    )
    counts["tests"] += 1
    detail = (
        f"{finding.message}\nwhy: {finding.reason}\npath: {' -> '.join(finding.path)}\n"
        f"fix: {finding.how_to_fix}"
    )
    failing = finding.status == "violation" or (
        finding.status == "needs-review" and fail_on == "needs-review"
    )
    if failing:
        failure = ET.SubElement(case, "failure", message=finding.message, type=finding.status)
        failure.text = detail
        counts["failures"] += 1
    elif finding.status in ("needs-review", "waived", "not-applicable"):
        ET.SubElement(case, "skipped", message=f"{finding.status}: {finding.reason}")
        counts["skipped"] += 1
