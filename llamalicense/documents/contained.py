"""Containment for the files the tool finds by itself (a project's manifest, its default
waivers file, its model cards): such a file is read only when it is a regular file whose
real path is inside the project folder.

A pull request controls the project folder. Without this check a link named
``llamalicense-waivers.yaml`` pointing at ``~/.git-credentials`` would be read, and the
parse error would quote it in a public log. Files the user names on the command line
(``--waivers FILE``, ``--baseline FILE``) are the user's choice and are not checked here.
"""

from __future__ import annotations

import stat
from pathlib import Path

from llamalicense.errors import InputError


def found_file(path: Path, root: Path, what: str) -> Path:
    """``path`` when it is a regular file inside ``root`` (after following links).

    Raises:
        InputError: it leads outside ``root`` (a link, or a link to a folder on its way), or
            it is not a regular file (a FIFO would block the run, a device never ends).
    """
    try:
        real = path.resolve(strict=True)
        inside = real.is_relative_to(root.resolve(strict=True))
        regular = stat.S_ISREG(real.stat().st_mode)
    except (OSError, RuntimeError) as exc:  # RuntimeError: a loop of links
        raise InputError(
            f"cannot read the {what}: {getattr(exc, 'strerror', None) or 'a loop of links'}",
            file=str(path),
        ) from None
    if not inside:
        raise InputError(
            f"the {what} leads outside the project folder (a symbolic link); not read",
            file=str(path),
            hint="replace the link with the file itself, or name a file on the command line",
        )
    if not regular:
        raise InputError(
            f"the {what} is not a regular file; not read",
            file=str(path),
            hint="replace it with a regular file",
        )
    return path
