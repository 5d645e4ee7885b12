"""keepalive: only a process that asked (the console script, which ends with os._exit)
keeps the engine's intermediate data; library callers get normal lifetimes."""

from __future__ import annotations

import gc
import subprocess
import sys
import weakref
from pathlib import Path

import llamalicense
from llamalicense.speed import keepalive

ROOT = Path(__file__).resolve().parent.parent.parent


class _Thing:
    pass


def test_keep_does_nothing_unless_the_process_asked() -> None:
    thing = _Thing()
    ref = weakref.ref(thing)
    keepalive.keep(thing)
    del thing
    gc.collect()
    assert ref() is None


def test_keep_holds_on_once_asked() -> None:
    keepalive.keep_until_exit()
    try:
        thing = _Thing()
        ref = weakref.ref(thing)
        keepalive.keep(thing)
        del thing
        gc.collect()
        assert ref() is not None
    finally:
        keepalive._Kept.objects = None


def test_a_library_check_keeps_nothing_behind() -> None:
    from llamalicense.lineage.graph import Lineage

    report = llamalicense.check(ROOT / "examples" / "mixed-versions", waivers=False)
    assert report.findings
    gc.collect()
    assert keepalive._Kept.objects is None
    assert not [o for o in gc.get_objects() if isinstance(o, Lineage)]


def test_the_console_script_keeps_the_engine_data_until_it_exits() -> None:
    # What cli.entry does before main(), then what is kept once the check is done.
    example = str(ROOT / "examples" / "mixed-versions")
    script = "\n".join(
        [
            "import sys, llamalicense.cli.main as cli, llamalicense.speed.keepalive as k",
            "from llamalicense.lineage.graph import Lineage",
            "from llamalicense.model.findings import Report",
            "k.keep_until_exit()",
            f"cli.main(['check', {example!r}])",
            "kept = k._Kept.objects or []",
            "print(sum(isinstance(o, Lineage) for o in kept),",
            "      sum(isinstance(o, Report) for o in kept), file=sys.stderr)",
        ]
    )
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False, timeout=120
    )
    assert run.stderr.split() == ["1", "1"], run.stderr
