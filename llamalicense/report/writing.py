"""Writing a report (or a starter manifest) to files: atomically, and piece by piece; and
a report to a stream (the CLI's stdout), piece by piece.

Each text goes to a temporary file beside its target; only when every text of a run is
written are they renamed into place, so a reader never sees half a report and a failed run
(an error, Ctrl-C, SIGTERM) leaves the old files and no temporary file. A target that
exists keeps its permissions. A target that is not a regular file is never replaced: a
FIFO, a terminal or ``/dev/stdout`` is written to as it is; anything else (a folder, a link
to a file, a socket) is an error. Errors are input errors naming the file.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, TextIO

from llamalicense.errors import InputError

if TYPE_CHECKING:  # the formats and the report are imported only when a check runs
    from llamalicense.model.findings import Report
    from llamalicense.report.formats import RenderOptions

# What a file gets: a whole text, or the pieces of one already encoded as UTF-8 (a
# format's own encoder makes them more cheaply than encoding its text would).
Text = str | Iterable[bytes]


class Terminated(BaseException):
    """SIGTERM arrived while files were being written (they were removed)."""


def write_atomic(path: Path, text: Text) -> None:
    """Write one file: :func:`write_all` of one target."""
    write_all([(path, text)])


def write_all(targets: Iterable[tuple[Path, Text]]) -> None:
    """Write every ``(path, text)``; the regular files appear only when all are written.

    Raises:
        InputError: a target cannot be written, or is neither a regular file nor a stream
            (nothing is replaced then: not this target, not the others).
    """
    pending: list[tuple[Path, Path]] = []  # (temporary, target)
    with _terminated_raises():
        try:
            for path, text in targets:
                temporary = _write_one(path, text)
                if temporary is not None:
                    pending.append((temporary, path))
            for temporary, path in pending:
                try:
                    temporary.replace(path)
                except OSError as exc:
                    raise _cannot_write(exc, path) from None
        finally:
            for temporary, _ in pending:
                with contextlib.suppress(OSError):
                    temporary.unlink(missing_ok=True)


def _write_one(path: Path, text: Text) -> Path | None:
    """The text in a temporary file beside ``path`` (returned), or written straight into
    ``path`` when it is a stream (None)."""
    if str(path) == "":
        raise InputError("an empty file name", hint="name a file, or leave out --output")
    mode = _target_mode(path)
    if mode is not None and (stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)):
        _write_stream_file(path, text)
        return None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # A short name of our own (not the target's): a name near the 255-byte limit
        # would otherwise not fit with a prefix and suffix around it.
        temporary = path.parent / f".llamalicense-{secrets.token_hex(6)}.tmp"
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as exc:
        raise _cannot_write(exc, path) from None
    try:
        with open(descriptor, "wb") as handle:
            handle.writelines(_encoded(text))
        os.chmod(temporary, _new_mode(mode))
    except BaseException as exc:
        temporary.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _cannot_write(exc, path) from None
        raise
    return temporary


def _target_mode(path: Path) -> int | None:
    """The mode of what ``path`` leads to, or None when nothing is there. A symbolic link
    counts only when it leads to a stream (``/dev/stdout``); a link to a file would be
    replaced by a file, not written through, so it is refused."""
    try:
        own = path.lstat().st_mode
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise _cannot_write(exc, path) from None
    if stat.S_ISREG(own):
        return own
    try:
        followed = path.stat().st_mode
    except OSError:
        followed = own
    if stat.S_ISFIFO(followed) or stat.S_ISCHR(followed):
        return followed
    what = "a symbolic link" if stat.S_ISLNK(own) else "not a regular file"
    raise InputError(
        f"cannot write the report: the target is {what}; not replacing it",
        file=str(path),
        hint="name a regular file (or a new one), a FIFO or a terminal",
    )


def _new_mode(existing: int | None) -> int:
    """An existing file's permissions; else what the umask allows (as open() would)."""
    if existing is not None:
        return stat.S_IMODE(existing)
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _write_stream_file(path: Path, text: Text) -> None:
    try:
        with path.open("ab") as handle:
            handle.writelines(_encoded(text))
    except OSError as exc:
        raise _cannot_write(exc, path) from None


def _encoded(text: Text) -> Iterable[bytes]:
    return [text.encode("utf-8")] if isinstance(text, str) else text


@contextlib.contextmanager
def _terminated_raises() -> Iterator[None]:
    """While files are written, SIGTERM raises :class:`Terminated` (so the temporary
    files are removed on the way out) instead of ending the process on the spot."""
    try:
        previous = signal.signal(signal.SIGTERM, _raise_terminated)
    except ValueError:  # not the main thread: the signal cannot be caught here
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _raise_terminated(signum: int, frame: FrameType | None) -> None:
    del signum, frame
    raise Terminated


def _cannot_write(exc: OSError, path: Path) -> InputError:
    return InputError(f"cannot write the report: {exc.strerror or exc}", file=str(path))


def write_stream(
    stream: TextIO | None, report: Report, options: RenderOptions, format_name: str
) -> None:
    """The report on ``stream``, piece by piece: encoded by the format where it can (into
    the stream's own encoding, with its error handling, straight to its buffer), else
    through the text stream. A reader that goes away (a closed pipe) ends it quietly; a
    stream that is closed or full is an input error ("cannot write the report")."""
    if stream is None:  # the process was started with its stdout closed (`>&-`)
        raise InputError("cannot write the report: standard output is closed", file="<stdout>")
    try:
        _write_stream(stream, report, options, format_name)
        stream.flush()
    except BrokenPipeError:
        _gone(stream)
    except (OSError, ValueError) as exc:  # ValueError: the stream was closed
        _gone(stream)
        reason = exc.strerror if isinstance(exc, OSError) else "the stream is closed"
        raise InputError(f"cannot write the report: {reason}", file="<stdout>") from None


def _gone(stream: TextIO) -> None:
    """Point the stream's descriptor at the null device, so nothing more (not even the flush
    at exit) fails on the closed pipe."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, stream.fileno())
    except (OSError, ValueError, AttributeError):  # no real descriptor (a test's stream)
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
