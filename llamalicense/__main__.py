"""``python -m llamalicense`` and the ``llamalicense`` console script.

``--version`` alone is answered here, before anything else is imported (the engine,
argparse), so asking for it costs about what starting Python does; every other command line
goes to :func:`llamalicense.cli.main.entry`.
"""

from __future__ import annotations

import sys
from typing import NoReturn


def main() -> NoReturn:
    if sys.argv[1:] == ["--version"]:
        from llamalicense.version import __version__

        sys.stdout.write(f"llamalicense {__version__}\n")  # argparse's --version text
        sys.stdout.flush()
        raise SystemExit(0)
    from llamalicense.cli.main import entry

    entry()


if __name__ == "__main__":
    main()
