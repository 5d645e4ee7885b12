"""The AUP corpus's scoring module (tests/data/aup/scoring.py), loaded from its file: for
tests/aup/test_aup_corpus.py and bench/aup_bench.py; a short classify() for tests; the
entries of a labelled file and which items it covers thinly."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType
from typing import Any

import yaml

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


def scored_files(apart_from: Path | None = None) -> list[Path]:
    """Every labelled file a round may be scored beside: the training split, the development
    split, the plain check and the check rounds (never a held-out split), but ``apart_from``."""
    scoring = load_scoring()
    files = [DATA / name for name in scoring.TRAINING]
    files += [scoring.DEV, scoring.PLAIN_CHECK, scoring.ROUND_7]
    files += [scoring.ROUND_9A, scoring.ROUND_9B, scoring.ROUND_9C]
    files += [scoring.ROUND_10A, scoring.ROUND_10B, scoring.ROUND_10C]
    files += [scoring.ROUND_11A, scoring.ROUND_11B, scoring.ROUND_11C, scoring.ROUND_11D]
    files += [scoring.ROUND_12A, scoring.ROUND_12B, scoring.ROUND_12C]
    return [f for f in files if f != apart_from]


def probe_lines(path: Path) -> list[str]:
    """The statements of a probe file: one a line, ``#`` lines and blank lines left out."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def violations(statements: list[str], version: str) -> list[tuple[str, str]]:
    """(item, statement) of every violation among ``statements`` under ``version``."""
    from llamalicense.aup import classify

    found = classify(statements, version, use_cache=False)
    return [(m.item, statements[m.statement_index]) for m in found if m.status == "violation"]


def pattern_items(text: str, version: str = "llama-3.2") -> set[str]:
    """The items the patterns (not the classifier screen alone) give a result for ``text``."""
    from llamalicense.aup import classify

    found = classify([text], version, use_cache=False)
    return {m.item for m in found if not m.reason.startswith("classifier screen only")}


def round_entries(name: str) -> list[dict[str, Any]]:
    """The entries of a labelled file in tests/data/aup/."""
    loaded: list[dict[str, Any]] = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
    return loaded


def thin_items(entries: list[dict[str, Any]], least: int) -> list[tuple[str, list[str]]]:
    """(version, items) for every version with items that have fewer than ``least``
    prohibited entries (``versions`` and ``expect_by_version`` as scoring.py reads them)."""
    from llamalicense.aup import rules, versions

    thin = []
    for version in versions():
        covered: Counter[str] = Counter()
        for entry in entries:
            if entry["label"] == "prohibited" and version in entry.get("versions", versions()):
                covered[entry.get("expect_by_version", {}).get(version, entry["expect"])] += 1
        items = sorted(item for item in rules.item_texts(version) if covered[item] < least)
        if items:
            thin.append((version, items))
    return thin


ROUND_FIELDS = {"text", "expect", "label", "style", "also", "versions", "expect_by_version"}


def entry_problems(entries: list[dict[str, Any]], items: tuple[str, ...]) -> list[str]:
    """Texts of a round's entries with an unknown field, label, style or item (an item
    checked against every version the entry names), or whose ``also`` names its own item."""
    from llamalicense.aup import rules, versions

    bad = []
    for entry in entries:
        expect = entry["expect"]
        ok = set(entry) <= ROUND_FIELDS and entry["label"] in ("prohibited", "benign", "negated")
        if entry["label"] == "prohibited":
            ok = ok and entry["style"] in ("paraphrase", "plain") and expect in items
        else:
            ok = ok and expect is None
        ok = ok and expect not in entry.get("also", ())
        for version in entry.get("versions", versions()):
            known = rules.item_texts(version)
            ok = ok and (expect is None or expect in known)
            ok = ok and all(item in known for item in entry.get("also", ()))
        if not ok:
            bad.append(entry["text"])
    return bad


def thin_round_items(
    entries: list[dict[str, Any]], items: tuple[str, ...], least: int
) -> list[tuple[str, list[str]]]:
    """(version, items) where one of ``items`` has fewer than ``least`` prohibited entries;
    an item 5 entry must name the versions that have item 5 (Llama 3.2 on)."""
    late = ["llama-3.2", "llama-3.3", "llama-4"]
    thin = [
        ("item 5 versions", [e["text"]])
        for e in entries
        if e["expect"] == "5" and e.get("versions") != late
    ]
    thin += [(v, [i for i in found if i in items]) for v, found in thin_items(entries, least)]
    return [(v, found) for v, found in thin if found]


def round_shape_problems(
    entries: list[dict[str, Any]], items: tuple[str, ...], least: int = 12
) -> list[str]:
    """What a round's file lacks: valid entries, ``least`` uses per item and version, two
    plain ones per item, four near misses and two negations per item."""
    problems = [f"bad entry: {text}" for text in entry_problems(entries, items)]
    problems += [f"thin in {v}: {found}" for v, found in thin_round_items(entries, items, least)]
    plain = Counter(e["expect"] for e in entries if e.get("style") == "plain")
    problems += [f"fewer than two plain for {item}" for item in items if plain[item] < 2]
    labels = Counter(e["label"] for e in entries)
    for label, each in (("benign", 4), ("negated", 2)):
        if labels[label] < each * len(items):
            problems.append(f"{labels[label]} {label} entries, {each * len(items)} needed")
    return problems


def texts_not_new(path: Path) -> list[str]:
    """Texts of the round file ``path`` said twice in it or standing in another scored file."""
    from split_kit import norm, shared_with

    entries = round_entries(path.name)
    keys = [norm(e["text"]) for e in entries]
    repeated = [key for key, n in Counter(keys).items() if n > 1]
    shared = shared_with(entries, scored_files(apart_from=path))
    return repeated + [entries[number]["text"] for number in shared]


def in_data_files(texts: Iterable[str], files: Iterable[Path] | None = None) -> list[str]:
    """The ``texts`` that stand (normalised) in one of ``files`` (every scored file)."""
    from split_kit import known_texts, norm

    known = known_texts(scored_files() if files is None else files)
    return [text for text in texts if norm(text) in known]


def late_block_problems(entries: list[dict[str, Any]], item: str) -> list[str]:
    """Texts of a round's entries whose versions do not fit ``item``'s block: the entries from
    a prohibited ``item`` entry to the next prohibited entry of another item (its near misses
    and negations) name Llama 3.2, 3.3 and 4 only; every other entry names no versions."""
    late = ["llama-3.2", "llama-3.3", "llama-4"]
    return [
        entry["text"]
        for block, entry in by_block(entries)
        if entry.get("versions") != (late if block == item else None)
    ]


def by_block(entries: list[dict[str, Any]]) -> list[tuple[str | None, dict[str, Any]]]:
    """Each entry with the item of its block: the item of the last prohibited entry at or
    before it (its near misses and negations follow its uses); None before the first."""
    out: list[tuple[str | None, dict[str, Any]]] = []
    block: str | None = None
    for entry in entries:
        if entry["label"] == "prohibited":
            block = entry["expect"]
        out.append((block, entry))
    return out


def clean_slips(path: Path) -> tuple[list[tuple[str, str, str]], float]:
    """The violations on a round's near misses and negations (text, item, reason) and the
    share of its near-miss checks flagged at all."""
    scoring = load_scoring()
    scores = scoring.score(scoring.load_cases(path))
    wrong = {(c.text, m.item, m.reason) for c, m in scores.violations_on(("benign", "negated"))}
    return sorted(wrong), scores.flag_rate(("benign",))
