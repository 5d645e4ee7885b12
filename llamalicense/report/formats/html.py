"""``--format html``: one self-contained page for people who read rather than run tools
(a lawyer, a reviewer): the verdict and what it rests on, the findings grouped by
component with the clause quoted and the fix, and the lineage as an inline SVG graph with
each open finding's path highlighted.

Self-contained: no script, no font, no image or style sheet fetched; a Content Security
Policy in the page forbids loading anything. Every text that comes from the project
(names, messages, paths, waiver reasons) is escaped. A finding's "show in the graph" link
highlights its own path in the lineage with CSS (``:target``), no script.
"""

from __future__ import annotations

from collections import defaultdict
from html import escape

from llamalicense.model.findings import DISCLAIMER, STATUSES, Finding, Report
from llamalicense.report.formats import RenderOptions
from llamalicense.report.formats.svg_lineage import DEFS, MAX_TRACES, OPEN, chain, svg
from llamalicense.safetext import clean

_LABEL = {
    "violation": "Violation",
    "needs-review": "Needs review",
    "pass": "Pass",
    "waived": "Waived",
    "not-applicable": "Does not apply",
}
_VERDICT = {
    "compliant": "Compliant",
    "needs-review": "Needs review",
    "non-compliant": "Non-compliant",
}
_ARROW = " \u2192 "
# Open findings named one by one under "what the verdict rests on".
_NAMED = 50

_STYLE = """
:root{--violation:#b42318;--needs-review:#b54708;--pass:#067647;--waived:#0e7090;
--not-applicable:#667085;--ink:#101828;--muted:#475467;--line:#d0d5dd}
*{box-sizing:border-box}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);
margin:0 auto;max-width:1100px;padding:24px}
h1{font-size:24px;margin:0 0 8px}h2{font-size:19px;margin:32px 0 8px;
border-bottom:1px solid var(--line);padding-bottom:4px}h3{font-size:16px;margin:24px 0 8px}
code{font:13px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;
overflow-wrap:anywhere}
.verdict{font-size:20px;font-weight:700;padding:10px 14px;border-radius:8px;
border-left:6px solid;background:#f9fafb;margin:12px 0}
.verdict.non-compliant{border-color:var(--violation);color:var(--violation)}
.verdict.needs-review{border-color:var(--needs-review);color:var(--needs-review)}
.verdict.compliant{border-color:var(--pass);color:var(--pass)}
.counts span{display:inline-block;margin-right:14px}
.finding{border:1px solid var(--line);border-left:5px solid;border-radius:6px;
padding:10px 14px;margin:10px 0;overflow-x:auto}
.finding.violation{border-left-color:var(--violation)}
.finding.needs-review{border-left-color:var(--needs-review)}
.finding.pass{border-left-color:var(--pass)}
.finding.waived{border-left-color:var(--waived)}
.finding.not-applicable{border-left-color:var(--not-applicable)}
.finding h4{margin:0 0 6px;font-size:15px}
.badge{display:inline-block;font-size:12px;font-weight:700;color:#fff;border-radius:4px;
padding:1px 7px;margin-right:6px}
.badge.violation{background:var(--violation)}.badge.needs-review{background:var(--needs-review)}
.badge.pass{background:var(--pass)}.badge.waived{background:var(--waived)}
.badge.not-applicable{background:var(--not-applicable)}
blockquote{margin:8px 0;padding:6px 12px;border-left:3px solid var(--line);color:var(--muted);
font-style:italic}
.fix{font-weight:600}.muted,.note{color:var(--muted)}
.passes{list-style:none;padding:0}.passes li{margin:4px 0}
.figure{overflow-x:auto;border:1px solid var(--line);border-radius:6px;padding:8px}
svg text{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;fill:var(--ink)}
svg .node rect{fill:#fff;stroke:#98a2b3;stroke-width:1.5}
svg .node.release rect{fill:#f2f4f7}
svg .node.hot rect{stroke-width:3}
svg .node.violation rect{stroke:var(--violation);fill:#fef3f2}
svg .node.needs-review rect{stroke:var(--needs-review);fill:#fffaeb}
svg .edge{fill:none;stroke:#98a2b3;stroke-width:1.5}
svg .edge.hot{stroke-width:3}
svg .edge.violation{stroke:var(--violation)}svg .edge.needs-review{stroke:var(--needs-review)}
svg .trace{display:none}svg .trace:target{display:inline}
svg .trace-edge{fill:none;stroke:#7a5af8;stroke-width:6;opacity:.6}
svg .trace-node{fill:none;stroke:#7a5af8;stroke-width:4}
.chain,.lineage{display:block;max-width:100%;height:auto}.chain{margin:6px 0}
footer{margin-top:32px;color:var(--muted);font-size:13px}
@media print{.figure{overflow:visible}a{color:inherit;text-decoration:none}}
"""


