"""AUP rule files as plain data plus positions, on top of :mod:`llamalicense.documents.loader`.

The shared loader does the safe parsing (duplicate keys, YAML 1.2 booleans, no tags); this
adapter gives the AUP modules the string JSON paths they build (``$.items[3].signals``) and
turns a path back into the line and column of the value, or of its closest parent.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from llamalicense.documents.jsonpath import parse as parse_path
from llamalicense.documents.loader import load_file
from llamalicense.errors import LlamalicenseError, RuleError

_Locate = Callable[[tuple[str | int, ...]], tuple[int, int] | None]


@dataclass
class Located:
    """Plain data from one YAML file, and a way to find where each value came from."""

    file: str
    data: Any
    locate: _Locate | None = None

    def error(self, message: str, json_path: str, hint: str | None = None) -> RuleError:
        """A :class:`RuleError` pointing at ``json_path`` (or its nearest known parent)."""
        line, column = self.where(json_path)
        return RuleError(
            message, file=self.file, line=line, column=column, json_path=json_path, hint=hint
        )

    def where(self, json_path: str) -> tuple[int | None, int | None]:
        """Line and column of ``json_path``; falls back to the closest enclosing value."""
        if self.locate is None:
            return None, None
        found = self.locate(parse_path(json_path))
        return found if found is not None else (None, None)


def load_located(path: Path) -> Located:
    """Parse ``path`` into :class:`Located` data.

    Raises:
        RuleError: the file cannot be read, is not valid YAML, or repeats a mapping key.
    """
    try:
        document = load_file(path, display=str(path))
    except RuleError:
        raise
    except LlamalicenseError as exc:
        raise RuleError(
            exc.message, file=exc.file, line=exc.line, column=exc.column, hint=exc.hint
        ) from None
    return Located(file=document.path, data=document.data, locate=document.locate)
