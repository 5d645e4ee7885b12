"""A violation that rests only on weak evidence is a review, never a violation.

Components built from a repository's files (not from a manifest) carry the evidence each
fact was read from (:class:`llamalicense.model.project.Evidence`). A rule's violation rests
on the component's name (the "Llama" name prefix), on the first edge of its lineage path
(the component is built on, or contains, what leads to the release), and on the component
itself. When the fact it rests on was only read from prose (a README sentence, a model id in
a script) or taken as a fallback (a folder or file name), the finding becomes needs-review,
saying what it rests on and how to make it firm.
"""

from __future__ import annotations

from dataclasses import replace

from llamalicense.model.findings import Edge, Finding
from llamalicense.model.project import WEAK_STRENGTHS, Component, Evidence, Project

EDGE_EVIDENCE = frozenset({"derived_from", "trained_on", "contains", "generated_by"})
_EDGES = EDGE_EVIDENCE


def weakened(finding: Finding, comp: Component) -> Finding:
    """``finding`` as needs-review when the violation rests only on weak evidence."""
    if finding.status != "violation" or not comp.evidence:
        return finding
    weak = _weak_basis(finding, comp)
    if weak is None:
        return finding
    added = (
        f" This rests only on {weak.shown()}: {_WHAT[weak.strength]}, so it is for a person to "
        "confirm, not a violation."
    )
    return replace(
        finding,
        status="needs-review",
        message=finding.message + added,
        reason=finding.reason + added,
        why=finding.why + added if finding.why else "",
        how_to_fix=(finding.how_to_fix + " " if finding.how_to_fix else "")
        + "Declare the fact (front matter, a config, or llamalicense.yaml) to make it firm.",
    )


_WHAT = {
    "prose": "a sentence read from text",
    "fallback": "a name taken from a folder or file name",
}


def _weak_basis(finding: Finding, comp: Component) -> Evidence | None:
    """The weak evidence the violation rests on, or None when it rests on firm evidence."""
    whole = _only_weak([e for e in comp.evidence if e.about == "component"])
    if whole is not None:
        return whole
    if finding.obligation == "model-name":
        named = _only_weak([e for e in comp.evidence if e.about == "name"])
        if named is not None:
            return named
    if len(finding.path) >= 2:
        target = finding.path[1]
        edge = [e for e in comp.evidence if e.about in _EDGES and e.target == target]
        return _only_weak(edge)
    return None


def _only_weak(found: list[Evidence]) -> Evidence | None:
    """The first of ``found`` when every one is weak (None when empty or any is firm)."""
    if found and all(e.strength in WEAK_STRENGTHS for e in found):
        return found[0]
    return None


def with_evidence(edges: tuple[Edge, ...], project: Project) -> tuple[Edge, ...]:
    """The report's edges, each with the evidence its source component recorded for it."""
    recorded: dict[tuple[str, str], list[Evidence]] = {}
    for comp in project.components:
        for found in comp.evidence:
            if found.about in EDGE_EVIDENCE:
                recorded.setdefault((comp.id, found.target), []).append(found)
    if not recorded:
        return edges
    return tuple(
        replace(edge, evidence=tuple(recorded[edge.source, edge.target]))
        if (edge.source, edge.target) in recorded
        else edge
        for edge in edges
    )
