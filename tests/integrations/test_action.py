"""The composite GitHub Action (action.yml): its interface, and its shell steps run locally.

The steps run the way a runner runs them: `shell: bash` is `bash --noprofile --norc -eo
pipefail {0}`; `${{ inputs.X }}` and `${{ github.action_path }}` are replaced with test
values (inputs not given take their defaults from action.yml); `GITHUB_OUTPUT`,
`GITHUB_STEP_SUMMARY`, `GITHUB_ENV` and `RUNNER_TEMP` point at temporary files; what a step
writes to `GITHUB_ENV` reaches the steps after it. The `uses:` step (actions/setup-python)
is skipped. The install step is slow (a pip install of this checkout), so most tests
pre-set `LLAMALICENSE_BIN` to this venv's console script and skip it; one slow test runs it.
"""

from __future__ import annotations

import json
import os
import platform
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from integration_kit import (
    BASH,
    CARD,
    EXPRESSION,
    INSTALL_STEP,
    ROOT,
    action,
    card_manifest,
    manifest,
    notice_waiver,
    run_action,
    write_project,
)

# -- the interface -------------------------------------------------------------------------


def test_action_yml_declares_the_documented_inputs_and_outputs() -> None:
    data = action()
    assert data["name"]
    assert data["description"]
    assert set(data["inputs"]) == {
        "path",
        "rules",
        "test-rules",
        "fail-on",
        "format",
        "sarif-file",
        "summary",
        "waivers-from",
        "max-waiver-days",
        "python-version",
        "cache",
        "fix-diff",
        "hub",
    }
    for name, spec in data["inputs"].items():
        assert spec.get("description"), name
        assert "default" in spec, name
        assert spec.get("required") is False, name
    assert data["inputs"]["fail-on"]["default"] == "violation"
    assert data["inputs"]["path"]["default"] == "."
    assert data["inputs"]["rules"]["default"] == ""
    assert data["inputs"]["test-rules"]["default"] == "false"
    assert data["inputs"]["cache"]["default"] == "true"
    assert set(data["outputs"]) == {"verdict", "sarif-file", "fix-file"}
    for name, spec in data["outputs"].items():
        assert spec["description"]
        step = "fix" if name == "fix-file" else "check"
        assert spec["value"].startswith(f"${{{{ steps.{step}.outputs.")
    assert data["runs"]["using"] == "composite"


def test_every_step_is_well_formed() -> None:
    steps = action()["runs"]["steps"]
    assert any(s.get("uses", "").startswith("actions/setup-python@") for s in steps)
    for step in steps:
        assert step.get("name"), step
        if "run" in step:
            assert step.get("shell") == "bash", "composite run steps need an explicit shell"
            for expression in EXPRESSION.findall(step["run"]):
                # Inputs go through env:, never straight into the script (no injection).
                raise AssertionError(f"expression in a run script: {expression}")
    check = next(s for s in steps if s.get("id") == "check")
    assert set(check["env"]) >= {
        "INPUT_PATH",
        "INPUT_RULES",
        "INPUT_TEST_RULES",
        "INPUT_FAIL_ON",
        "INPUT_FORMAT",
    }


def test_the_format_input_accepts_every_format_the_cli_has() -> None:
    from llamalicense.report.formats import FORMATS

    description = action()["inputs"]["format"]["description"]
    for name in FORMATS:
        assert name in description


# -- runs -----------------------------------------------------------------------------------


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    return tmp_path / "workspace"


def test_fail_on_violation_fails_with_a_violation(workspace: Path, tmp_path: Path) -> None:
    write_project(workspace, manifest(notice=False))
    run = run_action(workspace, tmp_path)
    assert run.code == 1, run.stderr
    assert run.outputs["verdict"] == "non-compliant"
    assert run.outputs["sarif-file"] == "llamalicense.sarif"
    sarif = json.loads((workspace / "llamalicense.sarif").read_text(encoding="utf-8"))
    (result,) = sarif["runs"][0]["results"]
    assert result["ruleId"] == "LLAMA-3.1-NOTICE"
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "llamalicense.yaml"  # relative to the workspace, as code scanning wants
    assert run.summary.startswith("## llamalicense: \u274c non-compliant")
    assert "`LLAMA-3.1-NOTICE`" in run.summary
    assert "VIOLATION LLAMA-3.1-NOTICE" in run.stdout  # the log gets the text report


