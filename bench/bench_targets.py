"""The speed targets of issue 12, side by side in one run, on ``genproject.py`` projects.

Prints figures against their targets; it is not a test and asserts nothing. See
bench/README.md. Quick run (about a minute)::

    .venv/bin/python bench/bench_targets.py --sizes 10000 --repeat 1

Figures: ``llamalicense check --format json`` against ``json.load`` of the manifest (10k,
100k); against the Rego peer in ``../shared/reference/peer-rego/`` (1k, 10k; needs the
``bench`` extra, ``opa-eval``); the growth 10k -> 100k; the peak memory at 1M components
(``--million``); the cold check against the import floor; ``--version`` against ``python -c
pass``. Every timed run is a fresh process (``bench_kit.run_child``: wall time, CPU time,
peak resident memory). The checks use an AUP result cache of the bench's own, filled by one
untimed run per project (the first check of a project also classifies its use cases).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import bench_check
import bench_kit
from bench_kit import Row, Run, judged, print_header, print_table, run_child, work_folder
from genproject import write_project

from llamalicense.aup.cache import CACHE_ENV

ROOT = Path(__file__).resolve().parent.parent
# ../shared beside the checkout (or beside the folder of worktrees that holds it)
PEER = next(
    (
        folder / "shared" / "reference" / "peer-rego"
        for folder in (ROOT.parent, ROOT.parent.parent)
        if (folder / "shared" / "reference" / "peer-rego").is_dir()
    ),
    ROOT.parent / "shared" / "reference" / "peer-rego",
)

# Targets (issue 12, item 5).
JSON_MAX = 15.0  # check --format json at 100k / json.load of the manifest
PEER_MIN = 2.0  # the Rego peer's time / ours, at 10k
MEMORY_MAX_MB = 8 * 1024  # peak at 1M components
GROWTH_MAX = 12.0  # 100k / 10k
COLD_MAX = 1.5  # cold check / import floor
VERSION_MAX = 3.0  # --version / python -c pass
MILLION_CAP_GB = 12  # address-space cap of the 1M run, so it cannot exhaust the machine

JSON_LOAD = (
    "import json, sys, time\n"
    "start, cpu = time.perf_counter(), time.process_time()\n"
    "with open(sys.argv[1], encoding='utf-8') as handle:\n"
    "    json.load(handle)\n"
    "print(time.perf_counter() - start, time.process_time() - cpu)\n"
)


def label(size: int) -> str:
    return f"{size // 1_000_000}M" if size % 1_000_000 == 0 else f"{size // 1000}k"


def json_load_time(path: Path) -> Run:
    """``json.load`` of the manifest in a fresh interpreter, timed around the call (wall and
    CPU seconds)."""
    _, out = run_child([sys.executable, "-c", JSON_LOAD, str(path)], capture=True)
    wall, cpu = (float(x) for x in out.split())
    return Run(wall, cpu, 0.0, 0)


def ratio(a: Run, b: Run) -> tuple[float, float]:
    """``a / b`` in wall time and in CPU time."""
    return a.seconds / b.seconds, a.cpu / b.cpu


def shown(ratios: tuple[float, float]) -> str:
    return f"{ratios[0]:.2f}x wall, {ratios[1]:.2f}x cpu"


def verdict(ratios: tuple[float, float], bound: float, *, at_least: bool = False) -> str:
    """PASS or MISS on wall time, and on CPU time where the two disagree (on a busy machine
    the wall time of the longer run grows more)."""
    wall, cpu = ((r >= bound) if at_least else (r <= bound) for r in ratios)
    return judged(wall) if wall == cpu else f"{judged(wall)} wall, {judged(cpu)} cpu"


def check_argv(manifest: Path, report: Path) -> list[str]:
    command = bench_kit.llamalicense_command()
    return [*command, "check", str(manifest), "--format", "json", "--output", str(report)]


def paired(first: Sequence[str], second: Sequence[str], repeat: int) -> tuple[Run, Run]:
    """Medians of ``first`` and ``second`` run in turn ``repeat`` times (runs made side by
    side compare on a machine whose speed drifts)."""
    a: list[Run] = []
    b: list[Run] = []
    for _ in range(repeat):
        a.append(run_child(first)[0])
        b.append(run_child(second)[0])
    return bench_kit.median_of(a), bench_kit.median_of(b)


def startup(repeat: int) -> list[Row]:
    """``--version`` against ``python -c pass``; the cold check against the import floor."""
    version = [*bench_kit.llamalicense_command(), "--version"]
    bare = [sys.executable, "-c", "pass"]
    run_child(version)  # warm the page cache and __pycache__
    ours, floor = paired(version, bare, repeat)
    times = ratio(ours, floor)
    rows = [
        Row(f"--version, median of {repeat}", ours.shown()),
        Row("python -c pass", floor.shown()),
        Row(
            "--version / python -c pass",
            shown(times),
            f"<= {VERSION_MAX:g}x",
            verdict(times, VERSION_MAX),
        ),
    ]
    with work_folder(None) as work:
        cold = bench_check.cold_start(work, repeat)
    return rows + [r for r in cold if "peak" not in r.figure]


def against_json_load(
    work: Path, sizes: list[int], repeat: int
) -> tuple[list[Row], dict[int, Run]]:
    rows: list[Row] = []
    runs: dict[int, Run] = {}
    for size in sizes:
        folder = work / f"p{size}"
        manifest = write_project(folder, size)
        report = folder / "report.json"
        loads: list[Run] = []
        checks: list[Run] = []
        run_child(check_argv(manifest, report))  # untimed: fills the AUP result cache
        for _ in range(repeat):
            loads.append(json_load_time(manifest))
            checks.append(run_child(check_argv(manifest, report))[0])
        load, run = bench_kit.median_of(loads), bench_kit.median_of(checks)
        runs[size] = run
        findings = _count_findings(report)
        times = ratio(run, load)
        target = size == max(sizes) == 100_000
        mb = manifest.stat().st_size / 1e6
        rows += [
            Row(
                f"{label(size)} ({mb:.0f} MB, {findings / size:.2f} findings per component): "
                "check --format json",
                run.shown(),
            ),
            Row(f"{label(size)}: check --format json, peak memory", f"{run.peak_mb:.0f} MB"),
            Row(
                f"{label(size)}: json.load of the manifest, fresh process",
                f"{load.seconds:.3f} s (cpu {load.cpu:.3f} s)",
            ),
            Row(
                f"{label(size)}: check / json.load",
                shown(times),
                f"<= {JSON_MAX:g}x" if target else "",
                verdict(times, JSON_MAX) if target else "",
            ),
        ]
    if 10_000 in runs and 100_000 in runs:
        growth = ratio(runs[100_000], runs[10_000])
        rows.append(
            Row(
                "growth 10k -> 100k (check --format json)",
                shown(growth),
                f"<= {GROWTH_MAX:g}x",
                verdict(growth, GROWTH_MAX),
            )
        )
    return rows, runs


def _count_findings(report: Path) -> int:
    """The findings in a JSON report, counted without parsing it (each has one
    ``"fingerprint"`` key)."""
    with report.open("rb") as handle:
        return sum(
            chunk.count(b'"fingerprint": ') for chunk in iter(lambda: handle.read(1 << 24), b"")
        )


def peer_status() -> str | None:
    """Why the peer cannot run here, or None."""
    if not (PEER / "run_rego.py").is_file() or not (PEER / "llama31.rego").is_file():
        return f"{PEER} is absent: the Rego peer figures are skipped (the rest runs)"
    if importlib.util.find_spec("opa_eval") is None:
        return "opa-eval is not installed (pip install -e '.[bench]'): the peer figures are skipped"
    return None


def against_peer(work: Path, sizes: list[int], repeat: int) -> list[Row]:
    rows: list[Row] = []
    for size in sizes:
        folder = work / f"peer{size}"
        manifest = write_project(folder, size)
        peer = [sys.executable, str(PEER / "run_rego.py"), str(folder)]
        _, said = run_child(peer, capture=True)
        run_child(check_argv(manifest, folder / "report.json"))  # untimed, as the peer's
        ours, theirs = paired(check_argv(manifest, folder / "report.json"), peer, repeat)
        speedup = ratio(theirs, ours)
        target = size == 10_000
        rows += [
            Row(f"{label(size)}: Rego peer (regorus), whole process", theirs.shown()),
            Row(f"{label(size)}: Rego peer says", said.strip().split(": ", 1)[-1][:60]),
            Row(f"{label(size)}: check --format json, whole process", ours.shown()),
            Row(
                f"{label(size)}: peer / check",
                shown(speedup),
                f">= {PEER_MIN:g}x" if target else "",
                verdict(speedup, PEER_MIN, at_least=True) if target else "",
            ),
        ]
    return rows


def million(work: Path) -> list[Row]:
    """Peak memory of one 1M-component check, its address space capped so that a run that
    would not fit stops with an error instead of exhausting the machine."""
    # Untimed, as before every other figure: a small project of the same use cases fills
    # the AUP result cache, so the 1M run does not also measure the screen's first run
    # (spaCy loaded and every use case classified: 8.06 GB against 7.83 GB warm).
    warm = write_project(work / "p1000-warm", 1000)
    run_child(check_argv(warm, Path(os.devnull)))
    folder = work / "p1000000"
    manifest = write_project(folder, 1_000_000)
    # The report goes to the null device: at 1M it is about 16 GB, more than a disk may have
    # free, and the peak is the same (it is written piece by piece either way).
    try:
        run, _ = run_child(
            check_argv(manifest, Path(os.devnull)), address_space=MILLION_CAP_GB * 1024**3
        )
    except SystemExit as exc:  # it failed: out of its address space, most likely
        print(f"the 1M run stopped: {str(exc)[-300:]}", file=sys.stderr)
        peak, ok, shown = f"> {MILLION_CAP_GB} GB (stopped at the cap)", False, "stopped"
    else:
        peak, ok = f"{run.peak_mb / 1024:.2f} GB", run.peak_mb <= MEMORY_MAX_MB
        shown = run.shown()
    mb = manifest.stat().st_size / 1e6
    return [
        Row(f"1M ({mb:.0f} MB): check --format json", shown),
        Row(
            "1M: check --format json, peak memory",
            peak,
            f"<= {MEMORY_MAX_MB // 1024} GB",
            judged(ok),
        ),
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", default="10000,100000", help="sizes against json.load (default: 10000,100000)"
    )
    parser.add_argument(
        "--peer-sizes",
        default="1000,10000",
        help="sizes against the Rego peer (default: 1000,10000)",
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs per figure, median (default: 3)"
    )
    parser.add_argument(
        "--million",
        action="store_true",
        help=f"also measure 1M components (minutes; capped at {MILLION_CAP_GB} GB)",
    )
    parser.add_argument(
        "--no-startup", action="store_true", help="skip --version and the cold check"
    )
    parser.add_argument("--keep", metavar="DIR", help="write the generated projects to DIR")
    args = parser.parse_args(argv)
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    peer_sizes = sorted({int(s) for s in args.peer_sizes.split(",") if s.strip()})
    repeat = max(args.repeat, 1)
    print_header(
        "llamalicense targets (issue 12)",
        f"command: {' '.join(bench_kit.llamalicense_command())}",
    )
    skipped = peer_status()
    if skipped:
        print(f"NOTE: {skipped}\n")
    rows: list[Row] = []
    if not args.no_startup:
        rows += startup(max(repeat, 5))
    with work_folder(args.keep) as work:
        # The checks' AUP result cache is the bench's own (a user cache written by other runs
        # with other patterns would make some timed runs load spaCy), filled by one untimed
        # run per project: the figures are of a check whose use cases were classified before.
        os.environ[CACHE_ENV] = str(work / "aup-cache")
        found, _ = against_json_load(work, sizes, repeat)
        rows += found
        if skipped is None and peer_sizes:
            rows += against_peer(work, peer_sizes, repeat)
        if args.million:
            rows += million(work)
    print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
