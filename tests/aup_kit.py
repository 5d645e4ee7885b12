"""The AUP corpus's scoring module (tests/data/aup/scoring.py), loaded from its file: for
tests/aup/test_aup_corpus.py and bench/aup_bench.py; and a short classify() for tests."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

DATA = Path(__file__).resolve().parent / "data" / "aup"


def load_scoring() -> ModuleType:
    """tests/data/aup/scoring.py as the module ``aup_scoring`` (loaded once)."""
    loaded = sys.modules.get("aup_scoring")
    if loaded is not None:
        return loaded
    spec = importlib.util.spec_from_file_location("aup_scoring", DATA / "scoring.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["aup_scoring"] = module
    spec.loader.exec_module(module)
    return module


def statuses(*statements: str, version: str = "llama-3.2") -> list[tuple[str, str]]:
    """(item, status) of every result for ``statements``, without the cache."""
    from llamalicense.aup import classify

    return [(m.item, m.status) for m in classify(list(statements), version, use_cache=False)]