def render(report: Report, options: RenderOptions) -> str:
    del options  # one page shows everything: a reader cannot re-run with other options
    # Each finding with its anchor in the page (finding-1, finding-2, ... in report order).
    findings = [
        (f"finding-{n}", f) for n, f in enumerate(sorted(report.findings, key=Finding.sort_key), 1)
    ]
    opened = [(anchor, f) for anchor, f in findings if f.status in OPEN]
    traces = [(f"trace-{anchor}", f) for anchor, f in opened[:MAX_TRACES]]
    title = f"llamalicense report: {_VERDICT[report.verdict]} \u2014 {report.manifest}"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="llamalicense">',
        f"<title>{_esc(title)}</title><style>{_STYLE}</style></head><body>",
        DEFS,
        "<header><h1>Llama license report</h1>",
        f'<p class="muted">Manifest <code>{_esc(report.manifest)}</code> \u00b7 '
        f"llamalicense {_esc(report.tool_version)}</p>",
        f'<p class="verdict {report.verdict}">Verdict: {_esc(report.verdict)}</p>',
        _counts(report),
        "</header>",
        _basis(report, opened),
        "<section><h2>Lineage</h2>",
        '<p class="muted">Each component points at what it comes from; the official Llama '
        "releases are on the right. Paths behind violations are drawn in red, behind "
        "findings that need review in amber. A finding's \u201cshow in the graph\u201d link "
        "outlines its own path.</p>",
        f'<div class="figure">{svg(report, traces)}</div></section>',
        "<section><h2>Findings by component</h2>",
        *_components(report, findings, len(traces)),
        "</section>",
        f"<footer><p>{_esc(DISCLAIMER)}</p></footer>",
        "</body></html>",
        "",
    ]
    return "\n".join(parts)


def _counts(report: Report) -> str:
    counts = report.counts()
    shown = [
        f'<span><span class="badge {s}">{_LABEL[s]}</span> {counts[s]:,}</span>'
        for s in STATUSES
        if counts[s]
    ]
    return f'<p class="counts">{"".join(shown) or "No findings."}</p>'


def _basis(report: Report, opened: list[tuple[str, Finding]]) -> str:
    """What the verdict rests on: the open findings (or that there are none), what was
    checked, and the baseline."""
    out = ["<section><h2>What the verdict rests on</h2>"]
    if opened:
        why = {
            "non-compliant": "at least one finding is a violation",
            "needs-review": "no finding is a violation, but some need a person to review them",
        }.get(report.verdict, "")
        out.append(f"<p>The verdict is {_esc(report.verdict)}: {why}. The open findings:</p>")
        out.append("<ul>")
        for anchor, finding in opened[:_NAMED]:
            out.append(
                f'<li><span class="badge {finding.status}">{_LABEL[finding.status]}</span> '
                f'<a href="#{anchor}"><code>{_esc(finding.rule)}</code></a> on '
                f"<code>{_esc(finding.component)}</code>: {_esc(finding.title)}</li>"
            )
        out.append("</ul>")
        if len(opened) > _NAMED:
            out.append(
                f'<p class="note">and {len(opened) - _NAMED:,} more, listed by component below.</p>'
            )
    elif report.findings:
        out.append(
            "<p>No finding is a violation or needs review: every duty checked is met "
            "(or waived).</p>"
        )
    else:
        out.append("<p>No Llama license duties apply to the components in this manifest.</p>")
    out.append(
        f"<p>{len(report.components):,} components and {len(report.edges):,} lineage "
        f"edges were checked against {len(report.rules_checked):,} rules. The findings rest "
        "on the facts declared in the manifest and the files it lists; each one quotes the "
        "clause it checks.</p>"
    )
    if report.baseline is not None:
        out.append(
            f'<p class="note">Baseline <code>{_esc(str(report.baseline.get("file")))}'
            f"</code>: {_esc(str(report.baseline.get('left_out')))} known findings were "
            "left out.</p>"
        )
    out.append("</section>")
    return "".join(out)


