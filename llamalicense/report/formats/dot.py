"""``--format dot``: the lineage graph in Graphviz DOT, coloured by worst finding."""

from __future__ import annotations

import json

from llamalicense.model.findings import Report
from llamalicense.report.formats import RenderOptions

_RANK = {"violation": 0, "needs-review": 1, "waived": 2, "pass": 3, "not-applicable": 4}
_FILL = {
    "violation": "#ffdddd",
    "needs-review": "#fff3c4",
    "waived": "#ddeeff",
    "pass": "#ddffdd",
    "not-applicable": "#ffffff",
}
_SHAPE = {"model": "box", "dataset": "cylinder", "product": "component"}


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


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
        label = comp.id + (f"\\n{comp.name}" if comp.name and comp.name != comp.id else "")
        if comp.licenses:
            label += "\\n" + ", ".join(comp.licenses)
        tooltip = "; ".join(counts.get(comp.id, [])) or status
        lines.append(
            f"  {_q(comp.id)} [label={_q(label).replace(chr(92) * 2, chr(92))}, "
            f"shape={_SHAPE.get(comp.type, 'box')}, style=filled, fillcolor={_q(_FILL[status])}, "
            f"tooltip={_q(tooltip)}];"
        )
        if comp.release:
            lines.append(f'  {_q(comp.release)} [shape=note, style=filled, fillcolor="#eeeeee"];')
            lines.append(f'  {_q(comp.id)} -> {_q(comp.release)} [label="ref", style=dashed];')
    for edge in report.edges:
        label = edge.kind + (f" ({edge.relation})" if edge.relation else "")
        lines.append(f"  {_q(edge.source)} -> {_q(edge.target)} [label={_q(label)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"
