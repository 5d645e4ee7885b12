"""Writing a fix plan: each file inside the project, never through a link, atomically.

Every path is checked again just before it is written (it may have changed since the plan
was made): inside the project folder, no symbolic link on the way, a regular file or
nothing, and the content the plan was made from. All new contents are first written to
temporary files beside their targets; only when every one is ready are they renamed into
place, each keeping its target's permission bits. A failure before that point leaves every
file as it was and no temporary file.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from llamalicense.errors import InputError
from llamalicense.tools.fix.files import BOM, Refused, inside
from llamalicense.tools.fix.plan import Edit, FixPlan


def _current(path: Path) -> str | None:
    try:
        info = path.lstat()
    except FileNotFoundError:
        return None
    if not stat.S_ISREG(info.st_mode):
        raise Refused("not a regular file")
    return path.read_bytes().decode("utf-8").removeprefix(BOM)


def _prepare(root: Path, edit: Edit) -> tuple[Path, Path]:
    """Check ``edit``'s target and write its content to a temporary file beside it."""
    try:
        path = inside(root, edit.path)
        if _current(path) != edit.old:
            raise Refused("changed since the fix was planned; run fix again")
    except (Refused, UnicodeDecodeError, OSError) as exc:
        raise InputError(f"fix: {edit.path}: {exc}", file=edit.path) from None
    mode = path.stat().st_mode & 0o7777 if edit.old is not None else 0o644
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 (closed below, or removed)
            "wb", dir=path.parent, prefix=".llamalicense-", suffix=".tmp", delete=False
        )
    except OSError as exc:
        raise InputError(f"cannot write {edit.path}: {exc.strerror}", file=edit.path) from None
    temp = Path(handle.name)
    try:
        with handle:
            handle.write(edit.data)
        os.chmod(temp, mode)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp, path


def apply_plan(plan: FixPlan) -> list[str]:
    """Write every edit of ``plan``; returns the paths written, in the plan's order.

    Raises:
        InputError: a file left the project, became a link, changed since the plan, or
            could not be written; then no file is changed.
    """
    ready: list[tuple[Path, Path]] = []
    try:
        for edit in plan.edits:
            ready.append(_prepare(plan.root, edit))
        for temp, path in ready:
            os.replace(temp, path)
    except OSError as exc:
        raise InputError(f"cannot write the fix: {exc.strerror}") from None
    finally:
        for temp, _ in ready:
            temp.unlink(missing_ok=True)
    return [edit.path for edit in plan.edits]
