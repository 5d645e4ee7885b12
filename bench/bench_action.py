"""Benchmark the GitHub Action's start: a cold job (the environment built by pip) against a
warm one (the environment restored by actions/cache), as far as they can be run here.

Prints figures; it is not a test and asserts nothing. See bench/README.md. Run::

    .venv/bin/python bench/bench_action.py            # median of 3 warm runs
    .venv/bin/python bench/bench_action.py --repeat 1

It runs the action's shell steps the way tests/integrations/test_action.py does
(tests/integration_kit.py: `shell: bash` as a runner runs it, the `uses:` steps skipped) on
a small Llama 3.1 project: once cold (no environment: a venv and a pip install of this
checkout, from whatever index pip is configured with), then warm (the same steps told that
actions/cache restored the environment, which the install step then only checks). What a
runner adds for the cache itself is its archive: actions/cache stores the folder as a
zstd-compressed tar, so the script times making that archive (the post-job save of a cold
run) and unpacking it (the restore of a warm run), and prints its size (the download).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from bench_kit import Row, print_header, print_table, work_folder

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # the action runner: tests/integration_kit.py

from integration_kit import manifest, run_action, write_project  # noqa: E402


def timed_job(workspace: Path, tmp: Path, *, cache_hit: bool) -> float:
    start = time.perf_counter()
    run = run_action(workspace, tmp, install=True, cache_hit=cache_hit)
    seconds = time.perf_counter() - start
    if run.outputs.get("verdict") != "non-compliant":
        raise SystemExit(f"the action did not run the check:\n{run.stdout}\n{run.stderr}")
    reused = "using the cached environment" in run.stdout
    if reused != cache_hit:
        raise SystemExit(f"expected cache_hit={cache_hit}, the install step said:\n{run.stdout}")
    return seconds


def archive_seconds(venv: Path, work: Path) -> tuple[float, float, int]:
    """Seconds to pack ``venv`` as actions/cache does (tar, zstd) and to unpack it, and
    the archive's size in bytes."""
    archive = work / "cache.tzst"
    start = time.perf_counter()
    subprocess.run(
        [
            "tar",
            "--use-compress-program",
            "zstd -T0",
            "-cf",
            str(archive),
            "-C",
            str(venv.parent),
            venv.name,
        ],
        check=True,
        timeout=600,
    )
    packed = time.perf_counter() - start
    target = work / "restored"
    target.mkdir()
    start = time.perf_counter()
    subprocess.run(
        ["tar", "--use-compress-program", "zstd -d", "-xf", str(archive), "-C", str(target)],
        check=True,
        timeout=600,
    )
    unpacked = time.perf_counter() - start
    return packed, unpacked, archive.stat().st_size


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def measure(work: Path, repeat: int) -> list[Row]:
    workspace = write_project(work / "workspace", manifest(notice=False))
    tmp = work / "job"
    cold = timed_job(workspace, tmp, cache_hit=False)
    warm = statistics.median(timed_job(workspace, tmp, cache_hit=True) for _ in range(repeat))
    venv = tmp / "runner-temp" / "llamalicense-venv"
    rows = [
        Row("cold job: venv + pip install of this checkout, then the check", f"{cold:.1f} s"),
        Row(
            f"warm job: restored venv checked, then the check, median of {repeat}", f"{warm:.2f} s"
        ),
        Row("the environment on disk", f"{folder_bytes(venv) / 1e6:.0f} MB"),
    ]
    if shutil.which("zstd") and shutil.which("tar"):
        packed, unpacked, size = archive_seconds(venv, work)
        rows += [
            Row(
                "its cache archive (tar + zstd), the download of a warm job", f"{size / 1e6:.0f} MB"
            ),
            Row("packing it (the save after a cold job)", f"{packed:.1f} s"),
            Row("unpacking it (the restore before a warm job)", f"{unpacked:.1f} s"),
        ]
    return rows


def pip_index() -> str:
    found = subprocess.run(
        [sys.executable, "-m", "pip", "config", "list"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    ).stdout
    indexes = [line for line in found.splitlines() if "index-url" in line or "find-links" in line]
    return "; ".join(indexes) or "pip's default index (PyPI)"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--repeat", type=int, default=3, help="timed warm runs, median (default: 3)"
    )
    parser.add_argument("--keep", metavar="DIR", help="work in DIR (new or empty) and keep it")
    args = parser.parse_args(argv)
    print_header("llamalicense GitHub Action start benchmark", f"pip: {pip_index()}")
    with work_folder(args.keep) as work:
        rows = measure(work.resolve(), max(args.repeat, 1))
    print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
