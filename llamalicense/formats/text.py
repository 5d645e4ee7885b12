"""``--format text``: for people at a terminal, grouped by component.

Colour only when asked for (the CLI asks on a terminal unless ``NO_COLOR`` is set).
"""

from __future__ import annotations

from itertools import groupby

from llamalicense.formats import RenderOptions
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


def _clean(text: str) -> str:
    """Names and messages come from user files: never let them drive the terminal."""
    return "".join(
        ch if ch == "\t" or not (ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0) else f"\\x{ord(ch):02x}"
        for ch in text
    )


def render(report: Report, options: RenderOptions) -> str:
    lines: list[str] = []
    paint = _painter(options.color)
    lines.append(f"llamalicense {report.tool_version}: {_clean(report.manifest)}")
    lines.append("")
    names = {c.id: c for c in report.components}
    ordered = sorted(report.findings, key=lambda f: (f.component, f.sort_key()))
    for component, group in groupby(ordered, key=lambda f: f.component):
        info = names.get(component)
        licenses = ", ".join(info.licenses) if info and info.licenses else "no Llama version"
        kind = info.type if info else "component"
        lines.append(f"{kind} {_clean(component)} ({licenses})")
        for finding in group:
            lines.extend(_finding(finding, paint))
        lines.append("")
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
    return "\n".join(lines) + "\n"


def _baseline_line(baseline: dict[str, object]) -> str:
    count = baseline.get("left_out")
    known = "known finding was" if count == 1 else "known findings were"
    return f"Baseline {baseline.get('file')}: {count} {known} left out."


def _verdict_status(verdict: str) -> str:
    return {"compliant": "pass", "needs-review": "needs-review"}.get(verdict, "violation")


def _finding(finding: Finding, paint: _Paint) -> list[str]:
    label = paint(finding.status, f"{_LABEL[finding.status]:<9}")
    clause = f"{finding.license} {finding.clause}" if finding.license else "llamalicense"
    out = [f"  {label} {finding.rule} [{clause}, {finding.obligation}] {finding.title}"]
    out.append(f"            path: {_clean(' -> '.join(finding.path))}")
    out.append(f"            {_clean(finding.message)}")
    if finding.waiver:
        waiver = finding.waiver
        out.append(
            f"            waived ({waiver.get('was')}): {waiver.get('reason')} "
            f"[approved by {waiver.get('approved_by')}, expires {waiver.get('expires')}]"
        )
    if finding.status in ("violation", "needs-review"):
        if finding.reason and finding.reason not in finding.message:
            out.append(f"            why: {_clean(finding.reason)}")
        if finding.quote:
            out.append(f"            clause: \u201c{finding.quote}\u201d")
        out.append(f"            fix: {_clean(finding.how_to_fix)}")
    return out


class _Paint:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, status: str, text: str) -> str:
        if not self.enabled:
            return text
        return f"{_COLORS.get(status, '')}{text}{_RESET}"


def _painter(enabled: bool) -> _Paint:
    return _Paint(enabled)
