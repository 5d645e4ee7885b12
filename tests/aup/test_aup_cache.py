"""Lazy spaCy import and the on-disk result cache."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from llamalicense.aup import cache, classify, pattern_hash

ROOT = Path(__file__).resolve().parents[2]
STATEMENT = "Writes ransomware that encrypts hospital file servers."


def _python(code: str, cache_dir: Path, **env: str) -> str:
    environment = {**os.environ, "LLAMALICENSE_CACHE_DIR": str(cache_dir), **env}
    environment["PYTHONPATH"] = os.pathsep.join(
        [str(ROOT), *filter(None, [environment.get("PYTHONPATH")])]
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env=environment,
        timeout=300,
    )
    return done.stdout.strip()


CLASSIFY_AND_REPORT = f"""
import json, sys
from llamalicense.aup import classify
found = classify([{STATEMENT!r}, "Answers questions about trains."], "llama-3.1")
print(json.dumps({{"spacy": "spacy" in sys.modules,
                  "items": [(m.item, m.status, m.statement_index) for m in found]}}))
"""


def test_import_does_not_load_spacy(tmp_path: Path) -> None:
    out = _python("import sys, llamalicense.aup; print('spacy' in sys.modules)", tmp_path)
    assert out == "False"


def test_exclusions_and_empty_input_do_not_load_spacy(tmp_path: Path) -> None:
    code = (
        "import sys\nfrom llamalicense.aup import classify\n"
        "classify(['Military use.'], 'llama-4', kind='exclusion')\n"
        "classify(['', '  '], 'llama-4')\n"
        "print('spacy' in sys.modules)"
    )
    assert _python(code, tmp_path) == "False"


def test_second_run_is_served_from_cache_without_spacy(tmp_path: Path) -> None:
    first = json.loads(_python(CLASSIFY_AND_REPORT, tmp_path))
    assert first["spacy"] is True
    assert first["items"] == [["1.g", "violation", 0]]
    assert (tmp_path / cache.FILE_NAME).is_file()
    second = json.loads(_python(CLASSIFY_AND_REPORT, tmp_path))
    assert second == {"spacy": False, "items": first["items"]}


def test_corrupt_cache_is_ignored(tmp_path: Path) -> None:
    (tmp_path / cache.FILE_NAME).write_text("{not json", encoding="utf-8")
    found = classify([STATEMENT], "llama-3.1", cache_dir=tmp_path)
    assert [(m.item, m.status) for m in found] == [("1.g", "violation")]
    data = json.loads((tmp_path / cache.FILE_NAME).read_text(encoding="utf-8"))
    assert data["format"] == cache.FORMAT
    assert len(data["entries"]) == 1


def _every_entry(value: object) -> Callable[[dict[str, Any]], None]:
    def damage(data: dict[str, Any]) -> None:
        for results in data["entries"].values():
            results[0] = value

    return damage


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data.update(format=99),
        lambda data: data.update(entries=[]),
        _every_entry(["1.g", "maybe", "x", [[0, 3]]]),
        _every_entry("garbage"),
        _every_entry(["1.g", "violation", "x", [[0, -3]]]),
    ],
)
def test_damaged_entries_are_recomputed(
    tmp_path: Path, damage: Callable[[dict[str, Any]], None]
) -> None:
    classify([STATEMENT], "llama-3.2", cache_dir=tmp_path)
    path = tmp_path / cache.FILE_NAME
    data = json.loads(path.read_text(encoding="utf-8"))
    damage(data)
    path.write_text(json.dumps(data), encoding="utf-8")
    cache._OPEN.clear()  # a new process would not have it in memory
    found = classify([STATEMENT], "llama-3.2", cache_dir=tmp_path)
    assert [(m.item, m.status) for m in found] == [("1.g", "violation")]


def test_cache_key_covers_text_version_kind_and_patterns() -> None:
    digest = pattern_hash("llama-3.1")
    base = cache.key("a", "llama-3.1", "use", digest)
    assert base != cache.key("b", "llama-3.1", "use", digest)
    assert base != cache.key("a", "llama-3.2", "use", digest)
    assert base != cache.key("a", "llama-3.1", "exclusion", digest)
    assert base != cache.key("a", "llama-3.1", "use", digest + "0")


def test_changed_patterns_are_not_served_stale_results(tmp_path: Path) -> None:
    text = "Our growth team runs a velvet blast campaign."
    store = tmp_path / "cache"
    assert classify([text], "llama-3.1", cache_dir=store) == []
    extra = tmp_path / "org.yaml"
    extra.write_text(
        "format: 1\nitems:\n  '3.c':\n    signals:\n      - phrases: [velvet blast]\n",
        encoding="utf-8",
    )
    found = classify([text], "llama-3.1", cache_dir=store, extra_patterns=[extra])
    assert [(m.item, m.status) for m in found] == [("3.c", "violation")]


def test_no_cache_option_writes_nothing(tmp_path: Path) -> None:
    classify([STATEMENT], "llama-3.1", use_cache=False, cache_dir=tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_writes_are_atomic_and_leave_no_temp_files(tmp_path: Path) -> None:
    classify([STATEMENT, "Writes spam."], "llama-4", cache_dir=tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == [cache.FILE_NAME]


def test_unwritable_cache_folder_is_not_fatal(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    found = classify([STATEMENT], "llama-3.3", cache_dir=blocker / "sub")
    assert [m.item for m in found] == ["1.g"]


def test_default_cache_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("LLAMALICENSE_CACHE_DIR", str(tmp_path))
    assert cache.default_dir() == tmp_path
    monkeypatch.delenv("LLAMALICENSE_CACHE_DIR")
    assert "llamalicense" in str(cache.default_dir())


def test_missing_trained_pipeline_is_a_clear_error(tmp_path: Path) -> None:
    code = (
        "from llamalicense.aup import classify\n"
        "from llamalicense.errors import InputError\n"
        "try:\n"
        "    classify(['Writes malware.'], 'llama-2', use_cache=False)\n"
        "except InputError as exc:\n"
        "    print(exc.message)\n"
    )
    out = _python(code, tmp_path, LLAMALICENSE_SPACY_MODEL="no_such_pipeline_xyz")
    assert "no_such_pipeline_xyz" in out
