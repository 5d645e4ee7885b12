"""Hub answers kept on disk: one small JSON file per (endpoint, id, day).

An entry is the checked card (or a lasting failure: no such repository, a gated one, a
malformed card) the Hub gave for an id on a day; a run on the same day reads it instead of
asking again, so a check can be repeated offline and gives the same bytes. A run on another
day asks again. Entries are read as untrusted input: a file too big, not JSON, of another
format or id, or whose card fails the checks of :mod:`.cards` is ignored (and replaced when
the Hub answers). Nothing is written outside the cache folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from llamalicense.project.hub.cards import HubCard, MalformedCard, card_from_dict
from llamalicense.project.hub.client import HubFailure

FORMAT = 1
MAX_BYTES = 16 * 1024  # an entry is a few hundred bytes; a bigger file is not read
MAX_REASON = 300


class HubCache:
    """The entries of one endpoint for one day under ``folder``."""

    def __init__(self, folder: Path, endpoint: str, day: str) -> None:
        self.folder = folder
        self.endpoint = endpoint
        self.day = day

    def path(self, model_id: str) -> Path:
        key = json.dumps([self.endpoint, model_id.lower(), self.day])
        return self.folder / (hashlib.sha256(key.encode("utf-8")).hexdigest()[:40] + ".json")

    def get(self, model_id: str) -> HubCard | HubFailure | None:
        """The entry for ``model_id``, or None (none, or not a valid entry)."""
        path = self.path(model_id)
        try:
            if not path.is_file() or path.stat().st_size > MAX_BYTES:
                return None
            data: Any = json.loads(path.read_bytes())
        except (OSError, ValueError, RecursionError):
            return None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return None
        if data.get("endpoint") != self.endpoint or data.get("day") != self.day:
            return None
        failure = data.get("failure")
        if failure is not None:
            if not isinstance(failure, str) or not failure or len(failure) > MAX_REASON:
                return None
            return HubFailure(model_id, failure, True) if data.get("id") == model_id else None
        try:
            return card_from_dict(data.get("card"), model_id)
        except MalformedCard:
            return None

    def put(self, answer: HubCard | HubFailure) -> None:
        """Keep ``answer`` (a card, or a lasting failure); a cache that cannot be written is
        skipped: the answer is still used for this run."""
        if isinstance(answer, HubFailure) and not answer.lasting:
            return
        entry: dict[str, Any] = {
            "format": FORMAT,
            "endpoint": self.endpoint,
            "day": self.day,
            "id": answer.id,
        }
        if isinstance(answer, HubFailure):
            entry["failure"] = answer.reason[:MAX_REASON]
        else:
            entry["card"] = answer.to_dict()
        text = json.dumps(entry, sort_keys=True, ensure_ascii=True)
        if len(text) > MAX_BYTES:
            return
        with contextlib.suppress(OSError):
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            try:
                with os.fdopen(handle, "w", encoding="ascii") as out:
                    out.write(text)
                os.replace(temporary, self.path(answer.id))
            except OSError:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
