"""Clause coverage: what llamalicense does with every clause of every official Llama text.

``docs/clause-coverage.md`` is generated here (``llamalicense rules coverage``) from four
sources, so it cannot drift from what the tool really checks:

* the official texts in ``rules/licenses/<version>/``, parsed for their own numbering. The
  agreements differ in layout (indentation, tabs, Markdown bold, escaped dots, the Acceptable
  Use Policy appended to the Llama 3 file); the policies' Markdown numbers are unreliable
  (CLAUSES.md §3.5), so their items are numbered 1 / a / i from the indentation;
* the rules: a rule's ``clause`` and ``related`` clauses are *checked*;
* ``rules/coverage/agreement.yaml`` and ``aup.yaml``: for each clause no rule checks,
  whether it is reported for review or informational, and why;
* ``rules/aup/<version>.yaml``: the items the AUP classifier knows, when that file exists.

A clause with neither a rule nor an entry is an error, and so is an entry or a rule naming a
clause the text does not have: the document lists every clause exactly once.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from llamalicense.catalog.clauses import (
    AGREEMENT,
    USE_POLICY,
    Clause,
    official_clauses,
)
from llamalicense.catalog.data import LICENSE_IDS, license_versions, rules_dir
from llamalicense.documents.loader import Document, load_file
from llamalicense.errors import RuleError
from llamalicense.policy.rules import Rule, builtin_rules

CHECKED, REVIEW, INFORMATIONAL = "checked", "review", "informational"
DOC_PATH = "docs/clause-coverage.md"

_SPACE = re.compile(r"\s+")
_ENTRY_KEYS = {"clause", "versions", "status", "reason", "note"}


@dataclass(frozen=True)
class Entry:
    """How one clause is covered."""

    clause: Clause
    status: str  # checked | review | informational
    rules: tuple[str, ...]  # ids of the rules that check it (clause or related)
    checked_by: str  # for checked clauses: "rule `ID`", "the AUP classifier (file)", ...
    detail: str  # the reason (review, informational) or a note (checked)

    def describe(self) -> str:
        if self.status == REVIEW:
            return "reported for review because " + self.detail
        if self.status == INFORMATIONAL:
            return "informational, not machine-checkable: " + self.detail
        return "checked by " + self.checked_by + (". " + self.detail if self.detail else "")


# -- the coverage data ------------------------------------------------------------


@dataclass(frozen=True)
class _Note:
    status: str | None
    text: str
    where: str


@dataclass(frozen=True)
class _AupData:
    no_classifier: str
    not_listed: str
    heading: str
    notes: dict[str, str]


def _load(path: Path) -> Document:
    if not path.is_file():
        raise RuleError("the clause coverage data is missing", file=str(path))
    return load_file(path, display=f"rules/{path.parent.name}/{path.name}")


def _agreement_data(folder: Path) -> dict[tuple[str, str], _Note]:
    path = folder / "agreement.yaml"
    document = _load(path)
    raw = document.data.get("clauses") if isinstance(document.data, dict) else None
    if not isinstance(raw, list):
        raise RuleError("expected a mapping with a `clauses:` list", file=str(path), line=1)
    notes: dict[tuple[str, str], _Note] = {}
    for index, item in enumerate(raw):
        for license_id, clause, note in _entry(document, index, item):
            if (license_id, clause) in notes:
                raise _entry_error(
                    document, index, f"clause {clause} of {license_id} has two entries", "keep one"
                )
            notes[(license_id, clause)] = note
    return notes


def _entry(document: Document, index: int, item: Any) -> list[tuple[str, str, _Note]]:
    """One entry of agreement.yaml as (license, clause, note) for each version it covers."""
    if not isinstance(item, dict) or not isinstance(item.get("clause"), str):
        raise _entry_error(document, index, "an entry needs `clause:` (a string)", 'quote "2"')
    if set(item) - _ENTRY_KEYS:
        unknown = sorted(set(item) - _ENTRY_KEYS)[0]
        raise _entry_error(document, index, f"unknown field {unknown!r}", _ENTRY_HINT)
    status, text = _entry_text(item)
    if not text:
        message = "an entry has `status` (review or informational) and `reason`, or a `note`"
        raise _entry_error(document, index, message, _ENTRY_HINT)
    versions = item.get("versions", list(LICENSE_IDS))
    if not isinstance(versions, list) or not set(versions) <= set(LICENSE_IDS):
        hint = "one or more of " + ", ".join(LICENSE_IDS)
        raise _entry_error(document, index, "`versions` lists license ids", hint)
    where = f"{document.path} $.clauses[{index}]"
    return [(str(v), item["clause"], _Note(status, text, where)) for v in versions]


def _entry_error(document: Document, index: int, message: str, hint: str) -> RuleError:
    located = document.locate(("clauses", index))
    return RuleError(
        message,
        file=document.path,
        line=located[0] if located else None,
        json_path=f"$.clauses[{index}]",
        hint=hint,
    )


_ENTRY_HINT = "see the comment at the top of rules/coverage/agreement.yaml"


def _entry_text(item: dict[str, Any]) -> tuple[str | None, str]:
    """(status, reason) or (None, note); an empty text when the entry mixes them up."""
    status, reason, note = item.get("status"), item.get("reason"), item.get("note")
    if status is None and reason is None and isinstance(note, str):
        return None, " ".join(note.split())
    if status in (REVIEW, INFORMATIONAL) and isinstance(reason, str) and note is None:
        return str(status), " ".join(reason.split())
    return None, ""


def _aup_data(folder: Path) -> _AupData:
    path = folder / "aup.yaml"
    data = _load(path).data
    keys = ("no_classifier", "not_listed", "heading")
    if not isinstance(data, dict) or not all(isinstance(data.get(k), str) for k in keys):
        raise RuleError(
            "expected `no_classifier`, `not_listed` and `heading` reasons", file=str(path), line=1
        )
    notes: dict[str, str] = {}
    for index, item in enumerate(data.get("notes") or []):
        if not isinstance(item, dict) or not {"item", "note"} <= set(item):
            raise RuleError(
                "a note has `item` and `note`", file=str(path), json_path=f"$.notes[{index}]"
            )
        notes["AUP " + str(item["item"])] = " ".join(str(item["note"]).split())
    return _AupData(
        " ".join(data["no_classifier"].split()),
        " ".join(data["not_listed"].split()),
        " ".join(data["heading"].split()),
        notes,
    )


def _classifier_items(root: Path, license_id: str) -> set[str] | None:
    """Item numbers the AUP classifier lists for a version, or None without its file."""
    path = root / "aup" / f"{license_id}.yaml"
    if not path.is_file():
        return None
    data = load_file(path, display=str(path)).data
    items = data.get("items") if isinstance(data, dict) else None
    return {
        "AUP " + str(item["id"])
        for item in (items if isinstance(items, list) else [])
        if isinstance(item, dict) and "id" in item
    }


# -- coverage ---------------------------------------------------------------------


def build(rules: Sequence[Rule] | None = None, root: Path | None = None) -> list[Entry]:
    """One entry per clause of every version, in version and text order.

    Raises:
        RuleError: a clause has no rule and no entry in ``rules/coverage``; or an entry or
            a rule names a clause that its version's text does not have; or an entry gives
            a status to a clause that a rule checks. All problems are listed at once.
    """
    base = root or rules_dir()
    folder = base / "coverage"
    notes = _agreement_data(folder)
    aup = _aup_data(folder)
    checks = _rule_index(builtin_rules() if rules is None else rules)
    entries: list[Entry] = []
    problems: list[str] = []
    seen: set[tuple[str, str]] = set()
    for license_id in LICENSE_IDS:
        classifier = _classifier_items(base, license_id)
        clauses = official_clauses(license_id, base)
        numbers = {c.number for c in clauses}
        for clause in clauses:
            key = (license_id, clause.number)
            seen.add(key)
            if clause.source == AGREEMENT:
                entry = _agreement_entry(clause, checks.get(key, []), notes.get(key), problems)
            else:
                entry = _aup_entry(clause, checks.get(key, []), aup, classifier, numbers)
            if entry is not None:
                entries.append(entry)
    for (license_id, number), note in sorted(notes.items()):
        if (license_id, number) not in seen:
            problems.append(f"{note.where}: {license_id} has no clause {number}")
    for (license_id, number), ids in sorted(checks.items()):
        if (license_id, number) not in seen:
            names = ", ".join(rule_id for rule_id, _ in ids)
            problems.append(f"rule {names} names clause {number}, which {license_id} does not have")
    if problems:
        raise RuleError(
            f"clause coverage is incomplete ({len(problems)} problem(s)): " + "; ".join(problems),
            file="rules/coverage",
            hint="add entries to rules/coverage/agreement.yaml (see its header comment)",
        )
    return entries


def _rule_index(rules: Iterable[Rule]) -> dict[tuple[str, str], list[tuple[str, bool]]]:
    """(license, clause) -> [(rule id, as a related clause?)] for every rule."""
    index: dict[tuple[str, str], list[tuple[str, bool]]] = defaultdict(list)
    for rule in rules:
        index[(rule.license, rule.clause)].append((rule.id, False))
        for related in rule.related:
            index[(rule.license, related.clause)].append((rule.id, True))
    return {key: sorted(set(value)) for key, value in index.items()}


def _checked(clause: Clause, checks: list[tuple[str, bool]], note: str) -> Entry:
    direct = [f"`{rule_id}`" for rule_id, related in checks if not related]
    indirect = [f"`{rule_id}` (as a related clause)" for rule_id, related in checks if related]
    names = direct + indirect
    by = ("rules " if len(names) > 1 else "rule ") + ", ".join(names)
    ids = tuple(rule_id for rule_id, _ in checks)
    return Entry(clause, CHECKED, ids, by, note)


def _agreement_entry(
    clause: Clause, checks: list[tuple[str, bool]], note: _Note | None, problems: list[str]
) -> Entry | None:
    if checks:
        if note is not None and note.status is not None:
            problems.append(
                f"{note.where}: {clause.license} {clause.number} is checked by a rule; "
                "turn its status and reason into a `note`"
            )
        return _checked(clause, checks, note.text if note else "")
    if note is None or note.status is None:
        problems.append(f"{clause.license} clause {clause.number} has no rule and no entry")
        return None
    return Entry(clause, note.status, (), "", note.text)


def _aup_entry(
    clause: Clause,
    checks: list[tuple[str, bool]],
    data: _AupData,
    classifier: set[str] | None,
    numbers: set[str],
) -> Entry:
    file = f"rules/aup/{clause.license}.yaml"
    note = data.notes.get(clause.number, "")
    if checks:
        return _checked(clause, checks, note)
    if classifier is None:
        return Entry(clause, REVIEW, (), "", data.no_classifier.replace("{file}", file))
    if clause.number in classifier:
        return Entry(clause, CHECKED, (), f"the AUP classifier ({file})", note)
    is_heading = any(n.startswith(clause.number + ".") for n in numbers)
    reason = data.heading if is_heading else data.not_listed
    return Entry(clause, REVIEW, (), "", reason.replace("{file}", file))


# -- the document -----------------------------------------------------------------

_HEADER = """\
# Clause coverage

