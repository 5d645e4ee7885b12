"""Issue 15, classes 1, 2 and 10: text from a stranger's pull request cannot forge output.

A waiver's reason, a component's name, a custom rule's title or a file name can hold line
breaks, escape sequences, GitHub workflow commands (``::error::``, ``::stop-commands::``),
markdown and HTML. In every format and on stderr none of it reaches the output raw.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from integration_kit import ROOT, cli, manifest, notice_waiver, write_project
from llamalicense.errors import ManifestError
from llamalicense.report.formats import FORMATS
from llamalicense.report.formats.markdown import code, text
from llamalicense.report.formats.sarif import artifact_uri
from llamalicense.safetext import clean, excerpt

FORGED = "\n::error file=x.py,line=1::forged\r\n::stop-commands::tok3n\n\x1b]0;owned\x07\x1b[2J"
MARKUP = "x`\n\n## \u2705 compliant\n<img src=https://track.example/p.png>| ![i](u) :tada: @team"
# A workflow command starts a line, after blanks; so does an escape sequence's effect.
COMMAND_LINE = re.compile(r"^[ \t]*::", re.MULTILINE)


def _hostile(tmp_path: Path) -> Path:
    data = manifest(notice=False)
    data["components"][1]["name"] = "Acme" + FORGED
    data["licensee"]["name"] = "Acme" + FORGED
    waivers = [
        notice_waiver(reason="accepted" + FORGED, approved_by="::error::me" + FORGED),
        # A waiver that matches nothing is reported as a finding about its component.
        notice_waiver(component=MARKUP + FORGED, reason="stale" + MARKUP),
    ]
    return write_project(tmp_path / "p", data, waivers=waivers)


def _assert_clean(output: str) -> None:
    assert COMMAND_LINE.search(output) is None, output
    assert "\x1b" not in output
    assert "\r" not in output
    assert "tok3n\n" not in output  # the newline after it is escaped, not raw


@pytest.mark.parametrize("format_name", FORMATS)
def test_no_format_lets_input_forge_a_line_or_drive_a_terminal(
    tmp_path: Path, format_name: str
) -> None:
    project = _hostile(tmp_path)
    run = cli(
        "check", ".", "--format", format_name, "--explain", "--all", "--show", "all", cwd=project
    )
    assert run.code in (0, 1), run.err
    _assert_clean(run.out)
    _assert_clean(run.err)


def test_the_hostile_values_are_still_shown_escaped(tmp_path: Path) -> None:
    run = cli("check", ".", "--show", "all", cwd=_hostile(tmp_path))
    assert "accepted\\x0a:\\x3a" not in run.out  # only a value's own leading :: is broken
    assert "accepted\\x0a::error file=x.py,line=1::forged\\x0d\\x0a" in run.out
    assert "\\x1b]0;owned\\x07\\x1b[2J" in run.out


def test_markdown_keeps_input_inside_its_cell(tmp_path: Path) -> None:
    run = cli("check", ".", "--format", "markdown", cwd=_hostile(tmp_path))
    lines = run.out.split("\n")
    assert [line for line in lines if line.startswith("#")] == [
        "## llamalicense: \u274c non-compliant",
        "### Lineage behind the findings",
    ]
    assert "<img" not in run.out
    assert "![" not in run.out
    assert ":tada:" not in run.out
    table = [line for line in lines if line.startswith("| ")]
    header_cells = table[0].count("|") - table[0].count("\\|")
    for row in table:  # every row has the header's cells: no | of the input splits one
        assert row.count("|") == header_cells, row
    fence = run.out.split("```mermaid", 1)[1].split("```", 1)[0]
    assert "`" not in fence
    assert '"' not in fence.replace('["', "").replace('"]', "")


def test_markdown_helpers_escape_every_inline_mark() -> None:
    assert text("a|b") == "a&#124;b"
    assert text("<b>*x*</b>") == "&lt;b&gt;\\*x\\*&lt;/b&gt;"
    assert text("![x](y)") == "\\!\\[x\\](y)"
    assert text("two\nlines") == "two\\\\x0alines"
    assert code("LLAMA-3.1-NOTICE") == "`LLAMA-3.1-NOTICE`"
    assert code("a`b") == "<code>a\\`b</code>"
    assert code("a|b") == "<code>a&#124;b</code>"


def test_junit_is_well_formed_with_control_characters(tmp_path: Path) -> None:
    run = cli("check", ".", "--format", "junit", cwd=_hostile(tmp_path))
    root = ET.fromstring(run.out.encode("utf-8"))  # raises on a control character
    names = [case.get("classname") or "" for case in root.iter("testcase")]
    assert any("\\x1b" in name for name in names)


def test_dot_strings_cannot_end_early(tmp_path: Path) -> None:
    data = manifest(notice=False)
    data["components"][1]["name"] = 'a\\" ]; evil [label="x'
    project = write_project(tmp_path / "p", data)
    run = cli("check", ".", "--format", "dot", cwd=project)
    node = next(line for line in run.out.splitlines() if line.startswith('  "acme-chat" ['))
    label = node.split("label=", 1)[1]
    # The name's quote is escaped and its backslash doubled: one string to the next comma.
    assert label.startswith('"acme-chat\\na\\\\\\" ]; evil [label=\\"x\\n')


def test_sarif_uri_is_percent_encoded() -> None:
    assert artifact_uri("cards/my model#1?.md") == "cards/my%20model%231%3F.md"
    assert artifact_uri("a\nb%") == "a%0Ab%25"
    assert artifact_uri("/abs/x y") == "file:///abs/x%20y"
    assert artifact_uri("C:\\p\\x y") == "file:///C:/p/x%20y"


def test_error_messages_are_cleaned_on_stderr(tmp_path: Path) -> None:
    error = ManifestError("bad value" + FORGED, file="::x\n.yaml", hint="fix" + FORGED)
    rendered = error.render()
    assert rendered.count("\n") == 1  # the message line and the hint line, nothing more
    _assert_clean(rendered)
    run = cli("check", str(tmp_path / ("::error::" + "x\x1b[2J")))
    assert run.code == 2
    _assert_clean(run.err)


def test_clean_and_excerpt() -> None:
    assert clean("plain text") == "plain text"
    assert clean("  ::set-output") == "  \\x3a:set-output"
    assert clean("a\u202eb\ud800") == "a\\u202eb\\ud800"
    assert clean("tab\tstays") == "tab\tstays"
    long = excerpt("SECRET" * 100)
    assert long.startswith("'SECRETSECRET")
    assert len(long) < 100
    assert "600 characters" in long
    assert excerpt(10**5000).startswith("'<an integer of")


def test_custom_rule_title_and_rules_test_output_are_cleaned(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    rule = (ROOT / "examples" / "custom-rules" / "rules" / "no-new-llama-2.yaml").read_text(
        encoding="utf-8"
    )
    rule = rule.replace(
        "title: No new products on Llama 2 (Acme policy)",
        'title: "No Llama 2\\n::error::forged\\u001b[2J"',
    )
    (pack / "no-new-llama-2.yaml").write_text(rule, encoding="utf-8")
    shutil.copy(
        ROOT / "examples" / "custom-rules" / "rules" / "no-new-llama-2.tests.yaml",
        pack / "no-new-llama-2.tests.yaml",
    )
    for args in (("rules", "list", "--rules", str(pack)), ("rules", "test", str(pack))):
        run = cli(*args)
        assert run.code == 0, run.err
        _assert_clean(run.out)
    project = write_project(tmp_path / "p", manifest(notice=False))
    for format_name in FORMATS:
        run = cli("check", ".", "--rules", str(pack), "--format", format_name, cwd=project)
        _assert_clean(run.out)
