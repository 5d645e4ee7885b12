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
programming: :meth:`Lineage._propagate`, the same step for both kinds): a node's path is the
node followed by the best of its targets' paths, made once and shared by every finding that
shows it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, NoReturn

from llamalicense.catalog.data import LICENSE_IDS, Catalog, Release
from llamalicense.errors import ManifestError
from llamalicense.lineage.refs import resolve_refs
from llamalicense.model.findings import Edge
from llamalicense.model.project import Component, Note, Project

if TYPE_CHECKING:  # networkx is imported when the graph is asked for (startup time)
    import networkx as nx

MATERIALS = "materials"
OUTPUTS = "outputs"
# Component ids from a component down to where a version enters (the entry, last).
_Path = tuple[str, ...]


@dataclass(frozen=True)
class Reach:
    """How one Llama version reaches a component."""

    license: str
    kind: str  # materials | outputs
    # Component ids from this one down to the entry, then the release id (unless the entry's
    # id is the release's Hub id, as for bases imported from model cards).
    path: tuple[str, ...]
    release: str


class Lineage:
    """The graph plus per-component facts derived from it.

    The edges are the report's :class:`Edge` objects, made once, in plain adjacency lists
    (``out_edges``); the facts below come from them, and so does ``graph``, the
    ``networkx.DiGraph`` made on first use (networkx is imported then).
    """

    def __init__(self, project: Project, catalog: Catalog) -> None:
        self.project = project
        self.catalog = catalog
        self.components: dict[str, Component] = {comp.id: comp for comp in project.components}
        self._out = _adjacency(project)
        self._in: dict[str, list[Edge]] | None = None
        self._graph: nx.DiGraph | None = None
        order = _dependency_order(self._out)
        if order is None:
            _raise_cycle(self._out, project)
        self._order: list[str] = order
        # Each ref read as a card's base_model is (lineage.refs); ref_notes: what was read.
        self.releases: dict[str, Release]
        self.ref_notes: dict[str, Note]
        with_ref = [comp for comp in project.components if comp.ref is not None]
        self.releases, self.ref_notes = resolve_refs(with_ref, catalog)
        # The reaches of the component last asked about (asked per rule and fact), by
        # (version, kind): one component's at a time, not every component's (at 100,000
        # components those took about 50 MB until the end of the check).
        self._reaches: dict[tuple[str, str], Reach | None] = {}
        self._reaches_of: str | None = None
        self._paths: dict[str, dict[tuple[str, str], _Path]] = {}
        self._multimodal: dict[str, dict[str, bool]] = {}
        self._licenses: dict[str, tuple[str, ...]] = {}
        for node in self._order:
            self._propagate(node)

    # -- construction -------------------------------------------------------------

    @property
    def graph(self) -> nx.DiGraph:
        """The lineage as a ``networkx.DiGraph`` (nodes: component ids; edges: ``kind``)."""
        if self._graph is None:
            self._graph = _networkx(self._out, self.project)
        return self._graph

    def _propagate(self, node: str) -> None:
        """The shortest paths of ``node`` to each version's releases, in both kinds, from its
        targets' (visited before it); and its multimodal flags and versions.

        A hop over an edge that passes only outputs (:func:`_via_outputs`) makes an
        ``outputs`` path of any path beyond it; other hops keep the kind of the path beyond.
        Among equal lengths the smallest next id wins, so the result does not depend on the
        order nodes are visited in (any order with each node after its targets)."""
        beyond: dict[tuple[str, str], _Path] = {}  # the best target's path, per key
        multimodal: dict[str, bool] = {}
        release = self.releases.get(node)
        if release is not None:
            beyond[(release.license, MATERIALS)] = ()
            multimodal[release.license] = release.modality == "multimodal"
        for edge in self._out[node]:
            via_outputs = _via_outputs(edge)
            for (license_id, kind), path in self._paths[edge.target].items():
                key = (license_id, OUTPUTS if via_outputs else kind)
                old = beyond.get(key)
                if old is None or (old and (len(path), edge.target) < (len(old), old[0])):
                    beyond[key] = path
            if edge.kind == "derived_from" and not via_outputs:
                for license_id, flag in self._multimodal[edge.target].items():
                    multimodal[license_id] = multimodal.get(license_id, False) or flag
        self._paths[node] = {key: (node, *path) for key, path in beyond.items()}
        self._multimodal[node] = multimodal
        present = {license_id for license_id, _ in beyond}
        self._licenses[node] = tuple(v for v in LICENSE_IDS if v in present)

    # -- queries ------------------------------------------------------------------

    def licenses(self, component_id: str) -> tuple[str, ...]:
        """The Llama versions that reach this component, in version order."""
        return self._licenses[component_id]

    def reaches(self, component_id: str, license_id: str, kind: str) -> bool:
        """Whether ``reach`` finds a path (without making it)."""
        return (license_id, kind) in self._paths[component_id]

    def reach(self, component_id: str, license_id: str, kind: str) -> Reach | None:
        if component_id != self._reaches_of:
            self._reaches.clear()
            self._reaches_of = component_id
        key = (license_id, kind)
        if key in self._reaches:
            return self._reaches[key]
        found = self._reaches[key] = self._reach(component_id, license_id, kind)
        return found

    def _reach(self, component_id: str, license_id: str, kind: str) -> Reach | None:
        path = self._paths[component_id].get((license_id, kind))
        if path is None:
            return None
        release = self.releases[path[-1]]
        if path[-1].casefold() != release.id.casefold():
            path = (*path, release.id)  # the release, unless the entry is named by its Hub id
        return Reach(license=license_id, kind=kind, path=path, release=release.id)

    def best_reach(self, component_id: str, license_id: str) -> Reach | None:
        """Materials if they reach the component, else outputs."""
        return self.reach(component_id, license_id, MATERIALS) or self.reach(
            component_id, license_id, OUTPUTS
        )

    def multimodal(self, component_id: str, license_id: str) -> bool:
        """Derived from a multimodal release of this version (the release decides, not what a
        derivative declares), or declared multimodal."""
        if self._multimodal[component_id].get(license_id, False):
            return True
        return self.components[component_id].modality == "multimodal"

    def depends_on(self, component_id: str) -> list[str]:
        """Everything this component is built from, directly or not (sorted)."""
        return sorted(_reachable(component_id, self._out, None))

    def dependents(self, component_id: str) -> list[str]:
        """Everything built from this component, directly or not (sorted)."""
        return sorted(_reachable(component_id, self._incoming(), None, backwards=True))

    def contained_in(self, component_id: str) -> list[str]:
        """Products (or models) that contain this component, directly or not."""
        return sorted(_reachable(component_id, self._incoming(), "contains", backwards=True))

    def edges(self) -> list[Edge]:
        """Every edge, by source id, then target id."""
        out = self._out
        return [edge for source in sorted(out) for edge in out[source]]

    def out_edges(self, component_id: str) -> list[Edge]:
        """The component's own edges (to what it depends on), by target id."""
        return self._out[component_id]

    @property
    def order(self) -> list[str]:
        """Every component after all the components it depends on."""
        return self._order

    def _incoming(self) -> dict[str, list[Edge]]:
        if self._in is None:
            incoming: dict[str, list[Edge]] = {n: [] for n in self._out}
            for targets in self._out.values():
                for edge in targets:
                    incoming[edge.target].append(edge)
            self._in = incoming
        return self._in


