"""Benchmark the pre-commit hook: its run time on a small repository, once installed.

Prints figures; it is not a test and asserts nothing. See bench/README.md. Run::

    .venv/bin/python bench/bench_precommit.py            # median of 5 runs each
    .venv/bin/python bench/bench_precommit.py --repeat 1

It builds a throwaway git repository as tests/integrations/test_precommit.py does, with
tests/hook_kit.py
(a Llama 3.1 fine-tune with its evidence files, and the `.pre-commit-config.yaml` of
docs/pre-commit.md pointing at this checkout, or at a commit of its working tree when it
has uncommitted changes), with a private ``PRE_COMMIT_HOME`` beside it, so the user's
pre-commit cache is not touched. The first run installs the hook's environment (a pip
install from the configured index); it is a warm-up and not timed. Then it times, in fresh
processes: ``pre-commit run --all-files`` on the unchanged repository (the hook runs),
``llamalicense check`` alone with the console script of the hook's environment,
``pre-commit run`` with only ``src/app.py`` staged (the hook runs: it is ``always_run``), and
the same with the hook limited by a ``files`` pattern in the user's config (it is skipped):
the difference is what running on every commit costs.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

import yaml
from bench_kit import Row, print_header, print_table, work_folder

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # the repository set-up: tests/hook_kit.py

from hook_kit import (  # noqa: E402 - after the sys.path fix above
    checkout_hook_source,
    git,
    pre_commit_env,
    user_repository,
    write_config,
)

TIMEOUT = 900  # seconds; the first run installs the hook's environment


def pre_commit_command() -> str:
    found = Path(sys.executable).with_name("pre-commit")
    if found.is_file():
        return str(found)
    which = shutil.which("pre-commit")
    if which is None:
        raise SystemExit("pre-commit is not installed (pip install -e '.[test]')")
    return which


def run(argv: Sequence[str], repo: Path, env: Mapping[str, str]) -> str:
    """Run ``argv`` in ``repo``; its output. Exits when it fails."""
    result = subprocess.run(
        argv, cwd=repo, env=env, capture_output=True, text=True, timeout=TIMEOUT, check=False
    )
    if result.returncode != 0:
        raise SystemExit(
            f"{' '.join(argv)} failed ({result.returncode}):\n{result.stdout}{result.stderr}"
        )
    return result.stdout + result.stderr


def median_seconds(argv: Sequence[str], repo: Path, env: Mapping[str, str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run(argv, repo, env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def warm(argv: Sequence[str], repo: Path, env: Mapping[str, str], expected: str) -> None:
    """One untimed run, which must print ``expected`` (a regex): the figure that follows is
    of the run it names."""
    output = run(argv, repo, env)
    if not re.search(expected, output):
        raise SystemExit(f"{' '.join(argv)}: expected {expected!r} in:\n{output}")


def hook_console_script(home: Path) -> Path:
    """``llamalicense`` in the hook's environment, which pre-commit built under ``home``."""
    found = sorted(home.glob("repo*/py_env-*/bin/llamalicense"))
    if len(found) != 1:
        raise SystemExit(f"expected one hook environment under {home}, found {found}")
    return found[0]


def measure(work: Path, repeat: int) -> list[Row]:
    home = work / "pre-commit-home"
    env = {**pre_commit_env(home), "LLAMALICENSE_CACHE_DIR": str(work / "aup-cache")}
    repo = user_repository(work / "user-repo", notice=True)
    write_config(repo, checkout_hook_source(work / "hook-source"))
    git("commit", "-q", "-m", "pre-commit config", cwd=repo)
    pre_commit = pre_commit_command()

    run_all = [pre_commit, "run", "--all-files"]
    warm(run_all, repo, env, r"llamalicense \(Llama license compliance\)\.+Passed")
    hook_run = median_seconds(run_all, repo, env, repeat)

    check = [str(hook_console_script(home)), "check"]
    warm(check, repo, env, r"Verdict: compliant")
    check_alone = median_seconds(check, repo, env, repeat)

    # The hook as shipped runs on every commit (always_run), even one that stages only code.
    (repo / "src" / "app.py").write_text("print('changed')\n", encoding="utf-8")
    git("add", "src/app.py", cwd=repo)
    run_staged = [pre_commit, "run"]
    warm(run_staged, repo, env, r"llamalicense \(Llama license compliance\)\.+Passed")
    always = median_seconds(run_staged, repo, env, repeat)

    # The alternative measured against it: a `files` pattern, under which a commit that stages
    # no matching file skips the hook (and so does one that only deletes evidence).
    limit_to_pattern(repo)
    git("commit", "-q", "-m", "limit the hook to a files pattern", cwd=repo)
    (repo / "src" / "app.py").write_text("print('changed again')\n", encoding="utf-8")
    git("add", "src/app.py", cwd=repo)
    warm(run_staged, repo, env, r"\(no files to check\)Skipped")
    skipped = median_seconds(run_staged, repo, env, repeat)

    return [
        Row(f"pre-commit run --all-files (the hook runs), median of {repeat}", f"{hook_run:.2f} s"),
        Row("llamalicense check alone, in the hook's environment", f"{check_alone:.2f} s"),
        Row("pre-commit run, only code staged (always_run: the hook runs)", f"{always:.2f} s"),
        Row("pre-commit run, only code staged, `files` pattern (skipped)", f"{skipped:.2f} s"),
        Row("what always_run adds to a commit staging no evidence", f"{always - skipped:.2f} s"),
    ]


# The `files` pattern the hook had before it ran on every commit: manifest, waivers, Notice,
# license and policy copies, READMEs and documents.
FILES_PATTERN = (
    r"(^|/)(llamalicense(-waivers)?\.(ya?ml|json)|NOTICE[^/]*|Notice[^/]*|LICENSE[^/]*"
    r"|LICENCE[^/]*|USE_POLICY[^/]*|README[^/]*|[^/]*\.(md|markdown|rst|html?|txt))$"
)


def limit_to_pattern(repo: Path) -> None:
    """Override the hook in the repository's config: always_run off, a `files` pattern on."""
    config_file = repo / ".pre-commit-config.yaml"
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    for hook in config["repos"][0]["hooks"]:
        hook.update({"always_run": False, "files": FILES_PATTERN})
    config_file.write_text(yaml.safe_dump(config), encoding="utf-8")
    git("add", ".pre-commit-config.yaml", cwd=repo)


def versions(pre_commit: str) -> str:
    found = subprocess.run(
        [pre_commit, "--version"], capture_output=True, text=True, check=True, timeout=60
    ).stdout.strip()
    git_version = subprocess.run(
        ["git", "--version"], capture_output=True, text=True, check=True, timeout=60
    ).stdout.strip()
    return f"{found}, {git_version}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--repeat", type=int, default=5, help="timed runs of each command, median (default: 5)"
    )
    parser.add_argument(
        "--keep",
        metavar="DIR",
        help="build the repository, hook source and PRE_COMMIT_HOME in DIR (new or empty) "
        "and keep them",
    )
    args = parser.parse_args(argv)
    if shutil.which("git") is None:
        raise SystemExit("git is not installed")
    if args.keep and Path(args.keep).exists() and any(Path(args.keep).iterdir()):
        raise SystemExit(f"--keep {args.keep}: the folder is not empty")
    tools = f"tools: {versions(pre_commit_command())}"
    print_header("llamalicense pre-commit hook benchmark", tools)
    with work_folder(args.keep) as work:
        rows = measure(work.resolve(), max(args.repeat, 1))
    print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
