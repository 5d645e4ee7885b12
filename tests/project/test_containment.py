"""Issue 15, class 3 (and the discovery crash of class 7): files the tool finds by itself are
read only when they are regular files inside the project, and errors quote only a short
excerpt of what a file held.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from integration_kit import cli, write_project

TOKEN = "ghp_" + "S3CRET" * 20


def _secret(tmp_path: Path) -> Path:
    outside = tmp_path / "home" / ".git-credentials"
    outside.parent.mkdir(parents=True)
    outside.write_text(TOKEN + "\n", encoding="utf-8")
    return outside


def test_default_waivers_file_linked_out_of_the_project_is_not_read(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p")
    (project / "llamalicense-waivers.yaml").symlink_to(_secret(tmp_path))
    run = cli("check", ".", cwd=project)
    assert run.code == 2
    assert "leads outside the project folder" in run.err
    assert "S3CRET" not in run.err + run.out


def test_a_named_waivers_file_that_holds_a_token_is_quoted_only_in_part(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p")
    run = cli("check", ".", "--waivers", str(_secret(tmp_path)), cwd=project)
    assert run.code == 2
    assert TOKEN not in run.err
    assert run.err.count("S3CRET") <= 10  # an excerpt of at most 60 characters


def test_manifest_linked_out_of_the_folder_is_not_read(tmp_path: Path) -> None:
    elsewhere = write_project(tmp_path / "elsewhere")
    project = tmp_path / "p"
    project.mkdir()
    (project / "llamalicense.yaml").symlink_to(elsewhere / "llamalicense.yaml")
    run = cli("check", ".", cwd=project)
    assert run.code == 2
    assert "manifest leads outside the project folder" in run.err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_in_place_of_the_waivers_file_does_not_hang(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p")
    os.mkfifo(project / "llamalicense-waivers.yaml")
    run = cli("check", ".", cwd=project)
    assert run.code == 2
    assert "not a regular file" in run.err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_discovery_skips_fifos_and_links_out(tmp_path: Path) -> None:
    project = tmp_path / "p"
    (project / "model").mkdir(parents=True)
    (project / "model" / "README.md").write_text(
        "---\nbase_model: meta-llama/Llama-3.1-8B-Instruct\nlicense: llama3.1\n---\n# M\n",
        encoding="utf-8",
    )
    os.mkfifo(project / "model" / "NOTICE")
    (project / "other").mkdir()
    (project / "other" / "README.md").symlink_to(_secret(tmp_path))
    run = cli("check", ".", "--format", "json", cwd=project)
    assert run.code in (0, 1), run.err
    ids = {c["id"] for c in run.json()["components"]}
    assert "model" in ids
    assert "other" not in ids


def test_discovery_of_a_1000_deep_tree_is_an_input_error(tmp_path: Path) -> None:
    project = tmp_path / "p"
    project.mkdir()
    levels = [project]
    for _ in range(1000):  # one level at a time (mkdir(parents=True) itself recurses)
        levels.append(levels[-1] / "d")
        levels[-1].mkdir()
    try:
        run = cli("check", ".", cwd=project)
    finally:  # removed level by level: pytest's later clean-up of tmp_path would recurse
        for level in reversed(levels):
            level.rmdir()
    assert run.code == 2
    assert "nested more than 64 deep" in run.err
