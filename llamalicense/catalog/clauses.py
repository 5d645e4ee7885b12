"""The clauses of the official Llama texts, numbered as findings name them.

The agreements differ in layout (indentation, tabs, Markdown bold, escaped dots, the
Acceptable Use Policy appended to the Llama 3 file); the policies' Markdown numbers are
unreliable (CLAUSES.md §3.5), so their items are numbered 1 / a / i from the indentation.
Used by :mod:`llamalicense.policy.coverage` and its tests.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from llamalicense.catalog.data import license_versions, rules_dir
from llamalicense.documents.loader import read_text
from llamalicense.errors import RuleError

AGREEMENT = "agreement"
USE_POLICY = "use_policy"
OPENING_WORDS = 12
EU_PARAGRAPH = "With respect to any multimodal models"

_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x")
_SECTION = re.compile(r"^(\d+)\.\s+(.*)$")
_ITEM = re.compile(r"^([a-z]{1,4})\.\s+(.*)$")
_LIST = re.compile(r"^( *)(?:\d+\\?\.|[*+-])\s+(.*)$")
_LINK = re.compile(r"\[([^\[\]]{0,500})\]\([^()\s]{0,2000}\)")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Clause:
    """One numbered clause (or the preamble) of one official text, in the text's order."""

    license: str
    source: str  # agreement | use_policy
    number: str  # as findings name it: preamble, 1.b.i, 2; AUP 2.a, AUP EU
    text: str  # its words, Markdown removed, whitespace collapsed

    @property
    def opening(self) -> str:
        words = self.text.split()
        head = " ".join(words[:OPENING_WORDS])
        return head + " …" if len(words) > OPENING_WORDS else head


def _clean(line: str) -> str:
    """A line of an official text without Markdown emphasis, links or escapes."""
    line = _LINK.sub(r"\1", line.replace("**", ""))
    return line.replace("\\.", ".").replace("\\_", "_").strip()


def agreement_clauses(text: str, license_id: str) -> list[Clause]:
    """The preamble and the numbered clauses of an agreement, headings left out.

    A section or letter that has sub-clauses (``1``, ``1.b``, ``5``) is only a heading, so
    its sub-clauses stand for it. Letters and roman numerals are told apart by what may
    come next (``i`` after ``b`` is a roman numeral, not the ninth letter).
    """
    found: list[tuple[str, list[str]]] = [("preamble", [])]
    section, letter, romans = 0, "", 0
    for raw in text.splitlines():
        line = _clean(raw)
        if line.endswith("Acceptable Use Policy"):
            break  # Meta's Llama 3 file appends its AUP; USE_POLICY.md covers it
        match = _SECTION.match(line)
        if match and int(match[1]) == section + 1:
            section, letter, romans = section + 1, "", 0
            found.append((str(section), [match[2]]))
            continue
        match = _ITEM.match(line)
        if match and section:
            token = match[1]
            next_letter = chr(ord(letter) + 1) if letter else "a"
            next_roman = _ROMAN[romans] if letter and romans < len(_ROMAN) else None
            if token == next_roman and token != next_letter:
                romans += 1
                found.append((f"{section}.{letter}.{token}", [match[2]]))
                continue
            if token == next_letter:
                letter, romans = token, 0
                found.append((f"{section}.{letter}", [match[2]]))
                continue
        found[-1][1].append(line)
    numbers = [number for number, _ in found]
    return [
        Clause(
            license_id,
            AGREEMENT,
            number,
            _words(_preamble(lines) if number == "preamble" else lines),
        )
        for number, lines in found
        if not any(other.startswith(number + ".") for other in numbers)
    ]


def _preamble(lines: list[str]) -> list[str]:
    # The title and date lines come first; the preamble proper begins with the definitions.
    for index, line in enumerate(lines):
        if " means " in line:
            return lines[index:]
    return lines


def aup_items(text: str, license_id: str) -> list[Clause]:
    """The prohibited uses of a policy, numbered 1 / a / i by their indentation.

    Headings (``1``, ``1.a``, ``2``, ``3``) are items too: their "including" and "such as"
    make the listed items examples, not the whole prohibition. The EU paragraph on
    multimodal models, where a policy has one, is ``EU``.
    """
    found: list[tuple[str, str]] = []
    stack: list[list[int]] = []  # [indent, items so far] per depth
    inside = False
    for raw in text.splitlines():
        line = raw.expandtabs(4)
        plain = _clean(line)
        if not inside:
            inside = plain.lstrip("# ") == "Prohibited Uses"
            continue
        if plain.startswith("Please report"):
            break
        match = _LIST.match(line)
        if match:
            indent = len(match[1])
            while stack and indent < stack[-1][0]:
                stack.pop()
            if stack and indent == stack[-1][0]:
                stack[-1][1] += 1
            else:
                stack.append([indent, 1])
            found.append((_item_number(stack, license_id), _clean(match[2])))
        elif plain.startswith(EU_PARAGRAPH):
            found.append(("EU", plain))
    return [Clause(license_id, USE_POLICY, "AUP " + number, _words([t])) for number, t in found]


def _item_number(stack: list[list[int]], license_id: str) -> str:
    if len(stack) > len(("1", "a", "i")):
        raise RuleError(
            f"the {license_id} Acceptable Use Policy nests lists deeper than 1 / a / i",
            hint="coverage numbers policy items by indentation; see CLAUSES.md §3.5",
        )
    labels = [str(stack[0][1])]
    if len(stack) > 1:
        labels.append(chr(ord("a") + stack[1][1] - 1))
    if len(stack) > 2:
        labels.append(_ROMAN[stack[2][1] - 1])
    return ".".join(labels)


def _words(lines: Iterable[str]) -> str:
    return _SPACE.sub(" ", " ".join(lines)).strip()


def official_clauses(license_id: str, root: Path | None = None) -> list[Clause]:
    """Every clause of one version: its agreement, then its Acceptable Use Policy."""
    base = root or rules_dir()
    version = license_versions()[license_id]
    agreement = read_text(base / version.agreement)
    policy = read_text(base / version.use_policy)
    return agreement_clauses(agreement, license_id) + aup_items(policy, license_id)
