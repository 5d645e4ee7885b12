"""``--hub`` and ``--hub-cache``: the options of resolution up the Hugging Face Hub, shared by
the subcommands that resolve base models (check, init, fix)."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from llamalicense.errors import InputError

if TYPE_CHECKING:
    from llamalicense.project.hub.settings import HubSettings


def add_hub_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--hub",
        action="store_true",
        help="resolve base models nothing local places by reading their cards from the "
        "Hugging Face Hub ($HF_ENDPOINT; off by default: without it nothing leaves the "
        "machine; needs pip install 'llamalicense[hub]')",
    )
    parser.add_argument(
        "--hub-cache",
        metavar="DIR",
        help="keep the Hub's answers in DIR (default: hub/ in the user cache folder of "
        "llamalicense, $LLAMALICENSE_CACHE_DIR/hub when set)",
    )


def hub_settings(args: argparse.Namespace, today: dt.date | None = None) -> HubSettings | None:
    """The settings ``--hub`` asks for, or None without it."""
    if not args.hub:
        if args.hub_cache is not None:
            raise InputError("--hub-cache is only used with --hub", hint="add --hub")
        return None
    from llamalicense.project.hub.settings import HubSettings

    cache = Path(args.hub_cache) if args.hub_cache is not None else None
    if cache is not None and cache.exists() and not cache.is_dir():
        raise InputError("--hub-cache is not a folder", file=str(cache))
    return HubSettings(cache_dir=cache, today=today)
