"""``python -m llamalicense``."""

from __future__ import annotations

from llamalicense.cli import entry

entry()
