"""``llamalicense fix``: print (or, with ``--apply``, write) the edits that close the
project's mechanical findings; list on stderr what it leaves and why (docs/fix.md)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from llamalicense.cli.hub_options import add_hub_options, hub_settings
from llamalicense.safetext import clean

if TYPE_CHECKING:
    from llamalicense.cli.common import Subcommands

NAME = "fix"

FIXABLE = ("agreement-copy", "notice", "built-with", "license-declaration")


def add_parser(commands: Subcommands) -> None:
    fix = commands.add_parser(
        NAME, help="print (or --apply) the edits that add the attribution a project misses"
    )
    fix.add_argument("path", nargs="?", default=".", help="project folder or manifest (default: .)")
    fix.add_argument("--apply", action="store_true", help="write the edits (default: print a diff)")
    fix.add_argument(
        "--only",
        action="append",
        default=[],
        choices=FIXABLE,
        metavar="OBLIGATION",
        help=f"fix only this obligation (repeatable): {', '.join(FIXABLE)}",
    )
    fix.add_argument(
        "--built-with-page",
        metavar="FILE",
        help='the page, relative to the project folder, that gets "Built with Llama" '
        "(default: the page listed for the component, else README.md)",
    )
    fix.add_argument(
        "--rules", action="append", default=[], metavar="DIR", help="add the rules in DIR"
    )
    add_hub_options(fix)


def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """Exit 1 when there are edits (printed, or written with --apply), else 0."""
    from llamalicense.tools.fix import apply_plan, plan_fixes
    from llamalicense.tools.fix.diff import render_diff

    plan = plan_fixes(
        args.path,
        only=args.only,
        built_with_page=args.built_with_page,
        rules=args.rules,
        hub=hub_settings(args),
    )
    if args.apply:
        for path in apply_plan(plan):
            print(f"fixed {clean(path)}", file=sys.stderr)
    else:
        sys.stdout.write(render_diff(plan))
        sys.stdout.flush()
    for item in plan.not_fixed:
        status = f" ({item.status})" if item.status else ""  # none: a base left unwritten
        print(
            f"not fixed: {clean(item.rule)} on {clean(item.component)}{status}: "
            f"{clean(item.reason)}",
            file=sys.stderr,
        )
        if item.how_to_fix:
            print(f"  fix by hand: {clean(item.how_to_fix)}", file=sys.stderr)
    if not plan.edits:
        print("nothing to fix", file=sys.stderr)
    return 1 if plan.edits else 0
