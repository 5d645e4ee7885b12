"""Small projects and runners shared by the integration tests (formats, waivers, hooks, Action).

Each project is written into a fresh folder by the test itself, so the tests do not depend on
examples/ or on files outside the repository.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from review_kit import reviewed

from llamalicense.cli.main import main

ROOT = Path(__file__).resolve().parent.parent
OFFICIAL_31 = ROOT / "rules" / "licenses" / "llama-3.1" / "LICENSE.txt"
NOTICE_31 = (
    "Llama 3.1 is licensed under the Llama 3.1 Community License, Copyright © Meta "
    "Platforms, Inc. All Rights Reserved."
)


def _components(*, notice: bool) -> list[dict[str, Any]]:
    attribution: dict[str, Any] = {
        "agreement": "LICENSES/LLAMA-3.1.txt",
        "built_with_llama": "docs/about.md",
    }
    if notice:
        attribution["notice"] = "NOTICE"
    return [
        {
            "id": "base",
            "type": "model",
            "ref": "meta-llama/Llama-3.1-8B-Instruct",
            "distributed": False,
        },
        {
            "id": "acme-chat",
            "type": "model",
            "name": "Llama-Acme-Chat-8B",
            "derived_from": [{"id": "base", "relation": "finetune"}],
            "distributed": True,
            "attribution": attribution,
        },
    ]


def manifest(*, notice: bool = True, mau: bool = True, review: bool = True) -> dict[str, Any]:
    """A fine-tune of Llama 3.1 8B that ships. ``notice=False`` leaves out its Notice file
    (one violation, LLAMA-3.1-NOTICE on acme-chat); ``mau=False`` leaves out the user
    counts (LLAMA-3.1-MAU on base needs review); ``review=False`` leaves out the review record
    of what no file can show (laws, trademarks, "Built with Llama" prominence: needs review)."""
    licensee: dict[str, Any] = {"name": "Acme Robotics Inc.", "country": "US"}
    if mau:
        licensee["max_monthly_active_users"] = 1_000_000
    data = {"version": 1, "licensee": licensee, "components": _components(notice=notice)}
    return reviewed(data) if review else data


CARD = "---\nlicense: llama3.1\nbase_model: meta-llama/Llama-3.1-8B\n---\n\n# Acme Chat\n"


def card_manifest(*, notice: bool = True) -> dict[str, Any]:
    """:func:`manifest` with the fine-tune's lineage read from its model card
    (``hub/README.md``, the :data:`CARD` text), whose base the manifest does not list:
    ``llamalicense fix`` writes a stub for it."""
    data = manifest(notice=notice)
    for component in data["components"]:
        if component["id"] == "acme-chat":
            del component["derived_from"]
            component["card"] = "hub/README.md"
    return data


def write_project(
    root: Path,
    data: Mapping[str, Any] | None = None,
    *,
    waivers: Sequence[Mapping[str, Any]] | str | None = None,
    files: Mapping[str, str] | None = None,
) -> Path:
    """Write a project folder: manifest, evidence files, and optionally a waivers file."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "LICENSES").mkdir(exist_ok=True)
    (root / "docs").mkdir(exist_ok=True)
    (root / "LICENSES" / "LLAMA-3.1.txt").write_bytes(OFFICIAL_31.read_bytes())
    (root / "NOTICE").write_text(f"Acme Chat\n\n{NOTICE_31}\n", encoding="utf-8")
    (root / "docs" / "about.md").write_text(
        "# About Acme Chat\n\nBuilt with Llama\n", encoding="utf-8"
    )
    text = yaml.safe_dump(dict(data if data is not None else manifest()), sort_keys=False)
    (root / "llamalicense.yaml").write_text(text, encoding="utf-8")
    if waivers is not None:
        body = waivers if isinstance(waivers, str) else yaml.safe_dump({"waivers": list(waivers)})
        (root / "llamalicense-waivers.yaml").write_text(body, encoding="utf-8")
    for name, content in (files or {}).items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    return root


def notice_waiver(expires: str = "2999-12-31", **changes: str) -> dict[str, str]:
    waiver = {
        "rule": "LLAMA-3.1-NOTICE",
        "component": "acme-chat",
        "reason": "Notice ships with release 2.4 (ticket LEGAL-112)",
        "approved_by": "legal@acme.example",
        "expires": expires,
    }
    waiver.update(changes)
    return waiver


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


def cli(*args: str, cwd: Path | None = None) -> Run:
    """Run the CLI in this process (fast); stdout and stderr are captured."""
    out, err = io.StringIO(), io.StringIO()
    previous = Path.cwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(args))
    finally:
        os.chdir(previous)
    return Run(code, out.getvalue(), err.getvalue())


