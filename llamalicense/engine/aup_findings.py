"""Acceptable Use Policy findings: classify declared use cases, check the AI disclosure.

Clause 1.b.iv makes each version's AUP part of the agreement. For every component that the
Llama Materials of a version reach (a model derived from Llama, or a product containing
one):

* its ``use_cases`` are classified against that version's AUP (``llamalicense.aup``): each
  match is a finding ``LLAMA-<v>-AUP-<item>`` (violation or needs-review, with the matched
  spans); no match gives one ``pass`` finding ``LLAMA-<v>-AUP``;
* a product with Llama inside and no ``use_cases`` is needs-review: the AUP cannot be
  checked without knowing what the product does;
* a distributed product must tell its end users of known dangers (AUP item 4): its
  ``ai_disclosure`` file must say something about limitations, else needs-review.

Statements of all components are classified in one batch per version, so spaCy starts
once; results are cached, and spaCy is not imported at all when nothing needs classifying.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass

from llamalicense.engine.small_explanations import AupExplanation
from llamalicense.errors import LlamalicenseError
from llamalicense.evidence.reader import EvidenceReader
from llamalicense.lineage.graph import MATERIALS, Lineage
from llamalicense.model.findings import Finding, Status
from llamalicense.model.project import Component, Project, is_url

OPERATIVE = "You agree you will not use, or allow others to use, {name} to:"
# The fix of a use case that falls under an AUP item (`rules show` prints it too).
ITEM_FIX = (
    "Stop or exclude this use, or, if the statement describes a protective or permitted use, "
    "reword it to say so and have the decision reviewed."
)


@dataclass(frozen=True)
class _Subject:
    component: Component
    license: str
    path: tuple[str, ...]


def aup_findings(
    project: Project,
    lineage: Lineage,
    evidence: EvidenceReader,
    *,
    use_cache: bool = True,
) -> list[Finding]:
    """All AUP findings of the project, in no particular order (the engine sorts)."""
    subjects: list[_Subject] = []
    for comp in project.components:
        if not comp.use_cases and comp.type != "product":
            continue  # nothing to classify, and no product duties: no finding below
        for license_id in lineage.licenses(comp.id):
            reach = lineage.reach(comp.id, license_id, MATERIALS)
            if reach is not None:
                subjects.append(_Subject(component=comp, license=license_id, path=reach.path))
    findings: list[Finding] = []
    by_version: dict[str, list[_Subject]] = defaultdict(list)
    for subject in subjects:
        if subject.component.use_cases:
            by_version[subject.license].append(subject)
        elif subject.component.type == "product":
            findings.append(_no_use_cases(subject, project))
        if subject.component.type == "product" and subject.component.distributed is True:
            findings.append(_disclosure(subject, project, evidence))
    for license_id, group in sorted(by_version.items()):
        findings.extend(_classified(license_id, group, project, use_cache=use_cache))
    return findings


def _classified(
    license_id: str, group: list[_Subject], project: Project, *, use_cache: bool
) -> list[Finding]:
    from llamalicense import aup

    if license_id not in aup.versions():
        return [
            _finding(s, project, "AUP", "needs-review", "no AUP data for this version")
            for s in group
        ]
    statements: list[str] = []
    owners: list[_Subject] = []
    for subject in group:
        for text in subject.component.use_cases:
            statements.append(text)
            owners.append(subject)
    matches = aup.classify(statements, license_id, use_cache=use_cache)
    findings: list[Finding] = []
    flagged: set[str] = set()
    for match in matches:
        subject = owners[match.statement_index]
        flagged.add(subject.component.id)
        spans = [{"start": s.start, "end": s.end, "text": s.text} for s in match.spans]
        shown = ", ".join(repr(s.text) for s in match.spans)
        findings.append(
            Finding(
                rule=f"{_prefix(license_id)}-AUP-{match.item}",
                license=license_id,
                clause=f"AUP {match.item}",
                obligation="aup",
                status=match.status,
                severity="error" if match.status == "violation" else "warning",
                component=subject.component.id,
                path=subject.path,
                title=f"Use case falls under AUP item {match.item}",
                quote=match.item_text,
                message=(
                    f"A use case of {subject.component.id} falls under item {match.item} of the "
                    f"{_name(license_id)} Acceptable Use Policy: \u201c{match.statement}\u201d "
                    f"(matched {shown})."
                ),
                reason=match.reason,
                how_to_fix=ITEM_FIX,
                explanation={
                    "aup": {
                        "op": f"aup {match.item}",
                        "result": match.status != "violation" and None,
                        "detail": match.reason,
                        "values": {"statement": match.statement, "spans": spans},
                    }
                },
                location=subject.component.source,
                line=subject.component.line,
            )
        )
    for subject in group:
        key = subject.component.id
        if key not in flagged:
            count = len(subject.component.use_cases)
            detail = f"no prohibited use found in {count} declared use case(s)"
            findings.append(_finding(subject, project, "AUP", "pass", detail))
            flagged.add(key)
    return findings


def _no_use_cases(subject: _Subject, project: Project) -> Finding:
    return _finding(
        subject,
        project,
        "AUP",
        "needs-review",
        f"{subject.component.id} holds Llama materials but declares no use_cases, so its "
        "uses cannot be checked against the Acceptable Use Policy",
    )


def _disclosure(subject: _Subject, project: Project, evidence: EvidenceReader) -> Finding:
    from llamalicense import aup

    comp = subject.component
    paths = comp.attribution.ai_disclosure
    files = [p for p in paths if not is_url(p)]
    status: Status = "needs-review"
    reason = ""
    fix: str | None = None  # the fix that fits how it failed; the rule's own when None
    if not paths:
        reason = (
            "no ai_disclosure is declared, so it cannot be seen that end users are told of "
            "known dangers"
        )
    else:
        for relative in files:
            try:
                text = evidence.text(relative)
            except LlamalicenseError as exc:
                reason = f"cannot read {relative}: {exc.message}"
                continue
            if text is None:
                reason = f"{relative} does not exist"
            elif aup.disclosure_states_limitations(text):
                status, reason = "pass", f"{relative} tells end users about limitations or risks"
                break
            else:
                reason = f"{relative} says nothing about limitations, risks or known dangers"
        if status != "pass" and files:
            fix = (
                f"Add to {', '.join(files)} (listed under attribution.ai_disclosure; create it "
                "if it is missing) a statement for end users of the system's known "
                "limitations and risks."
            )
        if status != "pass" and not files:
            reason = "the AI disclosure is only given as a URL, which is not fetched"
            fix = (
                "A URL is not fetched: list a copy of the disclosure kept in the project under "
                "attribution.ai_disclosure, or have a person confirm that the page states the "
                "system's known limitations and risks."
            )
    return _finding(subject, project, "AUP-4-DISCLOSURE", status, reason, item="4", fix=fix)


def _finding(
    subject: _Subject,
    project: Project,
    suffix: str,
    status: Status,
    reason: str,
    *,
    item: str | None = None,
    fix: str | None = None,
) -> Finding:
    del project
    license_id = subject.license
    comp = subject.component
    rule, clause, title, quote, default_fix = fixed_parts(license_id, suffix, item)
    if status == "pass":
        message = "Satisfied: " + reason
    elif status == "needs-review":
        message = "Needs review: " + reason
    else:
        message = reason
    return Finding(
        rule=rule,
        license=license_id,
        clause=clause,
        obligation="aup",
        status=status,
        severity="warning",
        component=comp.id,
        path=subject.path,
        title=title,
        quote=quote,
        message=message,
        reason=reason,
        how_to_fix=default_fix if fix is None else fix,
        explanation=AupExplanation(reason, passed=status == "pass"),
        location=comp.source,
        line=comp.line,
        waiver=None,
    )


@functools.cache
def fixed_parts(license_id: str, suffix: str, item: str | None) -> tuple[str, str, str, str, str]:
    """Rule id, clause, title, quote and fix: the same for every component."""
    if item == "4":
        return (
            f"{_prefix(license_id)}-{suffix}",
            "AUP 4",
            "End users are told of known dangers (AUP item 4)",
            "Fail to appropriately disclose to end users any known dangers of your AI system",
            "Publish an AI disclosure for end users that states the system's known limitations "
            "and risks, and list it under attribution.ai_disclosure.",
        )
    return (
        f"{_prefix(license_id)}-{suffix}",
        "AUP",
        "Declared use cases are checked against the Acceptable Use Policy",
        OPERATIVE.format(name=_name(license_id)),
        "Describe what the product does under use_cases, one statement per use.",
    )


def _prefix(license_id: str) -> str:
    return "LLAMA-" + license_id.removeprefix("llama-").upper()


def _name(license_id: str) -> str:
    # The AUPs name the model "Llama 2", "Llama 3" (USE_POLICY.md), "Llama 3.1", ...
    return "Llama " + license_id.removeprefix("llama-")
