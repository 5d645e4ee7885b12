"""Notice sentences in a file: each version's sentence (clause 1.b.iii), exact or not.

The forms seen in the wild are judged: exact; "(c)" for "©" (the same, CLAUSES.md §1.4); a
missing final period (accepted); different capitals (review); altered wording or a
paraphrase (not the notice). A sentence quoted inside a license text does not count.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from llamalicense.catalog.data import LICENSE_IDS, license_versions, rules_dir
from llamalicense.documents.loader import read_text
from llamalicense.evidence.reader import BLOCK_QUOTE, normalize_phrase_text, words
from llamalicense.evidence.tokens import similarity, visible_text

_NOTICE_TRIGGER = re.compile(
    r"is licensed under|copyright © meta|©\s*meta platforms|community license, copyright",
    re.IGNORECASE,
)
_VERSION = re.compile(r"llama\s*([0-9]+(?:\.[0-9]+)?)", re.IGNORECASE)


@dataclass(frozen=True)
class NoticeMatch:
    """A sentence that is, or tries to be, a version's Notice sentence."""

    license: str
    line: int
    status: str  # exact | missing-period | capitals | altered | paraphrase
    ok: bool | None  # True acceptable, None for review, False not the notice
    text: str
    reason: str
    in_license_text: bool = False


@cache
def notice_sentences() -> dict[str, str]:
    """The exact Notice sentence of each version, from the shipped agreements."""
    out: dict[str, str] = {}
    for license_id in LICENSE_IDS:
        text = normalize_phrase_text(
            read_text(rules_dir() / license_versions()[license_id].agreement)
        )
        match = re.search(r"copies:\s*\"([^\"]{20,200}?Reserved\.)\"", text)
        if match:
            out[license_id] = match.group(1)
    return out


def find_notices(text: str, license_lines: frozenset[int] = frozenset()) -> tuple[NoticeMatch, ...]:
    """Notice sentences (exact or imperfect) in ``text``; ``license_lines`` are quoted texts."""
    # A Markdown block quote ("> ...") over several lines is one quoted sentence.
    lines = [BLOCK_QUOTE.sub("", line) for line in visible_text(text).splitlines()]
    out: dict[tuple[str, int], NoticeMatch] = {}
    for index, line in enumerate(lines):
        lowered = line.lower()
        if "licensed" not in lowered and "\u00a9" not in line and "copyright" not in lowered:
            continue  # a cheap test first: most lines are not notices
        if not _NOTICE_TRIGGER.search(normalize_phrase_text(line)):
            continue
        start = index
        before = lines[index - 1].strip().rstrip("\"'\u201d*_ ") if index > 0 else ""
        if before and not before.endswith((".", ":")):
            start = index - 1  # a wrapped sentence may begin on the line before
        window, offsets = _window(lines[start : index + 3])
        for match in _judge_notice(window, offsets, start + 1):
            if (match.license, match.line) in out or match.line > index + 1:
                continue
            out[(match.license, match.line)] = _quoted(match, license_lines)
    return tuple(sorted(out.values(), key=lambda m: (m.line, m.license)))


def _quoted(match: NoticeMatch, license_lines: frozenset[int]) -> NoticeMatch:
    if match.line in license_lines:
        return NoticeMatch(
            match.license,
            match.line,
            match.status,
            False,
            match.text,
            "quoted inside a license text (clause 1.b.iii itself), which is not a Notice file",
            in_license_text=True,
        )
    return match


def _window(lines: Sequence[str]) -> tuple[str, list[int]]:
    """Lines normalized and joined, with the offset where each line starts."""
    parts: list[str] = []
    offsets: list[int] = []
    position = 0
    for line in lines:
        offsets.append(position)
        part = normalize_phrase_text(line)
        parts.append(part)
        position += len(part) + 1
    return " ".join(parts), offsets


def _line_offset(offsets: Sequence[int], position: int) -> int:
    return max(0, sum(1 for start in offsets if start <= position) - 1)


def _judge_notice(window: str, offsets: list[int], first_line: int) -> list[NoticeMatch]:
    sentences = notice_sentences()
    lowered = window.lower()
    hits = []
    for license_id, sentence in sentences.items():
        position = lowered.find(sentence[:-1].lower())
        if position >= 0 and not (position > 0 and lowered[position - 1].isalnum()):
            hits.append((position, license_id, sentence))
    out: list[NoticeMatch] = []
    for position, license_id, sentence in sorted(hits):
        body = sentence[:-1]
        found = window[position : position + len(body)]
        has_period = window[position + len(body) : position + len(body) + 1] == "."
        line = first_line + _line_offset(offsets, position)
        if found != body:
            out.append(
                NoticeMatch(
                    license_id,
                    line,
                    "capitals",
                    None,
                    found,
                    f"the {_short(license_id)} notice with different capitals; Meta's text reads "
                    f"\u201c{sentence}\u201d",
                )
            )
        elif not has_period:
            out.append(
                NoticeMatch(
                    license_id,
                    line,
                    "missing-period",
                    True,
                    found,
                    f"the {_short(license_id)} notice, accepted: only the final period is missing",
                )
            )
        else:
            out.append(
                NoticeMatch(
                    license_id,
                    line,
                    "exact",
                    True,
                    sentence,
                    f"the exact {_short(license_id)} notice",
                )
            )
    if out:
        return out
    imperfect = _imperfect_notice(window, offsets, first_line)
    return [imperfect] if imperfect else []


def _imperfect_notice(window: str, offsets: list[int], first_line: int) -> NoticeMatch | None:
    version = _VERSION.search(window)
    if version is None:
        return None
    license_id = "llama-" + version.group(1)
    sentences = notice_sentences()
    if license_id not in sentences:
        return None
    official = words(sentences[license_id])
    given = words(window)
    value, blocks = similarity(official, given)
    real = [b for b in blocks if b.size]
    excerpt = " ".join(window.split())[:200]
    line = first_line + _line_offset(offsets, version.start())
    if value >= 0.75 and real:
        missing, added = _word_diff(official, given[real[0].b : real[-1].b + real[-1].size])
        detail = "; ".join(
            part
            for part in (
                f"missing {', '.join(repr(w) for w in missing)}" if missing else "",
                f"adds {', '.join(repr(w) for w in added)}" if added else "",
            )
            if part
        )
        return NoticeMatch(
            license_id,
            line,
            "altered",
            False,
            excerpt,
            f"altered wording of the {_short(license_id)} notice ({detail}); clause 1.b.iii "
            f"requires \u201c{sentences[license_id]}\u201d",
        )
    if "meta platforms" in window.lower() or "community license" in window.lower():
        return NoticeMatch(
            license_id,
            line,
            "paraphrase",
            False,
            excerpt,
            f"a paraphrase that names {_short(license_id)} and Meta but is not the notice; "
            f"clause 1.b.iii requires \u201c{sentences[license_id]}\u201d",
        )
    return None


def _word_diff(official: Sequence[str], given: Sequence[str]) -> tuple[list[str], list[str]]:
    missing: list[str] = []
    added: list[str] = []
    matcher = difflib.SequenceMatcher(None, official, given, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op in ("delete", "replace"):
            missing.extend(official[a1:a2])
        if op in ("insert", "replace"):
            added.extend(given[b1:b2])
    return missing, added


def _short(license_id: str) -> str:
    return "Llama " + license_id.removeprefix("llama-")
