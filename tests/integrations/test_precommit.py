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

The repository set-up is in tests/hook_kit.py (bench/bench_precommit.py uses it too).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from hook_kit import (
    HookSource,
    checkout_hook_source,
    git,
    pre_commit_env,
    user_repository,
    write_config,
)

from integration_kit import (
    CARD,
    ROOT,
    card_manifest,
    manifest,
    notice_waiver,
    script,
    write_project,
)

pytestmark = pytest.mark.slow

HOOK_ID = "llamalicense"


def _pre_commit() -> str:
    return script("pre-commit", "pre-commit is not installed (pip install -e '.[test]')")


@pytest.fixture(scope="module")
def hook_source(tmp_path_factory: pytest.TempPathFactory) -> HookSource:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    return checkout_hook_source(tmp_path_factory.mktemp("hook-source"))


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def user_repo(tmp_path: Path) -> Path:
    """A user's repository: a Llama 3.1 fine-tune that ships without its Notice file."""
    return user_repository(tmp_path / "user-repo", notice=False)


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


def test_the_fix_hook_writes_the_notice_fails_once_and_then_passes(
    user_repo: Path, hook_source: HookSource, pre_commit_home: Path
) -> None:
    # the fine-tune's base is named by its model card, not in the manifest: a stub is written
    write_project(user_repo, card_manifest(notice=False), files={"hub/README.md": CARD})
    git("add", "-A", cwd=user_repo)
    git("commit", "-q", "-m", "lineage from the card", cwd=user_repo)
    args = ["try-repo", str(hook_source.path), "llamalicense-fix", "--all-files"]
    if hook_source.path != ROOT:
        args += ["--ref", hook_source.rev]
    fixed = _run(args, user_repo, pre_commit_home)
    assert fixed.returncode == 1, fixed.stdout + fixed.stderr
    assert re.search(r"llamalicense fix \(write missing Llama attribution\)\.+Failed", fixed.stdout)
    assert "files were modified by this hook" in fixed.stdout
    notice = (user_repo / "NOTICE").read_text(encoding="utf-8")
    assert "Llama 3.1 is licensed under the Llama 3.1 Community License" in notice
    written = (user_repo / "llamalicense.yaml").read_text(encoding="utf-8")
    where = "# a base acme-chat is built on, named in hub/README.md:3 (base_model, declared)\n"
    stub = "- id: meta-llama/Llama-3.1-8B\n  type: model\n  ref: meta-llama/Llama-3.1-8B\n"
    assert where in written
    assert stub in written

    git("add", "-A", cwd=user_repo)
    again = _run(args, user_repo, pre_commit_home)
    assert again.returncode == 0, again.stdout + again.stderr
    assert re.search(r"llamalicense fix \(write missing Llama attribution\)\.+Passed", again.stdout)


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


def test_the_hook_runs_on_a_commit_that_stages_no_relevant_file(
    configured: Path, pre_commit_home: Path
) -> None:
    # always_run: a change anywhere checks the whole project (evidence can live at any path).
    (configured / "src" / "app.py").write_text("print('changed')\n", encoding="utf-8")
    git("add", "src/app.py", cwd=configured)
    ran = _run(["run"], configured, pre_commit_home)
    assert ran.returncode == 1, ran.stdout + ran.stderr  # the repository lacks its Notice
    assert "(no files to check)" not in ran.stdout
    assert "VIOLATION LLAMA-3.1-NOTICE" in ran.stdout


@pytest.fixture
def compliant_repo(tmp_path: Path, hook_source: HookSource, pre_commit_home: Path) -> Path:
    """A user's compliant repository with the hook configured and installed in git."""
    repo = user_repository(tmp_path / "compliant-repo", notice=True)
    write_config(repo, hook_source)
    git("commit", "-q", "-m", "pre-commit config", cwd=repo)
    installed = _run(["install"], repo, pre_commit_home)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    return repo


def _commit(repo: Path, home: Path, message: str) -> subprocess.CompletedProcess[str]:
    """`git commit`, which runs the installed hook."""
    return subprocess.run(
        ["git", "commit", "-m", message],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
        env=pre_commit_env(home),
    )


def test_a_commit_that_only_deletes_evidence_is_checked_and_refused(
    compliant_repo: Path, pre_commit_home: Path
) -> None:
    # pre-commit passes no deleted file to hooks: a `files` pattern would skip this commit.
    git("rm", "-q", "NOTICE", "LICENSES/LLAMA-3.1.txt", cwd=compliant_repo)
    refused = _commit(compliant_repo, pre_commit_home, "drop the evidence")
    output = refused.stdout + refused.stderr
    assert refused.returncode == 1, output
    assert "Skipped" not in output
    assert "VIOLATION LLAMA-3.1-NOTICE" in output
    assert "VIOLATION LLAMA-3.1-AGREEMENT" in output
    assert git("rev-list", "--count", "HEAD", cwd=compliant_repo).strip() == "2"  # not made


def test_a_files_pattern_would_have_let_the_deletion_through(
    compliant_repo: Path, pre_commit_home: Path
) -> None:
    # Why the hook is always_run (docs/pre-commit.md): the same deletion, with the hook
    # limited by the `files` pattern it once had, is skipped and the commit is made.
    config_file = compliant_repo / ".pre-commit-config.yaml"
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    config["repos"][0]["hooks"][0].update({"always_run": False, "files": FILES_PATTERN})
    config_file.write_text(yaml.safe_dump(config), encoding="utf-8")
    git("add", ".pre-commit-config.yaml", cwd=compliant_repo)
    git("commit", "-q", "--no-verify", "-m", "limit the hook", cwd=compliant_repo)
    git("rm", "-q", "NOTICE", cwd=compliant_repo)
    made = _commit(compliant_repo, pre_commit_home, "drop the Notice")
    output = made.stdout + made.stderr
    assert made.returncode == 0, output
    assert re.search(r"\(no files to check\)Skipped", output)


# The `files` pattern the hook had before it was always_run.
FILES_PATTERN = (
    r"(^|/)(llamalicense(-waivers)?\.(ya?ml|json)|NOTICE[^/]*|Notice[^/]*|LICENSE[^/]*"
    r"|LICENCE[^/]*|USE_POLICY[^/]*|README[^/]*|[^/]*\.(md|markdown|rst|html?|txt))$"
)


def test_a_commit_that_changes_only_code_passes_on_a_compliant_repository(
    compliant_repo: Path, pre_commit_home: Path
) -> None:
    (compliant_repo / "src" / "app.py").write_text("print('changed')\n", encoding="utf-8")
    git("add", "src/app.py", cwd=compliant_repo)
    made = _commit(compliant_repo, pre_commit_home, "change the code")
    assert made.returncode == 0, made.stdout + made.stderr
    output = made.stdout + made.stderr  # git prints the hook's lines on stderr
    assert re.search(r"llamalicense \(Llama license compliance\)\.+Passed", output)
    assert git("rev-list", "--count", "HEAD", cwd=compliant_repo).strip() == "3"


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
    assert "llamalicense-waivers.yaml:2: error: 'expires' is required here" in (malformed.stdout)
