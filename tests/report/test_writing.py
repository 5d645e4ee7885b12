"""Issue 15, classes 4, 7 and 10: `-o` / `--write` never replace what is not a regular file,
keep the target's mode, leave no partial report or temporary file behind on any failure
(SIGTERM included), and a closed or full stdout is exit 2, not a traceback.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from integration_kit import BASH, cli, manifest, write_project
from llamalicense.errors import InputError
from llamalicense.report.writing import Terminated, write_all, write_atomic


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".llamalicense-"))


def test_an_existing_report_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o600)
    write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_a_new_report_gets_the_umask_mode(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        write_atomic(tmp_path / "new.txt", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.txt").stat().st_mode) == 0o640


@pytest.mark.parametrize("kind", ["folder", "link"])
def test_what_is_not_a_regular_file_is_not_replaced(tmp_path: Path, kind: str) -> None:
    target = tmp_path / "out"
    if kind == "folder":
        target.mkdir()
    else:
        (tmp_path / "real.txt").write_text("keep", encoding="utf-8")
        target.symlink_to(tmp_path / "real.txt")
    with pytest.raises(InputError, match="not replacing it"):
        write_atomic(target, "x")
    assert target.is_dir() if kind == "folder" else target.is_symlink()
    assert _leftovers(tmp_path) == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_written_to_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[str] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_text(encoding="utf-8")))
    reader.start()
    write_atomic(fifo, "through the pipe")
    reader.join(timeout=10)
    assert got == ["through the pipe"]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_dev_stdout_is_written_to(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", manifest())
    run = subprocess.run(
        [sys.executable, "-m", "llamalicense", "check", ".", "-o", "/dev/stdout"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert "Verdict: compliant" in run.stdout


def test_a_name_near_255_bytes_works(tmp_path: Path) -> None:
    target = tmp_path / ("r" * 250 + ".txt")
    write_atomic(target, "ok")
    assert target.read_text(encoding="utf-8") == "ok"


def test_a_failing_write_keeps_none_of_the_others(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", manifest())
    (project / "taken").mkdir()
    run = cli(
        "check",
        ".",
        "--write",
        "sarif:first.sarif",
        "--write",
        "json:taken",
        "-o",
        "out.txt",
        cwd=project,
    )
    assert run.code == 2
    assert "taken" in run.err
    assert not (project / "first.sarif").exists()
    assert not (project / "out.txt").exists()
    assert _leftovers(project) == []


def test_sigterm_while_writing_leaves_nothing(tmp_path: Path) -> None:
    def pieces() -> Iterator[bytes]:
        yield b"half a report"
        os.kill(os.getpid(), signal.SIGTERM)
        yield b"the rest"

    before = signal.getsignal(signal.SIGTERM)
    with pytest.raises(Terminated):
        write_all([(tmp_path / "a.txt", "whole"), (tmp_path / "b.txt", pieces())])
    assert sorted(p.name for p in tmp_path.iterdir()) == []
    assert signal.getsignal(signal.SIGTERM) == before


def test_an_empty_output_name_is_an_error(tmp_path: Path) -> None:
    run = cli("check", ".", "-o", "", cwd=write_project(tmp_path / "p", manifest()))
    assert run.code == 2
    assert "--output needs a file name" in run.err
    assert run.out == ""


@pytest.mark.parametrize(
    ("redirect", "message"),
    [(">&-", "standard output is closed"), ("> /dev/full", "No space left on device")],
)
def test_stdout_closed_or_full_is_exit_2(tmp_path: Path, redirect: str, message: str) -> None:
    if redirect.endswith("/dev/full") and not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    project = write_project(tmp_path / "p", manifest())
    command = f"{sys.executable} -m llamalicense check . {redirect}"
    run = subprocess.run(
        [*BASH, "-c", command],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert run.returncode == 2, run.stderr
    assert f"cannot write the report: {message}" in run.stderr
    assert "Traceback" not in run.stderr
    assert "internal error" not in run.stderr


def test_explain_into_a_closed_pipe_keeps_the_exit_code(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", manifest(notice=False))  # one violation
    # `head -c 0` reads nothing and leaves at once: the first line of --explain breaks.
    command = f"{sys.executable} -m llamalicense check . --explain 2>&1 | head -c 0"
    run = subprocess.run(
        [*BASH, "-c", command],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert run.returncode == 1, run.stderr
