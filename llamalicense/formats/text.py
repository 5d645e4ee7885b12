"""``--format text``: for people at a terminal, grouped by component.

Colour only when asked for (the CLI asks on a terminal unless ``NO_COLOR`` is set).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from operator import attrgetter

from llamalicense.formats import RenderOptions
from llamalicense.gcpause import paused
from llamalicense.report import DISCLAIMER, Finding, Report

_COLORS = {
    "violation": "\033[31m",
    "needs-review": "\033[33m",
    "pass": "\033[32m",
    "waived": "\033[36m",
    "not-applicable": "\033[2m",
}
_RESET = "\033[0m"
_LABEL = {
    "violation": "VIOLATION",
    "needs-review": "REVIEW",
    "pass": "PASS",
    "waived": "WAIVED",
    "not-applicable": "N/A",
}


# C0 controls but tab, DEL and C1 controls, each written as \xNN.
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")
_ESCAPES = {code: f"\\x{code:02x}" for code in (*range(0x20), *range(0x7F, 0xA0)) if code != 0x09}


def _clean(text: str) -> str:
    """Names and messages come from user files: never let them drive the terminal."""
    if text.isprintable():  # the common case, decided in C: no control character at all
        return text
    return text if _CONTROL.search(text) is None else text.translate(_ESCAPES)


def render(report: Report, options: RenderOptions) -> str:
    with paused():
        return "".join(render_chunks(report, options))


def render_chunks(report: Report, options: RenderOptions) -> Iterator[str]:
    """The text in pieces (a component's findings each), for writing a large report without
    holding all of it; joined, they are :func:`render`'s text."""
    paint = _painter(options.color)
    yield f"llamalicense {report.tool_version}: {_clean(report.manifest)}\n\n"
    names = dict(zip(map(attrgetter("id"), report.components), report.components, strict=True))
    # Grouped by component, each group in sort_key order (as a stable sort on both would).
    groups: defaultdict[str, list[Finding]] = defaultdict(list)
    for finding in report.findings:
        groups[finding.component].append(finding)
    headers: dict[tuple[str | None, ...], str] = {}  # a rule's header line, per status
    tails: dict[tuple[str, str], str] = {}  # the clause and fix lines
    for component in sorted(groups):
        info = names.get(component)
        licenses = ", ".join(info.licenses) if info and info.licenses else "no Llama version"
        kind = info.type if info else "component"
        lines = [f"{kind} {_clean(component)} ({licenses})"]
        group = groups[component]
        if len(group) > 1:
            group.sort(key=Finding.sort_key)
        for finding in group:
            lines.append(_finding(finding, paint, headers, tails))
        lines.append("\n")  # the group's last line, then a blank line
        yield "\n".join(lines)
    lines = []
    if not report.findings and not report.baseline:
        lines.append("No Llama license duties apply to the components in this manifest.")
        lines.append("")
    counts = report.counts()
    summary = ", ".join(f"{counts[s]} {s}" for s in counts if counts[s])
    lines.append(
        paint(_verdict_status(report.verdict), f"Verdict: {report.verdict}")
        + (f" ({summary})" if summary else "")
    )
    if report.baseline is not None:
        lines.append(_baseline_line(report.baseline))
    lines.append("")
    lines.append(DISCLAIMER)
    lines.append("")  # the final newline
    yield "\n".join(lines)


def _baseline_line(baseline: dict[str, object]) -> str:
    count = baseline.get("left_out")
    known = "known finding was" if count == 1 else "known findings were"
    return f"Baseline {baseline.get('file')}: {count} {known} left out."


def _verdict_status(verdict: str) -> str:
    return {"compliant": "pass", "needs-review": "needs-review"}.get(verdict, "violation")


_INDENT = "\n            "


def _finding(
    finding: Finding,
    paint: _Paint,
    headers: dict[tuple[str | None, ...], str],
    tails: dict[tuple[str, str], str],
) -> str:
    """The finding's lines, as one string: a large report has hundreds of thousands."""
    status = finding.status
    key = (status, finding.rule, finding.license, finding.clause, finding.obligation, finding.title)
    header = headers.get(key)
    if header is None:
        label = paint(status, f"{_LABEL[status]:<9}")
        clause = f"{finding.license} {finding.clause}" if finding.license else "llamalicense"
        header = f"  {label} {finding.rule} [{clause}, {finding.obligation}] {finding.title}"
        headers[key] = header
    message = _clean(finding.message)
    parts = [header, _INDENT, "path: ", _clean(" -> ".join(finding.path)), _INDENT, message]
    if finding.waiver:
        waiver = finding.waiver
        parts.append(
            f"{_INDENT}waived ({waiver.get('was')}): {waiver.get('reason')} "
            f"[approved by {waiver.get('approved_by')}, expires {waiver.get('expires')}]"
        )
    if status in {"violation", "needs-review"}:
        reason = finding.reason
        if reason and reason not in finding.message:
            parts.append(f"{_INDENT}why: {_clean(reason)}")
        # The clause and the fix are the same for many findings: made once each.
        tail_key = (finding.quote, finding.how_to_fix)
        tail = tails.get(tail_key)
        if tail is None:
            clause_line = f"{_INDENT}clause: \u201c{finding.quote}\u201d" if finding.quote else ""
            tail = tails[tail_key] = f"{clause_line}{_INDENT}fix: {_clean(finding.how_to_fix)}"
        parts.append(tail)
    return "".join(parts)


class _Paint:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, status: str, text: str) -> str:
        if not self.enabled:
            return text
        return f"{_COLORS.get(status, '')}{text}{_RESET}"


def _painter(enabled: bool) -> _Paint:
    return _Paint(enabled)
