"""Load rule packs: YAML files -> schema check -> quote check -> compiled :class:`Rule`.

A rule pack is a folder of ``*.yaml`` files, one rule each (``*.tests.yaml`` files beside
them hold the rule's must-fire / must-not-fire fixtures and are skipped here). The shipped
packs live in ``rules/<version>/``; ``--rules DIR`` adds an organisation's own.

Every rule's ``quote`` must appear verbatim in the official text of its version (after
whitespace and Markdown emphasis are normalised), so a rule cannot misquote its clause.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from llamalicense.catalog.data import license_versions, rules_dir
from llamalicense.documents import jsonschemas
from llamalicense.documents.loader import Document, json_path, load_file, read_text
from llamalicense.errors import RuleError
from llamalicense.policy.facts import FACTS
from llamalicense.policy.predicates import Evaluator, compile_predicate

if TYPE_CHECKING:  # imported when data needs its verdict (llamalicense.documents.jsonschemas)
    import jsonschema

_SPACE = re.compile(r"\s+")
# A fact named in a message or fix (`{component.id}`), as checked here and filled in by
# llamalicense.engine.decisions.
TEMPLATE_FACT = re.compile(r"\{([a-z_]+\.[a-z_.]+)\}")
VERSION_PACKS = ("llama-2", "llama-3", "llama-3.1", "llama-3.2", "llama-3.3", "llama-4")


@dataclass(frozen=True)
class Related:
    clause: str
    quote: str


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


def _rule_validator() -> jsonschema.protocols.Validator:
    return jsonschemas.validator("rule")


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


def load_rule(path: Path) -> Rule:
    """Load and check one rule file."""
    document = load_file(path, display=str(path))
    return rule_from_document(document)


def rule_from_document(document: Document) -> Rule:
    raw = document.data
    name = document.path
    if not isinstance(raw, dict):
        raise RuleError("a rule file holds one mapping (one rule)", file=name, line=1)
    if jsonschemas.certainly_valid("rule", raw):
        errors = []
    else:
        errors = sorted(
            _rule_validator().iter_errors(raw), key=lambda e: list(map(str, e.absolute_path))
        )
    if errors:
        error = errors[0]
        path = tuple(error.absolute_path)
        schema: dict[str, Any] = error.schema if isinstance(error.schema, dict) else {}
        hint = schema.get("x-hint")
        message = error.message
        if error.validator == "additionalProperties":
            allowed = sorted(schema.get("properties", {}))
            hint = "allowed fields: " + ", ".join(allowed)
            given = error.instance if isinstance(error.instance, dict) else {}
            unknown = sorted(set(given) - set(allowed))
            if unknown:  # point at the field itself, as manifest errors do
                path = (*path, unknown[0])
                message = f"unknown field {unknown[0]!r}"
                close = difflib.get_close_matches(unknown[0], allowed, n=1)
                hint = (f"did you mean {close[0]!r}? " if close else "") + hint
        located = document.locate(path)
        raise RuleError(
            message,
            file=name,
            line=located[0] if located else None,
            column=located[1] if located else None,
            json_path=json_path(path),
            hint=hint,
        )

    def fail(message: str, key: tuple[str | int, ...], hint: str) -> RuleError:
        located = document.locate(key)
        return RuleError(
            message,
            file=name,
            line=located[0] if located else None,
            json_path=json_path(key),
            hint=hint,
        )

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
    for key in ("message", "how_to_fix", "review_message"):
        for fact_name in TEMPLATE_FACT.findall(raw.get(key, "")):
            if fact_name not in FACTS:
                raise fail(
                    f"unknown fact {{{fact_name}}} in {key}", (key,), "see docs/rules.md for facts"
                )

    def compiled(key: str) -> Evaluator:
        try:
            return compile_predicate(raw[key], f"$.{key}", _check_fact)
        except RuleError as exc:
            steps = _steps(exc.json_path or f"$.{key}")
            located = document.locate(steps)
            raise RuleError(
                exc.message,
                file=name,
                line=located[0] if located else None,
                json_path=exc.json_path,
                hint=exc.hint,
            ) from None

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
        source=name,
        raw=raw,
    )


def _steps(path: str) -> tuple[str | int, ...]:
    steps: list[str | int] = []
    for part in re.findall(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]", path):
        steps.append(part[0] if part[0] else int(part[1]))
    return tuple(steps)


def rule_files(folder: Path) -> list[Path]:
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
    return [load_rule(path) for path in pack_files(folder)]


@cache
def builtin_rules() -> tuple[Rule, ...]:
    """Every rule shipped with the package, in a stable order."""
    rules: list[Rule] = []
    for pack in VERSION_PACKS:
        folder = rules_dir() / pack
        if folder.is_dir():
            rules.extend(load_pack(folder))
    return tuple(_unique(rules))


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
