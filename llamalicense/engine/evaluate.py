"""Evaluate rules against a project: (component, Llama version, rule) -> :class:`Finding`.

For each component, each Llama version that reaches it (see :mod:`llamalicense.lineage.graph`)
and each rule of that version:

* ``applies_to`` false -> not-applicable; unknown -> needs-review (we cannot tell whether
  the clause applies, and say which fact is missing);
* ``require`` true -> pass; unknown -> needs-review; false -> violation, or needs-review
  when the rule's ``review_if`` holds (a near miss a person should judge).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from llamalicense.catalog.data import Catalog, license_versions, load_catalog
from llamalicense.engine.aup_findings import aup_findings
from llamalicense.engine.decisions import Prepared
from llamalicense.engine.identity import identity_findings
from llamalicense.engine.strength import EDGE_EVIDENCE, weakened, with_evidence
from llamalicense.evidence.reader import EvidenceReader
from llamalicense.lineage.graph import Lineage
from llamalicense.model.findings import STATUS_RANK, ComponentInfo, Finding, Report, verdict_of
from llamalicense.model.project import Component, Project
from llamalicense.policy.facts import RuleContext
from llamalicense.policy.rules import Rule
from llamalicense.speed.frozen import build
from llamalicense.speed.keepalive import keep
from llamalicense.version import __version__

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
    rule_list = list(rules)
    by_license: dict[str, list[Prepared]] = defaultdict(list)
    for rule in rule_list:
        by_license[rule.license].append(Prepared(rule))

    findings: list[Finding] = []
    keys: list[tuple[int, str, str, str]] = []  # each finding's sort_key, made with it
    infos: list[ComponentInfo] = []
    aup_candidates: list[Component] = []  # picked in this pass for aup_findings
    # Names bound once: the loop below runs once per component of a 100,000-component manifest.
    licenses_of, releases, unknown_refs = lineage.licenses, lineage.releases, lineage.unknown_refs
    add, add_key, rank = findings.append, keys.append, STATUS_RANK
    for comp in project.components:
        cid = comp.id
        licenses = licenses_of(cid)
        release = releases.get(cid)
        infos.append(
            build(
                ComponentInfo,
                id=cid,
                type=comp.type,
                name=comp.name,
                source=comp.source,
                line=comp.line,
                licenses=licenses,
                ref=comp.ref,
                release=release.id if release else None,
                evidence=tuple(e for e in comp.evidence if e.about not in EDGE_EVIDENCE),
            )
        )
        if comp.use_cases or comp.type == "product":  # what aup_findings looks at
            aup_candidates.append(comp)
        if cid in unknown_refs or comp.notes or comp.license:  # rare
            for finding in _identity(comp, lineage, project):
                add(finding)
                add_key(finding.sort_key())
        location = comp.source or project.manifest
        for license_id in licenses:
            rules_here = by_license.get(license_id)
            if not rules_here:
                continue
            ctx = RuleContext(project, lineage, evidence, versions[license_id], cid, component=comp)
            path: tuple[str, ...] | None = None  # made for the first finding
            for prepared in rules_here:
                decision = prepared.decide(ctx)
                status = decision.status
                if status != "not-applicable" or include_not_applicable:
                    if path is None:
                        reach = lineage.best_reach(cid, license_id)
                        path = reach.path if reach else (cid,)
                    made = prepared.finding(decision, ctx, path, location, comp.line)
                    add(weakened(made, comp) if comp.evidence else made)
                    add_key((rank[findings[-1].status], cid, license_id, prepared.rule.id))

    if check_aup:
        found = aup_findings(
            project, lineage, evidence, use_cache=aup_cache, candidates=aup_candidates
        )
        for finding in found:
            add(finding)
            add_key(finding.sort_key())
    # Sorted by the keys made with the findings: Finding.sort_key's order, without calling it
    # again for each of 100,000s of findings.
    findings = [findings[i] for i in sorted(range(len(keys)), key=keys.__getitem__)]
    edges = with_evidence(tuple(lineage.edges()), project)
    keep(lineage, keys, by_license)  # with the project: freed at exit, if the process asks
    return Report(
        manifest=project.manifest,
        verdict=verdict_of(findings),
        findings=tuple(findings),
        components=tuple(infos),
        edges=edges,
        rules_checked=tuple(sorted(r.id for r in rule_list)),
        tool_version=__version__,
    )


def _identity(comp: Component, lineage: Lineage, project: Project) -> list[Finding]:
    """What the catalog and the component's declarations say of its identity."""
    found = identity_findings(comp, lineage, project)
    if comp.id in lineage.unknown_refs:
        found.insert(0, _unknown_model(comp.id, comp.ref or "", project, comp.line))
    return found


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
