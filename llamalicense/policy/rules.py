"""Load rule packs: YAML files -> schema check -> quote check -> compiled :class:`Rule`.

A rule pack is a folder of ``*.yaml`` files (``*.tests.yaml`` files beside them hold the
must-fire / must-not-fire fixtures and are skipped here). A file holds one rule, or one
obligation with a row per Llama version that :mod:`llamalicense.policy.obligations` expands
into one rule per version; both forms give the same :class:`Rule`. The shipped pack is
``rules/obligations/``; ``--rules DIR`` adds an organisation's own.

Every rule's ``quote`` must appear verbatim in the official text of its version (after
whitespace and Markdown emphasis are normalised), so a rule cannot misquote its clause.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from llamalicense.catalog.data import license_versions, rules_dir
from llamalicense.documents import jsonschemas
from llamalicense.documents.jsonpath import parse as parse_path
from llamalicense.documents.jsonpath import render as json_path
from llamalicense.documents.loader import Document, load_file, read_text
from llamalicense.errors import RuleError
from llamalicense.policy.facts import FACTS
from llamalicense.policy.obligations import expand, is_obligation
from llamalicense.policy.predicates import Evaluator, compile_predicate

_SPACE = re.compile(r"\s+")
# A fact named in a message or fix (`{component.id}`), as checked here and filled in by
# llamalicense.engine.decisions.
TEMPLATE_FACT = re.compile(r"\{([a-z_]+\.[a-z_.]+)\}")
VERSION_PACKS = ("llama-2", "llama-3", "llama-3.1", "llama-3.2", "llama-3.3", "llama-4")
BUILTIN_PACK = "obligations"  # rules/obligations/: one file per obligation, a row per version
PathKey = tuple[str | int, ...]
Origin = Callable[[PathKey], PathKey]


@dataclass(frozen=True)
class Related:
    clause: str
    quote: str


@dataclass(frozen=True)
class Fix:
    """A fix that fits one way of failing: given when ``when`` holds for the component."""

    when: Evaluator
    how_to_fix: str


@dataclass(frozen=True)
class Rule:
    id: str
    license: str
    clause: str
    obligation: str
    title: str
    description: str
    severity: str
    quote: str
    related: tuple[Related, ...]
    message: str
    review_message: str | None
    how_to_fix: str
    applies_to: Evaluator
    require: Evaluator
    review_if: Evaluator | None
    source: str
    raw: dict[str, Any]
    # Fixes that fit one way of failing, tried in order before how_to_fix (engine.decisions).
    fixes: tuple[Fix, ...] = ()
    # For a rule of an obligation file: its version row's values, which fixtures fill in.
    columns: dict[str, Any] = field(default_factory=dict)


def normalize_quote_text(text: str) -> str:
    """Whitespace collapsed and Markdown bold removed: how quotes are compared."""
    return _SPACE.sub(" ", text.replace("**", "")).strip()


@cache
def official_text(license_id: str, source: str) -> str:
    version = license_versions()[license_id]
    relative = version.agreement if source == "agreement" else version.use_policy
    return normalize_quote_text(read_text(rules_dir() / relative))


def quote_is_verbatim(quote: str, license_id: str, source: str = "agreement") -> bool:
    return normalize_quote_text(quote) in official_text(license_id, source)


def _check_fact(name: str, where: str) -> None:
    if name not in FACTS:
        raise RuleError(
            f"unknown fact {name!r}",
            json_path=where,
            hint="facts are listed in docs/rules.md, e.g. component.distributed",
        )


def load_rule_file(path: Path) -> list[Rule]:
    """Load and check one rule file: one rule, or one obligation's rules (one a version)."""
    return rules_from_document(load_file(path, display=str(path)))


def load_rule(path: Path) -> Rule:
    """Load and check a file that holds one rule."""
    return _single(load_rule_file(path), str(path))


def rule_from_document(document: Document) -> Rule:
    """The one rule of a parsed rule file."""
    return _single(rules_from_document(document), document.path)


def rules_from_document(document: Document) -> list[Rule]:
    """The rules of a parsed rule file, in either form (docs/rules.md)."""
    raw = document.data
    if not isinstance(raw, dict):
        raise RuleError(
            "a rule file holds one mapping (a rule, or an obligation)", file=document.path, line=1
        )
    _check_schema(document, raw, _same)
    if not is_obligation(raw):
        return [_compile(document, raw, _same)]
    rules = []
    for expanded in expand(document, VERSION_PACKS):
        _check_schema(document, expanded.raw, expanded.origin)
        rules.append(_compile(document, expanded.raw, expanded.origin, expanded.columns))
    return rules


def _single(rules: list[Rule], name: str) -> Rule:
    if len(rules) != 1:
        raise RuleError(
            f"this file holds {len(rules)} rules, one a version, where one rule was expected",
            file=name,
            hint="load it with load_rule_file",
        )
    return rules[0]


def _same(path: PathKey) -> PathKey:
    return path


def _check_schema(document: Document, raw: dict[str, Any], origin: Origin) -> None:
    problem = jsonschemas.first_problem("rule", raw)
    if problem is not None:
        raise _located(document, problem.message, origin(problem.path), problem.hint)


def _located(document: Document, message: str, path: PathKey, hint: str | None) -> RuleError:
    located = document.locate(path)
    return RuleError(
        message,
        file=document.path,
        line=located[0] if located else None,
        column=located[1] if located else None,
        json_path=json_path(path),
        hint=hint,
    )


