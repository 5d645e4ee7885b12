"""The options of resolution up the Hub, and where its answers are cached."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_ENDPOINT = "https://huggingface.co"
ENDPOINT_ENV = "HF_ENDPOINT"  # huggingface_hub's own setting, honoured here too
CACHE_FOLDER = "hub"  # inside the user cache folder of llamalicense


@dataclass(frozen=True)
class HubSettings:
    """How far and where to ask.

    ``cache_dir``: the folder answers are kept in (default :func:`default_cache_dir`).
    ``endpoint``: the Hub's address (default ``$HF_ENDPOINT``, else huggingface.co).
    ``max_depth``: hops followed from the id first asked; ``max_cards``: cards read for one
    project; ``timeout``: seconds per request. ``today``: the day answers are cached under
    (default: today), for reproducible runs.
    """

    cache_dir: Path | None = None
    endpoint: str | None = None
    max_depth: int = 6
    max_cards: int = 50
    timeout: float = 10.0
    today: dt.date | None = None

    def resolved_endpoint(self) -> str:
        chosen = self.endpoint or os.environ.get(ENDPOINT_ENV, "").strip() or DEFAULT_ENDPOINT
        return chosen.rstrip("/")

    def resolved_cache_dir(self) -> Path:
        return self.cache_dir if self.cache_dir is not None else default_cache_dir()

    def day(self) -> str:
        return (self.today or dt.date.today()).isoformat()


def default_cache_dir() -> Path:
    """``$LLAMALICENSE_CACHE_DIR/hub``, else ``hub`` in the user cache folder of llamalicense
    (``$XDG_CACHE_HOME/llamalicense/hub``, by default ``~/.cache/llamalicense/hub`` on Linux,
    ``~/Library/Caches/llamalicense/hub`` on macOS, ``%LOCALAPPDATA%\\llamalicense\\Cache\\hub``
    on Windows), beside the AUP result cache."""
    from llamalicense.aup.cache import default_dir

    return default_dir() / CACHE_FOLDER
