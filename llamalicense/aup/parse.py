"""Read and check ``patterns.yaml``, organisation pattern files and a version file.

Every check raises a :class:`RuleError` naming the file, the line and the JSON path of
the bad value, with a hint where one helps.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from llamalicense.aup.model import Cues, Item, Pair, Signal, VersionRules
from llamalicense.aup.schema import Reader
from llamalicense.aup.yamlpos import Located, load_located
from llamalicense.documents.jsonpath import child as child_path

PATTERNS_FILE = "patterns.yaml"
STRENGTHS = ("strong", "weak")
CONTEXT_KEYS = ("benign", "dual_use", "protective", "escalate")
_ITEM_CHARS = frozenset("0123456789.abcdefghijklmnopqrstuvwxyz")
_CUE_KEYS = (
    "negation",
    "negation_near",
    "negation_gap",
    "negation_after",
    "after_lead",
    "after_stop",
    "protective",
    "protective_after",
    "benign",
    "dual_use",
    "hedge",
    "clause_break",
    "subject_start",
    "list_marker",
    "relative",
    "reported",
    "frame",
    "story_frame",
    "negation_weak",
    "not_negation",
    "negation_double",
    "negation_doubt",
    "negation_relative",
    "request",
    "prohibition",
    "bare_denial",
    "negation_state",
    "safety_measure",
    "refusal_verb",
    "not_protective",
)
_WINDOW_KEYS = ("negation_near_window", "protective_after_window", "relative_window")
_SIGNAL_KEYS = frozenset(
    {
        "name",
        "strength",
        "negation_inside",
        "exact",
        "phrases",
        "pairs",
        "patterns",
        "all_of",
        "note",
    }
)
_ITEM_KEYS = frozenset({"signals", "global_context", "story_frame", "note", *CONTEXT_KEYS})


def parse_version(files: tuple[Path, ...], version: str) -> VersionRules:
    """Read the version file, ``patterns.yaml`` and any extra pattern files, and merge."""
    version_file, patterns_file, *extra_files = files
    shared = _PatternFile(load_located(patterns_file), shared=True)
    extras = [_PatternFile(load_located(p), shared=False) for p in extra_files]
    doc = load_located(version_file)
    return _build_version(doc, version, shared, extras, files)


class _PatternFile:
    """``patterns.yaml`` or an organisation's addition, read into checked pieces."""

    def __init__(self, located: Located, *, shared: bool) -> None:
        self.reader = Reader(located)
        allowed = {"format", "lemma_overrides", "cues", "items", "groups", "note"}
        required = frozenset({"format", "items"}) if shared else frozenset({"format"})
        data = self.reader.mapping(located.data, "$", required=required, allowed=frozenset(allowed))
        _check_format(self.reader, data["format"])
        self.overrides = self._overrides(data.get("lemma_overrides", {}))
        self.cues = self._cues(data.get("cues", {}), shared=shared)
        self.items = self._sections(data.get("items", {}), "$.items", item_ids=True)
        self.groups = self._sections(data.get("groups", {}), "$.groups", item_ids=False)

    def _overrides(self, value: Any) -> dict[str, str]:
        raw = self.reader.mapping(value, "$.lemma_overrides")
        return {
            k.lower(): self.reader.string(v, child_path("$.lemma_overrides", k)).lower()
            for k, v in raw.items()
        }

    def _cues(self, value: Any, *, shared: bool) -> dict[str, Any]:
        allowed = frozenset({*_CUE_KEYS, *_WINDOW_KEYS})
        data = self.reader.mapping(value, "$.cues", allowed=allowed)
        if shared:
            missing = [k for k in ("negation", "hedge", "clause_break") if k not in data]
            if missing:
                raise self.reader.fail(f"missing required cue list {missing[0]!r}", "$.cues")
        cues: dict[str, Any] = {}
        for key, raw in data.items():
            path = child_path("$.cues", key)
            if key.endswith("_window"):
                cues[key] = self.reader.integer(raw, path, low=1, high=10)
            else:
                cues[key] = self.reader.strings(raw, path, allow_empty=True)
        return cues

    def _sections(self, value: Any, path: str, *, item_ids: bool) -> dict[str, dict[str, Any]]:
        data = self.reader.mapping(value, path)
        result: dict[str, dict[str, Any]] = {}
        for name, raw in data.items():
            sub = child_path(path, name)
            if item_ids:
                _check_item_id(self.reader, str(name), sub)
            result[str(name)] = self._section(raw, sub, owner=str(name))
        return result

    def _section(self, value: Any, path: str, owner: str) -> dict[str, Any]:
        data = self.reader.mapping(value, path, allowed=_ITEM_KEYS)
        section: dict[str, Any] = {"signals": [], "path": path}
        raw_signals = data.get("signals", [])
        if not isinstance(raw_signals, list):
            raise self.reader.fail("signals must be a list", child_path(path, "signals"))
        for i, raw in enumerate(raw_signals):
            sub = child_path(child_path(path, "signals"), i)
            section["signals"].append(self._signal(raw, sub, owner, i))
        for key in CONTEXT_KEYS:
            if key in data:
                sub = child_path(path, key)
                section[key] = self.reader.strings(data[key], sub, allow_empty=True)
        for flag in ("global_context", "story_frame"):
            if flag in data:
                section[flag] = self.reader.boolean(data[flag], child_path(path, flag))
        return section

    def _signal(self, value: Any, path: str, owner: str, index: int) -> dict[str, Any]:
        r = self.reader
        data = r.mapping(value, path, allowed=_SIGNAL_KEYS)
        kinds = [k for k in ("phrases", "pairs", "patterns", "all_of") if k in data]
        if not kinds:
            raise r.fail(
                "a signal needs phrases, pairs, patterns or all_of",
                path,
                hint="see docs/aup.md, 'Adding patterns'",
            )
        name = r.string(data["name"], child_path(path, "name")) if "name" in data else None
        signal: dict[str, Any] = {
            "name": name or f"{owner}#{index}",
            "strength": r.choice(
                data.get("strength", "strong"), child_path(path, "strength"), STRENGTHS
            ),
            "negation_inside": r.boolean(
                data.get("negation_inside", False), child_path(path, "negation_inside")
            ),
            "exact": r.boolean(data.get("exact", False), child_path(path, "exact")),
            "phrases": (),
            "pairs": (),
            "patterns": (),
            "all_of": (),
            "file": r.located.file,
            "json_path": path,
            "line": r.located.where(path)[0],
        }
        if "phrases" in data:
            signal["phrases"] = r.strings(data["phrases"], child_path(path, "phrases"))
        if "pairs" in data:
            signal["pairs"] = self._pairs(data["pairs"], child_path(path, "pairs"))
        if "patterns" in data:
            sub = child_path(path, "patterns")
            if not isinstance(data["patterns"], list) or not data["patterns"]:
                raise r.fail("patterns must be a non-empty list of token patterns", sub)
            signal["patterns"] = tuple(
                r.matcher_pattern(p, child_path(sub, i)) for i, p in enumerate(data["patterns"])
            )
        if "all_of" in data:
            sub = child_path(path, "all_of")
            if not isinstance(data["all_of"], list) or len(data["all_of"]) < 2:
                raise r.fail("all_of needs a list of at least two word lists", sub)
            signal["all_of"] = tuple(
                r.strings(part, child_path(sub, i)) for i, part in enumerate(data["all_of"])
            )
        return signal

    def _pairs(self, value: Any, path: str) -> tuple[Pair, ...]:
        entries = value if isinstance(value, list) else [value]
        pairs = []
        for i, raw in enumerate(entries):
            sub = child_path(path, i) if isinstance(value, list) else path
            data = self.reader.mapping(
                raw,
                sub,
                required=frozenset({"first", "then"}),
                allowed=frozenset({"first", "then", "window", "last", "last_window"}),
            )
            window = self.reader.integer(
                data.get("window", 3), child_path(sub, "window"), low=0, high=10
            )
            last_window = self.reader.integer(
                data.get("last_window", 3), child_path(sub, "last_window"), low=0, high=10
            )
            last: tuple[str, ...] = ()
            if "last" in data:
                last = self.reader.strings(data["last"], child_path(sub, "last"))
            pairs.append(
                Pair(
                    first=self.reader.strings(data["first"], child_path(sub, "first")),
                    then=self.reader.strings(data["then"], child_path(sub, "then")),
                    window=window,
                    last=last,
                    last_window=last_window,
                )
            )
        return tuple(pairs)


