"""The pre-commit hook, run by the real `pre-commit` against a temporary git repository.

`pre-commit try-repo REPO` installs the hooks of REPO at a commit. For a local repository
with uncommitted changes it builds a shadow commit from the staged files and the modified
tracked files (`git add -u`); untracked files are left out. So when this checkout is a clean
git work tree, try-repo uses it directly; otherwise (new files not yet added, or no git)
the test commits a snapshot of the working tree (tracked and untracked files that are not
ignored) and points try-repo at that. Either way the hook runs this checkout's code.

try-repo installs the hook's environment afresh each time (a pip install of this
repository, which needs PyPI or a mirror); the runs that use a `.pre-commit-config.yaml`
share one `PRE_COMMIT_HOME` for the module, so they install once.

The helpers without a leading underscore (`git`, `checkout_hook_source`, `user_repository`,
`write_config`, `pre_commit_env`) also set up bench/bench_precommit.py, which times the hook.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from integration_kit import ROOT, manifest, notice_waiver, script, write_project

pytestmark = pytest.mark.slow

HOOK_ID = "llamalicense"
DOC = ROOT / "docs" / "pre-commit.md"


def _pre_commit() -> str:
    return script("pre-commit", "pre-commit is not installed (pip install -e '.[test]')")


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


@pytest.fixture(scope="module")
def hook_source(tmp_path_factory: pytest.TempPathFactory) -> HookSource:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    return checkout_hook_source(tmp_path_factory.mktemp("hook-source"))


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


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


@pytest.fixture
def user_repo(tmp_path: Path) -> Path:
    """A user's repository: a Llama 3.1 fine-tune that ships without its Notice file."""
    return user_repository(tmp_path / "user-repo", notice=False)


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


def _run(args: list[str], repo: Path, home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [_pre_commit(), *args],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
        env=pre_commit_env(home),
    )


def _fix_notice(repo: Path) -> None:
    write_project(repo, manifest(notice=True))
    git("add", "-A", cwd=repo)


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


# -- try-repo ------------------------------------------------------------------------------


def test_try_repo_fails_on_a_violation_and_passes_once_fixed(
    user_repo: Path, hook_source: HookSource, pre_commit_home: Path
) -> None:
    args = ["try-repo", str(hook_source.path), HOOK_ID, "--all-files"]
    if hook_source.path != ROOT:
        args += ["--ref", hook_source.rev]
    failed = _run(args, user_repo, pre_commit_home)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert re.search(r"llamalicense \(Llama license compliance\)\.+Failed", failed.stdout)
    assert "- exit code: 1" in failed.stdout
    assert "VIOLATION LLAMA-3.1-NOTICE" in failed.stdout
    assert "Verdict: non-compliant" in failed.stdout

    _fix_notice(user_repo)
    passed = _run(args, user_repo, pre_commit_home)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert re.search(r"llamalicense \(Llama license compliance\)\.+Passed", passed.stdout)


# -- a configured hook, as users install it -------------------------------------------------


@pytest.fixture
def configured(user_repo: Path, hook_source: HookSource, pre_commit_home: Path) -> Path:
    write_config(user_repo, hook_source)
    return user_repo


def test_configured_hook_fails_on_a_violation_and_passes_once_fixed(
    configured: Path, pre_commit_home: Path
) -> None:
    failed = _run(["run", "--all-files"], configured, pre_commit_home)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "VIOLATION LLAMA-3.1-NOTICE" in failed.stdout

    _fix_notice(configured)
    passed = _run(["run", "--all-files"], configured, pre_commit_home)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert re.search(r"\.+Passed", passed.stdout)


def test_the_hook_runs_only_when_a_relevant_file_is_staged(
    configured: Path, pre_commit_home: Path
) -> None:
    (configured / "src" / "app.py").write_text("print('changed')\n", encoding="utf-8")
    git("add", "src/app.py", cwd=configured)
    skipped = _run(["run"], configured, pre_commit_home)
    assert skipped.returncode == 0, skipped.stdout + skipped.stderr
    assert re.search(r"\(no files to check\)Skipped", skipped.stdout)

    (configured / "NOTICE").write_text("Acme Chat\n", encoding="utf-8")
    git("add", "NOTICE", cwd=configured)
    ran = _run(["run"], configured, pre_commit_home)
    assert ran.returncode == 1  # the whole project is checked, not only NOTICE
    assert "VIOLATION LLAMA-3.1-NOTICE" in ran.stdout


def test_waivers_behave_in_the_hook_as_in_the_library(
    configured: Path, pre_commit_home: Path
) -> None:
    write_project(configured, manifest(notice=False), waivers=[notice_waiver()])
    git("add", "-A", cwd=configured)
    waived = _run(["run", "--all-files"], configured, pre_commit_home)
    assert waived.returncode == 0, waived.stdout + waived.stderr
    assert re.search(r"\.+Passed", waived.stdout)

    write_project(configured, manifest(notice=False), waivers=[notice_waiver("2020-01-01")])
    git("add", "-A", cwd=configured)
    expired = _run(["run", "--all-files"], configured, pre_commit_home)
    assert expired.returncode == 1
    assert "expired on 2020-01-01" in expired.stdout

    broken = notice_waiver()
    del broken["expires"]
    write_project(configured, manifest(notice=False), waivers=[broken])
    git("add", "-A", cwd=configured)
    malformed = _run(["run", "--all-files"], configured, pre_commit_home)
    assert malformed.returncode == 1  # pre-commit reports any non-zero exit as a failure
    assert "- exit code: 2" in malformed.stdout
    assert "llamalicense-waivers.yaml:2: error: 'expires' is a required property" in (
        malformed.stdout
    )