def _compile(
    document: Document, raw: dict[str, Any], origin: Origin, columns: dict[str, Any] | None = None
) -> Rule:
    """Check the quotes and templates of a schema-valid rule mapping, compile its predicates.

    ``origin`` maps a path in ``raw`` to the path in the file, where errors point;
    ``columns`` are the values of an obligation file's row the rule was expanded from."""

    def fail(message: str, key: PathKey, hint: str) -> RuleError:
        return _located(document, message, origin(key), hint)

    license_id = raw["license"]
    source = raw.get("quote_source", "agreement")
    if not quote_is_verbatim(raw["quote"], license_id, source):
        raise fail(
            f"the quote is not verbatim from the {license_id} {source.replace('_', ' ')}",
            ("quote",),
            f"copy the sentence exactly from rules/licenses/{license_id}/ (whitespace may differ)",
        )
    related = []
    for index, item in enumerate(raw.get("related", [])):
        if not quote_is_verbatim(item["quote"], license_id, item.get("quote_source", "agreement")):
            raise fail(
                "a related quote is not verbatim",
                ("related", index, "quote"),
                f"copy the sentence exactly from rules/licenses/{license_id}/",
            )
        related.append(Related(item["clause"], item["quote"]))
    fixes_raw: list[dict[str, Any]] = raw.get("fixes", [])
    templates: list[tuple[PathKey, str]] = [
        ((key,), raw[key]) for key in ("message", "how_to_fix", "review_message") if key in raw
    ]
    templates += [(("fixes", i, "how_to_fix"), f["how_to_fix"]) for i, f in enumerate(fixes_raw)]
    for where, template in templates:
        for fact_name in TEMPLATE_FACT.findall(template):
            if fact_name not in FACTS:
                raise fail(
                    f"unknown fact {{{fact_name}}} in {where[0]}",
                    where,
                    "see docs/rules.md for facts",
                )

    def compiled(key: str, value: Any = None, where: PathKey | None = None) -> Evaluator:
        path = json_path(where or (key,))
        try:
            return compile_predicate(raw[key] if value is None else value, path, _check_fact)
        except RuleError as exc:
            steps = parse_path(exc.json_path or path)
            raise fail(exc.message, steps, exc.hint or "") from None

    fixes = tuple(
        Fix(compiled("when", item["when"], ("fixes", i, "when")), item["how_to_fix"])
        for i, item in enumerate(fixes_raw)
    )

    return Rule(
        id=raw["id"],
        license=license_id,
        clause=raw["clause"],
        obligation=raw["obligation"],
        title=raw["title"],
        description=raw.get("description", ""),
        severity=raw["severity"],
        quote=raw["quote"],
        related=tuple(related),
        message=raw["message"],
        review_message=raw.get("review_message"),
        how_to_fix=raw["how_to_fix"],
        applies_to=compiled("applies_to"),
        require=compiled("require"),
        review_if=compiled("review_if") if "review_if" in raw else None,
        source=document.path,
        raw=raw,
        fixes=fixes,
        columns=columns or {},
    )


def rule_files(folder: Path) -> list[Path]:
    """The rule files under ``folder`` (fixture files aside). The data folder llamalicense
    ships (``rules/``, beside ``versions.yaml`` its catalog and policy data) stands for its
    rule pack, ``rules/obligations/``, so ``rules test rules/`` tests the shipped rules."""
    if (folder / "versions.yaml").is_file() and (folder / BUILTIN_PACK).is_dir():
        folder = folder / BUILTIN_PACK
    return sorted(p for p in folder.rglob("*.yaml") if not p.name.endswith(".tests.yaml"))


def pack_files(folder: Path) -> list[Path]:
    """The rule files of a pack; a folder that is missing or holds none is an error (a
    mistyped ``--rules`` must not quietly check nothing)."""
    if not folder.is_dir():
        raise RuleError("no such rules folder", file=str(folder))
    files = rule_files(folder)
    if not files:
        raise RuleError(
            "no rule files in this folder",
            file=str(folder),
            hint="a rule pack holds *.yaml rule files (and *.tests.yaml fixtures); "
            "see docs/custom-rules.md",
        )
    return files


def load_pack(folder: Path) -> list[Rule]:
    return [rule for path in pack_files(folder) for rule in load_rule_file(path)]


@cache
def builtin_rules() -> tuple[Rule, ...]:
    """Every rule shipped with the package, in a stable order."""
    return tuple(_unique(load_pack(rules_dir() / BUILTIN_PACK)))


def load_rules(extra: Iterable[Path] = ()) -> tuple[Rule, ...]:
    """Built-in rules plus the rules in each ``extra`` folder; ids must be unique."""
    rules = list(builtin_rules())
    for folder in extra:
        rules.extend(load_pack(folder))
    return tuple(_unique(rules))


def _unique(rules: list[Rule]) -> list[Rule]:
    seen: dict[str, str] = {}
    for rule in rules:
        if rule.id in seen:
            raise RuleError(
                f"rule id {rule.id!r} is used twice",
                file=rule.source,
                hint=f"it is also the id of the rule in {seen[rule.id]}",
            )
        seen[rule.id] = rule.source
    return sorted(rules, key=lambda r: (VERSION_PACKS.index(r.license), r.clause, r.id))
