"""The command line: exit codes, where output goes, colour, and the rules commands."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import llamalicense
from llamalicense.catalog.data import rules_dir
from llamalicense.cli import check as check_command
from llamalicense.cli import main as cli
from llamalicense.policy.rules import builtin_rules
from llamalicense.project.reviews import use_cases_digest

ANSI = "\x1b["
NO_USE_CASES = use_cases_digest(())  # the digest a review record gives when none are declared

COMPLIANT = f"""\
version: 1
licensee: {{name: Small Co, max_monthly_active_users: 1000}}
components:
  - id: base
    type: model
    ref: meta-llama/Llama-3.1-8B-Instruct
    distributed: false
reviews:  # clause 1.b.iv (laws) is for a person: a compliant verdict rests on a review
  - {{by: Ana, date: 2026-11-30, obligations: [laws], use_cases: "{NO_USE_CASES}"}}
"""
VIOLATION = """\
version: 1
licensee:
  name: Giant Co
  monthly_active_users:
    - {month: 2024-06, count: 700000001}
components:
  - id: base
    type: model
    ref: meta-llama/Llama-3.1-8B-Instruct
    distributed: false
"""
NEEDS_REVIEW = """\
version: 1
licensee: {name: Quiet Co}
components:
  - id: base
    type: model
    ref: meta-llama/Llama-3.1-8B-Instruct
    distributed: false
