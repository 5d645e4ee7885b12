"""Evaluate rules against a project: (component, Llama version, rule) -> :class:`Finding`.

For each component, each Llama version that reaches it (see :mod:`llamalicense.lineage.graph`)
and each rule of that version, the rule's decision (:mod:`llamalicense.engine.decisions`) and
its finding; then the findings about what components say they are
(:mod:`llamalicense.engine.identity`) and the Acceptable Use Policy findings
(:mod:`llamalicense.engine.aup_findings`), sorted.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from llamalicense.catalog.data import Catalog, license_versions, load_catalog
from llamalicense.engine.aup_findings import aup_findings
from llamalicense.engine.decisions import Prepared
from llamalicense.engine.identity import identity_findings
from llamalicense.engine.no_manifest import without_manifest
from llamalicense.engine.reviews import apply_reviews
from llamalicense.engine.strength import EDGE_EVIDENCE, weakened, with_evidence
from llamalicense.evidence.reader import EvidenceReader
from llamalicense.lineage.graph import Lineage
from llamalicense.lineage.refs import UNKNOWN_MODEL_RULE
from llamalicense.model.findings import ComponentInfo, Finding, Report, verdict_of
from llamalicense.model.project import Component, Project
from llamalicense.policy.facts import RuleContext
from llamalicense.policy.rules import Rule
from llamalicense.speed.keepalive import keep
from llamalicense.version import __version__

__all__ = ["UNKNOWN_MODEL_RULE", "evaluate"]


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
    lineage = Lineage(project, catalog or load_catalog())
    evidence = EvidenceReader(Path(project.root))
    versions = license_versions()
    rule_list = list(rules)
    by_license: dict[str, list[Prepared]] = defaultdict(list)
    for rule in rule_list:
        by_license[rule.license].append(Prepared(rule))

    findings: list[Finding] = []
    by_id = lineage.components  # every component by id
    for comp in project.components:
        findings.extend(_identity(comp, lineage, project))
        location = comp.source or project.manifest
        for license_id in lineage.licenses(comp.id):
            ctx = RuleContext(project, lineage, evidence, versions[license_id], comp.id)
            path: tuple[str, ...] | None = None  # made for the first finding
            for prepared in by_license[license_id]:
                decision = prepared.decide(ctx)
                if decision.status == "not-applicable" and not include_not_applicable:
                    continue
                if path is None:
                    reach = lineage.best_reach(comp.id, license_id)
                    path = reach.path if reach else (comp.id,)
                made = prepared.finding(decision, ctx, path, location, comp.line)
                findings.append(weakened(made, comp, by_id))
    if check_aup:
        findings.extend(aup_findings(project, lineage, evidence, use_cache=aup_cache))
    # Duties no file can show: a pass that rests on a judgement needs a person's review
    # record, and 1.b.iv and 5.a are asked of what the project puts to use (engine.reviews).
    book = apply_reviews(project, lineage, findings)
    if not project.has_manifest:  # fixes that need a manifest first say how to write one
        findings = without_manifest(findings)
    Finding.sort(findings)
    keep(lineage, by_license)  # with the project: freed at exit, if the process asks
    ordered = tuple(findings)
    findings.clear()  # the report holds them: one list of them at the peak, not two
    return Report(
        manifest=project.manifest,
        verdict=verdict_of(ordered),
        findings=ordered,
        components=tuple(_info(comp, lineage) for comp in project.components),
        edges=with_evidence(tuple(lineage.edges()), project),
        rules_checked=tuple(sorted(r.id for r in rule_list)),
        tool_version=__version__,
        rests_on=(
            f"the facts declared in {project.manifest}",
            "the files they name",
            *book.rests_on(),
        ),
    )


def _info(comp: Component, lineage: Lineage) -> ComponentInfo:
    """What the report says of a component."""
    release = lineage.releases.get(comp.id)
    return ComponentInfo(
        id=comp.id,
        type=comp.type,
        name=comp.name,
        source=comp.source,
        line=comp.line,
        licenses=lineage.licenses(comp.id),
        ref=comp.ref,
        release=release.id if release else None,
        evidence=tuple(e for e in comp.evidence if e.about not in EDGE_EVIDENCE),
    )


def _identity(comp: Component, lineage: Lineage, project: Project) -> list[Finding]:
    """What the catalog and the component's declarations say of its identity (its ``ref``
    included: lineage.refs)."""
    return identity_findings(comp, lineage, project)
