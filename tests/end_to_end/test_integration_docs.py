"""The integration pages' snippets work: docs/github-action.md, pre-commit.md, waivers.md,
formats.md and custom-rules.md.

YAML snippets must parse; the workflow must use inputs and outputs that action.yml has (and
its action step is run through the Action's shell steps); the pre-commit config must name a
hook of .pre-commit-hooks.yaml and pass pre-commit's own config schema; waivers snippets
must validate (and the malformed one must give exactly the error shown); console commands
are run; tables list what the code has.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from integration_kit import ROOT, action, cli, manifest, run_action, write_project
from llamalicense.documents.loader import load_yaml_text
from llamalicense.policy.rules import rule_from_document
from llamalicense.report.formats import FORMATS
from llamalicense.report.formats.sarif import MAX_DESCRIPTION, MAX_RESULTS
from llamalicense.report.waivers import waivers_from_document
from llamalicense.tools.ruletest import run_rule_file

DOCS = ROOT / "docs"
PAGES = ("github-action.md", "pre-commit.md", "waivers.md", "formats.md", "custom-rules.md")
HOOKS = ROOT / ".pre-commit-hooks.yaml"
_BLOCK = re.compile(r"(?:<!-- ([\w-]+) -->\n)?```(\w*)\n(.*?)```", re.DOTALL)


def page(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


def code_blocks(name: str, language: str) -> list[tuple[str, str]]:
    """(marker, text) of each fenced block of ``language`` on the page."""
    return [
        (marker or "", text)
        for marker, lang, text in _BLOCK.findall(page(name))
        if lang == language
    ]


def commands(name: str) -> list[str]:
    found = []
    for _, text in code_blocks(name, "console"):
        found += [line[2:] for line in text.splitlines() if line.startswith("$ llamalicense ")]
    return found


def table_first_column(text: str, heading: str) -> list[str]:
    section = text.split(heading, 1)[1].split("\n## ", 1)[0]
    cells = []
    for line in section.splitlines():
        match = re.match(r"\| `([^`]+)` \|", line)
        if match:
            cells.append(match.group(1))
    return cells


@pytest.mark.parametrize("name", PAGES)
def test_page_exists_and_its_yaml_parses(name: str) -> None:
    assert (DOCS / name).is_file()
    for _, text in code_blocks(name, "yaml"):
        yaml.safe_load(text)


@pytest.mark.parametrize("name", PAGES)
def test_relative_links_resolve(name: str) -> None:
    for target in re.findall(r"\]\((?!https?://|#)([^)#]+)", page(name)):
        assert (DOCS / target).resolve().exists(), target


# -- docs/github-action.md ----------------------------------------------------------------


def workflow() -> dict[str, Any]:
    found = [yaml.safe_load(t) for _, t in code_blocks("github-action.md", "yaml") if "jobs:" in t]
    assert len(found) == 1
    data: dict[str, Any] = found[0]
    return data


def _action_step(steps: list[dict[str, Any]]) -> dict[str, Any]:
    (step,) = [s for s in steps if s.get("uses", "").startswith("llamalicense/llamalicense@")]
    return step


def test_workflow_is_complete_and_uses_the_action_as_declared() -> None:
    data = workflow()
    assert data.get("on") or data.get(True)  # PyYAML (YAML 1.1) reads `on:` as True
    (job,) = data["jobs"].values()
    assert job["runs-on"]
    assert job["permissions"]["security-events"] == "write"
    assert job["permissions"]["contents"] == "read"
    steps = job["steps"]
    assert steps[0]["uses"].startswith("actions/checkout@")
    step = _action_step(steps)
    assert set(step["with"]) <= set(action()["inputs"])
    upload = next(s for s in steps if s.get("uses") == "github/codeql-action/upload-sarif@v3")
    assert upload["with"]["sarif_file"] == f"${{{{ steps.{step['id']}.outputs.sarif-file }}}}"
    assert "always()" in upload["if"]


def test_every_output_the_page_uses_exists() -> None:
    outputs = set(action()["outputs"])
    used = re.findall(r"steps\.llama\.outputs\.([\w-]+)", page("github-action.md"))
    assert used
    assert set(used) <= outputs
    assert _action_step(workflow()["jobs"]["llamalicense"]["steps"])["id"] == "llama"


def test_input_and_output_tables_match_action_yml() -> None:
    text = page("github-action.md")
    inputs = action()["inputs"]
    assert table_first_column(text, "## Inputs") == list(inputs)
    for name, spec in inputs.items():
        row = next(line for line in text.splitlines() if line.startswith(f"| `{name}` |"))
        default = str(spec["default"])
        assert f"`{default}`" in row or (default == "" and "`''`" in row), name
    assert table_first_column(text, "## Outputs") == list(action()["outputs"])


def test_the_workflows_action_step_runs(tmp_path: Path) -> None:
    step = _action_step(workflow()["jobs"]["llamalicense"]["steps"])
    workspace = write_project(tmp_path / "workspace", manifest(notice=False))
    run = run_action(workspace, tmp_path, with_=step["with"])
    assert run.code == 1
    assert run.outputs["verdict"] == "non-compliant"
    sarif_file = run.outputs["sarif-file"]
    assert sarif_file == step["with"]["sarif-file"]
    assert json.loads((workspace / sarif_file).read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert run.summary.startswith("## llamalicense:")


def test_fragments_are_steps() -> None:
    for _, text in code_blocks("github-action.md", "yaml"):
        data = yaml.safe_load(text)
        if isinstance(data, list):
            for step in data:
                assert step.get("name")
                assert "run" in step or "uses" in step


# -- docs/pre-commit.md --------------------------------------------------------------------


def hook_ids() -> set[str]:
    return {hook["id"] for hook in yaml.safe_load(HOOKS.read_text(encoding="utf-8"))}


def precommit_configs() -> list[dict[str, Any]]:
    return [yaml.safe_load(t) for _, t in code_blocks("pre-commit.md", "yaml") if "repos:" in t]


def test_precommit_configs_name_hooks_that_exist() -> None:
    configs = precommit_configs()
    assert len(configs) >= 1
    for config in configs:
        for repo in config["repos"]:
            assert repo["rev"]
            for hook in repo["hooks"]:
                assert hook["id"] in hook_ids()


def test_precommit_files_pass_pre_commits_own_schema(tmp_path: Path) -> None:
    clientlib = pytest.importorskip("pre_commit.clientlib")
    clientlib.load_manifest(str(HOOKS))
    for index, config in enumerate(precommit_configs()):
        path = tmp_path / f"config-{index}.yaml"
        path.write_text(yaml.safe_dump(config), encoding="utf-8")
        clientlib.load_config(str(path))


def test_precommit_args_are_check_options(tmp_path: Path) -> None:
    """`args:` in the docs are appended to `llamalicense check`; they must be accepted."""
    project = write_project(tmp_path / "services" / "chat", manifest(mau=False))
    for config in precommit_configs():
        for hook in config["repos"][0]["hooks"]:
            run = cli("check", *hook.get("args", []), cwd=tmp_path if hook.get("args") else project)
            assert run.code in (0, 1), run.err


def test_the_hook_runs_on_every_commit_as_the_page_says() -> None:
    # A `files` pattern would skip commits that only delete evidence (pre-commit passes
    # no deleted file); tests/integrations/test_precommit.py shows both with real git.
    hooks = {h["id"]: h for h in yaml.safe_load(HOOKS.read_text(encoding="utf-8"))}
    assert set(hooks) == {"llamalicense", "llamalicense-fix"}  # the fixer: docs/fix.md
    for hook in hooks.values():
        assert hook["pass_filenames"] is False
        assert hook["always_run"] is True
        assert "files" not in hook
    assert "(`always_run: true`)" in page("pre-commit.md")


def test_the_page_states_the_measured_hook_time_and_how_it_was_measured() -> None:
    # The figure comes from the benchmark script (speed is measured there, not in tests).
    speed = page("pre-commit.md").split("## Speed", 1)[1].split("\n## ", 1)[0]
    row = next(line for line in speed.splitlines() if "pre-commit run --all-files" in line)
    assert re.search(r"\d+\.\d+ s", row)
    assert "bench/bench_precommit.py" in speed
    assert (ROOT / "bench" / "bench_precommit.py").is_file()


# -- docs/waivers.md ------------------------------------------------------------------------


def test_waivers_snippets_validate() -> None:
    checked = 0
    for marker, text in code_blocks("waivers.md", "yaml"):
        if marker == "waivers-error":
            continue
        waivers = waivers_from_document(load_yaml_text(text, "waivers.md"))
        assert waivers
        for waiver in waivers:
            assert (waiver.rule is None) != (waiver.obligation is None)
        checked += 1
    assert checked >= 1


def test_waivers_table_names_every_field() -> None:
    schema = json.loads(
        (ROOT / "llamalicense" / "schemas" / "waivers.schema.json").read_text(encoding="utf-8")
    )
    fields = schema["properties"]["waivers"]["items"]["properties"]
    listed = table_first_column(page("waivers.md"), "## The waivers file")
    assert listed == list(fields)


def test_the_malformed_waivers_example_gives_the_error_shown(tmp_path: Path) -> None:
    text = page("waivers.md")
    (broken,) = [t for marker, t in code_blocks("waivers.md", "yaml") if marker == "waivers-error"]
    console = text.split(broken, 1)[1].split("```console\n", 1)[1].split("```", 1)[0]
    command, *expected = console.splitlines()
    assert command == "$ llamalicense check"
    project = write_project(tmp_path / "p", manifest(notice=False), waivers=broken)
    run = cli(*shlex.split(command[2:])[1:], cwd=project)
    assert run.code == 2
    assert run.err.splitlines() == expected


def test_the_waivers_library_example_prints_what_the_page_says(tmp_path: Path) -> None:
    blocks = _BLOCK.findall(page("waivers.md"))
    index = next(i for i, (marker, _, _) in enumerate(blocks) if marker == "runnable")
    program, (marker, _, output) = blocks[index][2], blocks[index + 1]
    assert marker == "output"
    result = subprocess.run(
        [sys.executable, "-c", program],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "LLAMALICENSE_CACHE_DIR": str(tmp_path), "NO_COLOR": "1"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == output


# -- docs/formats.md ------------------------------------------------------------------------


def test_formats_page_has_a_section_per_format_and_every_exit_code() -> None:
    text = page("formats.md")
    for name in FORMATS:
        assert f"\n## {name}\n" in text, name
    assert table_first_column(text, "## Exit codes") == ["0", "1", "2", "3", "130"]


def test_formats_page_numbers_are_the_codes() -> None:
    text = page("formats.md")
    assert f"at most {MAX_RESULTS:,} results per run" in text
    assert f"cut at {MAX_DESCRIPTION:,} characters" in text


def test_formats_page_commands_run(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", manifest(notice=False))
    listed = commands("formats.md")
    assert len(listed) >= 4
    for command in listed:
        args = shlex.split(command)[1:]
        run = cli(*args, cwd=project)
        assert run.code in (0, 1), f"{command}: {run.err}"
        assert run.err == "", command
        for index, arg in enumerate(args):
            if arg in ("--output", "-o"):
                assert (project / args[index + 1]).is_file()
            if arg == "--write":
                assert (project / args[index + 1].split(":", 1)[1]).is_file()


# -- docs/custom-rules.md -------------------------------------------------------------------


def test_custom_rules_page_shows_the_example_rule_as_shipped() -> None:
    (rule,) = [t for marker, t in code_blocks("custom-rules.md", "yaml") if marker == "rule"]
    shipped = (ROOT / "examples" / "custom-rules" / "rules" / "no-new-llama-2.yaml").read_text(
        encoding="utf-8"
    )
    body = "\n".join(line for line in shipped.splitlines() if not line.startswith("#"))
    assert rule.strip() == body.strip()
    assert rule_from_document(load_yaml_text(rule, "custom-rules.md")).id == "ACME-NO-NEW-LLAMA-2"


def test_custom_rules_page_fixtures_pass(tmp_path: Path) -> None:
    blocks = {marker: t for marker, t in code_blocks("custom-rules.md", "yaml") if marker}
    (tmp_path / "rule.yaml").write_text(blocks["rule"], encoding="utf-8")
    (tmp_path / "rule.tests.yaml").write_text(blocks["fixtures"], encoding="utf-8")
    results = run_rule_file(tmp_path / "rule.yaml")
    assert [r.detail for r in results if not r.ok] == []
    assert any(r.fires for r in results)
    assert any(not r.fires for r in results)


def test_custom_rules_page_commands_run() -> None:
    expected = {"check": 1, "rules": 0}
    listed = commands("custom-rules.md")
    assert len(listed) >= 4
    for command in listed:
        args = shlex.split(command)[1:]
        run = cli(*args, cwd=ROOT)
        assert run.code == expected[args[0]], f"{command}: {run.out}{run.err}"