"""


def _project(tmp_path: Path, manifest: str) -> Path:
    folder = tmp_path / "project"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "llamalicense.yaml").write_text(manifest, encoding="utf-8")
    return folder


def _run(*args: str, cwd: Path | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR",)}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-m", "llamalicense", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        cwd=cwd,
        env=environment,
        check=False,
    )


# -- exit codes ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("manifest", "fail_on", "code"),
    [
        (COMPLIANT, "violation", 0),
        (COMPLIANT, "needs-review", 0),
        (VIOLATION, "violation", 1),
        (VIOLATION, "needs-review", 1),
        (NEEDS_REVIEW, "violation", 0),
        (NEEDS_REVIEW, "needs-review", 1),
    ],
    ids=[
        "compliant",
        "compliant-strict",
        "violation",
        "violation-strict",
        "review",
        "review-strict",
    ],
)
def test_exit_code_follows_fail_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], manifest: str, fail_on: str, code: int
) -> None:
    folder = _project(tmp_path, manifest)
    assert cli.main(["check", str(folder), "--fail-on", fail_on]) == code
    out, err = capsys.readouterr()
    assert "Verdict: " in out
    assert err == ""


def test_exit_codes_end_to_end(tmp_path: Path) -> None:
    for manifest, code in ((COMPLIANT, 0), (VIOLATION, 1)):
        folder = _project(tmp_path / f"case-{code}-{len(manifest)}", manifest)
        result = _run("check", str(folder))
        assert result.returncode == code, result.stderr
        assert result.stderr == ""
    bad = _project(tmp_path / "bad", "version: 1\ncomponents: [\n")
    result = _run("check", str(bad))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_the_console_script_flushes_all_its_output_before_it_leaves(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # entry() ends the process with os._exit: everything written must be out first.
    folder = _project(tmp_path, VIOLATION)
    args = ["check", str(folder), "--format", "json", "--explain"]
    assert cli.main(args) == 1  # the same run in this process, for comparison
    out, err = capsys.readouterr()
    result = _run(*args)
    assert result.returncode == 1
    assert result.stdout == out
    assert result.stderr == err
    assert err.strip(), "the --explain trees on stderr were lost"


@pytest.mark.parametrize("encoding", ["utf-8", "latin-1", "ascii", "utf-16"])
def test_the_report_reaches_a_stdout_of_any_encoding(tmp_path: Path, encoding: str) -> None:
    # The text report has curly quotes: a stream that cannot encode them gets escapes, not
    # an internal error. What arrives is the report as this process renders it.
    folder = _project(tmp_path, VIOLATION)
    result = subprocess.run(
        [sys.executable, "-m", "llamalicense", "check", str(folder)],
        capture_output=True,
        timeout=120,
        env={**os.environ, "NO_COLOR": "1", "PYTHONIOENCODING": encoding},
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert result.stderr == b""
    from llamalicense.report.formats import RenderOptions, get

    expected = get("text")(llamalicense.check(folder), RenderOptions())
    errors = "strict" if encoding.startswith("utf") else "backslashreplace"
    shown = expected.encode(encoding, errors).decode(encoding)  # (UTF-16: no byte-order mark)
    assert result.stdout.decode(encoding) == shown
    assert "\u201c" in expected


def test_a_reader_that_goes_away_is_not_an_error(tmp_path: Path) -> None:
    folder = _project(tmp_path, VIOLATION)
    process = subprocess.Popen(
        [sys.executable, "-m", "llamalicense", "check", str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    assert process.stderr is not None
    process.stdout.close()  # like `llamalicense check | head -0`
    stderr = process.stderr.read().decode("utf-8")
    # The check's own exit code, whether or not the pipe closed before the report was out:
    # `set -o pipefail` pipelines keep failing on a violation.
    assert process.wait(timeout=120) == 1
    assert "Traceback" not in stderr
    assert "Exception ignored" not in stderr


def test_a_reader_that_goes_away_early_keeps_the_exit_code(tmp_path: Path) -> None:
    # A report far larger than a pipe's buffer, and a reader that stops after one line.
    components = "".join(
        f"  - {{id: m{n}, type: model, name: Acme-{n}, distributed: true,"
        " derived_from: [{id: base, relation: finetune}]}\n"
        for n in range(400)
    )
    folder = _project(
        tmp_path,
        "version: 1\ncomponents:\n"
        "  - {id: base, type: model, ref: meta-llama/Llama-3.1-8B-Instruct}\n" + components,
    )
    shell = f'{sys.executable} -m llamalicense check {folder} | head -1; echo "${{PIPESTATUS[0]}}"'
    result = subprocess.run(
        ["bash", "-c", shell], capture_output=True, text=True, timeout=120, check=False
    )
    first, code = result.stdout.splitlines()
    assert first.startswith("llamalicense ")
    assert code == "1"
    assert "Traceback" not in result.stderr
    assert "Exception ignored" not in result.stderr


def test_default_path_is_the_current_folder(tmp_path: Path) -> None:
    folder = _project(tmp_path, VIOLATION)
    result = _run("check", cwd=folder, NO_COLOR="1")
    assert result.returncode == 1
    assert result.stdout.startswith(f"llamalicense {llamalicense.__version__}: llamalicense.yaml")


def test_a_manifest_file_can_be_given(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _project(tmp_path, VIOLATION)
    assert cli.main(["check", str(folder / "llamalicense.yaml")]) == 1
    assert "LLAMA-3.1-MAU" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "--format", "xml"], "invalid choice: 'xml'"),
        (["check", "--fail-on", "warning"], "invalid choice: 'warning'"),
        (["check", "--frobnicate"], "unrecognized arguments: --frobnicate"),
        (["bogus"], "invalid choice: 'bogus'"),
        (["rules"], "rules list"),
        (["rules", "explain"], "invalid choice: 'explain'"),
        (["rules", "show"], "rule_id"),
        ([], "usage:"),
    ],
)
def test_usage_errors_exit_2(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(args) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert message in err
    assert "Traceback" not in err


def test_usage_error_from_the_console_script_exits_2() -> None:
    result = _run("check", "--format", "xml")
    assert result.returncode == 2
    assert "hint: run `llamalicense check --help`" in result.stderr
    assert result.stdout == ""


def test_a_folder_without_llama_evidence_says_so_and_exits_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["check", str(tmp_path)]) == 0
    out, _ = capsys.readouterr()
    assert "No Llama evidence in this folder" in out


@pytest.mark.parametrize("target", ["missing-folder"])
def test_bad_paths_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str], target: str) -> None:
    path = tmp_path / target
    assert cli.main(["check", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert str(path) in err
    assert "error:" in err


def test_internal_error_exits_3_with_a_bug_report_hint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(*args: object, **kwargs: object) -> int:
        raise RuntimeError("the engine fell over")

    monkeypatch.delenv("LLAMALICENSE_DEBUG", raising=False)
    monkeypatch.setattr(check_command, "run", boom)
    folder = _project(tmp_path, COMPLIANT)
    assert cli.main(["check", str(folder)]) == 3
    out, err = capsys.readouterr()
    assert out == ""
    assert "internal error (RuntimeError: the engine fell over)" in err
    assert "This is a bug" in err
    assert "Traceback" not in err
    monkeypatch.setenv("LLAMALICENSE_DEBUG", "1")
    assert cli.main(["check", str(folder)]) == 3
    assert "Traceback" in capsys.readouterr().err


def test_internal_error_inside_the_library_exits_3(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import llamalicense.api

    def boom(*args: object, **kwargs: object) -> object:
        raise RuntimeError("bug in check()")

    monkeypatch.delenv("LLAMALICENSE_DEBUG", raising=False)
    monkeypatch.setattr(llamalicense.api, "check", boom)
    assert cli.main(["check", str(_project(tmp_path, COMPLIANT))]) == 3
    assert "RuntimeError: bug in check()" in capsys.readouterr().err


def test_interrupt_exits_130(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*args: object, **kwargs: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(check_command, "run", interrupted)
    assert cli.main(["check", str(_project(tmp_path, COMPLIANT))]) == 130
    assert "interrupted" in capsys.readouterr().err


# -- where output goes -----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_output_file_gets_the_report_and_stdout_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    folder = _project(tmp_path, VIOLATION)
    assert cli.main(["check", str(folder), "--format", fmt]) == 1
    expected = capsys.readouterr().out
    target = tmp_path / "reports" / "nested" / f"report.{fmt}"
    assert cli.main(["check", str(folder), "--format", fmt, "--output", str(target)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == ""
    assert target.read_text(encoding="utf-8") == expected
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]  # no temp files left


def test_output_file_replaces_an_old_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "report.txt"
    target.write_text("old report that is much longer than the new one\n" * 1000)
    assert cli.main(["check", str(_project(tmp_path, COMPLIANT)), "-o", str(target)]) == 0
    text = target.read_text(encoding="utf-8")
    assert "old report" not in text
    assert "Verdict: compliant" in text
    assert capsys.readouterr().out == ""


def test_a_report_that_fails_while_written_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The text report is written piece by piece; a failure half way must not leave half a
    # report, nor a temporary file beside it.
    from llamalicense.report.formats import text as text_format

    def failing(report: object, options: object, encoding: str, errors: str) -> Iterator[bytes]:
        yield b"llamalicense: the first piece\n"
        raise RuntimeError("rendering failed")

    monkeypatch.setattr(text_format, "render_encoded", failing)
    target = tmp_path / "out" / "report.txt"
    target.parent.mkdir()
    target.write_text("the old report\n", encoding="utf-8")
    assert cli.main(["check", str(_project(tmp_path, COMPLIANT)), "-o", str(target)]) == 3
    assert target.read_text(encoding="utf-8") == "the old report\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["report.txt"]
    assert "rendering failed" in capsys.readouterr().err


def test_output_to_a_folder_is_an_input_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _project(tmp_path, COMPLIANT)
    assert cli.main(["check", str(folder), "--output", str(tmp_path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "cannot write the report" in err


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_explain_writes_trees_on_stderr_and_leaves_stdout_alone(tmp_path: Path, fmt: str) -> None:
    folder = _project(tmp_path, VIOLATION)
    plain = _run("check", str(folder), "--format", fmt)
    explained = _run("check", str(folder), "--format", fmt, "--explain")
    assert explained.returncode == plain.returncode == 1
    assert explained.stdout == plain.stdout
    assert plain.stderr == ""
    err = explained.stderr
    assert "LLAMA-3.1-MAU on base: violation" in err
    assert "  applies_to:\n" in err
    assert "  require:\n" in err
    assert "✘ any: none holds" in err
    assert "licensee.mau_declared" in err


# -- colour ----------------------------------------------------------------------------------


def _run_on_a_tty(args: list[str], env: dict[str, str]) -> str:
    master, slave = pty.openpty()
    environment = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    environment.update(env)
    process = subprocess.Popen(
        [sys.executable, "-m", "llamalicense", *args],
        stdout=slave,
        stderr=subprocess.DEVNULL,
        env=environment,
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    process.wait(timeout=120)
    return b"".join(chunks).decode("utf-8")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_colour_only_on_a_terminal_without_no_color(tmp_path: Path) -> None:
    folder = str(_project(tmp_path, VIOLATION))
    coloured = _run_on_a_tty(["check", folder], {})
    assert ANSI in coloured
    assert "VIOLATION" in coloured
    assert ANSI not in _run_on_a_tty(["check", folder], {"NO_COLOR": "1"})
    assert ANSI not in _run_on_a_tty(["check", folder, "--no-color"], {})
    assert ANSI not in _run_on_a_tty(["check", folder, "--format", "json"], {})


def test_no_colour_when_stdout_is_not_a_terminal(tmp_path: Path) -> None:
    result = _run("check", str(_project(tmp_path, VIOLATION)))
    assert "VIOLATION" in result.stdout
    assert ANSI not in result.stdout
    assert ANSI not in result.stderr


# -- rules commands and version --------------------------------------------------------------


def test_rules_list(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["rules", "list"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    rules = builtin_rules()
    assert len(lines) == len(rules)
    for rule, line in zip(rules, lines, strict=True):
        assert line.startswith(rule.id + " ")
        assert rule.license in line
        assert rule.obligation in line


def test_rules_show(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["rules", "show", "llama-3.1-notice"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("LLAMA-3.1-NOTICE: ")
    assert "clause:     1.b.iii" in out
    assert "obligation: notice" in out
    assert "Copyright © Meta Platforms, Inc. All Rights Reserved." in out
    assert "fix:" in out


def test_rules_show_unknown_id_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["rules", "show", "LLAMA-3.1-NOPE"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "no rule 'LLAMA-3.1-NOPE'" in err
    assert "rules list" in err


def test_rules_with_an_extra_pack(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (rules_dir() / "obligations" / "notice.yaml").read_text(encoding="utf-8")
    (tmp_path / "own.yaml").write_text(text.replace("id: LLAMA-", "id: ACME-"), encoding="utf-8")
    assert cli.main(["rules", "list", "--rules", str(tmp_path)]) == 0
    assert "ACME-3.1-NOTICE" in capsys.readouterr().out
    # The same id twice is an error naming both files.
    (tmp_path / "dup.yaml").write_text(text, encoding="utf-8")
    assert cli.main(["rules", "list", "--rules", str(tmp_path)]) == 2
    assert "rule id 'LLAMA-2-NOTICE' is used twice" in capsys.readouterr().err


def test_version() -> None:
    result = _run("--version")
    assert result.returncode == 0
    assert result.stdout == f"llamalicense {llamalicense.__version__}\n"


def test_help_goes_to_stdout_and_exits_0() -> None:
    result = _run("check", "--help")
    assert result.returncode == 0
    assert "--fail-on" in result.stdout
    assert "--explain" in result.stdout


# -- every manifest error, each with its hint --------------------------------------------------


def test_every_schema_error_is_shown_in_document_order_each_with_a_hint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "llamalicense.yaml").write_text(
        "version: 1\n"
        "components:\n"
        "  - id: base\n"
        "    type: model\n"
        "    ref: meta-llama/Llama-3.1-8B\n"
        "    distributd: true\n"
        "  - id: app\n"
        "    type: prodct\n"
        "    derived_from: base\n"
        "  - id: x\n"
        "    type: model\n"
        "    distributed: maybe\n",
        encoding="utf-8",
    )
    assert cli.main(["check", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    errors = [line for line in err.splitlines() if ": error: " in line]
    assert [line.split(": error: ")[0].rsplit(":", 2)[1] for line in errors] == [
        "6",
        "8",
        "9",
        "12",
    ]
    assert "unknown field 'distributd'" in errors[0]
    assert "'prodct' is not allowed" in errors[1]
    assert "expected array, got string" in errors[2]
    assert "expected boolean, got string" in errors[3]
    assert err.count("\n  hint: ") + err.startswith("  hint: ") == 4
    assert "more error" not in err


def test_past_the_cap_the_message_says_how_many_more(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from llamalicense.project.manifest_schema import MAX_ERRORS

    items = "".join(
        f"  - id: c{n}\n    type: model\n    distributed: maybe\n" for n in range(MAX_ERRORS + 5)
    )
    (tmp_path / "llamalicense.yaml").write_text(
        f"version: 1\ncomponents:\n{items}", encoding="utf-8"
    )
    assert cli.main(["check", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count(": error: expected boolean, got string") == MAX_ERRORS
    assert err.count("hint: true if it is distributed") == MAX_ERRORS
    assert err.rstrip().endswith("(5 more errors were found; fix these and run again)")


def test_every_error_after_the_schema_check_is_shown_in_document_order_each_with_a_hint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Unknown references, duplicate ids, evidence outside the folder, an unknown MAU entity
    and an unknown review component: all of them, not only the first."""
    (tmp_path / "llamalicense.yaml").write_text(
        "version: 1\n"
        "licensee:\n"
        "  name: Acme\n"
        "  monthly_active_users:\n"
        "    - {month: 2024-06, count: 10, entity: Acme Labz}\n"
        "components:\n"
        "  - id: base\n"
        "    type: model\n"
        "    ref: meta-llama/Llama-3.1-8B\n"
        "  - id: tuned\n"
        "    type: model\n"
        "    derived_from: [{id: bsae, relation: finetune}]\n"
        "    attribution: {notice: ../NOTICE}\n"
        "  - id: base\n"
        "    type: dataset\n"
        "  - id: app\n"
        "    type: product\n"
        "    contains: [tunde]\n"
        "reviews:\n"
        "  - by: Dana\n"
        "    date: 2026-11-30\n"
        "    obligations: [aup]\n"
        "    use_cases: sha256:" + "0" * 64 + "\n"
        "    components: [ap]\n",
        encoding="utf-8",
    )
    assert cli.main(["check", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    errors = [line for line in err.splitlines() if ": error: " in line]
    lines = [int(line.split(": error: ")[0].rsplit(":", 2)[1]) for line in errors]
    assert len(lines) == 6, err
    assert lines == sorted(lines)
    assert "unknown entity 'Acme Labz'" in errors[0]
    assert "'tuned' refers to unknown component 'bsae'" in errors[1]
    assert "path '../NOTICE' leaves the project folder" in errors[2]
    assert "duplicate component id 'base'" in errors[3]
    assert "'app' refers to unknown component 'tunde'" in errors[4]
    assert "unknown component 'ap' in a review record" in errors[5]
    hints = [line for line in err.splitlines() if line.startswith("  hint: ")]
    assert len(hints) == 6
    assert "did you mean 'base'?" in hints[1]
    assert "did you mean 'tuned'?" in hints[4]
    assert "more error" not in err


def test_errors_after_the_schema_check_stop_at_the_same_cap(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from llamalicense.project.manifest_schema import MAX_ERRORS

    items = "".join(
        f"  - id: c{n}\n    type: model\n    derived_from: [{{id: gone{n}, relation: finetune}}]\n"
        for n in range(MAX_ERRORS + 3)
    )
    (tmp_path / "llamalicense.yaml").write_text(
        f"version: 1\ncomponents:\n{items}", encoding="utf-8"
    )
    assert cli.main(["check", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    errors = [line for line in err.splitlines() if ": error: " in line]
    assert len(errors) == MAX_ERRORS
    assert [e.split("refers to unknown component ")[1] for e in errors[:3]] == [
        "'gone0'",
        "'gone1'",
        "'gone2'",
    ]
    assert err.count("\n  hint: ") == MAX_ERRORS
    assert err.rstrip().endswith("(3 more errors were found; fix these and run again)")


def test_a_manifest_error_from_the_library_keeps_its_first_error_fields(tmp_path: Path) -> None:
    import llamalicense
    from llamalicense.errors import ManifestError

    data = {"version": 1, "components": [{"id": "a", "type": "modle"}, {"id": 5, "type": "x"}]}
    with pytest.raises(ManifestError) as raised:
        llamalicense.check(data, root=tmp_path)
    error = raised.value
    assert error.json_path == "$.components[0].type"
    assert {other.json_path for other in error.others} >= {
        "$.components[1].id",
        "$.components[1].type",
    }
    assert all(other.hint for other in error.others)