def _components(report: Report, findings: list[tuple[str, Finding]], traced: int) -> list[str]:
    """Each component's findings; the first ``traced`` open ones have an overlay in the
    lineage figure to link to."""
    by_component: dict[str, list[tuple[str, Finding]]] = defaultdict(list)
    for anchor, finding in findings:
        by_component[finding.component].append((anchor, finding))
    info = {c.id: c for c in report.components}
    out: list[str] = []
    for component in sorted(by_component):
        known = info.get(component)
        kind = known.type if known else "component"
        versions = ", ".join(known.licenses) if known and known.licenses else "no Llama version"
        out.append(
            f"<h3>{_esc(kind)} <code>{_esc(component)}</code> "
            f'<span class="muted">({_esc(versions)})</span></h3>'
        )
        settled = []
        for anchor, finding in by_component[component]:
            if finding.status in OPEN or finding.waiver:
                number = int(anchor.rpartition("-")[2])  # open ones come first: 1, 2, ...
                out.append(_finding(finding, anchor, traced=number <= traced))
            else:
                settled.append((anchor, finding))
        if settled:
            out.append('<ul class="passes">')
            out += [_settled(f, anchor) for anchor, f in settled]
            out.append("</ul>")
    if not out:
        out.append("<p>No findings.</p>")
    return out


def _clause(finding: Finding) -> str:
    if finding.license and finding.clause:
        word = "" if finding.clause.startswith("AUP") else "clause "
        return f"{finding.license} {word}{finding.clause}"
    if finding.license:
        return finding.license
    return "llamalicense"


def _finding(finding: Finding, anchor: str, *, traced: bool) -> str:
    status = finding.status
    out = [
        f'<div class="finding {status}" id="{anchor}">',
        f'<h4><span class="badge {status}">{_LABEL[status]}</span> '
        f"<code>{_esc(finding.rule)}</code> {_esc(finding.title)}</h4>",
        f'<p class="muted">{_esc(_clause(finding))} \u00b7 {_esc(finding.obligation)}</p>',
        f"<p>{_esc(finding.message)}</p>",
    ]
    why = finding.worded_reason  # facts worded for people
    if why and why not in finding.message:
        out.append(f"<p><strong>Why:</strong> {_esc(why)}</p>")
    if finding.quote:
        out.append(f"<blockquote>\u201c{_esc(finding.quote)}\u201d</blockquote>")
    if finding.waiver:
        waiver = finding.waiver
        out.append(
            f"<p><strong>Waived</strong> ({_esc(str(waiver.get('was')))}): "
            f"{_esc(str(waiver.get('reason')))} \u2014 approved by "
            f"{_esc(str(waiver.get('approved_by')))}, expires "
            f"{_esc(str(waiver.get('expires')))}</p>"
        )
    if status in OPEN:
        out.append(f'<p class="fix">Fix: {_esc(finding.how_to_fix)}</p>')
    if finding.path:
        path = _ARROW.join(finding.path)
        out.append(f'<p class="muted">Path: {_esc(path)}')
        if traced:
            out.append(f' \u00b7 <a href="#trace-{anchor}">show in the graph</a>')
        out.append("</p>")
        if status in OPEN:
            out.append(chain(finding.path, status))
    out.append("</div>")
    return "".join(out)


def _settled(finding: Finding, anchor: str) -> str:
    """A pass (or not-applicable finding): one line, with the message."""
    return (
        f'<li id="{anchor}"><span class="badge {finding.status}">{_LABEL[finding.status]}'
        f"</span> <code>{_esc(finding.rule)}</code> {_esc(finding.title)} "
        f'<span class="muted">({_esc(_clause(finding))}) \u2014 '
        f"{_esc(finding.message)}</span></li>"
    )


def _esc(text: str) -> str:
    """Input text for the page: cleaned of line breaks, escapes and other controls
    (:func:`llamalicense.safetext.clean`), then HTML-escaped."""
    return escape(clean(text))
