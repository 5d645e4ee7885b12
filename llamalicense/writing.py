"""Writing a report (or a starter manifest) to a file: atomically, and piece by piece.

The text goes to a temporary file beside the target, which is then renamed into place, so
a reader never sees half a report and a failed run leaves the old file (and no temporary
file). Errors are input errors naming the file.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from llamalicense.errors import InputError


def write_atomic(path: Path, text: str | Iterable[str]) -> None:
    """Write ``text`` (or its pieces) to a temporary file beside ``path``, then rename it into
    place: a reader never sees half a report, and a failed run leaves the old one (and no
    temporary file)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 (closed below, or removed)
            "w", encoding="utf-8", dir=path.parent, delete=False, prefix=f".{path.name}."
        )
    except OSError as exc:
        raise _cannot_write(exc, path) from None
    temporary = Path(handle.name)
    try:
        with handle:
            handle.writelines([text] if isinstance(text, str) else text)
        umask = os.umask(0)
        os.umask(umask)
        temporary.chmod(0o666 & ~umask)
        temporary.replace(path)
    except BaseException as exc:
        temporary.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _cannot_write(exc, path) from None
        raise


def _cannot_write(exc: OSError, path: Path) -> InputError:
    return InputError(f"cannot write the report: {exc.strerror}", file=str(path))