def test_fail_on_violation_passes_when_only_review_is_left(workspace: Path, tmp_path: Path) -> None:
    write_project(workspace, manifest(mau=False))
    run = run_action(workspace, tmp_path)
    assert run.code == 0, run.stderr
    assert run.outputs["verdict"] == "needs-review"
    assert run.summary.startswith("## llamalicense: \u26a0\ufe0f needs review")


def test_fail_on_needs_review_fails_on_review(workspace: Path, tmp_path: Path) -> None:
    write_project(workspace, manifest(mau=False))
    run = run_action(workspace, tmp_path, fail_on="needs-review")
    assert run.code == 1
    assert run.outputs["verdict"] == "needs-review"
    sarif = json.loads((workspace / "llamalicense.sarif").read_text(encoding="utf-8"))
    assert sarif["runs"][0]["invocations"][0]["exitCode"] == 1


def test_fail_on_never_reports_but_passes(workspace: Path, tmp_path: Path) -> None:
    write_project(workspace, manifest(notice=False))
    run = run_action(workspace, tmp_path, fail_on="never")
    assert run.code == 0, run.stderr
    assert run.outputs["verdict"] == "non-compliant"
    assert (workspace / "llamalicense.sarif").is_file()
    assert "non-compliant" in run.summary.splitlines()[0]


def test_compliant_project(workspace: Path, tmp_path: Path) -> None:
    write_project(workspace, manifest())
    run = run_action(workspace, tmp_path, fail_on="needs-review")
    assert run.code == 0, run.stderr
    assert run.outputs["verdict"] == "compliant"
    assert run.summary.startswith("## llamalicense: \u2705 compliant")


def test_inputs_path_format_sarif_file_and_summary(workspace: Path, tmp_path: Path) -> None:
    write_project(workspace / "services" / "chat", manifest(notice=False))
    run = run_action(
        workspace,
        tmp_path,
        path="services/chat",
        format="json",
        sarif_file="reports/llama.sarif",
        summary="false",
    )
    assert run.code == 1
    assert json.loads(run.stdout)["verdict"] == "non-compliant"  # the log is the JSON report
    assert run.outputs["sarif-file"] == "reports/llama.sarif"
    sarif = json.loads((workspace / "reports" / "llama.sarif").read_text(encoding="utf-8"))
    uri = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert uri["uri"] == "services/chat/llamalicense.yaml"
    assert run.summary == ""


def test_no_sarif_file(workspace: Path, tmp_path: Path) -> None:
    write_project(workspace, manifest())
    run = run_action(workspace, tmp_path, sarif_file="")
    assert run.code == 0
    assert run.outputs["sarif-file"] == ""
    assert not list(workspace.glob("*.sarif"))


def test_waivers_behave_as_in_the_library(workspace: Path, tmp_path: Path) -> None:
    write_project(workspace, manifest(notice=False), waivers=[notice_waiver()])
    run = run_action(workspace, tmp_path)
    assert run.code == 0, run.stderr
    assert run.outputs["verdict"] == "compliant"
    assert "\U0001f4dd waived | `LLAMA-3.1-NOTICE`" in run.summary
    sarif = json.loads((workspace / "llamalicense.sarif").read_text(encoding="utf-8"))
    assert sarif["runs"][0]["results"][0]["suppressions"]


def test_an_expired_waiver_fails_the_step(workspace: Path, tmp_path: Path) -> None:
    write_project(workspace, manifest(notice=False), waivers=[notice_waiver("2020-01-01")])
    run = run_action(workspace, tmp_path)
    assert run.code == 1
    assert "expired on 2020-01-01" in run.summary


def test_a_malformed_waivers_file_is_an_error(workspace: Path, tmp_path: Path) -> None:
    waiver = notice_waiver()
    del waiver["expires"]
    write_project(workspace, manifest(), waivers=[waiver])
    run = run_action(workspace, tmp_path)
    assert run.code == 2
    assert "llamalicense-waivers.yaml:" in run.stderr
    assert "'expires' is required here" in run.stderr
    assert "::error title=llamalicense::could not check . (exit 2)" in run.stdout
    assert run.outputs["verdict"] == "error"
    assert run.summary == ""


