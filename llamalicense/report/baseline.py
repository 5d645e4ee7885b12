"""Baselines: report only the findings that are new since a previous JSON report."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from llamalicense.documents.loader import read_text
from llamalicense.errors import InputError
from llamalicense.model.findings import Report, verdict_of


def load_fingerprints(path: Path) -> frozenset[str]:
    """Fingerprints of the open findings (violation, needs-review) of a saved JSON report."""
    text = read_text(path)
    try:
        data = json.loads(text)
        findings = data["findings"]
        return frozenset(
            str(f["fingerprint"]) for f in findings if f["status"] in ("violation", "needs-review")
        )
    except (json.JSONDecodeError, KeyError, TypeError) as exc:
        raise InputError(
            f"not a llamalicense JSON report ({exc.__class__.__name__})",
            file=str(path),
            hint="create the baseline with `llamalicense check --format json --output FILE`",
        ) from None


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
