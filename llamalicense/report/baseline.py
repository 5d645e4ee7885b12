"""Baselines: report only the findings that are new since a previous JSON report."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from llamalicense.documents.loader import load_json_text, read_text
from llamalicense.errors import InputError, LlamalicenseError
from llamalicense.model.findings import Report, verdict_of

_HINT = "create the baseline with `llamalicense check --format json --output FILE`"
# A finding's fingerprint as the JSON report writes it (report.schema.json).
_FINGERPRINT = re.compile(r"[0-9a-f]{32}")


def load_fingerprints(path: Path) -> frozenset[str]:
    """Fingerprints of the open findings (violation, needs-review) of a saved JSON report.

    The file is read like any input (size cap, nesting, number length), and only what a
    baseline needs is taken from it: each finding's ``status`` and ``fingerprint``."""
    try:
        document = load_json_text(read_text(path), str(path))
    except LlamalicenseError as exc:
        exc.hint = exc.hint or _HINT
        raise
    findings = document.data.get("findings") if isinstance(document.data, dict) else None
    if not isinstance(findings, list):
        raise _not_a_report(path, "it has no `findings` list")
    fingerprints = set()
    for index, finding in enumerate(findings):
        if not isinstance(finding, dict) or not isinstance(finding.get("status"), str):
            raise _not_a_report(path, f"finding {index} has no `status`")
        if finding["status"] not in ("violation", "needs-review"):
            continue
        fingerprint = finding.get("fingerprint")
        if not isinstance(fingerprint, str) or not _FINGERPRINT.fullmatch(fingerprint):
            raise _not_a_report(path, f"finding {index} has no valid `fingerprint`")
        fingerprints.add(fingerprint)
    return frozenset(fingerprints)


def _not_a_report(path: Path, why: str) -> InputError:
    return InputError(
        f"not a llamalicense JSON report: {why}",
        file=str(path),
        hint=_HINT,
    )


def apply_baseline(report: Report, fingerprints: frozenset[str], source: str) -> Report:
    """Drop open findings already in the baseline; say how many were left out."""
    kept = []
    left_out = 0
    for finding in report.findings:
        if finding.status in ("violation", "needs-review") and finding.fingerprint in fingerprints:
            left_out += 1
            continue
        kept.append(finding)
    return dataclasses.replace(
        report,
        findings=tuple(kept),
        verdict=verdict_of(kept),
        baseline={"file": source, "left_out": left_out},
    )
