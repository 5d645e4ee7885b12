"""Setting up a user's git repository and this checkout as a pre-commit hook source: for
tests/integrations/test_precommit.py, which runs the real `pre-commit`, and
bench/bench_precommit.py, which times the hook.

`pre-commit try-repo REPO` installs the hooks of REPO at a commit. When this checkout is a
clean git work tree it is used directly; otherwise (new files not yet added, or no git) a
snapshot of its working tree (tracked and untracked files that are not ignored) is committed
to a new repository, so the hook always runs this checkout's code.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import yaml

from integration_kit import ROOT, manifest, write_project

DOC = ROOT / "docs" / "pre-commit.md"


def git(*args: str, cwd: Path) -> str:
    """Run git in ``cwd`` as the tests' author; its stdout."""
    result = subprocess.run(
        ["git", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        env={**os.environ, **GIT_IDENTITY},
    )
    return result.stdout


GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "llamalicense tests",
    "GIT_AUTHOR_EMAIL": "tests@llamalicense.invalid",
    "GIT_COMMITTER_NAME": "llamalicense tests",
    "GIT_COMMITTER_EMAIL": "tests@llamalicense.invalid",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def _is_clean_git_tree(root: Path) -> bool:
    if shutil.which("git") is None or not (root / ".git").exists():
        return False
    try:
        status = git("status", "--porcelain", "--untracked-files=all", cwd=root)
    except subprocess.CalledProcessError:
        return False
    return status.strip() == ""


def _snapshot(root: Path, target: Path) -> Path:
    """Commit the working tree of ``root`` (not ignored files) into a new repository."""
    target.mkdir(parents=True)
    for name in _working_tree_files(root):
        source = root / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    git("init", "-q", cwd=target)
    git("add", "-A", cwd=target)
    git("commit", "-q", "-m", "snapshot of the llamalicense working tree", cwd=target)
    return target


def _working_tree_files(root: Path) -> list[str]:
    try:  # what git would commit: tracked and untracked files that are not ignored
        listed = git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=root)
        return [name for name in listed.split("\0") if name]
    except (subprocess.CalledProcessError, FileNotFoundError):  # no git, or not ours to read
        skip = {".git", ".venv", ".ci-venv", "build", "dist", "__pycache__", ".pytest_cache"}
        return [
            str(path.relative_to(root))
            for path in root.rglob("*")
            if path.is_file() and not skip & set(path.relative_to(root).parts)
        ]


@dataclass(frozen=True)
class HookSource:
    path: Path
    rev: str


def checkout_hook_source(scratch: Path) -> HookSource:
    """This checkout as a hook repository: itself when it is a clean git work tree, else a
    commit of its working tree in a new repository under ``scratch``."""
    path = ROOT if _is_clean_git_tree(ROOT) else _snapshot(ROOT, scratch / "llamalicense")
    return HookSource(path, git("rev-parse", "HEAD", cwd=path).strip())


def user_repository(repo: Path, *, notice: bool) -> Path:
    """A user's repository, committed: a Llama 3.1 fine-tune that ships, with its Notice
    file or (``notice=False``) without it, and some code (``src/app.py``)."""
    write_project(repo, manifest(notice=notice))
    (repo / "src").mkdir()
    (repo / "src" / "app.py").write_text("print('hello')\n", encoding="utf-8")
    git("init", "-q", cwd=repo)
    git("add", "-A", cwd=repo)
    git("commit", "-q", "-m", "initial", cwd=repo)
    return repo


def pre_commit_env(home: Path) -> dict[str, str]:
    """The environment pre-commit runs in: this one, with ``home`` as ``PRE_COMMIT_HOME``
    (so the user's cache is not touched), no colours, and outside any virtualenv."""
    env = {
        **os.environ,
        **GIT_IDENTITY,
        "PRE_COMMIT_HOME": str(home),
        "PRE_COMMIT_COLOR": "never",
        "NO_COLOR": "1",
    }
    env.pop("VIRTUAL_ENV", None)
    return env


def config_snippet() -> dict[str, object]:
    """The `.pre-commit-config.yaml` shown in docs/pre-commit.md."""
    text = DOC.read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", text, flags=re.DOTALL)
    configs = [yaml.safe_load(b) for b in blocks if "repos:" in b]
    assert configs, "docs/pre-commit.md shows no .pre-commit-config.yaml"
    config: dict[str, object] = configs[0]
    return config


def write_config(repo: Path, source: HookSource) -> None:
    """Stage a `.pre-commit-config.yaml`: the one docs/pre-commit.md shows, pointing at
    ``source``."""
    config = config_snippet()
    repos = config["repos"]
    assert isinstance(repos, list)
    repos[0]["repo"] = str(source.path)
    repos[0]["rev"] = source.rev
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    git("add", ".pre-commit-config.yaml", cwd=repo)
