"""``--format html``: one self-contained page, every input escaped, and (in a real headless
Chromium) a page that renders with the verdict and every finding on it."""

from __future__ import annotations

import dataclasses
import html
import os
import shutil
import struct
import subprocess
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path

import pytest

import llamalicense
from integration_kit import cli, manifest, notice_waiver, write_project
from llamalicense.model.findings import DISCLAIMER, ComponentInfo, Edge, Report
from llamalicense.report.formats import RenderOptions, get
from llamalicense.report.formats.svg_lineage import MAX_NODES, layout

ROOT = Path(__file__).resolve().parent.parent.parent
GOLDEN_PROJECT = Path("tests") / "data" / "golden-project"  # relative: a portable page
SCREENSHOT = ROOT / "docs" / "images" / "html-report.png"
WINDOW = (1280, 1600)


class _Page(HTMLParser):
    """The tags, attributes and text of a page, as a browser's parser sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    parser.close()
    return parser


def _golden_report() -> Report:
    return llamalicense.check(ROOT / GOLDEN_PROJECT)


def test_the_page_is_self_contained() -> None:
    page = get("html")(_golden_report(), RenderOptions())
    parsed = _parse(page)
    names = {tag for tag, _ in parsed.tags}
    assert not names & {"script", "link", "img", "iframe", "object", "embed", "base", "form"}
    for tag, attrs in parsed.tags:
        assert "src" not in attrs, tag
        href = attrs.get("href")
        assert href is None or href.startswith("#"), (tag, href)  # links only within the page
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
    csp = [a for t, a in parsed.tags if t == "meta" and a.get("http-equiv")]
    assert csp == [
        {
            "http-equiv": "Content-Security-Policy",
            "content": "default-src 'none'; style-src 'unsafe-inline'",
        }
    ]
    assert "@import" not in page
    assert page.count("url(") == page.count("url(#arrow)")  # no fetched resource in styles
    assert "@font-face" not in page


def test_the_page_holds_the_verdict_the_findings_their_clauses_and_fixes() -> None:
    report = _golden_report()
    page = get("html")(report, RenderOptions())
    text = html.unescape(page)
    assert f"Verdict: {report.verdict}" in text
    for finding in report.findings:
        assert finding.rule in text
        assert finding.message in text
        if finding.status in ("violation", "needs-review"):
            assert f"Fix: {finding.how_to_fix}" in text
            assert f"\u201c{finding.quote}\u201d" in text
    assert DISCLAIMER in text


def test_each_open_finding_has_its_path_highlighted_in_the_graph() -> None:
    report = _golden_report()
    page = get("html")(report, RenderOptions())
    opened = [f for f in report.findings if f.status in ("violation", "needs-review")]
    assert opened
    for number, finding in enumerate(sorted(opened, key=lambda f: f.sort_key()), 1):
        anchor = f"finding-{number}"
        assert f'id="{anchor}"' in page
        assert f'href="#trace-{anchor}"' in page  # the link that shows its path
        overlay = page.split(f'id="trace-{anchor}">', 1)[1].split("</g>", 1)[0]
        assert overlay.count('class="trace-edge"') == len(finding.path) - 1
        assert overlay.count('class="trace-node"') == len(finding.path)
    # Every edge on an open path is drawn highlighted in the figure itself.
    assert 'class="edge hot violation"' in page
    assert 'class="edge hot needs-review"' in page


def test_every_text_from_the_project_is_escaped() -> None:
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>&amp;'
    report = _golden_report()
    findings = tuple(
        dataclasses.replace(
            f,
            rule=f.rule + hostile,
            component=hostile,
            path=(hostile, *f.path[1:]),
            title=hostile,
            quote=hostile,
            message=hostile,
            reason=hostile + "why",
            how_to_fix=hostile,
            waiver={"was": hostile, "reason": hostile, "approved_by": hostile, "expires": hostile},
        )
        for f in report.findings
    )
    components = (
        *report.components,
        ComponentInfo(hostile, hostile, hostile, hostile, 1, (hostile,), hostile, hostile),
    )
    edges = (*report.edges, Edge(hostile, "base", hostile, hostile))
    bad = dataclasses.replace(
        report,
        manifest=hostile,
        findings=findings,
        components=components,
        edges=edges,
        tool_version=hostile,
        baseline={"file": hostile, "left_out": hostile},
    )
    page = get("html")(bad, RenderOptions())
    assert "<script" not in page
    assert "<img" not in page
    assert "&lt;script&gt;" in page
    assert "&amp;amp;" in page  # an entity in the input is shown, not interpreted
    parsed = _parse(page)
    assert all(not any(n.startswith("on") for n in attrs) for _, attrs in parsed.tags)
    assert hostile in "".join(parsed.text)  # shown as text, exactly


def test_the_page_is_the_same_bytes_for_the_same_input() -> None:
    assert get("html")(_golden_report(), RenderOptions()) == get("html")(
        _golden_report(), RenderOptions()
    )


def test_the_cli_writes_html_with_every_finding_whatever_show_says(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", manifest(notice=False), waivers=[notice_waiver()])
    run = cli("check", ".", "--format", "html", cwd=project)
    assert run.code == 0, run.err
    assert run.out.startswith("<!DOCTYPE html>")
    assert run.out == cli("check", ".", "-f", "html", "--show", "all", cwd=project).out
    assert "Waived" in run.out
    assert "Pass</span> <code>LLAMA-3.1-AGREEMENT</code>" in run.out


def test_a_project_without_findings_says_so(tmp_path: Path) -> None:
    data = {"version": 1, "components": [{"id": "app", "type": "product"}]}
    page = get("html")(llamalicense.check(data, root=tmp_path), RenderOptions())
    assert "No Llama license duties apply" in page
    assert "Verdict: compliant" in page


def test_a_lineage_past_the_cap_is_drawn_in_part_and_says_so() -> None:
    nodes = [f"n{i:04d}" for i in range(MAX_NODES + 20)]
    edges = list(pairwise(nodes))
    plan = layout(nodes, edges)
    assert len(plan.position) == MAX_NODES
    assert plan.left_out == 20
    # a chain: one node per column, each column to the right of the one before
    xs = [plan.position[n][0] for n in nodes[:MAX_NODES]]
    assert xs == sorted(xs)
    assert len(set(xs)) == MAX_NODES


def test_a_cycle_in_a_hand_built_report_does_not_hang_the_layout() -> None:
    plan = layout(["a", "b", "c"], [("a", "b"), ("b", "c"), ("c", "a")])
    assert set(plan.position) == {"a", "b", "c"}


# -- in a real browser ---------------------------------------------------------------------

_BROWSERS = ("chromium", "chromium-browser", "google-chrome", "chrome", "headless_shell")


def _browser() -> str:
    for name in _BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    pytest.skip(
        "no Chromium on this machine (looked for " + ", ".join(_BROWSERS) + "); on Debian "
        "or Ubuntu: apt-get install chromium (.ci/run installs it when it can)"
    )


def _chromium(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            _browser(),
            "--headless",
            "--no-sandbox",  # tests may run as root in a container
            "--disable-gpu",
            "--hide-scrollbars",
            "--no-first-run",
            "--disable-extensions",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "HOME": os.environ.get("HOME", "/tmp")},
    )


def _rendered_text(page: Path) -> str:
    """The page's text as the browser renders it (``innerText``), read through a frame that
    copies it into the wrapper's DOM, which ``--dump-dom`` prints."""
    wrapper = page.with_name("wrapper.html")
    wrapper.write_text(
        "<!DOCTYPE html><html><body>"
        f'<iframe id="f" src="{page.name}" style="width:1200px;height:900px"></iframe>'
        '<pre id="out"></pre><script>'
        "document.getElementById('f').addEventListener('load', function () {"
        "  var d = document.getElementById('f').contentDocument;"
        "  document.getElementById('out').textContent = d ? d.body.innerText : 'NO ACCESS';"
        "});</script></body></html>",
        encoding="utf-8",
    )
    done = _chromium("--allow-file-access-from-files", "--dump-dom", wrapper.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    dom = done.stdout
    assert '<pre id="out">' in dom, dom[:2000]
    return html.unescape(dom.split('<pre id="out">', 1)[1].split("</pre>", 1)[0])


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.slow
def test_the_page_renders_in_headless_chromium(tmp_path: Path) -> None:
    report = _golden_report()
    page = tmp_path / "report.html"
    run = cli("check", str(ROOT / GOLDEN_PROJECT), "-f", "html", "-o", str(page))
    assert run.code == 1, run.err
    shot = tmp_path / "report.png"
    size = f"--window-size={WINDOW[0]},{WINDOW[1]}"
    done = _chromium(size, f"--screenshot={shot}", page.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    assert _png_size(shot) == WINDOW
    assert shot.stat().st_size > 50_000  # a drawn page, not a blank one (a blank one is ~5 KB)

    text = _rendered_text(page)
    assert "Verdict: non-compliant" in text
    for finding in report.findings:
        assert finding.rule in text, finding.rule
        assert finding.component in text
    assert "Lineage" in text
    assert "not legal advice" in text
    assert "<script" not in text


def test_the_docs_show_a_screenshot_of_the_page() -> None:
    # Made by the command docs/formats.md gives, from the golden project's page.
    assert _png_size(SCREENSHOT) == WINDOW
    assert "images/html-report.png" in (ROOT / "docs" / "formats.md").read_text(encoding="utf-8")
