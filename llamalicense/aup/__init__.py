"""Acceptable Use Policy classifier: which AUP item does a described use fall under?

The public interface, used by the engine::

    versions()                        the AUP versions with rule data
    classify(statements, version)     AupMatch results, sorted and deterministic
    pattern_hash(version)             identity of the pattern data (part of the cache key)
    disclosure_states_limitations(t)  does an AI-disclosure text mention limitations?

Importing this package does not import spaCy; :func:`classify` imports it only when some
statement is neither empty nor in the result cache.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from llamalicense.aup import cache as _cache
from llamalicense.aup import rules as _rules
from llamalicense.aup.results import AupMatch, RawResult, Span
from llamalicense.errors import InputError, RuleError

__all__ = [
    "KINDS",
    "AupMatch",
    "Span",
    "classify",
    "disclosure_states_limitations",
    "pattern_hash",
    "versions",
]

KINDS = ("use", "exclusion")
LOGIC_VERSION = "aup-logic-3"


def versions() -> tuple[str, ...]:
    """The AUP versions that have rule data, oldest first (``llama-2`` … ``llama-4``)."""
    return _rules.available_versions()


def pattern_hash(version: str, *, extra_patterns: Sequence[Path | str] = ()) -> str:
    """A short hash of everything that decides results for ``version``.

    It covers the version file, ``patterns.yaml``, organisation pattern files (argument
    and ``LLAMALICENSE_AUP_PATTERNS``), the classifier screen's weights
    (``classifier.json``), the optional trained pipeline and the source of this package,
    so a cache never serves results of other patterns, other weights or other code.

    Raises:
        InputError: unknown version.
        RuleError: a pattern file cannot be read.
    """
    digest = hashlib.sha256(LOGIC_VERSION.encode() + _code_digest())
    model = os.environ.get("LLAMALICENSE_SPACY_MODEL", "").strip()
    digest.update(b"\0model\0" + model.encode())
    for path in (*_rules.version_files(version, extra=extra_patterns), _rules.classifier_file()):
        try:
            content = path.read_bytes()
        except OSError as exc:
            raise RuleError(f"cannot read pattern file: {exc}", file=str(path)) from exc
        digest.update(b"\0file\0" + path.name.encode() + b"\0")
        digest.update(hashlib.sha256(content).digest())
    return digest.hexdigest()[:16]


def classify(
    statements: Sequence[str],
    version: str,
    *,
    kind: str = "use",
    use_cache: bool = True,
    cache_dir: Path | None = None,
    extra_patterns: Sequence[Path | str] = (),
) -> list[AupMatch]:
    """Find the AUP items that ``statements`` fall under in policy ``version``.

    ``kind="use"``: each statement describes what a product does. ``kind="exclusion"``:
    the statements come from an out-of-scope list, so anything named there is excluded,
    never a violation, and nothing is returned.

    Results are sorted by statement index, item (policy order) and first span, one per
    (statement, item); status is ``violation`` for an affirmative prohibited use and
    ``needs-review`` when hedged, dual-use or weakly signalled. Negated and benign
    mentions give nothing.

    Raises:
        InputError: unknown ``version`` or ``kind``, or a bare string for ``statements``.
        RuleError: the rule data is malformed (file, line and JSON path in the message).
    """
    if kind not in KINDS:
        raise InputError(f"unknown statement kind {kind!r}", hint="use 'use' or 'exclusion'")
    if isinstance(statements, str):
        raise InputError(
            "statements must be a sequence of strings, not one string",
            hint="wrap a single statement in a list",
        )
    texts = [_checked(s, i) for i, s in enumerate(statements)]
    digest = pattern_hash(version, extra_patterns=extra_patterns)
    if kind == "exclusion" or not any(t.strip() for t in texts):
        return []
    store = _cache.open_cache(cache_dir or _cache.default_dir()) if use_cache else None
    found = _results(texts, (version, kind, digest), store, extra_patterns)
    item_texts = _rules.item_texts(version)
    matches = []
    for index, text in enumerate(texts):
        for raw in found.get(text, ()):
            spans = tuple(Span(s, e, text[s:e]) for s, e in raw.spans)
            matches.append(
                AupMatch(
                    item=raw.item,
                    item_text=item_texts.get(raw.item, ""),
                    status=raw.status,
                    reason=raw.reason,
                    spans=spans,
                    statement=text,
                    statement_index=index,
                )
            )
    return matches


def disclosure_states_limitations(text: str) -> bool:
    """AUP item 4 helper: does an AI-disclosure text say anything about limitations?

    True when it mentions limitations, mistakes, inaccuracy, risks or dangers ("may
    produce inaccurate", "can make mistakes", "not a substitute for" …).
    """
    from llamalicense.aup.disclosure import states_limitations

    return states_limitations(text)


@lru_cache(maxsize=1)
def _code_digest() -> bytes:
    """Hash of this package's own source, so results cached by older code are not reused."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).resolve().parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.digest()


def _checked(value: object, index: int) -> str:
    if not isinstance(value, str):
        raise InputError(
            f"statement {index} is {type(value).__name__}, not text",
            json_path=f"$[{index}]",
        )
    return value


def _results(
    texts: list[str],
    identity: tuple[str, str, str],
    store: _cache.ResultCache | None,
    extra_patterns: Sequence[Path | str],
) -> dict[str, list[RawResult]]:
    """Results per distinct text: from the cache where present, else from the pipeline."""
    version, kind, digest = identity
    unique = [t for t in dict.fromkeys(texts) if t.strip()]
    found: dict[str, list[RawResult]] = {}
    missing: list[str] = []
    for text in unique:
        cached = store.get(_cache.key(text, version, kind, digest)) if store else None
        try:
            if cached is not None:
                found[text] = [RawResult.from_json(entry) for entry in cached]
                continue
        except ValueError:
            pass  # a damaged entry is recomputed
        missing.append(text)
    if missing:
        from llamalicense.aup.verdicts import run

        loaded = _rules.load_version(version, extra=extra_patterns)
        for text, results in zip(missing, run(missing, loaded, digest), strict=True):
            found[text] = results
            if store is not None:
                store.put(_cache.key(text, version, kind, digest), [r.to_json() for r in results])
        if store is not None:
            store.save()
    return found
