"""Writing a report (or a starter manifest) to a file: atomically, and piece by piece; and
a report to a stream (the CLI's stdout), piece by piece.

The text goes to a temporary file beside the target, which is then renamed into place, so
a reader never sees half a report and a failed run leaves the old file (and no temporary
file). Errors are input errors naming the file.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from llamalicense.errors import InputError

if TYPE_CHECKING:  # the formats and the report are imported only when a check runs
    from llamalicense.model.findings import Report
    from llamalicense.report.formats import RenderOptions


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


def write_stream(stream: TextIO, report: Report, options: RenderOptions, format_name: str) -> None:
    """The report on ``stream``, piece by piece: encoded by the format where it can (into
    the stream's own encoding, with its error handling, straight to its buffer), else
    through the text stream. A reader that goes away (a closed pipe) ends it quietly."""
    try:
        _write_stream(stream, report, options, format_name)
    except BrokenPipeError:
        _gone(stream)


def _gone(stream: TextIO) -> None:
    """Point the stream's descriptor at the null device, so nothing more (not even the flush
    at exit) fails on the closed pipe."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, stream.fileno())
    except (OSError, ValueError):  # no real descriptor (a test's stream): nothing to flush
        pass
    finally:
        os.close(devnull)


def _write_stream(stream: TextIO, report: Report, options: RenderOptions, format_name: str) -> None:
    from llamalicense.report.formats import encodes_in_pieces, get_chunks, get_encoded

    encoded = get_encoded(format_name)
    buffer = getattr(stream, "buffer", None)
    if (
        encoded is None
        or buffer is None
        or os.linesep != "\n"  # the text stream would translate newlines
        or not encodes_in_pieces(stream.encoding)  # UTF-16, say: one byte-order mark
    ):
        for chunk in get_chunks(format_name)(report, options):
            stream.write(chunk)
        return
    stream.flush()
    for piece in encoded(report, options, stream.encoding, stream.errors or "strict"):
        buffer.write(piece)