def _check_format(reader: Reader, value: Any) -> None:
    if value != 1 or isinstance(value, bool):
        raise reader.fail(
            f"unsupported format {value!r}",
            "$.format",
            hint="this version of llamalicense reads format: 1",
        )


def _check_item_id(reader: Reader, item_id: str, path: str) -> None:
    parts = item_id.split(".")
    if not item_id or not set(item_id) <= _ITEM_CHARS or not parts[0].isdigit() or "" in parts:
        raise reader.fail(
            f"{item_id!r} is not an AUP item id",
            path,
            hint="use the 1 / a / i numbering of CLAUSES.md, e.g. 1.a.iv, 2.b, 4",
        )


def _build_version(
    doc: Located,
    version: str,
    shared: _PatternFile,
    extras: list[_PatternFile],
    files: tuple[Path, ...],
) -> VersionRules:
    r = Reader(doc)
    data = r.mapping(
        doc.data,
        "$",
        required=frozenset({"format", "version", "title", "source", "items"}),
        allowed=frozenset({"format", "version", "title", "source", "headings", "items", "note"}),
    )
    _check_format(r, data["format"])
    if data["version"] != version:
        raise r.fail(f"file is for {data['version']!r} but is named {version}.yaml", "$.version")
    headings_raw = r.mapping(data.get("headings", {}), "$.headings")
    headings = {str(k): r.string(v, child_path("$.headings", k)) for k, v in headings_raw.items()}
    raw_items = data["items"]
    if not isinstance(raw_items, list) or not raw_items:
        raise r.fail("items must be a non-empty list", "$.items")
    items: list[Item] = []
    seen: set[str] = set()
    for order, raw in enumerate(raw_items):
        path = child_path("$.items", order)
        entry = r.mapping(
            raw,
            path,
            required=frozenset({"id", "text"}),
            allowed=frozenset({"id", "text", "add_signals", "note"}),
        )
        item_id = r.string(entry["id"], child_path(path, "id"))
        _check_item_id(r, item_id, child_path(path, "id"))
        if item_id in seen:
            raise r.fail(f"item {item_id} is listed twice", child_path(path, "id"))
        seen.add(item_id)
        if item_id not in shared.items:
            raise r.fail(
                f"item {item_id} has no signals in {PATTERNS_FILE}",
                child_path(path, "id"),
                hint=f"add an entry for {item_id!r} under items: in {PATTERNS_FILE}",
            )
        groups = r.strings(
            entry.get("add_signals", []), child_path(path, "add_signals"), allow_empty=True
        )
        sections = [shared.items[item_id]]
        for i, group in enumerate(groups):
            if group not in shared.groups:
                raise r.fail(
                    f"unknown signal group {group!r}",
                    child_path(child_path(path, "add_signals"), i),
                    hint="known groups: " + ", ".join(sorted(shared.groups)),
                )
            sections.append(shared.groups[group])
        sections.extend(extra.items[item_id] for extra in extras if item_id in extra.items)
        text = r.string(entry["text"], child_path(path, "text"))
        items.append(_make_item(item_id, text, order, sections))
    _check_extras(extras, shared)
    return VersionRules(
        version=version,
        title=r.string(data["title"], "$.title"),
        source=r.string(data["source"], "$.source"),
        headings=headings,
        items=tuple(items),
        cues=_merge_cues([shared, *extras]),
        lemma_overrides=_merge_overrides([shared, *extras]),
        files=files,
    )


