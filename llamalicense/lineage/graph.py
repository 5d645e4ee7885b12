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

from dataclasses import dataclass
from typing import TYPE_CHECKING

from llamalicense.catalog.data import LICENSE_IDS, Catalog, Release, is_meta_namespace
from llamalicense.errors import ManifestError
from llamalicense.model.findings import Edge
from llamalicense.model.project import Component, Project
from llamalicense.speed.frozen import build

if TYPE_CHECKING:  # networkx is imported when the graph is asked for (startup time)
    import networkx as nx

MATERIALS = "materials"
OUTPUTS = "outputs"
_Hop = tuple[int, str | None, str | None]  # (length, next component id, kind at next)
# The tables of a component nothing reaches, shared (they are only ever read).
_NO_HOPS: dict[tuple[str, str], _Hop] = {}
_NO_FLAGS: dict[str, bool] = {}


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

    ``graph`` is the ``networkx.DiGraph``, built on first use (networkx is imported then);
    the facts below are computed from plain adjacency lists of the same edges, which is
    several times faster on large manifests. The edges are the report's :class:`Edge`
    objects, made once.
    """

    def __init__(self, project: Project, catalog: Catalog) -> None:
        self.project = project
        self.catalog = catalog
        self.components: dict[str, Component] = {}
        with_ref: list[Component] = []
        self._graph: nx.DiGraph | None = None
        self._out, in_order = _adjacency(project, self.components, with_ref)
        self._in: dict[str, list[Edge]] | None = None
        self._order = list(self._out) if in_order else _dependency_order(self._out)
        if self._order is None:
            _check_acyclic(self.graph, project)  # names the cycle
            raise AssertionError("unreachable: the graph has a cycle")  # pragma: no cover
        self._licenses: dict[str, tuple[str, ...]] = {}
        self._reaches: dict[tuple[str, str, str], Reach | None] = {}  # asked per rule and fact
        self.releases: dict[str, Release] = {}
        self.unknown_refs: dict[str, str] = {}
        for comp in with_ref:
            assert comp.ref is not None
            release = catalog.lookup(comp.ref)
            if release is not None:
                self.releases[comp.id] = release
            elif is_meta_namespace(comp.ref):
                self.unknown_refs[comp.id] = comp.ref
        self._hops: dict[str, dict[tuple[str, str], _Hop]] = {}
        self._multimodal: dict[str, dict[str, bool]] = {}
        self._propagate()

    # -- construction -------------------------------------------------------------

    @property
    def graph(self) -> nx.DiGraph:
        """The lineage as a ``networkx.DiGraph`` (nodes: component ids; edges: ``kind``)."""
        if self._graph is None:
            self._graph = _build_graph(self.project)
        return self._graph

    def _propagate(self) -> None:
        # Any order with every component after what it depends on gives the same result:
        # each node's hops depend only on its targets, visited in sorted order.
        assert self._order is not None
        all_hops, all_multimodal, releases = self._hops, self._multimodal, self.releases
        all_licenses, out = self._licenses, self._out
        for node in self._order:
            release = releases.get(node)
            edges = out[node]
            if release is None and len(edges) < 2:
                if not edges or not all_hops[edges[0].target]:  # nothing reaches it
                    all_hops[node], all_multimodal[node], all_licenses[node] = (
                        _NO_HOPS,
                        _NO_FLAGS,
                        (),
                    )
                else:  # the usual case: one edge, and what reaches it, reaches its target
                    self._one_edge(node, edges[0])
                continue
            hops: dict[tuple[str, str], _Hop] = {}
            multimodal: dict[str, bool] = {}
            if release is not None:
                hops[(release.license, MATERIALS)] = (0, None, None)
                multimodal[release.license] = release.modality == "multimodal"
            for out_edge in edges:
                target, edge = out_edge.target, out_edge.kind
                via_outputs = _via_outputs(out_edge)
                for (license_id, kind), (length, _, _) in all_hops[target].items():
                    new_kind = OUTPUTS if via_outputs or kind == OUTPUTS else MATERIALS
                    key = (license_id, new_kind)
                    old = hops.get(key)
                    # Shortest first, then the smallest next id (see _hop_order).
                    if old is None or (length + 1, target) < (old[0], old[1] or ""):
                        hops[key] = (length + 1, target, kind)
                if edge == "derived_from" and not via_outputs:
                    for license_id, flag in all_multimodal[target].items():
                        multimodal[license_id] = multimodal.get(license_id, False) or flag
            all_hops[node] = hops
            all_multimodal[node] = multimodal
            present = {license_id for license_id, _ in hops}
            if len(present) < 2:
                all_licenses[node] = tuple(present)
            else:
                all_licenses[node] = tuple(v for v in LICENSE_IDS if v in present)

    def _one_edge(self, node: str, out_edge: Edge) -> None:
        """What the loop in _propagate gives a node that is no release and has one edge: its
        target's versions (the same tuple) and multimodal flags (the same dict, over a
        derivation), and a hop to the target for each of the target's hops."""
        target = out_edge.target
        target_hops = self._hops[target]
        if _via_outputs(out_edge):
            hops: dict[tuple[str, str], _Hop] = {}
            for (license_id, kind), (length, _, _) in target_hops.items():
                old = hops.get((license_id, OUTPUTS))
                if old is None or length + 1 < old[0]:  # the same target: shortest, then first
                    hops[(license_id, OUTPUTS)] = (length + 1, target, kind)
            self._multimodal[node] = _NO_FLAGS
        else:
            hops = {
                key: (length + 1, target, key[1]) for key, (length, _, _) in target_hops.items()
            }
            derived = out_edge.kind == "derived_from"
            self._multimodal[node] = self._multimodal[target] if derived else _NO_FLAGS
        self._hops[node] = hops
        self._licenses[node] = self._licenses[target]

    # -- queries ------------------------------------------------------------------

    def licenses(self, component_id: str) -> tuple[str, ...]:
        """The Llama versions that reach this component, in version order."""
        return self._licenses[component_id]

    def reaches(self, component_id: str, license_id: str, kind: str) -> bool:
        """Whether ``reach`` finds a path (without making it)."""
        return (license_id, kind) in self._hops[component_id]

    def reach(self, component_id: str, license_id: str, kind: str) -> Reach | None:
        key = (component_id, license_id, kind)
        if key in self._reaches:
            return self._reaches[key]
        found = self._reaches[key] = self._reach(component_id, license_id, kind)
        return found

    def _reach(self, component_id: str, license_id: str, kind: str) -> Reach | None:
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
        if entry.casefold() != release.id.casefold():
            path.append(release.id)  # the release, unless the entry is named by its Hub id
        return build(Reach, license=license_id, kind=kind, path=tuple(path), release=release.id)

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
        assert self._order is not None
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


