"""Markdown, JUnit and DOT reports, and `--write` for several formats from one run."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest

import llamalicense
from integration_kit import cli, manifest, notice_waiver, write_project
from llamalicense.model.findings import STATUSES
from llamalicense.report.formats import FORMATS, RenderOptions, get, get_chunks, get_encoded
from llamalicense.report.formats.markdown import LIMIT

EXAMPLES = Path(__file__).resolve().parent.parent.parent / "examples"

GITHUB_SUMMARY_LIMIT = 1024 * 1024  # GitHub's cap on one step's job summary


def render(project: Path, fmt: str, *extra: str) -> tuple[str, int]:
    run = cli("check", ".", "--format", fmt, *extra, cwd=project)
    assert run.err == "", run.err
    return run.out, run.code


def open_findings(project: Path) -> set[tuple[str, str, str]]:
    data = cli("check", ".", "--format", "json", cwd=project).json()
    return {
        (f["rule"], f["component"], f["status"])
        for f in data["findings"]
        if f["status"] in ("violation", "needs-review", "waived")
    }


# -- Markdown -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "headline"),
    [
        (manifest(notice=False), "## llamalicense: \u274c non-compliant"),
        (manifest(mau=False), "## llamalicense: \u26a0\ufe0f needs review"),
        (manifest(), "## llamalicense: \u2705 compliant"),
    ],
    ids=["non-compliant", "needs-review", "compliant"],
)
def test_markdown_puts_the_verdict_first(
    tmp_path: Path, data: dict[str, Any], headline: str
) -> None:
    text, _ = render(write_project(tmp_path / "p", data), "markdown")
    assert text.splitlines()[0] == headline


def test_markdown_table_has_one_row_per_finding(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", manifest(notice=False, mau=False))
    text, _ = render(project, "markdown")
    lines = text.splitlines()
    header = lines.index("| | Rule | Clause | Component | Finding |")
    assert lines[header + 1] == "|---|---|---|---|---|"
    rows = []
    for line in lines[header + 2 :]:
        if not line.startswith("| "):
            break
        rows.append(line)
    report = cli("check", ".", "--format", "json", cwd=project).json()
    assert len(rows) == len(report["findings"])
    notice = next(row for row in rows if "`LLAMA-3.1-NOTICE`" in row)
    assert "violation" in notice
    assert "llama-3.1 1.b.iii" in notice
    assert "`acme-chat`" in notice
    assert "**Fix:**" in notice
    for row in rows:  # five cells: a pipe in a message must not add columns
        assert len(re.findall(r"(?<!\\)\|", row)) == 6, row


def test_markdown_mermaid_diagram_shows_the_paths_behind_open_findings(tmp_path: Path) -> None:
    text, _ = render(write_project(tmp_path / "p", manifest(notice=False)), "markdown")
    assert text.count("```mermaid") == 1
    diagram = text.split("```mermaid", 1)[1].split("```", 1)[0]
    assert "flowchart LR" in diagram
    assert 'n_acme_chat["acme-chat"]' in diagram
    assert "n_acme_chat --> n_base" in diagram
    assert "n_base --> n_meta_llama_Llama_3_1_8B_Instruct" in diagram
    assert "class n_acme_chat violation" in diagram


@pytest.mark.parametrize(
    ("data", "waivers"),
    [(manifest(), None), (manifest(notice=False), [notice_waiver()])],
    ids=["compliant", "only-waived"],
)
def test_markdown_has_no_diagram_without_open_findings(
    tmp_path: Path, data: dict[str, Any], waivers: list[dict[str, str]] | None
) -> None:
    text, code = render(write_project(tmp_path / "p", data, waivers=waivers), "markdown")
    assert code == 0
    assert "```mermaid" not in text
    assert "Lineage behind the findings" not in text


def test_markdown_of_a_huge_project_stays_under_the_summary_limit_and_says_what_was_cut(
    tmp_path: Path,
) -> None:
    components: list[dict[str, Any]] = [
        {"id": "base", "type": "model", "ref": "meta-llama/Llama-3.1-8B", "distributed": False}
    ]
    for i in range(1200):  # three violations each: about 1.7 MB of table rows
        components.append(
            {
                "id": f"tune-{i:04d}",
                "type": "model",
                "name": f"Llama-Tune-{i:04d}",
                "derived_from": [{"id": "base", "relation": "finetune"}],
                "distributed": True,
            }
        )
    data = manifest()
    data["components"] = components
    project = write_project(tmp_path / "big", data)
    text, code = render(project, "markdown")
    assert code == 1
    size = len(text.encode("utf-8"))
    assert size <= LIMIT < GITHUB_SUMMARY_LIMIT
    assert text.splitlines()[0] == "## llamalicense: \u274c non-compliant"
    note = re.search(r"Cut to fit GitHub's 1 MiB summary limit:\*\* (\d+) of (\d+) findings", text)
    assert note, "the report must say what it cut"
    cut, total = int(note.group(1)), int(note.group(2))
    shown = sum(1 for line in text.splitlines() if line.startswith("| \u274c"))
    report = cli("check", ".", "--format", "json", cwd=project).json()
    assert total == len(report["findings"])
    assert shown == total - cut > 0
    assert "```mermaid" not in text  # the diagram is the first thing to go


# -- JUnit XML -----------------------------------------------------------------------------


def _junit(project: Path, *extra: str) -> ET.Element:
    text, _ = render(project, "junit", *extra)
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    return ET.fromstring(text.encode("utf-8"))


def _cases(root: ET.Element) -> dict[str, ET.Element]:
    return {
        f"{case.get('name', '').split()[0]}@{case.get('classname', '').rsplit('.', 1)[-1]}": case
        for case in root.iter("testcase")
    }


def _assert_counts_add_up(root: ET.Element) -> None:
    assert root.tag == "testsuites"
    totals = {"tests": 0, "failures": 0, "skipped": 0}
    for suite in root.findall("testsuite"):
        cases = suite.findall("testcase")
        counted = {
            "tests": len(cases),
            "failures": sum(1 for c in cases if c.find("failure") is not None),
            "skipped": sum(1 for c in cases if c.find("skipped") is not None),
        }
        for key, value in counted.items():
            assert int(suite.get(key, "-1")) == value, (suite.get("name"), key)
            totals[key] += value
        assert suite.get("errors") == "0"
    for key, value in totals.items():
        assert int(root.get(key, "-1")) == value, key


def test_junit_violation_is_a_failure_and_review_is_skipped(tmp_path: Path) -> None:
    root = _junit(write_project(tmp_path / "p", manifest(notice=False, mau=False)))
    _assert_counts_add_up(root)
    cases = _cases(root)
    failure = cases["LLAMA-3.1-NOTICE@acme-chat"].find("failure")
    assert failure is not None
    assert failure.get("type") == "violation"
    assert "fix:" in (failure.text or "")
    assert "acme-chat -> base -> meta-llama/Llama-3.1-8B-Instruct" in (failure.text or "")
    review = cases["LLAMA-3.1-MAU@base"]
    assert review.find("failure") is None
    skipped = review.find("skipped")
    assert skipped is not None
    assert (skipped.get("message") or "").startswith("needs-review:")
    passed = cases["LLAMA-3.1-AGREEMENT@acme-chat"]
    assert list(passed) == []  # a pass has neither failure nor skipped
    assert int(root.get("failures", "-1")) == 1
    assert int(root.get("skipped", "-1")) == 1


def test_junit_review_is_a_failure_only_with_fail_on_needs_review(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", manifest(mau=False))
    plain = _junit(project)
    gated = _junit(project, "--fail-on", "needs-review")
    _assert_counts_add_up(plain)
    _assert_counts_add_up(gated)
    assert plain.get("failures") == "0"
    assert gated.get("failures") == "1"
    failure = _cases(gated)["LLAMA-3.1-MAU@base"].find("failure")
    assert failure is not None
    assert failure.get("type") == "needs-review"


def test_junit_waived_finding_is_skipped(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", manifest(notice=False), waivers=[notice_waiver()])
    root = _junit(project)
    _assert_counts_add_up(root)
    skipped = _cases(root)["LLAMA-3.1-NOTICE@acme-chat"].find("skipped")
    assert skipped is not None
    assert (skipped.get("message") or "").startswith("waived:")
    assert root.get("failures") == "0"


def test_junit_groups_suites_by_llama_version(tmp_path: Path) -> None:
    root = _junit(write_project(tmp_path / "p", manifest(notice=False)))
    assert [suite.get("name") for suite in root.findall("testsuite")] == ["llama-3.1"]


# -- DOT -------------------------------------------------------------------------------------

_QUOTED = r'"(?:[^"\\]|\\.)*"'
_NODE = re.compile(rf"^\s*({_QUOTED})\s*\[(.*)\];$")
_EDGE = re.compile(rf"^\s*({_QUOTED})\s*->\s*({_QUOTED})\s*\[(.*)\];$")


def parse_dot(text: str) -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    """A strict reading of the DOT we write: nodes with attributes, and edges."""
    assert text.count("{") == text.count("}")
    lines = text.strip().splitlines()
    assert lines[0] == "digraph lineage {"
    assert lines[-1] == "}"
    nodes: dict[str, str] = {}
    edges: list[tuple[str, str, str]] = []
    for line in lines[1:-1]:
        if edge := _EDGE.match(line):
            edges.append((json.loads(edge[1]), json.loads(edge[2]), edge[3]))
        elif node := _NODE.match(line):
            nodes[json.loads(node[1])] = node[2]
        else:
            assert re.match(r"^\s*(rankdir=\w+|node \[.*\]);$", line), line
    return nodes, edges


def test_dot_has_every_component_as_a_node_and_marks_findings(tmp_path: Path) -> None:
    data = manifest(notice=False)
    data["components"][1]["name"] = 'Llama "Acme" Chat'  # quotes must be escaped
    data["components"].append({"id": "tickets", "type": "dataset"})
    data["components"][1]["trained_on"] = ["tickets"]
    project = write_project(tmp_path / "p", data)
    text, _ = render(project, "dot")
    nodes, edges = parse_dot(text)
    assert {"base", "acme-chat", "tickets"} <= set(nodes)
    assert "meta-llama/Llama-3.1-8B-Instruct" in nodes
    for source, target, _ in edges:
        assert source in nodes
        assert target in nodes
    assert 'fillcolor="#ffdddd"' in nodes["acme-chat"]  # a violation
    assert "violation: LLAMA-3.1-NOTICE" in nodes["acme-chat"]
    assert 'fillcolor="#ddffdd"' in nodes["base"]  # passes only
    assert "shape=cylinder" in nodes["tickets"]
    assert '\\"Acme\\"' in nodes["acme-chat"]
    kinds = {(s, t): attrs for s, t, attrs in edges}
    assert "finetune" in kinds[("acme-chat", "base")]
    assert ("acme-chat", "tickets") in kinds


def test_dot_renders_with_graphviz(tmp_path: Path) -> None:
    dot = shutil.which("dot")
    if dot is None:
        pytest.skip("Graphviz `dot` is not installed")
    text, _ = render(write_project(tmp_path / "p", manifest(notice=False)), "dot")
    result = subprocess.run(
        [dot, "-Tsvg"], input=text, capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "<svg" in result.stdout


# -- several formats from one run -------------------------------------------------------------


def test_write_produces_several_formats_from_one_run_and_they_agree(tmp_path: Path) -> None:
    data = manifest(notice=False, mau=False)
    project = write_project(
        tmp_path / "p", data, waivers=[notice_waiver(rule="LLAMA-3.1-BUILT-WITH")]
    )
    (project / "docs" / "about.md").write_text("# About\n", encoding="utf-8")  # no "Built with"
    run = cli(
        "check",
        ".",
        "--format",
        "json",
        "--write",
        "sarif:out/report.sarif",
        "--write",
        "markdown:out/summary.md",
        "--write",
        "junit:out/junit.xml",
        "--write",
        "dot:out/lineage.dot",
        "--write",
        "text:out/report.txt",
        "--write",
        "json:out/report.json",
        cwd=project,
    )
    assert run.code == 1
    report = json.loads(run.out)
    out = project / "out"
    assert (out / "report.json").read_text(encoding="utf-8") == run.out
    expected = {
        (f["rule"], f["component"], f["status"])
        for f in report["findings"]
        if f["status"] != "pass"
    }
    assert {s for _, _, s in expected} == {"violation", "needs-review", "waived"}

    sarif = json.loads((out / "report.sarif").read_text(encoding="utf-8"))
    run0 = sarif["runs"][0]
    assert run0["properties"]["verdict"] == report["verdict"]
    assert run0["invocations"][0]["exitCode"] == run.code
    assert {
        (r["ruleId"], r["properties"]["component"], r["properties"]["status"])
        for r in run0["results"]
    } == expected

    markdown = (out / "summary.md").read_text(encoding="utf-8")
    headline = {"non-compliant": "non-compliant", "needs-review": "needs review"}
    assert markdown.splitlines()[0].endswith(headline[report["verdict"]])
    for rule, component, status in expected:
        assert any(
            f"`{rule}`" in line and f"`{component}`" in line and status in line
            for line in markdown.splitlines()
        ), (rule, component, status)

    junit = ET.parse(out / "junit.xml").getroot()
    assert int(junit.get("tests", "-1")) == len(report["findings"])
    assert int(junit.get("failures", "-1")) == sum(s == "violation" for _, _, s in expected)

    nodes, _ = parse_dot((out / "lineage.dot").read_text(encoding="utf-8"))
    assert {c["id"] for c in report["components"]} <= set(nodes)

    text = (out / "report.txt").read_text(encoding="utf-8")
    assert f"Verdict: {report['verdict']}" in text
    assert "\033[" not in text  # files never get colour


def test_write_rejects_a_malformed_target(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p")
    for bad in ("sarif", "pdf:report.pdf", "sarif:"):
        run = cli("check", ".", "--write", bad, cwd=project)
        assert run.code == 2
        assert "FORMAT:FILE" in run.err
        assert "hint:" in run.err


def test_explain_goes_to_stderr_and_stdout_stays_machine_readable(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", manifest(notice=False))
    run = cli("check", ".", "--format", "json", "--explain", cwd=project)
    json.loads(run.out)
    assert "LLAMA-3.1-NOTICE on acme-chat: violation" in run.err
    assert "applies_to:" in run.err
    assert "require:" in run.err


def test_text_report_escapes_control_characters_from_user_files(tmp_path: Path) -> None:
    from llamalicense import check
    from llamalicense.report.formats import RenderOptions, get

    manifest = {
        "version": 1,
        "components": [
            {"id": "base", "type": "model", "ref": "meta-llama/Llama-3.1-8B", "distributed": False},
            {
                "id": "tuned",
                "type": "model",
                "name": "Evil\x1b[2JName",
                "derived_from": [{"id": "base", "relation": "finetune"}],
                "distributed": True,
            },
        ],
    }
    text = get("text")(check(manifest, root=tmp_path), RenderOptions())
    assert "\x1b" not in text
    assert "Evil\\x1b[2JName" in text


def test_check_refuses_a_value_that_is_not_a_project() -> None:
    from llamalicense import LlamalicenseError, check

    with pytest.raises(LlamalicenseError, match="cannot check a int"):
        check(5)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", FORMATS)
def test_the_pieces_of_a_report_are_its_whole_text(name: str) -> None:
    # The CLI writes get_chunks' pieces; joined, they must be exactly render's text.
    report = llamalicense.check(EXAMPLES / "mixed-versions", waivers=False)
    options = RenderOptions(color=name == "text")
    pieces = list(get_chunks(name)(report, options))
    assert pieces
    assert all(isinstance(piece, str) for piece in pieces)
    assert "".join(pieces) == get(name)(report, options)
    if name == "text":
        assert len(pieces) > 2  # the head, the components, the end
    encoded = get_encoded(name)
    if encoded is not None:  # the same pieces, encoded
        for encoding in ("utf-8", "latin-1", "ascii"):
            parts = list(encoded(report, options, encoding, "backslashreplace"))
            assert [p.decode(encoding) for p in parts] == [
                p.encode(encoding, "backslashreplace").decode(encoding) for p in pieces
            ]


def _fine_tunes(names: list[str]) -> list[dict[str, Any]]:
    """A Llama 3.1 release and one fine-tune of it per name, every second one distributed."""
    components: list[dict[str, Any]] = [
        {"id": "base", "type": "model", "ref": "meta-llama/Llama-3.1-8B-Instruct"}
    ]
    components += [
        {
            "id": f"ft-{n:04d}",
            "type": "model",
            "name": name,
            "derived_from": [{"id": "base", "relation": "finetune"}],
            "distributed": n % 2 == 0,
        }
        for n, name in enumerate(names)
    ]
    return components


def test_a_large_text_report_comes_in_pieces_of_whole_components(tmp_path: Path) -> None:
    from llamalicense import check
    from llamalicense.report.formats.text import _PIECE

    write_project(tmp_path)
    count = 2 * _PIECE + 50  # three pieces of components, the last one short
    # every third one misnamed
    names = [f"Llama-Acme-{n}" if n % 3 else f"Acme-{n}" for n in range(count)]
    report = check({"version": 1, "components": _fine_tunes(names)}, root=tmp_path)
    pieces = list(get_chunks("text")(report, RenderOptions()))
    assert "".join(pieces) == get("text")(report, RenderOptions())
    body = pieces[1:-1]
    with_findings = sorted({finding.component for finding in report.findings})
    assert len(with_findings) > _PIECE
    assert len(body) == -(-len(with_findings) // _PIECE)
    assert all(piece.endswith("\n\n") for piece in body)
    headers = [line for line in "".join(body).splitlines() if line.startswith("model ")]
    assert headers == [f"model {c} (llama-3.1)" for c in with_findings]
    misnamed = "".join(body).count("VIOLATION LLAMA-3.1-MODEL-NAME")
    assert misnamed == len([n for n in range(count) if n % 3 == 0 and n % 2 == 0])


def test_a_large_json_report_in_utf8_pieces_is_json_dumpss_text(tmp_path: Path) -> None:
    # The long lists go out 256 items a piece, each a slice of orjson's UTF-8 bytes; joined,
    # the pieces are the standard library's text, list seams and non-ASCII included.
    from llamalicense import check
    from llamalicense.report.formats import get_utf8
    from llamalicense.report.formats.json_format import _ITEMS_PER_PIECE

    write_project(tmp_path)
    count = 2 * _ITEMS_PER_PIECE + 1  # three pieces of components, the last one item
    names = [f"Llama-Åcme-{n} \u201cchat\u201d" for n in range(count)]
    report = check({"version": 1, "components": _fine_tunes(names)}, root=tmp_path)
    assert len(report.edges) == count
    pieces = list(get_utf8("json")(report, RenderOptions()))
    assert all(isinstance(piece, bytes) for piece in pieces)
    expected = json.dumps(report.to_dict(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert b"".join(pieces) == expected.encode("utf-8")
    empty = check({"version": 1, "components": []}, root=tmp_path)  # "edges": []
    assert (
        get("json")(empty, RenderOptions())
        == json.dumps(empty.to_dict(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    )


@pytest.mark.parametrize("name", ["text", "junit", "markdown"])
def test_findings_out_of_order_render_as_in_order(name: str) -> None:
    # Reports from check() come in sort_key order; one built or edited by hand may not.
    import dataclasses

    report = llamalicense.check(EXAMPLES / "mixed-versions", waivers=False)
    assert len({f.component for f in report.findings}) > 2
    shuffled = dataclasses.replace(report, findings=tuple(reversed(report.findings)))
    assert get(name)(shuffled, RenderOptions()) == get(name)(report, RenderOptions())


# -- the text report's views (--show) --------------------------------------------------------


def test_the_default_text_report_lists_open_findings_and_sums_up_the_rest(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", manifest(notice=False, mau=False))
    text, code = render(project, "text")
    assert code == 1
    data = cli("check", ".", "--format", "json", cwd=project).json()
    statuses = {f["status"] for f in data["findings"]}
    assert {"violation", "needs-review", "pass"} <= statuses
    for finding in data["findings"]:
        line = f"{finding['rule']} [{finding['license']} {finding['clause']},"
        if finding["status"] in ("violation", "needs-review"):
            assert line in text
            assert f"fix: {finding['how_to_fix']}" in text
        elif finding["status"] == "waived":
            assert line in text
        else:
            assert line not in text
    assert "PASS" not in text
    passed = [f for f in data["findings"] if f["status"] == "pass"]
    rules = ", ".join(sorted({f["rule"] for f in passed}))
    components = len({f["component"] for f in passed})
    summary = [line for line in text.splitlines() if line.startswith("Not listed:")]
    assert summary == [
        f"Not listed: {len(passed)} pass ({rules}) on {components} component"
        f"{'' if components == 1 else 's'}; `--show all` lists them."
    ]
    summary_counts = data["summary"]
    counts = ", ".join(f"{summary_counts[s]} {s}" for s in STATUSES if summary_counts[s])
    assert f"Verdict: non-compliant ({counts})" in text  # the counts still include passes


def test_show_all_lists_every_finding_and_no_summary_line(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", manifest(notice=False))
    text, _ = render(project, "text", "--show", "all")
    data = cli("check", ".", "--format", "json", cwd=project).json()
    assert text.count("\n  PASS ") == sum(f["status"] == "pass" for f in data["findings"])
    assert "Not listed:" not in text
    report = llamalicense.check(project)
    library = get("text")(report, RenderOptions(exit_code=1))  # the library's default: all
    assert text.splitlines()[1:] == library.splitlines()[1:]  # (the title names the path)


def test_a_compliant_project_prints_one_summary_line_and_the_verdict() -> None:
    run = cli("check", str(EXAMPLES / "compliant-finetune"))
    assert run.code == 0
    lines = [line for line in run.out.splitlines() if line]
    assert lines[1].startswith("Not listed: 13 pass (LLAMA-3.1-AGREEMENT, ")
    assert lines[2] == "Verdict: compliant (13 pass)"
    assert lines[3].startswith("This verdict rests on the facts declared in ")
    assert len(lines) == 5  # the title, the summary, the verdict, what it rests on, disclaimer


def test_waived_findings_are_listed_with_their_waiver(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", manifest(notice=False), waivers=[notice_waiver()])
    text, code = render(project, "text")
    assert code == 0
    assert "WAIVED    LLAMA-3.1-NOTICE" in text
    assert "waived (violation):" in text  # who approved it and when it expires
    assert "PASS" not in text
    assert re.search(r"^Not listed: \d+ pass \(", text, flags=re.MULTILINE)


def test_all_lists_the_not_applicable_findings_in_the_default_view(tmp_path: Path) -> None:
    run = cli("check", str(EXAMPLES / "integrated-product"), "--all")
    assert "N/A       LLAMA-3.1-MAU" in run.out
    assert "PASS" not in run.out
    assert re.search(r"^Not listed: \d+ pass \(", run.out, re.MULTILINE)


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_machine_formats_keep_every_finding_whatever_the_view(tmp_path: Path, fmt: str) -> None:
    project = write_project(tmp_path / "p", manifest(notice=False))
    default, _ = render(project, fmt)
    everything, _ = render(project, fmt, "--show", "all")
    assert default == everything
    if fmt == "json":
        statuses = {f["status"] for f in json.loads(default)["findings"]}
        assert "pass" in statuses


def test_the_summary_line_names_at_most_eight_rules_and_counts_the_rest() -> None:
    from llamalicense.report.formats.text import _not_shown

    report = llamalicense.check(EXAMPLES / "mixed-versions", waivers=False)
    line = _not_shown(report)
    rules = sorted({f.rule for f in report.findings if f.status == "pass"})
    assert len(rules) > 8
    assert f"{', '.join(rules[:8])} and {len(rules) - 8} more)" in line


@pytest.mark.parametrize("count", [1_000_000.0, 7e8, 6.5e14, 1e15])
def test_a_json_report_with_whole_float_counts_is_json_dumpss_text(
    tmp_path: Path, count: float
) -> None:
    # orjson writes the report; user counts given as floats (the only floats a report can
    # hold, whole by the schema) must come out as json.dumps writes them.
    data = manifest()
    data["licensee"]["max_monthly_active_users"] = count
    data["licensee"]["monthly_active_users"] = [{"month": "2024-06", "count": count}]
    write_project(tmp_path, data)
    report = llamalicense.check(tmp_path, waivers=False)
    text = get("json")(report, RenderOptions())
    assert text == json.dumps(report.to_dict(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert repr(count) in text


@pytest.mark.parametrize("name", ["text", "markdown", "html"])
def test_a_finding_about_no_clause_never_prints_none(name: str) -> None:
    import dataclasses

    report = llamalicense.check(EXAMPLES / "missing-notice", waivers=False)
    findings = tuple(dataclasses.replace(f, clause=None) for f in report.findings)
    out = get(name)(dataclasses.replace(report, findings=findings), RenderOptions())
    assert "None" not in out
    assert "llama-3.1" in out


def test_a_waiver_from_the_user_cannot_drive_the_terminal(tmp_path: Path) -> None:
    waiver = notice_waiver(reason="ok\x1b[2J", approved_by="legal\x1b]0;x\x07")
    project = write_project(tmp_path / "p", manifest(notice=False), waivers=[waiver])
    text, _ = render(project, "text")
    assert "\x1b" not in text
    assert "ok\\x1b[2J" in text


def test_large_numbers_in_messages_have_thousands_separators() -> None:
    from llamalicense.policy.wording import grouped

    assert [grouped(n) for n in (2024, 9_999, 10_000, 716_750_000, -12_345)] == [
        "2024",
        "9999",
        "10,000",
        "716,750,000",
        "-12,345",
    ]
    run = cli("check", str(EXAMPLES / "mau-over-affiliate"))
    assert "had 716,750,000 monthly active users in 2024-06" in run.out
    assert "716,750,000 monthly active users are declared" in run.out
    assert "716750000" not in run.out