def _make_item(item_id: str, text: str, order: int, sections: list[dict[str, Any]]) -> Item:
    signals: list[Signal] = []
    for section in sections:
        for i, raw in enumerate(section["signals"]):
            signals.append(
                Signal(
                    key=f"{item_id}|{len(signals)}|{raw['name']}|{i}",
                    item=item_id,
                    strength=raw["strength"],
                    negation_inside=raw["negation_inside"],
                    exact=raw["exact"],
                    phrases=raw["phrases"],
                    pairs=raw["pairs"],
                    patterns=raw["patterns"],
                    all_of=raw["all_of"],
                    file=raw["file"],
                    json_path=raw["json_path"],
                    line=raw["line"],
                )
            )
    context = {key: tuple(_concat(s.get(key, ()) for s in sections)) for key in CONTEXT_KEYS}
    return Item(
        id=item_id,
        text=text,
        order=order,
        signals=tuple(signals),
        benign=context["benign"],
        dual_use=context["dual_use"],
        protective=context["protective"],
        escalate=context["escalate"],
        global_context=all(s.get("global_context", True) for s in sections),
        story_frame=all(s.get("story_frame", True) for s in sections),
    )


def _check_extras(extras: list[_PatternFile], shared: _PatternFile) -> None:
    for extra in extras:
        for item_id, section in extra.items.items():
            if item_id not in shared.items:
                raise extra.reader.fail(
                    f"no AUP version has an item {item_id}",
                    section["path"],
                    hint="item ids: " + ", ".join(sorted(shared.items)),
                )


def _merge_cues(files: list[_PatternFile]) -> Cues:
    lists: dict[str, tuple[str, ...]] = {}
    windows = {"negation_near_window": 6, "protective_after_window": 3, "relative_window": 3}
    for f in files:
        for key, value in f.cues.items():
            if key in windows:
                windows[key] = value
            else:
                lists[key] = (*lists.get(key, ()), *value)
    return Cues(
        lists=lists,
        negation_near_window=windows["negation_near_window"],
        protective_after_window=windows["protective_after_window"],
        relative_window=windows["relative_window"],
    )


def _merge_overrides(files: list[_PatternFile]) -> dict[str, str]:
    merged: dict[str, str] = {}
    for f in files:
        merged.update(f.overrides)
    return merged


def _concat(parts: Iterable[tuple[str, ...]]) -> list[str]:
    out: list[str] = []
    for part in parts:
        out.extend(part)
    return out
