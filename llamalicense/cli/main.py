"""The command line's entry: the parser, the dispatch to one module per subcommand, and the
error handler. Only the ``llamalicense.cli`` package prints or decides an exit code.

Exit codes: 0 nothing at or above ``--fail-on``; 1 findings at or above it; 2 bad input or
usage; 3 internal error (a bug: please report it); 130 interrupted.

A subcommand is a module in this package with ``NAME``, ``add_parser(commands)`` and
``run(args, parser) -> int``, listed in :data:`SUBCOMMANDS`.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import io
import os
import sys
import traceback
from collections.abc import Sequence
from typing import NoReturn

from llamalicense.cli import check, fix, init, rules
from llamalicense.cli.common import (
    EXIT_FINDINGS,
    EXIT_INPUT,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    Parser,
    Subcommand,
)
from llamalicense.errors import LlamalicenseError
from llamalicense.report.writing import Terminated
from llamalicense.safetext import clean
from llamalicense.speed.keepalive import keep_until_exit
from llamalicense.version import __version__

__all__ = [
    "EXIT_FINDINGS",
    "EXIT_INPUT",
    "EXIT_INTERNAL",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "SUBCOMMANDS",
    "build_parser",
    "entry",
    "main",
]

EXIT_TERMINATED = 128 + 15  # SIGTERM while files were written (they were removed)
# In the order `llamalicense --help` lists them.
SUBCOMMANDS: tuple[Subcommand, ...] = (check, fix, init, rules)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="llamalicense",
        description="Check a project against the Llama Community License and Acceptable Use "
        "Policy of every Llama version it uses. Not legal advice.",
    )
    parser.add_argument("--version", action="version", version=f"llamalicense {__version__}")
    commands = parser.add_subparsers(dest="command", parser_class=Parser)
    for module in SUBCOMMANDS:
        module.add_parser(commands)
    return parser


def entry() -> NoReturn:
    """The ``llamalicense`` console script and ``python -m llamalicense``: :func:`main`, in a
    process that ends as soon as its output is out.

    A check of a large manifest leaves millions of small objects alive. This process ends
    right after, so the cyclic garbage collector is not run over them (reference counting
    still frees memory), the report is not freed one object at a time when the check
    returns (it is kept until exit), and neither is anything else at exit: the outputs are
    flushed and the process leaves with ``os._exit``. Files the CLI writes are
    closed (and renamed into place) before this point. Library callers of :func:`main` or
    :func:`llamalicense.check` keep a normal interpreter.
    """
    gc.disable()
    keep_until_exit()
    for stream in (sys.stdout, sys.stderr):
        # A stream that cannot encode a character (PYTHONIOENCODING=ascii, say) writes it
        # as an escape rather than failing the whole report on a quote mark.
        if isinstance(stream, io.TextIOWrapper) and stream.errors == "strict":
            stream.reconfigure(errors="backslashreplace")
    code = main()
    for stream in (sys.stdout, sys.stderr):
        # The reader may have gone away, or the stream been closed (None: closed at start),
        # or be full: nothing left to deliver (a report that did not fit was said to).
        with contextlib.suppress(OSError, ValueError, AttributeError):
            stream.flush()
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _run(argv)
    except LlamalicenseError as exc:
        print(exc.render(), file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Terminated:
        print("terminated; no report written", file=sys.stderr)
        return EXIT_TERMINATED
    except BrokenPipeError:
        return EXIT_OK
    except Exception:
        if os.environ.get("LLAMALICENSE_DEBUG"):
            traceback.print_exc()
        kind, value, _ = sys.exc_info()
        name = kind.__name__ if kind else "error"
        print(
            f"llamalicense: internal error ({name}: {clean(str(value)[:200])}). This is a bug; "
            "please report it "
            "with the command you ran. Set LLAMALICENSE_DEBUG=1 for a traceback.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


def _run(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    for module in SUBCOMMANDS:
        if args.command == module.NAME:
            return module.run(args, parser)
    parser.print_help(sys.stderr)
    return EXIT_INPUT
