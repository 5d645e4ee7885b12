"""Issue 15, class 6: the AUP result cache is an input, and what is read from it is checked
(known items, known statuses, sane spans, bounded size, a regular file only)."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

from llamalicense.aup import cache

KEY = "0" * 40
GOOD = [["1.a.i", "violation", "names a prohibited use", [[0, 10]]]]


def _write(folder: Path, entries: dict[str, object]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    data = {"format": cache.FORMAT, "entries": entries}
    (folder / cache.FILE_NAME).write_text(json.dumps(data), encoding="utf-8")


def test_a_well_formed_entry_is_used(tmp_path: Path) -> None:
    _write(tmp_path, {KEY: GOOD})
    assert cache.ResultCache(tmp_path).get(KEY) == GOOD


@pytest.mark.parametrize(
    "entry",
    [
        [["9.z", "violation", "an item no AUP has", []]],
        [["1.a.i", "pass", "a status the classifier never gives", []]],
        [["1.a.i", "violation", "x" * 5000, []]],
        [["1.a.i", "violation", "a span past any statement", [[0, 10**12]]]],
        [["1.a.i", "violation", "a span backwards", [[5, 2]]]],
        [["1.a.i", "violation", "true is no offset", [[True, 3]]]],
        GOOD + GOOD,  # one item twice
        "not a list",
    ],
)
def test_an_entry_that_the_classifier_could_not_have_written_is_dropped(
    tmp_path: Path, entry: object
) -> None:
    _write(tmp_path, {KEY: entry, "1" * 40: GOOD})
    store = cache.ResultCache(tmp_path)
    assert store.get(KEY) is None
    assert store.get("1" * 40) == GOOD  # the others stay


def test_keys_that_are_not_our_hashes_are_dropped(tmp_path: Path) -> None:
    _write(tmp_path, {"../../etc": GOOD, "A" * 40: GOOD})
    assert cache.ResultCache(tmp_path).entries == {}


def test_a_cache_file_over_the_size_cap_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(tmp_path, {KEY: GOOD})
    monkeypatch.setattr(cache, "MAX_BYTES", 16)
    assert cache.ResultCache(tmp_path).entries == {}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_in_place_of_the_cache_does_not_hang(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / cache.FILE_NAME)
    done: list[dict[str, object]] = []
    worker = threading.Thread(target=lambda: done.append(dict(cache.ResultCache(tmp_path).entries)))
    worker.daemon = True
    worker.start()
    worker.join(timeout=10)
    assert done == [{}]


def test_every_shipped_item_is_known() -> None:
    assert "1.a.i" in cache.known_items()
    assert all(isinstance(item, str) for item in cache.known_items())
