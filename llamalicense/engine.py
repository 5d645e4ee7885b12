"""Evaluate rules against a project: (component, Llama version, rule) -> :class:`Finding`.

For each component, each Llama version that reaches it (see :mod:`llamalicense.lineage`)
and each rule of that version:

* ``applies_to`` false -> not-applicable; unknown -> needs-review (we cannot tell whether
  the clause applies, and say which fact is missing);
* ``require`` true -> pass; unknown -> needs-review; false -> violation, or needs-review
  when the rule's ``review_if`` holds (a near miss a person should judge).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from llamalicense import __version__
from llamalicense.aup_check import aup_findings
from llamalicense.catalog import Catalog, license_versions, load_catalog
from llamalicense.declared import identity_findings
from llamalicense.evidence import EvidenceReader
from llamalicense.facts import RuleContext
from llamalicense.lineage import Lineage
from llamalicense.model import Project
from llamalicense.predicates import Explanation, Missing
from llamalicense.report import ComponentInfo, Edge, Finding, Report, verdict_of
from llamalicense.rules import Rule

_TEMPLATE = re.compile(r"\{([a-z_]+\.[a-z_.]+)\}")
UNKNOWN_MODEL_RULE = "LLAMALICENSE-UNKNOWN-MODEL"


def evaluate(
    project: Project,
    rules: Iterable[Rule],
    *,
    catalog: Catalog | None = None,
    include_not_applicable: bool = False,
    check_aup: bool = True,
    aup_cache: bool = True,
) -> Report:
    """Run ``rules`` over ``project`` and build the report (sorted, deterministic)."""
    catalog = catalog or load_catalog()
    lineage = Lineage(project, catalog)
    evidence = EvidenceReader(Path(project.root))
    versions = license_versions()
    by_license: dict[str, list[Rule]] = defaultdict(list)
    rule_list = list(rules)
    for rule in rule_list:
        by_license[rule.license].append(rule)

    findings: list[Finding] = []
    infos: list[ComponentInfo] = []
    for comp in project.components:
        licenses = lineage.licenses(comp.id)
        release = lineage.releases.get(comp.id)
        infos.append(
            ComponentInfo(
                id=comp.id,
                type=comp.type,
                name=comp.name,
                source=comp.source,
                line=comp.line,
                licenses=licenses,
                ref=comp.ref,
                release=release.id if release else None,
            )
        )
        if comp.id in lineage.unknown_refs:
            findings.append(_unknown_model(comp.id, comp.ref or "", project, comp.line))
        findings.extend(identity_findings(comp, lineage, project))
        for license_id in licenses:
            ctx = RuleContext(project, lineage, evidence, versions[license_id], comp.id)
            for rule in by_license.get(license_id, ()):
                finding = _apply(rule, ctx, project, comp.line)
                if finding.status != "not-applicable" or include_not_applicable:
                    findings.append(finding)

    if check_aup:
        findings.extend(aup_findings(project, lineage, evidence, use_cache=aup_cache))
    findings.sort(key=Finding.sort_key)
    edges = tuple(Edge(u, v, data["kind"], data.get("relation")) for u, v, data in lineage.edges())
    return Report(
        manifest=project.manifest,
        verdict=verdict_of(findings),
        findings=tuple(findings),
        components=tuple(infos),
        edges=edges,
        rules_checked=tuple(sorted(r.id for r in rule_list)),
        tool_version=__version__,
    )


def _apply(rule: Rule, ctx: RuleContext, project: Project, line: int | None) -> Finding:
    applies = rule.applies_to(ctx)
    explanation: dict[str, object] = {"applies_to": applies.to_dict()}
    required: Explanation | None = None
    review: Explanation | None = None
    if applies.result is False:
        status = "not-applicable"
        reason = "does not apply: " + applies.deciding_reason()
    elif applies.result is None:
        status = "needs-review"
        reason = "cannot tell whether the clause applies: " + applies.deciding_reason()
    else:
        required = rule.require(ctx)
        explanation["require"] = required.to_dict()
        if required.result is True:
            status, reason = "pass", required.deciding_reason()
        elif required.result is None:
            status, reason = "needs-review", required.deciding_reason()
        else:
            reason = required.deciding_reason()
            status = "violation"
            if rule.review_if is not None:
                review = rule.review_if(ctx)
                explanation["review_if"] = review.to_dict()
                if review.result is True:
                    status = "needs-review"
    message = _message(rule, status, ctx, reason, review)
    reach = ctx.lineage.best_reach(ctx.component_id, rule.license)
    return Finding(
        rule=rule.id,
        license=rule.license,
        clause=rule.clause,
        obligation=rule.obligation,
        status=status,
        severity=rule.severity,
        component=ctx.component_id,
        path=reach.path if reach else (ctx.component_id,),
        title=rule.title,
        quote=" ".join(rule.quote.split()),
        message=message,
        reason=reason,
        how_to_fix=_fill(rule.how_to_fix, ctx),
        explanation=explanation,
        location=ctx.component.source or project.manifest,
        line=line,
    )


def _message(
    rule: Rule, status: str, ctx: RuleContext, reason: str, review: Explanation | None
) -> str:
    if status == "violation":
        return _fill(rule.message, ctx)
    if status == "needs-review":
        if review is not None and rule.review_message:
            return _fill(rule.review_message, ctx)
        if rule.review_message and "applies" not in reason[:40]:
            return _fill(rule.review_message, ctx) + " (" + reason + ")"
        return "Needs review: " + reason
    if status == "pass":
        return "Satisfied: " + reason
    return reason[:1].upper() + reason[1:]


def _fill(template: str, ctx: RuleContext) -> str:
    def value(match: re.Match[str]) -> str:
        got = ctx.fact(match.group(1))
        if isinstance(got, Missing) or got is None:
            return "(not declared)"
        if isinstance(got, tuple | list):
            return " -> ".join(str(v) for v in got)
        return str(got)

    return " ".join(_TEMPLATE.sub(value, template).split())


def _unknown_model(component_id: str, ref: str, project: Project, line: int | None) -> Finding:
    reason = f"{ref!r} is in Meta's namespace but not in the model catalog"
    return Finding(
        rule=UNKNOWN_MODEL_RULE,
        license=None,
        clause=None,
        obligation="model-identity",
        status="needs-review",
        severity="warning",
        component=component_id,
        path=(component_id, ref),
        title="An official-looking model id is not in the catalog",
        quote="",
        message=(
            f"{component_id} refers to {ref}, which looks like an official Llama release but is "
            "not in the catalog, so no Llama version (and no duty) could be assigned to it."
        ),
        reason=reason,
        how_to_fix=(
            "Check the id's spelling against the Hub; if it is a real release, add it to "
            "rules/catalog/ (docs/catalog.md) or report it to the llamalicense maintainers."
        ),
        explanation={"catalog": {"op": "lookup", "result": None, "detail": reason}},
        location=project.manifest,
        line=line,
    )