def test_a_bad_fail_on_value_is_refused(workspace: Path, tmp_path: Path) -> None:
    write_project(workspace, manifest())
    run = run_action(workspace, tmp_path, fail_on="sometimes")
    assert run.code == 2
    assert "::error title=llamalicense::fail-on must be violation, needs-review or never" in (
        run.stdout
    )


def test_a_sarif_file_with_a_line_break_cannot_set_other_outputs(
    workspace: Path, tmp_path: Path
) -> None:
    write_project(workspace, manifest())
    run = run_action(workspace, tmp_path, sarif_file="out.sarif\nverdict=compliant")
    assert run.code == 2
    assert "::error title=llamalicense::sarif-file must be one path, on one line" in run.stdout
    assert run.outputs["verdict"] == "error"
    assert not list(workspace.glob("out.sarif*"))


def test_a_workspace_without_llama_evidence_passes_and_says_so(
    workspace: Path, tmp_path: Path
) -> None:
    workspace.mkdir()
    run = run_action(workspace, tmp_path)
    assert run.code == 0
    assert run.outputs["verdict"] == "compliant"


# -- rules and test-rules: organisation rule packs ------------------------------------------

PACKS = Path(__file__).parent.parent / "data" / "action-rules"
FIRES = "ACME-WEIGHTS-STAY-IN"  # weights/: fires on acme-chat, a fine-tune that ships
QUIET = "ACME-NO-MERGES"  # merges/: passes on the same project (no merges)


def add_pack(workspace: Path, name: str, folder: str = "weights") -> Path:
    """Copy a pack of tests/data/action-rules into the workspace as ``name``."""
    return Path(shutil.copytree(PACKS / folder, workspace / name))


def sarif_rule_ids(workspace: Path) -> set[str]:
    sarif = json.loads((workspace / "llamalicense.sarif").read_text(encoding="utf-8"))
    return {rule["id"] for rule in sarif["runs"][0]["tool"]["driver"]["rules"]}


def test_a_rule_pack_that_fires_changes_the_result(workspace: Path, tmp_path: Path) -> None:
    write_project(workspace, manifest())
    add_pack(workspace, "acme-rules")
    assert run_action(workspace, tmp_path / "without").outputs["verdict"] == "compliant"
    run = run_action(workspace, tmp_path / "with", rules="acme-rules")
    assert run.code == 1, run.stderr
    assert run.outputs["verdict"] == "non-compliant"
    assert f"VIOLATION {FIRES}" in run.stdout
    assert f"`{FIRES}`" in run.summary
    sarif = json.loads((workspace / "llamalicense.sarif").read_text(encoding="utf-8"))
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == [FIRES]


def test_folders_one_per_line_spaces_in_names_relative_to_the_workspace(
    workspace: Path, tmp_path: Path
) -> None:
    write_project(workspace / "services" / "chat", manifest())
    add_pack(workspace, "org rules/llama  policy")
    add_pack(workspace, "legal rules", "merges")
    rules = "\r\n  org rules/llama  policy  \r\n\n\tlegal rules\n"  # CRLF, blanks, blank lines
    run = run_action(workspace, tmp_path, path="services/chat", rules=rules)
    assert run.code == 1, run.stderr
    assert run.outputs["verdict"] == "non-compliant"
    assert {FIRES, QUIET} <= sarif_rule_ids(workspace)  # both packs were loaded


@pytest.mark.parametrize(
    ("rules", "folder"),
    [
        ("acme-rules", "acme-rules"),
        ("acme-rules legal-rules", "acme-rules legal-rules"),  # a line is one folder
        ('x"; touch injected; echo "', 'x"; touch injected; echo "'),
        ("$(touch injected)", "$(touch injected)"),
    ],
    ids=["missing", "space-separated", "quotes", "substitution"],
)
def test_a_missing_rule_folder_fails_with_the_clis_error(
    workspace: Path, tmp_path: Path, rules: str, folder: str
) -> None:
    write_project(workspace, manifest(notice=False))
    add_pack(workspace, "legal-rules")
    run = run_action(workspace, tmp_path, rules=f"legal-rules\n{rules}")
    assert run.code == 2
    assert f"{folder}: error: no such rules folder" in run.stderr
    assert "::error title=llamalicense::could not check . (exit 2)" in run.stdout
    assert run.outputs == {"verdict": "error", "sarif-file": "", "fix-file": ""}
    assert run.summary == ""
    assert not (workspace / "injected").exists()  # the input never reached the shell as code


