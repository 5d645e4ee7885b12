"""A violation that rests only on weak evidence is a review, never a violation.

Components built from a repository's files (not from a manifest) carry the evidence each
fact was read from (:class:`llamalicense.model.project.Evidence`). A rule's violation rests
on the component's name (the "Llama" name prefix), on each edge of its lineage path (the
component is built on, trained on or contains what leads to the release, and so on down the
path: a dataset's generator read from a document is such an edge), and on the component
itself. When the fact it rests on was only read from prose (a README sentence, a model id in
a script) or taken as a fallback (a folder or file name), the finding becomes needs-review,
saying what it rests on and how to make it firm.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from itertools import pairwise

from llamalicense.model.findings import Edge, Finding
from llamalicense.model.project import WEAK_STRENGTHS, Component, Evidence, Project

EDGE_EVIDENCE = frozenset({"derived_from", "trained_on", "contains", "generated_by"})
_EDGES = EDGE_EVIDENCE


def weakened(
    finding: Finding, comp: Component, components: Mapping[str, Component] | None = None
) -> Finding:
    """``finding`` as needs-review when the violation rests only on weak evidence (any hop
    of its lineage path, when ``components`` gives the components along it)."""
    if finding.status != "violation":
        return finding
    weak = _weak_basis(finding, comp) if comp.evidence else None
    if weak is None and components is not None:
        weak = _weak_hop(finding.path, components)
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


def _weak_hop(path: tuple[str, ...], components: Mapping[str, Component]) -> Evidence | None:
    """The weak evidence of a later hop of ``path`` (a dataset's generator read from a
    document, a product's contents read from a script), or None."""
    for source, target in pairwise(path[1:]):
        comp = components.get(source)
        if comp is None or not comp.evidence:
            continue
        weak = _only_weak([e for e in comp.evidence if e.about in _EDGES and e.target == target])
        if weak is not None:
            return weak
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
