"""What every subcommand module shares: the exit codes, and the argument parser that turns a
usage mistake into an input error (exit 2, no traceback)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, NoReturn, Protocol

from llamalicense.errors import InputError

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130


class Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are :class:`InputError`, rendered like any
    other bad input by :func:`llamalicense.cli.main.main`."""

    def error(self, message: str) -> NoReturn:
        raise InputError(message, file=self.prog, hint=f"run `{self.prog} --help`")


if TYPE_CHECKING:
    from typing import TypeAlias

    # What ``Parser.add_subparsers()`` returns: where a subcommand adds its parser.
    Subcommands: TypeAlias = argparse._SubParsersAction[Parser]


class Subcommand(Protocol):
    """What a subcommand module provides (``llamalicense.cli.check`` is one)."""

    NAME: str

    def add_parser(self, commands: Subcommands) -> None:
        """Add this subcommand's parser and its options to ``commands``."""

    def run(self, args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
        """Do the work; return the exit code. Bad input raises :class:`InputError`."""
