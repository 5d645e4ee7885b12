"""How the evidence scanner reads a file: what is visible, its words and lines, similarity.

Comments and ``<script>``/``<style>`` blocks are blanked (line numbers kept); words are
split as :func:`llamalicense.evidence.reader.words` splits them, after markup is removed; and two
word sequences are compared by the share of the official one found, in order, in the other.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

from llamalicense.evidence.reader import strip_markup, words

_MARKUP_CHARS = re.compile(r"[<\[*_`&]")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_HIDDEN_BLOCK = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.DOTALL | re.IGNORECASE)


def visible_text(text: str) -> str:
    """Text with comments and script/style blocks blanked (line numbers kept)."""

    def blank(match: re.Match[str]) -> str:
        return "\n" * match.group(0).count("\n")

    return _HIDDEN_BLOCK.sub(blank, _COMMENT.sub(blank, text))


def tokens(text: str) -> tuple[list[str], list[int]]:
    """Words (as :func:`llamalicense.evidence.reader.words` splits them) and the line of each."""
    out: list[str] = []
    lines: list[int] = []
    for number, line in enumerate(visible_text(text).splitlines(), start=1):
        found = words(strip_markup(line) if _MARKUP_CHARS.search(line) else line)
        out.extend(found)
        lines.extend([number] * len(found))
    return out, lines


def similarity(official: Sequence[str], given: Sequence[str]) -> tuple[float, list[difflib.Match]]:
    """Share of ``official`` found in order in ``given``, and the matching blocks."""
    if not official or not given:
        return 0.0, []
    if list(official) == list(given):
        return 1.0, [difflib.Match(0, 0, len(official))]
    matcher = difflib.SequenceMatcher(None, official, given, autojunk=False)
    blocks = matcher.get_matching_blocks()
    return sum(b.size for b in blocks) / len(official), blocks
