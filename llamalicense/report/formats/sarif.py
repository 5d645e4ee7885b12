"""``--format sarif``: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

One ``reportingDescriptor`` per rule that was checked (its clause, quote and fix as help);
results for violations, needs-review and waived findings (waived ones carry a
``suppressions`` entry). Results point at the component's line in the manifest;
``partialFingerprints`` are stable across runs; ``invocations`` records the exit code; the
run's ``properties`` hold the verdict, the summary and what a compliant verdict rests on
(``rests_on``, as in the JSON report).

JSON quotes every string, but viewers show the text: messages are cleaned
(:func:`llamalicense.safetext.clean`), the help's markdown escapes the rule's text (a custom
rule's title is input too), and locations are percent-encoded URIs.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from llamalicense.model.findings import Finding, Report
from llamalicense.report.formats import RenderOptions
from llamalicense.report.formats.json_format import dumps
from llamalicense.report.formats.markdown import text as markdown_text
from llamalicense.safetext import clean

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFO_URI = "https://github.com/llamalicense/llamalicense"
_KIND = {"violation": "fail", "needs-review": "review", "waived": "fail"}
_REPORTED = ("violation", "needs-review", "waived")
# GitHub code scanning accepts at most 25,000 results per run; keep well under it.
MAX_RESULTS = 20_000
# GitHub code scanning limits rule names to 255 characters and descriptions to 1024.
MAX_NAME = 255
MAX_DESCRIPTION = 1024


def render(report: Report, options: RenderOptions) -> str:
    rules = _descriptors(report, options)
    index = {descriptor["id"]: i for i, descriptor in enumerate(rules)}
    reported = [f for f in report.findings if f.status in _REPORTED]
    results = [_result(f, index) for f in reported[:MAX_RESULTS]]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "llamalicense",
                "version": report.tool_version,
                "semanticVersion": report.tool_version,
                "informationUri": INFO_URI,
                "rules": rules,
            }
        },
        "invocations": [
            {
                "executionSuccessful": True,
                "exitCode": options.exit_code,
                "exitCodeDescription": _exit_text(options.exit_code),
            }
        ],
        "results": results,
        "columnKind": "unicodeCodePoints",
        "properties": {
            "verdict": report.verdict,
            "summary": report.counts(),
            "truncated": max(0, len(reported) - MAX_RESULTS),
            # What a compliant verdict rests on, as the JSON report's ``rests_on`` says it.
            "rests_on": list(report.rests_on),
        },
    }
    if report.baseline is not None:
        run["properties"]["baseline"] = report.baseline
    document = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return dumps(document) + "\n"  # json.dumps(indent=2, sort_keys=True)'s text, faster


def _exit_text(code: int) -> str:
    return {0: "no findings at or above --fail-on", 1: "findings at or above --fail-on"}.get(
        code, "error"
    )


def _descriptors(report: Report, options: RenderOptions) -> list[dict[str, Any]]:
    seen: dict[str, Finding] = {}
    for finding in report.findings:
        seen.setdefault(finding.rule, finding)
    descriptors = []
    for rule_id in sorted(set(report.rules_checked) | set(seen)):
        meta = options.rule_meta.get(rule_id) or _meta_from_finding(seen.get(rule_id))
        clause = f"{meta.get('license') or 'llamalicense'} {meta.get('clause') or ''}".strip()
        help_text = (
            f"{clean(meta.get('title', rule_id))} ({clean(clause)}).\n\n"
            f"Clause: \u201c{clean(meta.get('quote', ''))}\u201d\n\n"
            f"Fix: {clean(meta.get('how_to_fix', ''))}"
        )
        help_markdown = (
            f"**{markdown_text(meta.get('title', rule_id))}** ({markdown_text(clause)})\n\n"
            f"> {markdown_text(meta.get('quote', ''))}\n\n"
            f"**Fix:** {markdown_text(meta.get('how_to_fix', ''))}\n\n"
            "_llamalicense is not legal advice._"
        )
        name = "".join(part.capitalize() for part in rule_id.lower().split("-"))
        title = clean(meta.get("title", rule_id))
        description = clean(meta.get("description") or title)
        descriptors.append(
            {
                "id": rule_id,
                "name": _clip(name, MAX_NAME),
                "shortDescription": {"text": _clip(title, MAX_DESCRIPTION)},
                "fullDescription": {"text": _clip(description, MAX_DESCRIPTION)},
                "help": {"text": help_text, "markdown": help_markdown},
                "defaultConfiguration": {"level": meta.get("severity", "warning")},
                "properties": {
                    "license": meta.get("license"),
                    "clause": meta.get("clause"),
                    "obligation": meta.get("obligation"),
                    "quote": meta.get("quote"),
                    "tags": ["llama-license", meta.get("obligation") or "other"],
                },
            }
        )
    return descriptors


def _clip(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to fit ``limit``; `rules show ID` prints it whole."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "\u2026"


def _meta_from_finding(finding: Finding | None) -> dict[str, str]:
    if finding is None:
        return {}
    return {
        "title": finding.title,
        "license": finding.license or "",
        "clause": finding.clause or "",
        "obligation": finding.obligation,
        "quote": finding.quote,
        "how_to_fix": finding.how_to_fix,
        "severity": finding.severity,
    }


def _level(finding: Finding) -> str:
    if finding.status == "needs-review":
        return "warning" if finding.severity == "error" else finding.severity
    return finding.severity


def _result(finding: Finding, index: dict[str, int]) -> dict[str, Any]:
    clause = f"{finding.license} {finding.clause}" if finding.license else "catalog"
    text = f"[{clause}] {finding.message}"
    if finding.reason and finding.reason not in finding.message:
        text += f" Why: {finding.reason}"
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": index[finding.rule],
        "kind": _KIND[finding.status],
        "level": _level(finding),
        "message": {"text": clean(text)},
        "locations": [_location(finding)],
        "partialFingerprints": {"llamalicenseFinding/v1": finding.fingerprint},
        "properties": {
            "status": finding.status,
            "component": finding.component,
            "path": list(finding.path),
            "license": finding.license,
            "clause": finding.clause,
            "obligation": finding.obligation,
            # The reason worded for people, beside the machine's words in message.text.
            "why": clean(finding.worded_reason),
        },
    }
    if finding.status == "waived" and finding.waiver:
        justification = finding.waiver.get("reason", "")
        approver = finding.waiver.get("approved_by")
        if approver:
            justification += f" (approved by {approver}, expires {finding.waiver.get('expires')})"
        result["suppressions"] = [
            {"kind": "external", "status": "accepted", "justification": clean(justification)}
        ]
    return result


_DRIVE = re.compile(r"[A-Za-z]:/")


def artifact_uri(location: str) -> str:
    """A file's place as a URI reference (RFC 3986): relative paths stay relative, absolute
    ones become ``file://`` URIs; anything but letters, digits, ``/`` and ``-._~`` is
    percent-encoded (a space, ``#``, ``?``, ``%``, a line break)."""
    path = location.replace("\\", "/")
    if _DRIVE.match(path):
        return "file:///" + path[:2] + quote(path[2:], safe="/")
    encoded = quote(path, safe="/")
    return "file://" + encoded if path.startswith("/") else encoded


def _location(finding: Finding) -> dict[str, Any]:
    uri = artifact_uri(finding.location or "llamalicense.yaml")
    physical: dict[str, Any] = {"artifactLocation": {"uri": uri}}
    if finding.line:
        physical["region"] = {"startLine": finding.line}
    return {
        "physicalLocation": physical,
        "logicalLocations": [{"name": clean(finding.component), "kind": "module"}],
    }
