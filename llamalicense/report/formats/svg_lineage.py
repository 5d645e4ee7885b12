"""The lineage as inline SVG, for ``--format html``: components and the official releases
they come from, drawn in columns (a product on the left, the releases on the right), with
the paths behind open findings highlighted.

No layout library serves here: Graphviz is an external program (``--format dot`` is for
it), and an HTML report must be one self-contained file. The layout is a layered one:
each node's column is its longest distance from a release (one pass in topological order,
so linear in nodes and edges), and each column is ordered by where its nodes' parents sit
(one sweep). Every name drawn is escaped; labels are cut to fit, with the full name in a
``<title>`` the browser shows on hover.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from html import escape
from itertools import pairwise

from llamalicense.model.findings import STATUS_RANK, Finding, Report, Status
from llamalicense.safetext import clean

# Nodes drawn at most; a larger lineage is drawn as the part on open findings' paths, and
# the figure says how much was left out.
MAX_NODES = 300
# Open findings whose own path is drawn as an overlay (shown when the finding's link is
# followed: CSS :target, no script).
MAX_TRACES = 500

_WIDTH, _HEIGHT = 210, 34  # one node's box
_COLUMN, _ROW = 290, 54  # distance between columns, between rows
_MARGIN = 16
_LABEL = 30  # characters of a label before it is cut
OPEN = ("violation", "needs-review")


# The arrowhead every figure of the page uses: put once in the page, before the figures.
DEFS = (
    '<svg class="defs" xmlns="http://www.w3.org/2000/svg" width="0" height="0" '
    'aria-hidden="true"><defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" '
    'markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" '
    'orient="auto-start-reverse"><path '
    'd="M 0 0 L 10 5 L 0 10 z" fill="#667085"/></marker></defs></svg>'
)


@dataclass(frozen=True)
class Layout:
    """Where each node sits, and the edges between drawn nodes."""

    position: dict[str, tuple[int, int]]  # node -> (x, y) of its box's top-left corner
    edges: list[tuple[str, str]]
    width: int
    height: int
    left_out: int  # nodes not drawn (past MAX_NODES)


def graph_edges(report: Report) -> list[tuple[str, str]]:
    """Each edge of the lineage (component to component, component to its release)."""
    edges = [(e.source, e.target) for e in report.edges]
    edges += [(c.id, c.release) for c in report.components if c.release]
    return sorted(set(edges))


def layout(nodes: Iterable[str], edges: Sequence[tuple[str, str]]) -> Layout:
    """A layered layout of ``nodes`` (at most MAX_NODES of them: the rest are counted)."""
    every = sorted(set(nodes))
    kept = set(every[:MAX_NODES])
    drawn = [(a, b) for a, b in edges if a in kept and b in kept and a != b]
    children: dict[str, list[str]] = defaultdict(list)
    parents: dict[str, list[str]] = defaultdict(list)
    for a, b in drawn:
        children[a].append(b)
        parents[b].append(a)
    depth = _depths(sorted(kept), children, parents)
    deepest = max(depth.values(), default=0)
    columns: dict[int, list[str]] = defaultdict(list)
    for node in sorted(kept):
        columns[deepest - depth[node]].append(node)
    row: dict[str, float] = {}
    for index in sorted(columns):
        column = columns[index]
        if index:  # by the mean row of the parents already placed; then by name
            column.sort(key=lambda n: (_mean(row, parents[n]), n))
        for place, node in enumerate(column):
            row[node] = place
    position = {
        node: (_MARGIN + index * _COLUMN, _MARGIN + int(row[node]) * _ROW)
        for index, column in columns.items()
        for node in column
    }
    tallest = max((len(c) for c in columns.values()), default=0)
    return Layout(
        position=position,
        edges=drawn,
        width=2 * _MARGIN + max(len(columns) - 1, 0) * _COLUMN + _WIDTH,
        height=2 * _MARGIN + max(tallest - 1, 0) * _ROW + _HEIGHT,
        left_out=len(every) - len(kept),
    )


def _depths(
    nodes: list[str], children: Mapping[str, list[str]], parents: Mapping[str, list[str]]
) -> dict[str, int]:
    """Each node's longest distance to a node without children (Kahn's order from the
    sinks, so each edge is seen once; a node on a cycle, which a checked lineage never
    has, stays at 0)."""
    left = {node: len(children.get(node, ())) for node in nodes}
    depth = dict.fromkeys(nodes, 0)
    ready = deque(node for node in nodes if left[node] == 0)
    while ready:
        node = ready.popleft()
        for parent in parents.get(node, ()):
            depth[parent] = max(depth[parent], depth[node] + 1)
            left[parent] -= 1
            if left[parent] == 0:
                ready.append(parent)
    return depth


def _mean(row: Mapping[str, float], parents: list[str]) -> float:
    placed = [row[p] for p in parents if p in row]
    return sum(placed) / len(placed) if placed else float("inf")


def worst_status(findings: Iterable[Finding]) -> dict[str, Status]:
    """Each node's worst open status among the findings whose path goes through it."""
    worst: dict[str, Status] = {}
    for finding in findings:
        if finding.status not in OPEN:
            continue
        for node in finding.path:
            known = worst.get(node)
            if known is None or STATUS_RANK[finding.status] < STATUS_RANK[known]:
                worst[node] = finding.status
    return worst


def path_edges(path: Sequence[str]) -> list[tuple[str, str]]:
    return list(pairwise(path))


