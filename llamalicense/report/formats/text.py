"""``--format text``: for people at a terminal, grouped by component.

Colour only when asked for (the CLI asks on a terminal unless ``NO_COLOR`` is set). Names,
messages, titles and reasons come from user files (a manifest, a waiver, a custom rule):
each passes through :func:`llamalicense.safetext.clean`, so none drives the terminal or
forges a line of a CI log.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from operator import attrgetter
from typing import AnyStr, Generic

from llamalicense.model.findings import (
    DISCLAIMER,
    STATUSES,
    Finding,
    Report,
    Status,
)
from llamalicense.report.formats import RenderOptions
from llamalicense.safetext import clean
from llamalicense.speed.gcpause import paused

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


def render(report: Report, options: RenderOptions) -> str:
    with paused():
        return "".join(render_chunks(report, options))


# Components per piece of :func:`render_chunks`: large enough that writing a piece costs
# little next to making it, small enough that a piece is a few hundred kilobytes.
_PIECE = 256


def render_chunks(report: Report, options: RenderOptions) -> Iterator[str]:
    """The text in pieces (a few hundred components' findings each), for writing a large
    report without holding all of it; joined, they are :func:`render`'s text."""
    return _chunks(report, options, _as_is, "")


def render_encoded(
    report: Report, options: RenderOptions, encoding: str = "utf-8", errors: str = "strict"
) -> Iterator[bytes]:
    """:func:`render_chunks`' pieces, encoded. Each distinct line is encoded once, rather
    than the whole text (76 MB for 100,000 components) piece by piece."""
    return _chunks(report, options, lambda text: text.encode(encoding, errors), b"")


def _as_is(text: str) -> str:
    return text


def _chunks(
    report: Report, options: RenderOptions, encode: Callable[[str], AnyStr], empty: AnyStr
) -> Iterator[AnyStr]:
    paint = _painter(options.color)
    yield encode(f"llamalicense {report.tool_version}: {clean(report.manifest)}\n\n")
    everything = options.show == "all"
    shown = report.findings if everything else [f for f in report.findings if f.status in LISTED]
    lines = _Lines(paint, encode)
    if not lines.take(shown):  # not in sort_key order: sort first (as check()'s are)
        lines = _Lines(paint, encode)
        lines.take(sorted(shown, key=Finding.sort_key))
    yield from _components(report, lines.of, encode, empty)
    if not everything:
        yield encode(_said_plainly(report))
        yield encode(_not_shown(report))
    yield encode(_footer(report, lines.counts if everything else report.counts(), paint))


# The findings the default view lists in full: what someone has to act on, what someone
# accepted until a date (a waiver shows who approved it and when it expires), and the
# not-applicable ones, which a report holds only when asked for (--all).
LISTED = frozenset({"violation", "needs-review", "waived", "not-applicable"})
# Rule ids named in the line about the findings not shown, before "and N more".
_NAMED_RULES = 8


def _said_plainly(report: Report) -> str:
    """A folder with no Llama evidence is said in words, not only counted as a pass."""
    from llamalicense.project.from_facts import NO_EVIDENCE_RULE

    said = [f for f in report.findings if f.rule == NO_EVIDENCE_RULE]
    return "".join(f"{clean(f.title)}: {clean(f.message)}\n\n" for f in said)


def _not_shown(report: Report) -> str:
    """One line for the findings the default view leaves out (the passes): how many, of
    which rules, on how many components, and how to list them."""
    hidden = [f for f in report.findings if f.status not in LISTED]
    if not hidden:
        return ""
    counts = {status: 0 for status in STATUSES if status not in LISTED}
    for finding in hidden:
        counts[finding.status] += 1
    said = ", ".join(f"{count:,} {status}" for status, count in counts.items() if count)
    rules = sorted({f.rule for f in hidden})
    named = ", ".join(rules[:_NAMED_RULES])
    if len(rules) > _NAMED_RULES:
        named += f" and {len(rules) - _NAMED_RULES:,} more"
    components = len({f.component for f in hidden})
    where = "1 component" if components == 1 else f"{components:,} components"
    return f"Not listed: {said} ({named}) on {where}; `--show all` lists them.\n\n"


class _Lines(Generic[AnyStr]):
    """Each component's finding lines, made in one pass over the findings (a pass over
    100,000s of findings is mostly memory reads), and the count of each status.

    A large report has hundreds of thousands of findings, and most share all but their path
    with others (the findings of one decision): each distinct header, body and path line is
    made once.
    """

    def __init__(self, paint: _Paint, encode: Callable[[str], AnyStr]) -> None:
        self.paint = paint
        self.encode: Callable[[str], AnyStr] = encode  # each distinct line: once, when made
        self.of: defaultdict[str, list[AnyStr]] = defaultdict(list)
        self.counts = dict.fromkeys(STATUSES, 0)

    def take(self, findings: Iterable[Finding]) -> bool:
        """Add the findings' lines; False (and stop) at one that is out of sort_key order,
        since each component's lines must come in that order."""
        headers: dict[tuple[str | None, ...], AnyStr] = {}
        bodies: dict[tuple[str, ...], AnyStr] = {}
        paths: dict[tuple[str, ...], AnyStr] = {}
        last: tuple[int, str, str, str] = (-1, "", "", "")
        for finding in findings:
            status = finding.status
            order = finding.sort_key()
            if order < last:
                return False
            last = order
            self.counts[status] += 1
            key = (
                status,
                finding.rule,
                finding.license,
                finding.clause,
                finding.obligation,
                finding.title,
            )
            header = headers.get(key)
            if header is None:
                header = headers[key] = self.encode(_header(finding, self.paint))
            path_line = paths.get(finding.path)
            if path_line is None:
                path_line = self.encode(f"{_INDENT}path: {clean(' -> '.join(finding.path))}")
                paths[finding.path] = path_line
            said = (
                status,
                finding.message,
                finding.worded_reason,
                finding.quote,
                finding.how_to_fix,
            )
            body = None if finding.waiver else bodies.get(said)  # (a waiver's dict is no key)
            if body is None:
                body = self.encode(_body(finding) + "\n")
                if not finding.waiver:
                    bodies[said] = body
            self.of[finding.component] += (header, path_line, body)
        return True


def _components(
    report: Report,
    lines_of: dict[str, list[AnyStr]],
    encode: Callable[[str], AnyStr],
    empty: AnyStr,
) -> Iterator[AnyStr]:
    """Each component's lines, by component id, in pieces of _PIECE components."""
    names = dict(zip(map(attrgetter("id"), report.components), report.components, strict=True))
    piece: list[AnyStr] = []  # the text's parts, joined and yielded every _PIECE components
    blank = encode("\n")  # a blank line after each component
    for done, component in enumerate(sorted(lines_of), 1):
        info = names.get(component)
        licenses = ", ".join(info.licenses) if info and info.licenses else "no Llama version"
        kind = info.type if info else "component"
        piece.append(encode(f"{clean(kind)} {clean(component)} ({clean(licenses)})\n"))
        piece += lines_of[component]
        piece.append(blank)
        if done % _PIECE == 0:
            yield empty.join(piece)
            piece.clear()
    if piece:
        yield empty.join(piece)


def _footer(report: Report, counts: Mapping[Status, int], paint: _Paint) -> str:
    """The verdict, the counts (as :meth:`Report.counts`), the baseline and the disclaimer."""
    lines: list[str] = []
    if not report.findings and not report.baseline:
        lines.append("No Llama license duties apply to the components in this manifest.")
        lines.append("")
    summary = ", ".join(f"{counts[s]} {s}" for s in counts if counts[s])
    lines.append(
        paint(_verdict_status(report.verdict), f"Verdict: {report.verdict}")
        + (f" ({summary})" if summary else "")
    )
    if report.verdict == "compliant" and report.rests_on:
        lines.append(_rests_on(report.rests_on, counts.get("waived", 0)))
    if report.baseline is not None:
        lines.append(_baseline_line(report.baseline))
    lines.append("")
    lines.append(DISCLAIMER)
    lines.append("")  # the final newline
    return "\n".join(lines)


def _rests_on(parts: tuple[str, ...], waived: int) -> str:
    """What a compliant verdict rests on, as one sentence."""
    items = list(parts)
    if waived:
        items.append(f"{waived} waived finding{'s' if waived != 1 else ''}")
    shown = items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
    return f"This verdict rests on {shown}."


def _baseline_line(baseline: dict[str, object]) -> str:
    count = baseline.get("left_out")
    known = "known finding was" if count == 1 else "known findings were"
    return f"Baseline {clean(str(baseline.get('file')))}: {count} {known} left out."


def _verdict_status(verdict: str) -> str:
    return {"compliant": "pass", "needs-review": "needs-review"}.get(verdict, "violation")


_INDENT = "\n            "


def _header(finding: Finding, paint: _Paint) -> str:
    label = paint(finding.status, f"{_LABEL[finding.status]:<9}")
    # A finding about no clause (the license declaration check) names only its version.
    clause = " ".join(part for part in (finding.license, finding.clause) if part)
    clause = clause or "llamalicense"
    said = f"{finding.rule} [{clause}, {finding.obligation}] {finding.title}"
    return f"  {label} {clean(said)}"


def _body(finding: Finding) -> str:
    """The lines after the path: message, waiver, and for problems why, clause and fix."""
    out = [_INDENT, clean(finding.message)]
    if finding.waiver:
        waiver = finding.waiver
        out.append(
            f"{_INDENT}waived ({waiver.get('was')}): {clean(str(waiver.get('reason')))} "
            f"[approved by {clean(str(waiver.get('approved_by')))}, "
            f"expires {clean(str(waiver.get('expires')))}]"
        )
    if finding.status in {"violation", "needs-review"}:
        reason = finding.worded_reason  # facts worded for people
        if reason and reason not in finding.message:
            out.append(f"{_INDENT}why: {clean(reason)}")
        if finding.quote:
            out.append(f"{_INDENT}clause: \u201c{clean(finding.quote)}\u201d")
        out.append(f"{_INDENT}fix: {clean(finding.how_to_fix)}")
    return "".join(out)


class _Paint:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, status: str, text: str) -> str:
        if not self.enabled:
            return text
        return f"{_COLORS.get(status, '')}{text}{_RESET}"


def _painter(enabled: bool) -> _Paint:
    return _Paint(enabled)
