"""Waivers: findings a person has accepted, until a date.

A matching, unexpired waiver turns a violation or needs-review finding into ``waived``; the
finding stays in the report with the waiver attached. An expired waiver, or one that matches
no finding, no longer applies and is itself reported (needs-review), so stale waivers are
seen and cleaned up. The same function serves the library, the CLI, the hook and the Action.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from llamalicense.documents import jsonschemas
from llamalicense.documents.contained import found_file
from llamalicense.documents.jsonpath import render as json_path
from llamalicense.documents.loader import Document, load_file
from llamalicense.errors import InputError, ManifestError
from llamalicense.model.findings import Finding, Report, verdict_of
from llamalicense.safetext import excerpt

WAIVERS_NAME = "llamalicense-waivers.yaml"
WAIVER_RULE = "LLAMALICENSE-WAIVER"
_HINT = "each waiver needs component, reason, approved_by, expires, and rule or obligation"


@dataclass(frozen=True)
class Waiver:
    component: str
    reason: str
    approved_by: str
    expires: str
    rule: str | None = None
    obligation: str | None = None
    source: str = ""
    line: int | None = None

    def matches(self, finding: Finding) -> bool:
        if finding.component != self.component:
            return False
        if self.rule is not None:
            return finding.rule.lower() == self.rule.lower()
        return finding.obligation == self.obligation

    def describe(self) -> str:
        target = f"rule {self.rule}" if self.rule else f"obligation {self.obligation}"
        return f"waiver for {target} on {self.component}"


def default_waivers_file(manifest: str) -> Path | None:
    """``llamalicense-waivers.yaml`` beside the manifest, if there is one: a file the tool
    finds by itself, so it must be a regular file inside the manifest's folder."""
    candidate = Path(manifest).parent / WAIVERS_NAME
    if not candidate.is_symlink() and not candidate.exists():
        return None
    return found_file(candidate, candidate.parent, "default waivers file")


def load_waivers(path: Path) -> tuple[Waiver, ...]:
    """Load and validate a waivers file; errors name the file, line and JSON path."""
    if not path.is_file():
        raise InputError("no such waivers file", file=str(path))
    document = load_file(path, display=str(path))
    return waivers_from_document(document)


def waivers_from_document(document: Document) -> tuple[Waiver, ...]:
    data = document.data
    problem = jsonschemas.first_problem("waivers", data, _HINT)
    if problem is not None:
        located = document.locate(problem.path)
        raise ManifestError(
            problem.message,
            file=document.path,
            line=located[0] if located else None,
            json_path=json_path(problem.path),
            hint=problem.hint,
        )
    waivers = []
    for index, raw in enumerate(data["waivers"]):
        try:
            dt.date.fromisoformat(raw["expires"])
        except ValueError:
            located = document.locate(("waivers", index, "expires"))
            raise ManifestError(
                f"{excerpt(raw['expires'])} is not a real date",
                file=document.path,
                line=located[0] if located else None,
                json_path=f"$.waivers[{index}].expires",
                hint="write the date as YYYY-MM-DD",
            ) from None
        located = document.locate(("waivers", index))
        waivers.append(
            Waiver(
                component=raw["component"],
                reason=raw["reason"],
                approved_by=raw["approved_by"],
                expires=raw["expires"],
                rule=raw.get("rule"),
                obligation=raw.get("obligation"),
                source=document.path,
                line=located[0] if located else None,
            )
        )
    return tuple(waivers)


def apply_waivers(
    report: Report,
    waivers: tuple[Waiver, ...],
    today: dt.date,
    *,
    max_days: int | None = None,
) -> Report:
    """The report with waived findings marked and expired or unmatched waivers reported.

    With ``max_days``, a waiver that expires more than that many days after ``today`` is
    not applied either (and is reported): a longest lifetime, so a waiver someone adds
    with ``expires: 9999-12-31`` does not hide a finding for good.
    """
    limit = dt.date.max
    if max_days is not None and (dt.date.max - today).days > max_days:
        limit = today + dt.timedelta(days=max_days)
    usable = [dt.date.fromisoformat(w.expires) <= limit for w in waivers]
    used: set[int] = set()
    findings: list[Finding] = []
    for finding in report.findings:
        replacement = finding
        if finding.status in ("violation", "needs-review"):
            for index, waiver in enumerate(waivers):
                if not usable[index] or dt.date.fromisoformat(waiver.expires) < today:
                    continue
                if waiver.matches(finding):
                    used.add(index)
                    replacement = dataclasses.replace(
                        finding,
                        status="waived",
                        waiver={
                            "reason": waiver.reason,
                            "approved_by": waiver.approved_by,
                            "expires": waiver.expires,
                            "was": finding.status,
                            "file": waiver.source,
                        },
                    )
                    break
        findings.append(replacement)
    for index, waiver in enumerate(waivers):
        if index in used:
            continue
        if not usable[index]:
            findings.append(_too_long(waiver, max_days or 0))
            continue
        expired = dt.date.fromisoformat(waiver.expires) < today
        findings.append(_stale(waiver, expired=expired))
    Finding.sort(findings)
    return dataclasses.replace(report, findings=tuple(findings), verdict=verdict_of(findings))


def _too_long(waiver: Waiver, max_days: int) -> Finding:
    reason = (
        f"the {waiver.describe()} expires on {waiver.expires}, more than {max_days} days "
        "from today (the longest a waiver may run here), so it is not applied"
    )
    fix = f"give the waiver an expiry date at most {max_days} days away, with a new approval"
    return _finding(waiver, reason, fix)


def _stale(waiver: Waiver, *, expired: bool) -> Finding:
    if expired:
        reason = f"the {waiver.describe()} expired on {waiver.expires}"
        fix = "renew the waiver with a new approval and date, or fix the finding and remove it"
    else:
        reason = f"the {waiver.describe()} matches no open finding"
        fix = "remove the waiver if the finding was fixed, or correct its rule/component"
    return _finding(waiver, reason, fix)


def _finding(waiver: Waiver, reason: str, fix: str) -> Finding:
    """A finding about a waiver that does not apply (needs-review, so it is seen)."""
    return Finding(
        rule=WAIVER_RULE,
        license=None,
        clause=None,
        obligation="waiver",
        status="needs-review",
        severity="warning",
        component=waiver.component,
        path=(waiver.component,),
        title="A waiver no longer applies",
        quote="",
        message=reason[:1].upper() + reason[1:] + f" (approved by {waiver.approved_by}).",
        reason=reason,
        how_to_fix=fix,
        explanation={"waiver": {"op": "waiver", "result": None, "detail": reason}},
        location=waiver.source,
        line=waiver.line,
    )