def svg(report: Report, traces: Sequence[tuple[str, Finding]]) -> str:
    """The lineage figure: every drawn node and edge, the open paths highlighted (by the
    worst status on them), and one hidden overlay per ``(anchor, finding)`` of ``traces``
    that CSS shows when its anchor is the page's target."""
    edges = graph_edges(report)
    nodes = {c.id for c in report.components} | {b for _, b in edges}
    open_findings = [f for f in report.findings if f.status in OPEN]
    if len(nodes) > MAX_NODES:  # keep what the open findings rest on
        on_paths = {node for f in open_findings for node in f.path}
        nodes = on_paths or nodes
    plan = layout(nodes, edges)
    hot = worst_status(open_findings)
    hot_edges: dict[tuple[str, str], Status] = {}
    for finding in open_findings:
        for edge in path_edges(finding.path):
            known = hot_edges.get(edge)
            if known is None or STATUS_RANK[finding.status] < STATUS_RANK[known]:
                hot_edges[edge] = finding.status
    kinds = {c.id: c.type for c in report.components}
    out = [
        f'<svg class="lineage" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'viewBox="0 0 {plan.width} {plan.height}" width="{plan.width}" '
        f'height="{plan.height}" aria-label="lineage graph">',
        "<title>Lineage: each component and the official Llama releases it comes from</title>",
    ]
    for a, b in plan.edges:
        status = hot_edges.get((a, b))
        css = f"edge hot {status}" if status else "edge"
        out.append(_line(plan.position[a], plan.position[b], css))
    for node, (x, y) in sorted(plan.position.items()):
        status = hot.get(node)
        kind = kinds.get(node, "release")
        css = f"node {kind}" + (f" hot {status}" if status else "")
        out.append(_box(x, y, node, kind, css))
    for anchor, finding in traces[:MAX_TRACES]:
        steps = [e for e in path_edges(finding.path) if e[0] in plan.position]
        steps = [e for e in steps if e[1] in plan.position]
        parts = [_line(plan.position[a], plan.position[b], "trace-edge") for a, b in steps]
        parts += [_outline(plan.position[node]) for node in finding.path if node in plan.position]
        out.append(f'<g class="trace {finding.status}" id="{anchor}">{"".join(parts)}</g>')
    out.append("</svg>")
    note = ""
    if plan.left_out or len(nodes) < len({c.id for c in report.components}):
        drawn = len(plan.position)
        note = (
            f'<p class="note">The lineage has more than {MAX_NODES:,} nodes: {drawn:,} are '
            "drawn, those on the paths of open findings first. The JSON report "
            "(<code>--format json</code>) and <code>--format dot</code> hold every one.</p>"
        )
    return note + "".join(out)


def _line(start: tuple[int, int], end: tuple[int, int], css: str) -> str:
    x1, y1 = start[0] + _WIDTH, start[1] + _HEIGHT // 2
    x2, y2 = end[0], end[1] + _HEIGHT // 2
    if x2 <= x1:  # same or earlier column (a hand-built report): go round below
        x1, x2 = start[0] + _WIDTH // 2, end[0] + _WIDTH // 2
        y1, y2 = start[1] + _HEIGHT, end[1] + _HEIGHT
        middle = max(y1, y2) + _ROW // 2
        return (
            f'<path class="{css}" d="M {x1} {y1} C {x1} {middle} {x2} {middle} {x2} {y2}" '
            'marker-end="url(#arrow)"/>'
        )
    bend = (x1 + x2) // 2
    return (
        f'<path class="{css}" d="M {x1} {y1} C {bend} {y1} {bend} {y2} {x2} {y2}" '
        'marker-end="url(#arrow)"/>'
    )


def _box(x: int, y: int, name: str, kind: str, css: str) -> str:
    label = name if len(name) <= _LABEL else name[: _LABEL - 1] + "\u2026"
    return (
        f'<g class="{_esc(css)}"><title>{_esc(kind)} {_esc(name)}</title>'
        f'<rect x="{x}" y="{y}" width="{_WIDTH}" height="{_HEIGHT}" rx="6"/>'
        f'<text x="{x + 10}" y="{y + 22}">{_esc(label)}</text></g>'
    )


def _outline(position: tuple[int, int]) -> str:
    x, y = position
    return (
        f'<rect class="trace-node" x="{x - 3}" y="{y - 3}" width="{_WIDTH + 6}" '
        f'height="{_HEIGHT + 6}" rx="8"/>'
    )


def chain(path: Sequence[str], status: str) -> str:
    """One finding's path as a row of boxes, from the component to the release."""
    shown = list(path)
    width = 2 * _MARGIN + max(len(shown) - 1, 0) * (_WIDTH + 40) + _WIDTH
    out = [
        f'<svg class="chain" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'viewBox="0 0 {width} {_HEIGHT + 2 * 8}" width="{width}" height="{_HEIGHT + 16}" '
        f'aria-label="path">'
    ]
    for index, node in enumerate(shown):
        x = _MARGIN + index * (_WIDTH + 40)
        out.append(_box(x, 8, node, "on the path", f"node hot {status}"))
        if index:
            out.append(
                f'<path class="edge hot {status}" d="M {x - 40} {8 + _HEIGHT // 2} '
                f'L {x} {8 + _HEIGHT // 2}" marker-end="url(#arrow)"/>'
            )
    out.append("</svg>")
    return "".join(out)


def _esc(text: str) -> str:
    """Input text for the page: cleaned of line breaks, escapes and other controls
    (:func:`llamalicense.safetext.clean`), then HTML-escaped."""
    return escape(clean(text))