def _hop_order(hop: _Hop) -> tuple[int, str]:
    return hop[0], hop[1] or ""


def _adjacency(
    project: Project, components: dict[str, Component], with_ref: list[Component]
) -> tuple[dict[str, list[Edge]], bool]:
    """Each component's edges, sorted by target: the edges (and edge data) of
    :func:`_build_graph`, where a second reference to the same target updates the first
    (its kind; a relation, once given, stays); and whether the listing order is already a
    dependency order (every component after what it refers to), as it usually is.

    The same pass (one over 100,000s of components costs mostly memory reads) fills
    ``components`` (by id) and ``with_ref`` (those with a ``ref``).
    """
    out: dict[str, list[Edge]] = {}
    extra: list[str] = []
    in_order = True
    for comp in project.components:
        source = comp.id
        components[source] = comp
        if comp.ref is not None:
            with_ref.append(comp)
        derived, trained, generated, contains = (
            comp.derived_from,
            comp.trained_on,
            comp.generated_by,
            comp.contains,
        )
        count = len(derived) + len(trained) + len(generated) + len(contains)
        if count < 2:  # the usual cases, made directly
            if count == 0:
                out[source] = []
                continue
            if derived:
                target, kind, relation = derived[0].id, "derived_from", derived[0].relation
            else:
                kind = "trained_on" if trained else "generated_by" if generated else "contains"
                target, relation = (trained or generated or contains)[0], None
            in_order = in_order and target in out  # listed before this one
            out[source] = [
                build(Edge, source=source, target=target, kind=kind, relation=relation, evidence=())
            ]
            extra.append(target)
            continue
        edges: dict[str, tuple[str, str | None]] = {}
        for derivation in derived:
            edges[derivation.id] = ("derived_from", derivation.relation)
        for kind, targets in (
            ("trained_on", trained),
            ("generated_by", generated),
            ("contains", contains),
        ):
            for target in targets:
                old = edges.get(target)
                edges[target] = (kind, old[1] if old else None)
        in_order = in_order and all(target in out for target in edges)
        out[source] = [
            build(Edge, source=source, target=target, kind=kind, relation=relation, evidence=())
            for target, (kind, relation) in sorted(edges.items())
        ]
        extra.extend(edges)
    for target in extra:  # only a malformed project refers to a non-component
        if target not in out:
            out[target] = []
            in_order = False
    return out, in_order


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


def _build_graph(project: Project) -> nx.DiGraph:
    import networkx as nx

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
    import networkx as nx

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
