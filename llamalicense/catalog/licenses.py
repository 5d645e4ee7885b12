"""Declared licenses -> Llama license versions (``rules/data/license-ids.yaml``).

A model card, a BOM or a manifest *declares* a license; the lineage decides which Llama
license actually governs. This module only reads the declaration: ``llama3_1``,
``LicenseRef-scancode-llama-3.1-license-2024`` and a link to ``llama3_1/license`` all
name Llama 3.1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from llamalicense.catalog.data import load_catalog, rules_dir
from llamalicense.documents.loader import load_file
from llamalicense.errors import RuleError

RESEARCH_LICENSE = "llama-1"
_KEY_JUNK = re.compile(r"[^a-z0-9.]+")
_HF_LICENSE_LINK = re.compile(r"huggingface\.co/([\w.-]+/[\w.-]+)/(?:blob|resolve|raw)/")

# kinds of declaration
LLAMA = "llama"
OTHER = "other"
PLACEHOLDER = "placeholder"


@dataclass(frozen=True)
class Declared:
    """One declared license value and what it names."""

    raw: str
    field: str  # where it was declared: license, licence, license_name, license_link, ...
    kind: str  # llama | other | placeholder
    version: str | None = None  # llama-2 ... llama-4, or llama-1 (the research license)

    @property
    def shown(self) -> str:
        return f"{self.field}: {self.raw}"


@dataclass(frozen=True)
class _Table:
    exact: dict[str, str]
    patterns: tuple[tuple[re.Pattern[str], str], ...]
    urls: tuple[tuple[re.Pattern[str], str], ...]
    placeholders: frozenset[str]


@cache
def _table() -> _Table:
    path = rules_dir() / "data" / "license-ids.yaml"
    data: Any = load_file(path, display=str(path)).data
    try:
        exact = {str(k): str(v) for k, v in data["exact"].items()}
        patterns = tuple((re.compile(p["pattern"]), str(p["version"])) for p in data["patterns"])
        urls = tuple((re.compile(p["pattern"]), str(p["version"])) for p in data["urls"])
        placeholders = frozenset(str(p) for p in data["placeholders"])
    except (KeyError, TypeError, AttributeError, re.error) as exc:
        raise RuleError(
            f"malformed license table: {exc}", file=str(path), hint="see the file's header"
        ) from None
    return _Table(exact, patterns, urls, placeholders)


def license_key(value: str) -> str:
    """The comparison key of a declared value: ``LLaMA 3.1`` -> ``llama-3.1``."""
    text = value.strip().lower()
    for prefix in ("licenseref-scancode-", "licenseref-"):
        if text.startswith(prefix):
            text = text[len(prefix) :]
    return _KEY_JUNK.sub("-", text).strip("-.")


def llama_version(value: str) -> str | None:
    """The Llama version a license id, name or URL names, or None."""
    text = value.strip()
    if not text:
        return None
    if text.lower().startswith(("http://", "https://", "www.")) or "/" in text:
        return url_version(text)
    key = license_key(text)
    table = _table()
    if key in table.exact:
        return table.exact[key]
    for pattern, version in table.patterns:
        if pattern.match(key):
            return version
    return None


def url_version(url: str) -> str | None:
    """The Llama version a license link points to (never fetched)."""
    lowered = url.strip().lower()
    for pattern, version in _table().urls:
        if pattern.search(lowered):
            return version
    hub = _HF_LICENSE_LINK.search(lowered)
    if hub:
        release = load_catalog().lookup(hub.group(1))
        if release is not None:
            return release.license
    return None


def is_placeholder(value: str) -> bool:
    """Template placeholders and blanks: ``license``, ``other``, ``[More Information Needed]``."""
    return license_key(value) in _table().placeholders or not license_key(value)


def classify(raw: Any, field: str) -> Declared:
    """One declared value, read."""
    text = str(raw).strip()
    version = llama_version(text)
    if version is not None:
        return Declared(text, field, LLAMA, version)
    if is_placeholder(text):
        return Declared(text, field, PLACEHOLDER)
    return Declared(text, field, OTHER)


def expression_keys(expression: str) -> tuple[str, ...]:
    """The license keys in an SPDX license expression (``A AND (B OR C WITH D)``)."""
    from license_expression import ExpressionError, Licensing

    try:
        parsed = Licensing().parse(expression)
    except ExpressionError:
        return (expression,)
    if parsed is None:
        return ()
    return tuple(str(key) for key in Licensing().license_keys(parsed))


def version_title(version: str) -> str:
    """``llama-3.1`` -> ``Llama 3.1``; the research license by its own name."""
    if version == RESEARCH_LICENSE:
        return "the original LLaMA research license"
    return "Llama " + version.removeprefix("llama-")