def test_a_rule_that_does_not_load_fails_with_the_clis_error(
    workspace: Path, tmp_path: Path
) -> None:
    write_project(workspace, manifest())
    pack = add_pack(workspace, "acme rules")
    (pack / "broken.yaml").write_text("id: ACME-BROKEN\n", encoding="utf-8")
    run = run_action(workspace, tmp_path, rules="acme rules", fail_on="never")
    assert run.code == 2  # also with fail-on: never; bad input is not a finding
    assert "acme rules/broken.yaml:1:1: error: 'license' is required here" in run.stderr
    assert run.outputs["verdict"] == "error"


def test_test_rules_runs_each_packs_fixtures_before_the_check(
    workspace: Path, tmp_path: Path
) -> None:
    write_project(workspace, manifest())
    add_pack(workspace, "acme rules")
    add_pack(workspace, "legal", "merges")
    run = run_action(workspace, tmp_path, rules="acme rules\nlegal", test_rules="true")
    assert run.code == 1, run.stderr
    assert "3 passed, 0 failed" in run.stdout  # acme rules
    assert "2 passed, 0 failed" in run.stdout  # legal
    tested = run.stdout.index("llamalicense rules test legal")
    assert tested < run.stdout.index(f"VIOLATION {FIRES}")  # the fixtures ran before the check
    assert run.outputs["verdict"] == "non-compliant"


def test_test_rules_stops_the_job_when_a_fixture_fails(workspace: Path, tmp_path: Path) -> None:
    write_project(workspace, manifest(notice=False))
    pack = add_pack(workspace, "acme rules")
    add_pack(workspace, "legal", "merges")
    fixtures = pack / "weights-stay-in.tests.yaml"
    text = fixtures.read_text(encoding="utf-8")
    fixtures.write_text(text.replace("status: violation", "status: pass"), encoding="utf-8")
    run = run_action(workspace, tmp_path, rules="acme rules\nlegal", test_rules="true")
    assert run.code == 1
    assert f"FAIL {FIRES}" in run.stdout
    assert "::error title=llamalicense::rule pack acme rules failed" in run.stdout
    assert "rule pack acme rules failed its tests (exit 1)" in run.stdout
    assert "2 passed, 0 failed" in run.stdout  # legal was tested too, and passed
    assert "rule pack legal failed" not in run.stdout
    assert "LLAMA-3.1-NOTICE" not in run.stdout  # the check did not run
    assert run.outputs == {"verdict": "error", "sarif-file": "", "fix-file": ""}
    assert not (workspace / "llamalicense.sarif").exists()
    assert run.summary == ""


def test_a_bad_test_rules_value_is_refused(workspace: Path, tmp_path: Path) -> None:
    write_project(workspace, manifest())
    run = run_action(workspace, tmp_path, test_rules="yes")
    assert run.code == 2
    assert "::error title=llamalicense::test-rules must be true or false" in run.stdout
    assert run.outputs["verdict"] == "error"


def test_the_documented_rules_snippet_runs(workspace: Path, tmp_path: Path) -> None:
    page = (ROOT / "docs" / "github-action.md").read_text(encoding="utf-8")
    (block,) = re.findall(r"<!-- action-rules -->\n```yaml\n(.*?)```", page, re.DOTALL)
    (step,) = yaml.safe_load(block)
    # A workflow's `with:` values reach the action as strings; YAML true becomes "true".
    given = {k: str(v).lower() if isinstance(v, bool) else str(v) for k, v in step["with"].items()}
    first, second = [line for line in given["rules"].splitlines() if line]
    assert " " in first + second  # the page shows a folder name with a space
    write_project(workspace, manifest())
    add_pack(workspace, first, "weights")
    add_pack(workspace, second, "merges")
    run = run_action(workspace, tmp_path, with_=given)
    assert run.code == 1, run.stderr
    assert run.outputs["verdict"] == "non-compliant"
    assert {FIRES, QUIET} <= sarif_rule_ids(workspace)