def _via_outputs(edge: Edge) -> bool:
    """Whether only outputs pass along ``edge``: generated data, or distillation (which trains
    a student on the teacher's outputs, not its weights)."""
    return edge.kind == "generated_by" or edge.relation == "distill"


def _adjacency(project: Project) -> dict[str, list[Edge]]:
    """Each component's edges to what it depends on, by target id. A component that refers
    to the same target twice has one edge: the later reference gives its kind (the order is
    derived_from, trained_on, generated_by, contains), a relation once given stays. A target
    that is no component (only in a malformed project) gets an entry without edges."""
    out: dict[str, list[Edge]] = {}
    for comp in project.components:
        edges: dict[str, tuple[str, str | None]] = {}
        for derivation in comp.derived_from:
            edges[derivation.id] = ("derived_from", derivation.relation)
        for kind, targets in (
            ("trained_on", comp.trained_on),
            ("generated_by", comp.generated_by),
            ("contains", comp.contains),
        ):
            for target in targets:
                old = edges.get(target)
                edges[target] = (kind, old[1] if old else None)
        out[comp.id] = [
            Edge(source=comp.id, target=target, kind=kind, relation=relation)
            for target, (kind, relation) in sorted(edges.items())
        ]
    for edges_of in list(out.values()):
        for edge in edges_of:
            out.setdefault(edge.target, [])
    return out


def _dependency_order(out: dict[str, list[Edge]]) -> list[str] | None:
    """Every node after all the nodes it has edges to, or None when there is a cycle."""
    waiting = {node: len(targets) for node, targets in out.items()}
    users: dict[str, list[str]] = {node: [] for node in out}
    for node, targets in out.items():
        for edge in targets:
            users[edge.target].append(node)
    order = [node for node, count in waiting.items() if count == 0]
    for node in order:  # grows while we walk it
        for user in users[node]:
            waiting[user] -= 1
            if waiting[user] == 0:
                order.append(user)
    return order if len(order) == len(out) else None


def _reachable(
    start: str, adjacency: dict[str, list[Edge]], kind: str | None, *, backwards: bool = False
) -> set[str]:
    """Nodes reachable from ``start`` (not itself, unless on a cycle) over ``kind`` edges,
    followed to their targets, or (``backwards``, over incoming edges) to their sources."""
    seen: set[str] = set()
    stack = [start]
    while stack:
        for edge in adjacency[stack.pop()]:
            other = edge.source if backwards else edge.target
            if other not in seen and (kind is None or edge.kind == kind):
                seen.add(other)
                stack.append(other)
    return seen


def _networkx(out: dict[str, list[Edge]], project: Project) -> nx.DiGraph:
    """The edges as a ``networkx.DiGraph``: nodes carry the component's ``type``, edges their
    ``kind`` and, for a derivation, its ``relation``."""
    import networkx as nx

    graph = nx.DiGraph()
    for comp in project.components:
        graph.add_node(comp.id, type=comp.type)
    for edges in out.values():
        for edge in edges:
            if edge.relation is None:
                graph.add_edge(edge.source, edge.target, kind=edge.kind)
            else:
                graph.add_edge(edge.source, edge.target, kind=edge.kind, relation=edge.relation)
    return graph


def _raise_cycle(out: dict[str, list[Edge]], project: Project) -> NoReturn:
    """Raise :class:`ManifestError` naming a cycle of the graph ``out`` (which has one)."""
    import networkx as nx

    graph = _networkx(out, project)
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
    out = _adjacency(project)
    if _dependency_order(out) is None:
        _raise_cycle(out, project)
