"""``--format dot``: the lineage graph in Graphviz DOT, coloured by worst finding.

Every string is written by :func:`_q`: cleaned (:func:`llamalicense.safetext.clean`), then
quoted the way DOT reads it (``\\`` and ``\"``), so a name cannot end its string early;
line breaks inside a label are DOT's own ``\n`` between parts.
"""

from __future__ import annotations

from llamalicense.model.findings import Report
from llamalicense.report.formats import RenderOptions
from llamalicense.safetext import clean

_RANK = {"violation": 0, "needs-review": 1, "waived": 2, "pass": 3, "not-applicable": 4}
_FILL = {
    "violation": "#ffdddd",
    "needs-review": "#fff3c4",
    "waived": "#ddeeff",
    "pass": "#ddffdd",
    "not-applicable": "#ffffff",
}
_SHAPE = {"model": "box", "dataset": "cylinder", "product": "component"}


def _q(*parts: str) -> str:
    """A DOT quoted string of ``parts``, one line each in a label."""
    quoted = (clean(p).replace("\\", "\\\\").replace('"', '\\"') for p in parts)
    return '"' + "\\n".join(quoted) + '"'


def render(report: Report, options: RenderOptions) -> str:
    del options
    worst: dict[str, str] = {}
    counts: dict[str, list[str]] = {}
    for finding in report.findings:
        current = worst.get(finding.component)
        if current is None or _RANK[finding.status] < _RANK[current]:
            worst[finding.component] = finding.status
        if finding.status in ("violation", "needs-review"):
            counts.setdefault(finding.component, []).append(f"{finding.status}: {finding.rule}")
    lines = ["digraph lineage {", "  rankdir=LR;", '  node [fontname="Helvetica"];']
    for comp in report.components:
        status = worst.get(comp.id, "not-applicable")
        label = [comp.id]
        if comp.name and comp.name != comp.id:
            label.append(comp.name)
        if comp.licenses:
            label.append(", ".join(comp.licenses))
        tooltip = "; ".join(counts.get(comp.id, [])) or status
        lines.append(
            f"  {_q(comp.id)} [label={_q(*label)}, "
            f"shape={_SHAPE.get(comp.type, 'box')}, style=filled, fillcolor={_q(_FILL[status])}, "
            f"tooltip={_q(tooltip)}];"
        )
        if comp.release:
            lines.append(f'  {_q(comp.release)} [shape=note, style=filled, fillcolor="#eeeeee"];')
            lines.append(f'  {_q(comp.id)} -> {_q(comp.release)} [label="ref", style=dashed];')
    for edge in report.edges:
        kind = edge.kind + (f" ({edge.relation})" if edge.relation else "")
        lines.append(f"  {_q(edge.source)} -> {_q(edge.target)} [label={_q(kind)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"
