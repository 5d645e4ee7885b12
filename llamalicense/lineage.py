"""The lineage graph and the facts it gives about each component.

Nodes are component ids. An edge ``u -> v`` says *u depends on v* and carries its kind:
``derived_from`` (with the relation), ``trained_on``, ``generated_by`` or ``contains``.
A component with a ``ref`` to an official release is where a Llama version enters.

For every component and every Llama version we find the shortest path to a release of that
version, in two kinds:

* ``materials``: only ``derived_from`` and ``contains`` hops - the component is, or holds, the
  Llama Materials or a derivative work of them;
* ``outputs``: at least one ``generated_by`` hop or ``distill`` relation - Llama outputs or
  results reached it (synthetic data, distillation), but not the materials themselves.

One pass over the graph in dependency order computes this for every node (dynamic
programming with next-hop pointers), so a 100,000-component manifest stays linear.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from llamalicense.catalog import LICENSE_IDS, Catalog, Release, is_meta_namespace
from llamalicense.errors import ManifestError
from llamalicense.model import Component, Project

MATERIALS = "materials"
OUTPUTS = "outputs"
_Hop = tuple[int, str | None, str | None]  # (length, next component id, kind at next)


@dataclass(frozen=True)
class Reach:
    """How one Llama version reaches a component."""

    license: str
    kind: str  # materials | outputs
    path: tuple[str, ...]  # component ids from this one down to the entry, then the release id
    release: str


class Lineage:
    """The graph plus per-component facts derived from it."""

    def __init__(self, project: Project, catalog: Catalog) -> None:
        self.project = project
        self.catalog = catalog
        self.components = {c.id: c for c in project.components}
        self.graph = _build_graph(project)
        _check_acyclic(self.graph, project)
        self.releases: dict[str, Release] = {}
        self.unknown_refs: dict[str, str] = {}
        for comp in project.components:
            if comp.ref is None:
                continue
            release = catalog.lookup(comp.ref)
            if release is not None:
                self.releases[comp.id] = release
            elif is_meta_namespace(comp.ref):
                self.unknown_refs[comp.id] = comp.ref
        self._hops: dict[str, dict[tuple[str, str], _Hop]] = {}
        self._multimodal: dict[str, dict[str, bool]] = {}
        self._propagate()

    # -- construction -------------------------------------------------------------

    def _propagate(self) -> None:
        order = list(nx.lexicographical_topological_sort(self.graph))
        for node in reversed(order):
            hops: dict[tuple[str, str], _Hop] = {}
            multimodal: dict[str, bool] = {}
            release = self.releases.get(node)
            if release is not None:
                hops[(release.license, MATERIALS)] = (0, None, None)
                multimodal[release.license] = release.modality == "multimodal"
            for _, target, data in sorted(self.graph.out_edges(node, data=True)):
                edge = data["kind"]
                # Distillation trains a student on the teacher's outputs: outputs, not weights.
                via_outputs = edge == "generated_by" or data.get("relation") == "distill"
                for (license_id, kind), (length, _, _) in self._hops[target].items():
                    new_kind = OUTPUTS if via_outputs or kind == OUTPUTS else MATERIALS
                    candidate: _Hop = (length + 1, target, kind)
                    key = (license_id, new_kind)
                    if key not in hops or _hop_order(candidate) < _hop_order(hops[key]):
                        hops[key] = candidate
                if edge == "derived_from" and not via_outputs:
                    for license_id, flag in self._multimodal[target].items():
                        multimodal[license_id] = multimodal.get(license_id, False) or flag
            self._hops[node] = hops
            self._multimodal[node] = multimodal

    # -- queries ------------------------------------------------------------------

    def licenses(self, component_id: str) -> tuple[str, ...]:
        """The Llama versions that reach this component, in version order."""
        present = {license_id for license_id, _ in self._hops[component_id]}
        return tuple(v for v in LICENSE_IDS if v in present)

    def reach(self, component_id: str, license_id: str, kind: str) -> Reach | None:
        hop = self._hops[component_id].get((license_id, kind))
        if hop is None:
            return None
        path = [component_id]
        node, node_kind = hop[1], hop[2]
        while node is not None and node_kind is not None:
            path.append(node)
            _, node, node_kind = self._hops[node][(license_id, node_kind)]
        entry = path[-1]
        release = self.releases[entry]
        return Reach(license_id, kind, (*path, release.id), release.id)

    def best_reach(self, component_id: str, license_id: str) -> Reach | None:
        """Materials if they reach the component, else outputs."""
        return self.reach(component_id, license_id, MATERIALS) or self.reach(
            component_id, license_id, OUTPUTS
        )

    def multimodal(self, component_id: str, license_id: str) -> bool:
        comp = self.components[component_id]
        if comp.modality is not None:
            return comp.modality == "multimodal"
        return self._multimodal[component_id].get(license_id, False)

    def depends_on(self, component_id: str) -> list[str]:
        """Everything this component is built from, directly or not (sorted)."""
        return sorted(nx.descendants(self.graph, component_id))

    def dependents(self, component_id: str) -> list[str]:
        """Everything built from this component, directly or not (sorted)."""
        return sorted(nx.ancestors(self.graph, component_id))

    def contained_in(self, component_id: str) -> list[str]:
        """Products (or models) that contain this component, directly or not."""
        seen: set[str] = set()
        stack = [component_id]
        while stack:
            node = stack.pop()
            for source, _, data in self.graph.in_edges(node, data=True):
                if data["kind"] == "contains" and source not in seen:
                    seen.add(source)
                    stack.append(source)
        return sorted(seen)

    def edges(self) -> Iterable[tuple[str, str, dict[str, str]]]:
        return sorted(self.graph.edges(data=True))


def _hop_order(hop: _Hop) -> tuple[int, str]:
    return hop[0], hop[1] or ""


def _build_graph(project: Project) -> nx.DiGraph:
    graph = nx.DiGraph()
    for comp in project.components:
        graph.add_node(comp.id, type=comp.type)
    for comp in project.components:
        for derivation in comp.derived_from:
            graph.add_edge(
                comp.id, derivation.id, kind="derived_from", relation=derivation.relation
            )
        for kind in ("trained_on", "generated_by", "contains"):
            for target in _targets(comp, kind):
                graph.add_edge(comp.id, target, kind=kind)
    return graph


def _targets(comp: Component, kind: str) -> tuple[str, ...]:
    value: tuple[str, ...] = getattr(comp, kind)
    return value


def _check_acyclic(graph: nx.DiGraph, project: Project) -> None:
    if nx.is_directed_acyclic_graph(graph):
        return
    cycle = nx.find_cycle(graph)
    start = min(edge[0] for edge in cycle)
    # Print the cycle from its smallest id so the message is the same on every run.
    ordered = (
        cycle[[edge[0] for edge in cycle].index(start) :]
        + cycle[: [edge[0] for edge in cycle].index(start)]
    )
    chain = " -> ".join(
        [ordered[0][0]] + [f"({graph.edges[e[0], e[1]]['kind']}) {e[1]}" for e in ordered]
    )
    comp = project.component(start)
    raise ManifestError(
        f"dependency cycle: {chain}",
        file=project.manifest,
        line=comp.line,
        json_path=f"$.components[{[c.id for c in project.components].index(start)}]",
        hint="a component cannot be built from itself; remove one of these references",
    )


def check_acyclic(project: Project) -> None:
    """Raise :class:`ManifestError` naming the cycle if the components depend on themselves."""
    _check_acyclic(_build_graph(project), project)
