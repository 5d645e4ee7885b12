"""What the benchmark scripts share: timing one fresh process (wall, CPU, peak memory), the
rows of a figures table and how it is printed, and the folder the generated projects go to.

Each timed ``llamalicense`` run is a fresh subprocess (the console script next to this
Python, else ``python -m llamalicense``); its wall time is measured here and its peak
resident memory comes from ``/proc`` (or ``os.wait4``), for that one child.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import yaml

# -- measuring ---------------------------------------------------------------------------


@dataclass
class Run:
    seconds: float  # wall clock
    cpu: float  # user + system time of the child
    peak_mb: float
    returncode: int
    timed_out: bool = False

    def shown(self) -> str:
        if self.timed_out:
            return f"> {self.seconds:.0f} s (stopped)"
        return f"{self.seconds:.2f} s (cpu {self.cpu:.2f} s)"


COMMAND: list[str] = []  # --command
TIMEOUT: list[float] = []  # --timeout


def llamalicense_command() -> list[str]:
    if COMMAND:
        return COMMAND
    script = Path(sys.executable).with_name("llamalicense")
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-m", "llamalicense"]


class _PeakWatch:
    """The child's own peak resident memory, read from ``/proc/PID/status`` (VmHWM, Linux)
    every few milliseconds until it ends.

    ``ru_maxrss`` from ``wait4`` is not enough: Linux carries the high-water mark across
    ``exec``, and a child spawned with ``vfork`` (as ``subprocess`` does) starts from this
    benchmark's own resident size, which holds the generated manifests. VmHWM belongs to the
    child's new address space. Where ``/proc`` is missing, ``peak_kib`` stays None.
    """

    def __init__(self, pid: int) -> None:
        self.peak_kib: int | None = None
        self._path = Path(f"/proc/{pid}/status")
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        while True:
            try:
                text = self._path.read_text(encoding="ascii", errors="replace")
            except OSError:
                return  # gone (or no /proc)
            for line in text.splitlines():
                if line.startswith("VmHWM:"):
                    self.peak_kib = max(self.peak_kib or 0, int(line.split()[1]))
            if self._done.wait(0.002):
                return

    def stop(self) -> None:
        self._done.set()
        self._thread.join()


def run_child(
    argv: Sequence[str], *, capture: bool = False, address_space: int | None = None
) -> tuple[Run, str]:
    """Wall time, CPU time and peak RSS of one fresh process, and its stdout if captured.

    stderr is kept for the error message; stdout is discarded unless ``capture``. With
    ``address_space`` (bytes) the child cannot map more: a run that would not fit fails
    instead of exhausting the machine.
    """

    def limit() -> None:
        if address_space is not None:
            resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))

    with tempfile.TemporaryFile() as err, tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(
            argv,
            stdout=out if capture else subprocess.DEVNULL,
            stderr=err,
            preexec_fn=limit if address_space is not None else None,  # noqa: PLW1509
        )
        timer = threading.Timer(TIMEOUT[0], proc.kill) if TIMEOUT else None
        if timer:
            timer.start()
        watch = _PeakWatch(proc.pid)
        _, status, usage = os.wait4(proc.pid, 0)  # the usage of this child alone
        seconds = time.perf_counter() - start
        watch.stop()
        timed_out = timer is not None and not timer.is_alive()
        if timer:
            timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        out.seek(0)
        stderr, stdout = err.read().decode("utf-8", "replace"), out.read().decode("utf-8")
    cpu = usage.ru_utime + usage.ru_stime
    peak = watch.peak_kib if watch.peak_kib is not None else usage.ru_maxrss  # both KiB
    run = Run(seconds, cpu, peak / 1024, proc.returncode, timed_out)
    if not timed_out and proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed ({proc.returncode}):\n{stderr}")
    return run, stdout


def median_run(argv: Sequence[str], repeat: int) -> Run:
    runs: list[Run] = []
    for _ in range(repeat):
        runs.append(run_child(argv)[0])
        if runs[-1].timed_out:
            return runs[-1]  # a lower bound; no point in waiting again
    return median_of(runs)


def median_of(runs: list[Run]) -> Run:
    return Run(
        statistics.median(r.seconds for r in runs),
        statistics.median(r.cpu for r in runs),
        max(r.peak_mb for r in runs),
        runs[-1].returncode,
    )


@dataclass
class Row:
    figure: str
    value: str
    target: str = ""
    verdict: str = ""


def judged(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, PyYAML {yaml.__version__} "
        f"(libyaml {'yes' if hasattr(yaml, 'CSafeLoader') else 'no'})"
    )


def print_header(title: str, tools: str) -> None:
    """The lines above a benchmark's table: what ran, when, and on what."""
    print(f"{title}, {dt.date.today().isoformat()}")
    print(f"machine: {machine()}")
    print(tools)
    print()


@contextmanager
def work_folder(keep: str | None) -> Iterator[Path]:
    """``keep`` (made if missing) or a temporary folder removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="llamalicense-bench-") as tmp:
        work = Path(keep) if keep else Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        yield work


def print_table(rows: list[Row]) -> None:
    width = max(len(r.figure) for r in rows)
    vwidth = max(len(r.value) for r in rows)
    twidth = max(len(r.target) for r in rows)
    print(f"{'figure':<{width}}  {'value':>{vwidth}}  {'target':<{twidth}}  result")
    print("-" * (width + vwidth + twidth + 12))
    for r in rows:
        print(f"{r.figure:<{width}}  {r.value:>{vwidth}}  {r.target:<{twidth}}  {r.verdict}")
