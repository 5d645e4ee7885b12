"""``llamalicense init [DIR] [--force]``: a starter manifest from the model cards in a folder."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from llamalicense.cli.common import EXIT_OK
from llamalicense.cli.hub_options import add_hub_options, hub_settings
from llamalicense.errors import InputError
from llamalicense.report.writing import write_atomic
from llamalicense.safetext import clean

if TYPE_CHECKING:
    from llamalicense.cli.common import Subcommands

NAME = "init"


def add_parser(commands: Subcommands) -> None:
    init = commands.add_parser(
        NAME, help="write a starter llamalicense.yaml from the model cards in a folder"
    )
    init.add_argument("path", nargs="?", default=".", help="project folder (default: .)")
    init.add_argument("--force", action="store_true", help="overwrite an existing manifest")
    add_hub_options(init)


def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """Write the starter manifest; never overwrite one without --force."""
    from llamalicense.project.manifest import MANIFEST_NAMES
    from llamalicense.tools.starter import starter_manifest

    hub = hub_settings(args)
    folder = Path(args.path)
    if not folder.is_dir():
        raise InputError("no such folder", file=str(folder))
    existing = [folder / n for n in MANIFEST_NAMES if (folder / n).is_file()]
    if existing and not args.force:
        raise InputError(
            "a manifest already exists; not overwriting it",
            file=str(existing[0]),
            hint="pass --force to replace it with a new starter manifest",
        )
    target = folder / MANIFEST_NAMES[0]
    write_atomic(target, starter_manifest(folder, hub=hub))
    said = f"wrote {target}; review it, then run `llamalicense check {folder}`"
    print(clean(said), file=sys.stderr)
    return EXIT_OK
