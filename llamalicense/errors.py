"""The package's one exception hierarchy.

The core raises only :class:`LlamalicenseError` subclasses; ``cli.py`` turns them into a
message on stderr and exit code 2. Anything else escaping the core is a bug (exit code 3).
"""

from __future__ import annotations

from typing import Self

from llamalicense.safetext import clean


class LlamalicenseError(Exception):
    """A problem with what the user gave us: a file, a manifest, a rule, an option.

    Every error can say where it is (file, line, column, JSON path) and how to fix it.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
        json_path: str | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.json_path = json_path
        self.hint = hint
        # More errors found in the same pass (a manifest's other schema errors), each with
        # its own place and hint, and how many more were found but not kept.
        self.others: tuple[LlamalicenseError, ...] = ()
        self.left_out = 0

    def location(self) -> str:
        """``file:line:column`` as far as it is known, or an empty string (cleaned: a file
        name comes from input too)."""
        parts = [clean(self.file or "<input>")]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def render(self) -> str:
        """The full human message: where, what, at which JSON path, and the fix; then the
        same for each of :attr:`others`, and how many more were not kept. Each part is
        cleaned (:func:`llamalicense.safetext.clean`): a message quotes input, and a line
        break or an escape sequence in it must not reach a log or a terminal raw."""
        lines = [f"{self.location()}: error: {clean(self.message)}"]
        if self.json_path:
            lines.append(f"  at: {clean(self.json_path)}")
        if self.hint:
            lines.append(f"  hint: {clean(self.hint)}")
        lines += [other.render() for other in self.others]
        if self.left_out:
            more = "error was" if self.left_out == 1 else "errors were"
            lines.append(f"({self.left_out:,} more {more} found; fix these and run again)")
        return "\n".join(lines)

    def with_others(self, others: tuple[LlamalicenseError, ...], left_out: int = 0) -> Self:
        """This error, rendered with ``others`` after it (see :meth:`render`)."""
        self.others = others
        self.left_out = left_out
        return self

    def __str__(self) -> str:
        return self.render()


class ManifestError(LlamalicenseError):
    """The project manifest (or a file it points to) is malformed or inconsistent."""


class RuleError(LlamalicenseError):
    """A rule pack, the model catalog or other shipped data is malformed."""


class InputError(LlamalicenseError):
    """A path, option or other input to the library or CLI is unusable."""
