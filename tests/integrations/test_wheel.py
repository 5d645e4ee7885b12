"""The wheel ships the rules and works when installed, away from the source tree.

Slow (it builds a wheel and a virtualenv), so it is marked ``slow``; it still runs by
default. Deselect it with ``-m "not slow"``.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
EXAMPLE = ROOT / "tests" / "data" / "golden-project"

pytestmark = pytest.mark.slow


def _run(args: list[str], cwd: Path, timeout: int = 600) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return subprocess.run(
        args, cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env, check=False
    )


def _backend_available(tmp_path: Path) -> str | None:
    """None when hatchling can be used (installed, or fetchable from the configured index)."""
    if importlib.util.find_spec("hatchling") is not None:
        return None
    probe = _run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--no-deps",
            "--dest",
            str(tmp_path / "probe"),
            "hatchling",
        ],
        cwd=tmp_path,
        timeout=300,
    )
    if probe.returncode == 0:
        return None
    return (
        "the build backend (hatchling) is not installed and cannot be downloaded: "
        + (probe.stderr.strip().splitlines() or ["no output"])[-1]
    )


def _build_wheel(tmp_path: Path) -> Path:
    reason = _backend_available(tmp_path)
    if reason is not None:
        pytest.skip(reason)
    dist = tmp_path / "dist"
    if importlib.util.find_spec("hatchling") is not None:
        command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation"]
    else:
        command = [sys.executable, "-m", "pip", "wheel", "--no-deps"]
    result = _run([*command, "--wheel-dir", str(dist), str(ROOT)], cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    wheels = list(dist.glob("llamalicense-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


def test_installed_wheel_works_outside_the_source_tree(tmp_path: Path) -> None:
    wheel = _build_wheel(tmp_path)
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert "llamalicense/py.typed" in names
    assert "llamalicense/rules/versions.yaml" in names
    assert "llamalicense/rules/obligations/notice.yaml" in names
    assert "llamalicense/rules/licenses/llama-3.1/LICENSE.txt" in names
    assert "llamalicense/schemas/manifest.schema.json" in names
    assert "llamalicense/schemas/report.schema.json" in names
    assert not any(name.startswith(("tests/", "rules/")) for name in names)

    venv = tmp_path / "venv"
    created = _run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], tmp_path)
    assert created.returncode == 0, created.stderr
    python = venv / "bin" / "python"
    installed = _run(
        [str(python), "-m", "pip", "install", "--no-deps", "--no-index", str(wheel)], tmp_path
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    # The test interpreter may itself be a virtualenv (then --system-site-packages reaches only
    # the base interpreter): make its dependencies importable with a .pth file. A .pth line only
    # adds that folder, so the editable install of the source tree in it is not picked up.
    site = Path(
        _run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], tmp_path
        ).stdout.strip()
    )
    (site / "zz-test-dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")

    project = tmp_path / "elsewhere" / "project"
    shutil.copytree(EXAMPLE, project)
    script = (
        "import json, sys\n"
        "import llamalicense\n"
        "from llamalicense.catalog.data import rules_dir\n"
        "report = llamalicense.check('project')\n"
        "print(json.dumps({'module': llamalicense.__file__, 'rules': str(rules_dir()),"
        " 'verdict': report.verdict,"
        " 'rules_checked': list(report.rules_checked),"
        " 'findings': [(f.rule, f.component, f.status) for f in report.findings]}))\n"
    )
    result = _run([str(python), "-c", script], cwd=project.parent)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    module, rules = Path(data["module"]), Path(data["rules"])
    assert module.is_relative_to(site), module
    assert rules.is_relative_to(site), rules
    assert rules == site / "llamalicense" / "rules"
    assert not rules.is_relative_to(ROOT)
    assert data["verdict"] == "non-compliant"
    assert ["LLAMA-3.1-MODEL-NAME", "acme-mini", "violation"] in data["findings"]
    assert "LLAMA-3.1-NOTICE" in data["rules_checked"]

    # The console script from the wheel, run outside the repository.
    script_path = venv / "bin" / "llamalicense"
    cli = _run([str(script_path), "check", "project", "--format", "json"], cwd=project.parent)
    assert cli.returncode == 1, cli.stderr
    assert json.loads(cli.stdout)["verdict"] == "non-compliant"
    version = _run([str(python), "-m", "llamalicense", "--version"], cwd=project.parent)
    assert version.returncode == 0
    assert version.stdout.startswith("llamalicense ")
