"""``--format markdown``: a GitHub job summary. Verdict first, a table, then a mermaid diagram.

GitHub caps a step summary at 1 MiB; the report stays under :data:`LIMIT` bytes and says
what it cut.

Every piece of input text (ids, names, messages, paths, rule titles) goes through
:func:`text` or, in the diagram, :func:`_label`: cleaned of control characters, every mark
that starts inline markdown escaped (``<`` ``>`` ``&`` ``|`` as entities, the rest with a
backslash),
so a name cannot leave its table cell or code, add a heading, an image or a link.
"""

from __future__ import annotations

import itertools
import re

from llamalicense.model.findings import DISCLAIMER, Finding, Report
from llamalicense.report.formats import RenderOptions
from llamalicense.safetext import clean

LIMIT = 1024 * 1024 - 4096
_ICON = {
    "violation": "\u274c",
    "needs-review": "\u26a0\ufe0f",
    "pass": "\u2705",
    "waived": "\U0001f4dd",
    "not-applicable": "\u2796",
}
_HEADLINE = {
    "compliant": "\u2705 compliant",
    "needs-review": "\u26a0\ufe0f needs review",
    "non-compliant": "\u274c non-compliant",
}


def render(report: Report, options: RenderOptions) -> str:
    del options
    head = [
        f"## llamalicense: {_HEADLINE[report.verdict]}",
        "",
        f"Manifest {code(report.manifest)} \u00b7 " + _summary(report),
        "",
    ]
    if report.verdict == "compliant" and report.rests_on:
        head += [_rests_on(report.rests_on), ""]
    if report.baseline is not None:
        known = f"{report.baseline.get('left_out')} known findings left out"
        head += [f"Baseline {code(str(report.baseline.get('file')))}: {known}.", ""]
    # In sort_key order (as check() gives them; a report built by hand may not be), so
    # violations come first and survive the cut to GitHub's limit.
    shown = sorted(
        (f for f in report.findings if f.status != "not-applicable"), key=Finding.sort_key
    )
    table = ["| | Rule | Clause | Component | Finding |", "|---|---|---|---|---|"]
    rows = [_row(f) for f in shown]
    diagram = _mermaid(report, shown)
    tail = ["", f"_{DISCLAIMER}_", ""]
    body = head + table + rows + ["", *diagram] + tail
    text = "\n".join(body)
    if len(text.encode("utf-8")) <= LIMIT:
        return text
    return _truncate(head, table, rows, diagram, tail)


def _rests_on(parts: tuple[str, ...]) -> str:
    """What a compliant verdict rests on (reviewers' names are input: escaped)."""
    return "Rests on " + text("; ".join(parts)) + "."


def _summary(report: Report) -> str:
    counts = report.counts()
    parts = [f"{counts[s]} {s}" for s in counts if counts[s]]
    return ", ".join(parts) if parts else "no findings"


# The marks that start something inline in GitHub markdown (emphasis, code, links, images,
# HTML, entities, strike-through, table cells, emoji :codes:, mentions, $math$); the text
# sits inside a line, so block marks (#, -, >) at a line's start do not arise.
_PUNCTUATION = re.compile(r"[\\`*_\[\]<>&|!~:@$]")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "&#124;"}
# Values shown as a code span as they are: printable, no backtick (which ends the span)
# and no | (which ends a table cell even inside a span).
_PLAIN_CODE = re.compile(r"[^`|]+")


def _punctuation(match: re.Match[str]) -> str:
    mark = match.group()
    return _ENTITIES.get(mark) or "\\" + mark


def text(value: str) -> str:
    """Input text as literal markdown on one line: cleaned (no line break or control
    character), blanks collapsed, every punctuation mark escaped."""
    return _PUNCTUATION.sub(_punctuation, " ".join(clean(value).split()))


def code(value: str) -> str:
    """Input text shown as code: a code span when it holds nothing that could end one, else
    an HTML ``<code>`` element around :func:`text`."""
    cleaned = clean(value)
    if cleaned == value and _PLAIN_CODE.fullmatch(value) and value.strip() == value:
        return f"`{value}`"
    return f"<code>{text(value)}</code>"


def _row(finding: Finding) -> str:
    clause = " ".join(part for part in (finding.license, finding.clause) if part) or "catalog"
    message = text(finding.message)
    if finding.status in ("violation", "needs-review"):
        message += f"<br>**Fix:** {text(finding.how_to_fix)}"
    return (
        f"| {_ICON[finding.status]} {finding.status} | {code(finding.rule)} | {text(clause)} | "
        f"{code(finding.component)} | {message} |"
    )


def _node(name: str) -> str:
    """A mermaid node id: ASCII letters, digits and ``_`` only."""
    return "n_" + "".join(ch if ch.isascii() and ch.isalnum() else "_" for ch in name)


def _label(name: str) -> str:
    """A mermaid label: every character but letters, digits, blanks and ``._/-`` as a
    mermaid entity code (``#35;``), so no quote, bracket, backtick or fence leaves it."""
    return "".join(
        ch if (ch.isascii() and ch.isalnum()) or ch in " ._/-" else f"#{ord(ch)};"
        for ch in clean(name)
    )


def _mermaid(report: Report, findings: list[Finding]) -> list[str]:
    paths = {f.path for f in findings if f.status in ("violation", "needs-review")}
    if not paths:
        return []
    worst: dict[str, str] = {}
    for finding in findings:
        if finding.status in ("violation", "needs-review") and finding.component not in worst:
            worst[finding.component] = finding.status
    edges: set[tuple[str, str]] = set()
    nodes: set[str] = set()
    for path in paths:
        nodes.update(path)
        edges.update(itertools.pairwise(path))
    lines = ["### Lineage behind the findings", "", "```mermaid", "flowchart LR"]
    for name in sorted(nodes):
        lines.append(f'  {_node(name)}["{_label(name)}"]')
    for source, target in sorted(edges):
        lines.append(f"  {_node(source)} --> {_node(target)}")
    lines.append("  classDef violation fill:#fdd,stroke:#c00")
    lines.append("  classDef review fill:#ffd,stroke:#c90")
    for name, status in sorted(worst.items()):
        css = "violation" if status == "violation" else "review"
        lines.append(f"  class {_node(name)} {css}")
    lines.append("```")
    del report
    return lines


def _truncate(
    head: list[str], table: list[str], rows: list[str], diagram: list[str], tail: list[str]
) -> str:
    budget = LIMIT - len("\n".join(head + table + tail).encode("utf-8")) - 400
    kept: list[str] = []
    for row in rows:
        size = len(row.encode("utf-8")) + 1
        if size > budget:
            break
        kept.append(row)
        budget -= size
    cut = len(rows) - len(kept)
    note = [
        "",
        f"> **Cut to fit GitHub's 1 MiB summary limit:** {cut} of {len(rows)} findings and the "
        "lineage diagram are not shown. `llamalicense check --format json` gives the full report.",
    ]
    del diagram
    return "\n".join(head + table + kept + note + tail)
