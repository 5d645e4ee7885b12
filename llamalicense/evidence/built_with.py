"""The "Built with …" displays in a file, and whether each is really displayed.

"Built with Meta Llama 3" for Llama 3, "Built with Llama" from 3.1 on, in Markdown, HTML,
reStructuredText and plain text; not counted inside YAML front matter, HTML comments,
``<script>``/``<style>``, or a quoted license text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from llamalicense.evidence.reader import normalize_phrase_text
from llamalicense.evidence.tokens import visible_text

_BUILT = re.compile(r"built\s+with\s+(meta\s+)?llama(\s*[0-9]+(?:\.[0-9]+)?)?", re.IGNORECASE)
_FRONT = re.compile(
    r"\A\ufeff?\s*(?:<!--+\s*\n)?---\s*\n.*?\n(?:---|\.\.\.)\s*(?:\n|\Z)", re.DOTALL
)


@dataclass(frozen=True)
class BuiltWith:
    """A "Built with …" phrase."""

    text: str
    line: int
    licenses: tuple[str, ...]  # versions whose display this satisfies
    displayed: bool  # False inside front matter, comments, scripts or a quoted license
    exact_case: bool
    reason: str


def find_built_with(
    text: str, license_lines: frozenset[int] = frozenset()
) -> tuple[BuiltWith, ...]:
    """ "Built with …" phrases, and whether each is really displayed."""
    front = _FRONT.match(text)
    front_lines = front.group(0).count("\n") if front else 0
    raw_lines = text.splitlines()
    visible = visible_text(text).splitlines()
    out: list[BuiltWith] = []
    plain: dict[int, str] = {}

    def normalized(index: int) -> str:
        if index not in plain:
            line = raw_lines[index] if index < len(raw_lines) else ""
            plain[index] = normalize_phrase_text(line.replace("<!--", " ").replace("-->", " "))
        return plain[index]

    for index, line in enumerate(raw_lines):
        if "built" not in line.lower():
            continue  # a cheap test first
        shown = visible[index] if index < len(visible) else ""
        window = normalized(index) + " " + normalized(index + 1)  # a phrase may wrap
        for match in _BUILT.finditer(window):
            if match.start() >= len(normalized(index)):
                continue
            phrase = " ".join(match.group(0).split())
            number = index + 1
            where = _hidden_reason(number, front_lines, shown, line, license_lines)
            out.append(_built(phrase, number, where, window, match.start()))
    return tuple(out)


def _hidden_reason(
    number: int, front_lines: int, shown: str, line: str, license_lines: frozenset[int]
) -> str | None:
    if number <= front_lines:
        return "inside the YAML front matter, which is not displayed as the page"
    if "built" not in shown.lower() and "built" in line.lower():
        return "inside an HTML comment or a script, which is not displayed"
    if number in license_lines:
        return "inside a copy of the license text, which quotes the duty rather than meeting it"
    return None


def _built(phrase: str, number: int, hidden: str | None, line: str, start: int) -> BuiltWith:
    lowered = phrase.lower()
    version = re.search(r"[0-9]+(?:\.[0-9]+)?$", lowered)
    if lowered.startswith("built with meta llama"):
        licenses: tuple[str, ...] = ("llama-3",) if version and version.group(0) == "3" else ()
        wanted = "Built with Meta Llama 3"
    else:
        licenses = ("llama-3.1", "llama-3.2", "llama-3.3", "llama-4")
        wanted = "Built with Llama"
    exact = phrase.startswith(wanted)
    if "display" in line[:start].lower()[-60:]:
        hidden = (
            hidden or "a quotation of the clause (\u201cprominently display …\u201d), not a display"
        )
    if hidden:
        reason = f"\u201c{phrase}\u201d {hidden}"
    elif not licenses:
        reason = f"\u201c{phrase}\u201d is not the wording any version asks for"
    else:
        case = "" if exact else " (capitals differ from \u201c" + wanted + "\u201d)"
        reason = f"\u201c{phrase}\u201d displayed{case}"
    return BuiltWith(phrase, number, licenses, hidden is None and bool(licenses), exact, reason)
