"""What each remaining speed trick buys end to end (issue 12: a trick worth < 5% goes).

Prints figures; it is not a test. Each variant is a fresh ``llamalicense check --format json``
(or a library ``check()``) of one ``genproject.py`` project, with one trick switched off by
patching the module before the package uses it; variants run in turn, ``--repeat`` times,
and the figure is the median CPU time (user + system, from ``wait4``: on a shared machine
the wall time varies with the load, the CPU time much less)::

    .venv/bin/python bench/bench_tricks.py --size 100000 --repeat 5

Tricks (``frozen``, which built dataclass instances by filling ``__dict__``, was removed:
each of its shortcuts saved under 5% measured against a direct constructor call): ``gcpause`` (the
cyclic collector paused in ``check()`` and rendering; the console script also switches it
off for the whole process), ``keepalive`` (the console script keeps the engine's data until
``os._exit`` instead of freeing it). ``jsonindex`` is measured as what JSON locations cost:
its one parse against ``json.loads`` of the same manifest.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections.abc import Sequence
from pathlib import Path

from bench_kit import Row, print_header, print_table, run_child, work_folder
from genproject import write_project

# Patches applied in the child before llamalicense is used (each switches one trick off).
PATCHES = {
    "all tricks on": "",
    "gcpause off": (
        "import contextlib, llamalicense.speed.gcpause as g\ng.paused = contextlib.nullcontext\n"
    ),
    "keepalive off": "import llamalicense.speed.keepalive as k\nk.keep_until_exit = lambda: None\n",
}
CLI = (
    "import sys\n{patch}"
    "from llamalicense.__main__ import main\n"
    "sys.argv = ['llamalicense', 'check', sys.argv[1], '--format', 'json', '--output', "
    "sys.argv[2]]\n"
    "main()\n"
)
# The library path: no process-wide collector switch, no quick exit.
LIBRARY = "import sys\n{patch}import llamalicense\nllamalicense.check(sys.argv[1])\n"
PARSE = (
    "import json, sys, time\n"
    "from llamalicense.documents.jsonindex import JsonIndex\n"
    "text = open(sys.argv[1], encoding='utf-8').read()\n"
    "start = time.process_time()\n"
    "JsonIndex(text).parse() if sys.argv[2] == 'index' else json.loads(text)\n"
    "print(time.process_time() - start)\n"
)


def measure(manifest: Path, report: Path, repeat: int) -> list[Row]:
    rows: list[Row] = []
    for title, template in (("CLI check --format json", CLI), ("library check()", LIBRARY)):
        variants = dict(PATCHES)
        if template is LIBRARY:
            del variants["keepalive off"]  # only the console script keeps data
        cpu: dict[str, list[float]] = {name: [] for name in variants}
        for _ in range(repeat):
            for name, patch in variants.items():
                code = template.format(patch=patch)
                run, _ = run_child([sys.executable, "-c", code, str(manifest), str(report)])
                cpu[name].append(run.cpu)
        base = statistics.median(cpu["all tricks on"])
        rows.append(Row(f"{title}: all tricks on, cpu", f"{base:.2f} s"))
        for name in list(variants)[1:]:
            value = statistics.median(cpu[name])
            share = (value - base) / base * 100
            rows.append(
                Row(f"{title}: {name}, cpu", f"{value:.2f} s", "", f"trick saves {share:+.1f}%")
            )
    for kind in ("index", "loads"):
        times = []
        for _ in range(repeat):
            _, out = run_child([sys.executable, "-c", PARSE, str(manifest), kind], capture=True)
            times.append(float(out))
        label = "JsonIndex.parse (with locations)" if kind == "index" else "json.loads (none)"
        rows.append(Row(f"parse: {label}, cpu", f"{statistics.median(times):.3f} s"))
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000, help="components (default 100000)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per variant (default 5)")
    parser.add_argument("--keep", metavar="DIR", help="write the generated project to DIR")
    args = parser.parse_args(argv)
    print_header("llamalicense speed tricks", f"project: genproject.py {args.size}")
    with work_folder(args.keep) as work:
        manifest = write_project(work / "project", args.size)
        rows = measure(manifest, work / "report.json", max(args.repeat, 1))
    print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
