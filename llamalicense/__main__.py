"""``python -m llamalicense``."""

from __future__ import annotations

from llamalicense.cli.main import entry

entry()
