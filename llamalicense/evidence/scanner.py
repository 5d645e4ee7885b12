"""The evidence scanner: which Llama texts and "Built with" displays a file holds.

One :class:`ScanResult` per file, from two readers that share one way of reading text
(:mod:`llamalicense.evidence.tokens`):

* the Llama agreements, Acceptable Use Policies and the original research license
  (:mod:`llamalicense.evidence.texts`);
* the "Built with …" displays (:mod:`llamalicense.evidence.built_with`).

"Built with" phrases inside a quoted license text do not count. Notice sentences are not
judged here: a discovered project lists its Notice files by name, and the Notice rules judge
what they say (``shows_text``, :mod:`llamalicense.evidence.reader`), in one place.
Nothing here reads the network; all functions are pure given the shipped texts.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from llamalicense.documents.loader import read_text
from llamalicense.evidence.built_with import BuiltWith, find_built_with
from llamalicense.evidence.texts import TextMatch, find_texts, references

# ``references`` is re-exported for bench/scancode_compare.py (it warms the official texts).
__all__ = [
    "BuiltWith",
    "ScanResult",
    "TextMatch",
    "find_built_with",
    "find_texts",
    "references",
    "scan_file",
    "scan_text",
]


@dataclass(frozen=True)
class ScanResult:
    path: str
    texts: tuple[TextMatch, ...]
    built_with: tuple[BuiltWith, ...]

    def best(self) -> TextMatch | None:
        """The strongest text found (highest similarity; research license last)."""
        if not self.texts:
            return None
        return max(self.texts, key=lambda t: (t.similarity or 0.0, t.kind != "research-license"))

    def summary(self) -> str:
        """One line naming each text found, for people and benchmarks."""
        if not self.texts:
            return "no Llama license text"
        parts = []
        for text in self.texts:
            score = f" {text.similarity:.1%}" if text.similarity is not None else ""
            parts.append(
                f"{text.title}: {text.status}{score} (lines {text.start_line}-{text.end_line})"
            )
        return "; ".join(parts)


def scan_text(text: str, path: str = "<text>") -> ScanResult:
    """Scan one file's text."""
    texts = find_texts(text)
    license_lines = frozenset(
        n for t in texts if t.status != "stub" for n in range(t.start_line, t.end_line + 1)
    )
    return ScanResult(path, texts, find_built_with(text, license_lines))


def scan_file(path: str | Path, display: str | None = None) -> ScanResult:
    """Scan one file (UTF-8; errors name the file), given as a path or a string."""
    name = display or str(path)
    return scan_text(read_text(Path(path), display=name), name)