@pytest.mark.slow
def test_install_step_installs_this_checkout_and_reuses_a_restored_environment(
    workspace: Path, tmp_path: Path
) -> None:
    """The real install step: a venv in RUNNER_TEMP and a pip install of the action's path;
    then, as after actions/cache restored that venv, the same job without the install."""
    write_project(workspace, manifest(notice=False))
    run = run_action(workspace, tmp_path, install=True)
    installed = tmp_path / "runner-temp" / "llamalicense-venv" / "bin" / "llamalicense"
    assert run.env.get("LLAMALICENSE_BIN") == str(installed), run.stderr[-3000:]
    assert installed.is_file()
    assert run.code == 1, run.stderr[-3000:]
    assert run.outputs["verdict"] == "non-compliant"
    assert run.summary.startswith("## llamalicense: \u274c non-compliant")
    assert "using the cached environment" not in run.stdout

    warm = run_action(workspace, tmp_path, install=True, cache_hit=True)
    assert "llamalicense: using the cached environment (llamalicense " in warm.stdout
    assert warm.env.get("LLAMALICENSE_BIN") == str(installed)
    assert warm.outputs["verdict"] == "non-compliant"

    installed.unlink()  # a restored environment that does not run is built again
    rebuilt = run_action(workspace, tmp_path, install=True, cache_hit=True)
    assert "using the cached environment" not in rebuilt.stdout
    assert installed.is_file()
    assert rebuilt.outputs["verdict"] == "non-compliant"


def _cache_key(action_path: Path, tmp_path: Path) -> str:
    (step,) = [s for s in action()["runs"]["steps"] if s.get("id") == "key"]
    tmp_path.mkdir(parents=True)
    script = tmp_path / "key.sh"
    script.write_text(step["run"], encoding="utf-8")
    output = tmp_path / "output"
    output.write_text("", encoding="utf-8")
    env = {
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "RUNNER_TEMP": str(tmp_path),
        "GITHUB_ACTION_PATH": str(action_path),
        "GITHUB_OUTPUT": str(output),
    }
    subprocess.run([*BASH, str(script)], env=env, check=True, timeout=120)
    found = dict(line.split("=", 1) for line in output.read_text(encoding="utf-8").splitlines())
    assert found["venv"] == str(tmp_path / "llamalicense-venv")
    return found["key"]


