"""A fix plan as a unified diff that ``git apply`` and ``patch -p1`` take as it is."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from llamalicense.tools.fix.plan import FixPlan

NO_NEWLINE = "\\ No newline at end of file\n"


def _lines(text: str) -> list[str]:
    """Lines as git and patch see them: ended by a newline only (a line separator, form feed
    or lone carriage return inside a line stays in it, as in the official Llama 3.1 text)."""
    parts = text.split("\n")
    lines = [part + "\n" for part in parts[:-1]]
    return [*lines, parts[-1]] if parts[-1] else lines


def _marked(lines: Iterator[str]) -> Iterator[str]:
    """Diff lines, each ending in a newline; a last line without one gets git's marker."""
    for line in lines:
        if line.endswith("\n"):
            yield line
        else:
            yield line + "\n"
            yield NO_NEWLINE


def render_diff(plan: FixPlan) -> str:
    """Every edit of ``plan`` as one unified diff, files in the plan's order."""
    out: list[str] = []
    for edit in plan.edits:
        old = edit.old or ""
        before = "/dev/null" if edit.old is None else f"a/{edit.path}"
        head = [] if edit.old is not None else ["new file mode 100644\n"]
        body = list(
            difflib.unified_diff(
                _lines(old), _lines(edit.new), fromfile=before, tofile=f"b/{edit.path}", n=3
            )
        )
        if not body:
            continue
        out.append(f"diff --git a/{edit.path} b/{edit.path}\n")
        out.extend(head)
        out.append(body[0] if body[0].endswith("\n") else body[0] + "\n")
        out.append(body[1] if body[1].endswith("\n") else body[1] + "\n")
        out.extend(_marked(iter(body[2:])))
    return "".join(out)