def cli_process(
    *args: str, cwd: Path, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the CLI as users do, in its own process."""
    return subprocess.run(
        [sys.executable, "-m", "llamalicense", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "NO_COLOR": "1", **(env or {})},
    )


# -- the GitHub Action's shell steps, run locally (see tests/integrations/test_action.py) --

ACTION = ROOT / "action.yml"
BASH = ["bash", "--noprofile", "--norc", "-eo", "pipefail"]  # GitHub's `shell: bash`
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
INSTALL_STEP = "Install llamalicense from this action's checkout"


@cache
def action() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    return data


def script(name: str, missing: str) -> str:
    """A console script installed beside this Python (else on PATH); skip when absent."""
    found = Path(sys.executable).with_name(name)
    if found.is_file():
        return str(found)
    which = shutil.which(name)
    if which is None:
        pytest.skip(missing)
    return which


def console_script() -> str:
    return script("llamalicense", "the llamalicense console script is not installed")


@dataclass
class ActionRun:
    code: int
    stdout: str
    stderr: str
    outputs: dict[str, str]
    step_outputs: dict[str, dict[str, str]]
    summary: str
    env: dict[str, str] = field(default_factory=dict)


def _read_commands(path: Path) -> dict[str, str]:
    """Parse a GITHUB_OUTPUT / GITHUB_ENV file: `key=value` lines and `key<<EOF` blocks."""
    values: dict[str, str] = {}
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    i = 0
    while i < len(lines):
        line = lines[i]
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            key, delimiter = line.split("<<", 1)
            body: list[str] = []
            i += 1
            while lines[i] != delimiter:
                body.append(lines[i])
                i += 1
            values[key] = "\n".join(body)
        elif line:
            key, _, value = line.partition("=")
            values[key] = value
        i += 1
    return values


def _substitute(
    text: str, inputs: dict[str, str], steps: Mapping[str, Mapping[str, str]] | None = None
) -> str:
    def value(match: re.Match[str]) -> str:
        expression = match.group(1)
        if expression == "github.action_path":
            return str(ROOT)
        if expression.startswith("inputs."):
            return inputs[expression.removeprefix("inputs.")]
        output = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", expression)
        if output and steps is not None:  # a step not run (or a `uses:` one) gives ''
            return steps.get(output[1], {}).get(output[2], "")
        raise AssertionError(f"the test runner does not know the expression {expression!r}")

    return EXPRESSION.sub(value, text)


def _inputs(given: dict[str, str]) -> dict[str, str]:
    declared = action()["inputs"]
    unknown = set(given) - set(declared)
    assert not unknown, f"not inputs of action.yml: {unknown}"
    return {name: str(given.get(name, spec.get("default", ""))) for name, spec in declared.items()}


def run_action(
    workspace: Path,
    tmp: Path,
    *,
    install: bool = False,
    cache_hit: bool = False,
    with_: Mapping[str, str] | None = None,
    extra_env: Mapping[str, str] | None = None,
    **given: str,
) -> ActionRun:
    """Run the action's shell steps in ``workspace`` with the given inputs (``fail_on=`` or
    a workflow's ``with:`` mapping as ``with_=``), and ``extra_env`` in the runner's
    environment."""
    named = {key.replace("_", "-"): value for key, value in given.items()}
    inputs = _inputs({**dict(with_ or {}), **named})
    files = tmp / "github"
    files.mkdir(parents=True, exist_ok=True)
    runner_temp = tmp / "runner-temp"
    runner_temp.mkdir(exist_ok=True)
    paths = {
        "GITHUB_OUTPUT": files / "output",
        "GITHUB_STEP_SUMMARY": files / "summary.md",
        "GITHUB_ENV": files / "env",
        "GITHUB_PATH": files / "path",
    }
    for path in paths.values():
        path.write_text("", encoding="utf-8")
    python_dir = str(Path(sys.executable).parent)
    env = {
        "PATH": f"{python_dir}{os.pathsep}{os.environ.get('PATH', '')}",
        "HOME": str(tmp),
        "RUNNER_TEMP": str(runner_temp),
        "GITHUB_WORKSPACE": str(workspace),
        "GITHUB_ACTION_PATH": str(ROOT),
        **{key: str(path) for key, path in paths.items()},
        **dict(extra_env or {}),
    }
    if not install:
        env["LLAMALICENSE_BIN"] = console_script()
    # actions/cache is not run here; ``cache_hit`` plays a restored environment.
    step_outputs: dict[str, dict[str, str]] = {}
    if cache_hit:
        step_outputs["cache"] = {"cache-hit": "true"}
    stdout, stderr, code = "", "", 0
    for index, step in enumerate(action()["runs"]["steps"]):
        if "uses" in step or (step.get("name") == INSTALL_STEP and not install):
            continue
        assert step.get("shell") == "bash", step
        assert "if" not in step, "the runner does not evaluate `if:` on run steps"
        paths["GITHUB_OUTPUT"].write_text("", encoding="utf-8")
        script = runner_temp / f"step-{index}.sh"
        script.write_text(_substitute(step["run"], inputs), encoding="utf-8")
        step_env = {
            **env,
            **{
                key: _substitute(str(v), inputs, step_outputs)
                for key, v in step.get("env", {}).items()
            },
        }
        result = subprocess.run(
            [*BASH, str(script)],
            cwd=workspace,
            env=step_env,
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
        stdout += result.stdout
        stderr += result.stderr
        if "id" in step:
            step_outputs[step["id"]] = _read_commands(paths["GITHUB_OUTPUT"])
        env.update(_read_commands(paths["GITHUB_ENV"]))
        paths["GITHUB_ENV"].write_text("", encoding="utf-8")
        code = result.returncode
        if code != 0:
            break  # a failing step stops the job
    outputs = {}
    for name, spec in action()["outputs"].items():
        match = re.fullmatch(r"\$\{\{\s*steps\.([\w-]+)\.outputs\.([\w-]+)\s*\}\}", spec["value"])
        assert match, spec["value"]
        outputs[name] = step_outputs.get(match[1], {}).get(match[2], "")
    summary = paths["GITHUB_STEP_SUMMARY"].read_text(encoding="utf-8")
    return ActionRun(code, stdout, stderr, outputs, step_outputs, summary, env)
