"""The one walk over a project folder: its regular files, in a stable order, bounded.

Tool and version-control folders are skipped, a link out of the project, a FIFO or a device
is never read, at most :data:`MAX_FILES` files are given (the first one left is reported by
the caller), and folders deeper than :data:`MAX_DEPTH` are an input error.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from llamalicense.errors import InputError

SKIP_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        "node_modules",
        ".venv",
        "venv",
        ".tox",
        "__pycache__",
        ".ipynb_checkpoints",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        "site-packages",
        ".cache",
    }
)
MAX_FILES = 50_000
# Folders deeper than this are an input error (discovery would otherwise recurse without end).
MAX_DEPTH = 64


def walk(root: Path, stopped: list[str] | None = None) -> Iterator[str]:
    """Files under ``root`` (relative POSIX paths, sorted), skipping tool and VCS folders.

    Only regular files inside the project are given (a link out of it, a FIFO or a device
    is skipped); folders deeper than :data:`MAX_DEPTH` are an input error rather than a
    crash (``os.walk`` recurses)."""
    count = 0
    real_root = root.resolve()
    for folder, dirs, files in os.walk(root):
        base = PurePosixPath(Path(folder).relative_to(root).as_posix())
        if len(base.parts) >= MAX_DEPTH and dirs:
            raise InputError(
                f"folders nested more than {MAX_DEPTH} deep",
                file=str(Path(folder) / dirs[0]),
                hint="model cards and evidence sit near the top of a project; write a "
                "manifest (docs/manifest.md) instead of relying on discovery",
            )
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
        for name in sorted(files):
            count += 1
            if count > MAX_FILES:  # said, never silent: the first file left unread
                if stopped is not None:
                    stopped.append(str(base / name) if str(base) != "." else name)
                return
            if _regular_inside(Path(folder) / name, real_root):
                yield str(base / name) if str(base) != "." else name


def _regular_inside(path: Path, real_root: Path) -> bool:
    """A regular file whose real path is under the project (a symlink out of it is not the
    project's evidence; a FIFO would block the run)."""
    try:
        real = path.resolve()
        return real.is_relative_to(real_root) and stat.S_ISREG(real.stat().st_mode)
    except (OSError, RuntimeError):
        return False
