"""``--format junit``: JUnit XML for CI dashboards. One test case per finding.

A violation is a ``<failure>``; a needs-review finding is a failure when ``--fail-on
needs-review`` is set and otherwise ``<skipped>`` with the reason; a waived finding is
skipped; a pass is a passing test case. Test suites group findings by Llama version.

Every input string passes through :func:`llamalicense.safetext.clean` before it goes into an
attribute or a text node: XML 1.0 has no way to write most control characters at all, and
a line break in a name must not start a line of the CI log that shows the file.
"""

from __future__ import annotations

from itertools import groupby
from xml.etree import ElementTree as ET

from llamalicense.model.findings import Finding, Report
from llamalicense.report.formats import RenderOptions
from llamalicense.safetext import clean


def render(report: Report, options: RenderOptions) -> str:
    root = ET.Element("testsuites", name="llamalicense")
    ordered = sorted(report.findings, key=lambda f: (f.license or "", f.component, f.rule))
    totals = {"tests": 0, "failures": 0, "skipped": 0}
    for license_id, group in groupby(ordered, key=lambda f: f.license or "catalog"):
        findings = list(group)
        suite = ET.SubElement(root, "testsuite", name=clean(license_id))
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
        classname=clean(f"{finding.license or 'catalog'}.{finding.component}"),
        name=clean(f"{finding.rule} [{finding.clause or '-'}]"),
        file=clean(finding.location or ""),
    )
    counts["tests"] += 1
    detail = (
        f"{clean(finding.message)}\nwhy: {clean(finding.worded_reason)}\n"
        f"path: {clean(' -> '.join(finding.path))}\nfix: {clean(finding.how_to_fix)}"
    )
    failing = finding.status == "violation" or (
        finding.status == "needs-review" and fail_on == "needs-review"
    )
    if failing:
        failure = ET.SubElement(
            case, "failure", message=clean(finding.message), type=finding.status
        )
        failure.text = detail
        counts["failures"] += 1
    elif finding.status in ("needs-review", "waived", "not-applicable"):
        ET.SubElement(case, "skipped", message=clean(f"{finding.status}: {finding.worded_reason}"))
        counts["skipped"] += 1
