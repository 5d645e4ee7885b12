"""The files a fix reads and writes: inside the project, text it can keep byte for byte.

A :class:`Workspace` holds the planned content of every file a plan touches. Each file is
read once, decoded as UTF-8 (a byte-order mark is kept), and its line ending noted, so an
edit writes new lines the way the file already does. A file that is not inside the project
folder, sits behind a symbolic link, is not a regular file, or is not UTF-8 text is refused
with the reason; the plan then leaves the findings it would have closed open.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

BOM = "\ufeff"
MAX_BYTES = 4 * 1024 * 1024  # a file larger than this is not one a fix edits by hand


class Refused(Exception):
    """A file the fixer will not touch; the message says why."""


@dataclass
class Text:
    """A text file's planned content, with what is needed to write it back the same way."""

    original: str | None  # None: the file does not exist yet
    content: str
    bom: bool = False
    newline: str = "\n"

    def encoded(self) -> bytes:
        return ((BOM if self.bom else "") + self.content).encode("utf-8")


def inside(root: Path, relative: str) -> Path:
    """The path of ``relative`` under ``root``, refused when it leaves the project or passes
    through a symbolic link (nothing is followed out of the folder, or written through one)."""
    if any(not ch.isprintable() for ch in relative):
        # a diff header line could otherwise be split, or start a workflow command in a log
        raise Refused(f"{relative!r}: a path with control characters")
    pure = PurePosixPath(relative)
    if pure.is_absolute() or ".." in pure.parts or not pure.parts:
        raise Refused(f"{relative}: not a path inside the project folder")
    path = root
    for part in pure.parts:
        path = path / part
        try:
            mode = path.lstat().st_mode
        except FileNotFoundError:
            return root.joinpath(*pure.parts)
        if stat.S_ISLNK(mode):
            raise Refused(f"{relative}: {path.relative_to(root).as_posix()} is a symbolic link")
    return path


def read_text(root: Path, relative: str) -> Text:
    path = inside(root, relative)
    try:
        info = path.lstat()
    except FileNotFoundError:
        return Text(original=None, content="")
    if not stat.S_ISREG(info.st_mode):
        raise Refused(f"{relative}: not a regular file")
    if info.st_size > MAX_BYTES:
        raise Refused(f"{relative}: larger than {MAX_BYTES // (1024 * 1024)} MiB")
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Refused(f"{relative}: not UTF-8 text (byte {exc.start})") from None
    bom = text.startswith(BOM)
    if bom:
        text = text[1:]
    crlf = text.count("\r\n")
    newline = "\r\n" if crlf and crlf * 2 >= text.count("\n") else "\n"
    return Text(original=text, content=text, bom=bom, newline=newline)


class Workspace:
    """The planned content of each file a plan touches, read once from the project."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._files: dict[str, Text] = {}

    def get(self, relative: str) -> Text:
        key = PurePosixPath(relative).as_posix()
        if key not in self._files:
            self._files[key] = read_text(self.root, key)
        return self._files[key]

    def changed(self) -> list[tuple[str, Text]]:
        """The files whose planned content differs from the disk, by path."""
        return sorted((k, t) for k, t in self._files.items() if t.content != (t.original or ""))

    def snapshot(self) -> dict[str, str]:
        """The planned contents now, for :meth:`restore` when an edit is refused midway."""
        return {k: t.content for k, t in self._files.items()}

    def restore(self, saved: dict[str, str]) -> None:
        for key in list(self._files):
            if key in saved:
                self._files[key].content = saved[key]
            else:
                del self._files[key]


def add_lines(text: Text, lines: list[str], *, paragraph: bool) -> None:
    """Append ``lines`` at the end of ``text``, in its line ending; a paragraph gets a blank
    line before it when the file has text."""
    nl = text.newline
    content = text.content
    if content and not content.endswith("\n"):
        content += nl
    if paragraph and content.strip():
        content += nl
    text.content = content + "".join(line + nl for line in lines)