<!-- Generated by `llamalicense rules coverage --output docs/clause-coverage.md`; do not edit.
     Sources: the rules in rules/obligations/, the notes in rules/coverage/, the AUP classifier
     data in rules/aup/ and the official texts in rules/licenses/. A test fails when this
     file is stale. -->

What llamalicense does with every numbered clause of the six Llama Community License
Agreements and every item of their Acceptable Use Policies. Clause numbers are the texts'
own (`1.b.iii`; policy items in the 1 / a / i scheme, `AUP 2.a`, and `AUP EU` for the
paragraph on multimodal models). A clause is one of:

- **checked by rule …**: the rule evaluates the clause for every component it concerns and
  reports a violation, a pass or needs-review (`llamalicense rules show ID` prints it);
  AUP items may instead be checked by the AUP classifier, which reads declared use cases;
- **reported for review because …**: the tool cannot decide it; the reason says what a
  person has to look at;
- **informational, not machine-checkable**: the clause asks nothing a project can show.

Clauses no file can show never end in a pass on the tool's word alone: when the AUP
classifier finds no prohibited use, when "Built with Llama" is found (its prominence is not
judged), and for clause 1.b.iv (laws and trade controls) and the uses of Meta's marks under
clause 5.a, the finding is needs-review, saying what the tool saw, until a person records a
review of it under `reviews:` in the manifest (who, when, which duties, and the digest of the
use cases reviewed; docs/manifest.md). With such a record the finding passes and cites it,
and a compliant verdict says it rests on it. A record made for other use cases no longer
applies.
"""


def render(entries: Sequence[Entry]) -> str:
    """The Markdown document for ``entries`` (from :func:`build`)."""
    versions = license_versions()
    by_license: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        by_license[entry.clause.license].append(entry)
    out = [_HEADER, "## Summary", ""]
    out += [
        "| Version | Agreement clauses | checked | review | informational "
        "| AUP items | checked | review |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for license_id in LICENSE_IDS:
        own = by_license[license_id]
        agreement = [e for e in own if e.clause.source == AGREEMENT]
        policy = [e for e in own if e.clause.source == USE_POLICY]
        cells = [
            f"`{license_id}`",
            *_counts(agreement, (CHECKED, REVIEW, INFORMATIONAL)),
            *_counts(policy, (CHECKED, REVIEW)),
        ]
        out.append("| " + " | ".join(cells) + " |")
    for license_id in LICENSE_IDS:
        version = versions[license_id]
        out += [
            "",
            f"## {version.title} (`{license_id}`)",
            "",
            f"{version.date_label}: {version.date}. Texts: `rules/{version.agreement}`, "
            f"`rules/{version.use_policy}`.",
        ]
        for source, title, label in (
            (AGREEMENT, "Agreement", "Clause"),
            (USE_POLICY, "Acceptable Use Policy", "Item"),
        ):
            out += ["", f"### {title}", "", f"| {label} | Begins | Coverage |", "|---|---|---|"]
            for entry in by_license[license_id]:
                if entry.clause.source == source:
                    cells = [entry.clause.number, entry.clause.opening, entry.describe()]
                    out.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(out) + "\n"


def _counts(entries: Sequence[Entry], statuses: Sequence[str]) -> list[str]:
    return [str(len(entries))] + [str(sum(e.status == s for e in entries)) for s in statuses]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def generate(rules: Sequence[Rule] | None = None, root: Path | None = None) -> str:
    """``docs/clause-coverage.md`` as it should read now."""
    return render(build(rules, root))