def test_the_cache_key_names_the_runner_the_python_and_the_tools_source(tmp_path: Path) -> None:
    copy = tmp_path / "action"
    shutil.copytree(ROOT / "llamalicense", copy / "llamalicense")
    shutil.copytree(ROOT / "rules", copy / "rules")
    shutil.copy2(ROOT / "pyproject.toml", copy / "pyproject.toml")
    key = _cache_key(copy, tmp_path / "one")
    version = ".".join(map(str, sys.version_info[:3]))
    runner = f"{platform.system()}-{platform.machine()}"
    assert key.startswith(f"llamalicense-venv-{runner}-py{version}-")
    assert _cache_key(copy, tmp_path / "two") == key  # the same source, the same key
    (copy / "llamalicense" / "__pycache__").mkdir(exist_ok=True, parents=True)
    (copy / "llamalicense" / "__pycache__" / "x.pyc").write_bytes(b"compiled")
    assert _cache_key(copy, tmp_path / "three") == key  # bytecode is not source
    rules = sorted((copy / "rules").rglob("*.yaml"))[0]
    rules.write_text(rules.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert _cache_key(copy, tmp_path / "four") != key  # any change to the tool: a new one


def test_the_cache_step_uses_the_key_and_can_be_turned_off() -> None:
    steps = action()["runs"]["steps"]
    (cache,) = [s for s in steps if s.get("uses", "").startswith("actions/cache@")]
    assert cache["if"] == "inputs.cache == 'true'"
    assert cache["with"] == {
        "path": "${{ steps.key.outputs.venv }}",
        "key": "${{ steps.key.outputs.key }}",
    }
    names = [s.get("id") or s["name"] for s in steps]
    assert names.index("key") < names.index("cache") < names.index(INSTALL_STEP)


# -- fix-diff -------------------------------------------------------------------------------


def test_fix_diff_shows_the_planned_fix_and_changes_nothing(
    workspace: Path, tmp_path: Path
) -> None:
    write_project(workspace, manifest(notice=False))
    # a Notice file without the sentence, whose lines try to close the fence and to be a
    # workflow command when shown
    (workspace / "NOTICE").write_text("```` Acme\n::error::x\n", encoding="utf-8")
    before = {p: p.read_bytes() for p in workspace.rglob("*") if p.is_file()}
    run = run_action(workspace, tmp_path, fix_diff="true")
    assert run.code == 1  # the check still fails: the fix is only shown
    diff_file = Path(run.step_outputs["fix"]["fix-file"])
    diff = diff_file.read_text(encoding="utf-8")
    assert "+    notice: NOTICE\n" in diff
    assert "+Llama 3.1 is licensed under the Llama 3.1 Community License" in diff
    assert "### llamalicense fix: 2 file(s) would change" in run.summary
    assert "`````diff\n" + diff.rstrip() + "\n`````\n" in run.summary  # a longer fence
    assert "::error::x" not in run.stdout  # the diff is not in the log
    after = {p: p.read_bytes() for p in workspace.rglob("*") if p.is_file()}
    after.pop(workspace / "llamalicense.sarif")  # the check's report, not a fix
    assert after == before


def test_fix_diff_shows_the_stub_of_a_base_a_model_card_names(
    workspace: Path, tmp_path: Path
) -> None:
    write_project(workspace, card_manifest(), files={"hub/README.md": CARD})
    run = run_action(workspace, tmp_path, fix_diff="true")
    assert run.code == 0  # nothing is missing: the stub only writes down the lineage
    diff = Path(run.step_outputs["fix"]["fix-file"]).read_text(encoding="utf-8")
    assert diff.startswith("diff --git a/llamalicense.yaml b/llamalicense.yaml\n")
    where = "+# a base acme-chat is built on, named in hub/README.md:3 (base_model, declared)\n"
    stub = "+- id: meta-llama/Llama-3.1-8B\n+  type: model\n+  ref: meta-llama/Llama-3.1-8B\n"
    assert where in diff
    assert stub in diff
    assert "### llamalicense fix: 1 file(s) would change" in run.summary
    assert "+- id: meta-llama/Llama-3.1-8B" in run.summary


def test_fix_diff_says_when_there_is_nothing_to_fix_and_is_off_by_default(
    workspace: Path, tmp_path: Path
) -> None:
    write_project(workspace, manifest(notice=True))
    run = run_action(workspace, tmp_path, fix_diff="true")
    assert run.code == 0
    assert run.step_outputs["fix"]["fix-file"] == ""
    assert "### llamalicense fix: nothing to fix" in run.summary
    off = run_action(workspace, tmp_path / "off")
    assert off.step_outputs["fix"]["fix-file"] == ""
    assert "llamalicense fix" not in off.summary
    bad = run_action(workspace, tmp_path / "bad", fix_diff="yes")
    assert bad.code == 2
    assert "fix-diff must be true or false" in bad.stdout


# -- hub -------------------------------------------------------------------------------------


def test_hub_is_off_by_default_and_resolves_through_the_hub_when_true(
    workspace: Path, tmp_path: Path
) -> None:
    from hub_kit import card_folder, fake_hub

    project = card_folder(workspace, "acme/support-bot-8b", name="bot")
    path = str(project.relative_to(workspace))
    with fake_hub() as hub:
        env = {"HF_ENDPOINT": hub.endpoint, "LLAMALICENSE_CACHE_DIR": str(tmp_path / "cache")}
        off = run_action(workspace, tmp_path / "off", path=path, extra_env=env)
        assert hub.requests == []
        on = run_action(
            workspace, tmp_path / "on", path=path, hub="true", fix_diff="true", extra_env=env
        )
    assert off.outputs["verdict"] == "needs-review"  # the base is unresolved, never a pass
    assert on.outputs["verdict"] == "non-compliant"  # Llama 3.1 duties reach it
    assert hub.requests == ["acme/support-bot-8b", "acme/chat-base-8b"]  # fix, then check: cached
    assert on.step_outputs["fix"]["fix-file"] != ""
    assert (tmp_path / "cache" / "hub").is_dir()
    bad = run_action(workspace, tmp_path / "bad", path=path, hub="yes", extra_env=env)
    assert bad.code == 2
    assert "hub must be true or false" in bad.stdout
