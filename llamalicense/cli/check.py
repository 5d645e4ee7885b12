"""``llamalicense check [PATH]``: check a project, write its report, and decide the exit code."""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime as dt
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from llamalicense.cli.common import EXIT_FINDINGS, EXIT_OK
from llamalicense.cli.hub_options import add_hub_options, hub_settings
from llamalicense.errors import InputError
from llamalicense.report.writing import write_all, write_stream
from llamalicense.safetext import clean
from llamalicense.speed.keepalive import keep

if TYPE_CHECKING:  # the report modules are imported only when a check runs
    from llamalicense.cli.common import Subcommands
    from llamalicense.model.findings import Finding

NAME = "check"


def add_parser(commands: Subcommands) -> None:
    from llamalicense.report.formats import FORMATS

    check = commands.add_parser(NAME, help="check a project and report findings")
    check.add_argument(
        "path", nargs="?", default=".", help="project folder or manifest file (default: .)"
    )
    check.add_argument(
        "--format", "-f", choices=FORMATS, default="text", help="report format (default: text)"
    )
    check.add_argument(
        "--output", "-o", metavar="FILE", help="write the report to FILE instead of stdout"
    )
    check.add_argument(
        "--fail-on",
        choices=("violation", "needs-review"),
        default="violation",
        help="exit 1 when a finding has this status or a worse one (default: violation)",
    )
    check.add_argument(
        "--show",
        choices=("open", "all"),
        default="open",
        help="text report: list only open findings (violations and needs-review, each with "
        "its fix; one line sums up the rest), or all of them (default: open)",
    )
    check.add_argument(
        "--explain", action="store_true", help="print each finding's predicate tree on stderr"
    )
    check.add_argument(
        "--all", action="store_true", help="also list findings whose clause does not apply"
    )
    check.add_argument(
        "--rules",
        action="append",
        default=[],
        metavar="DIR",
        help="add the rules in DIR (repeatable)",
    )
    check.add_argument("--no-color", action="store_true", help="never colour the text report")
    check.add_argument(
        "--waivers",
        metavar="FILE",
        help="waivers file (default: llamalicense-waivers.yaml beside the manifest, if any)",
    )
    check.add_argument("--no-waivers", action="store_true", help="ignore every waivers file")
    check.add_argument(
        "--no-cache", action="store_true", help="classify use cases afresh (no AUP result cache)"
    )
    check.add_argument(
        "--write",
        action="append",
        default=[],
        metavar="FORMAT:FILE",
        help="also write the same report in FORMAT to FILE (repeatable), e.g. sarif:out.sarif",
    )
    check.add_argument(
        "--baseline", metavar="REPORT", help="report only findings new since this JSON report"
    )
    check.add_argument(
        "--today", metavar="YYYY-MM-DD", help="judge waiver expiry on this date (default: today)"
    )
    check.add_argument(
        "--max-waiver-days",
        type=_days,
        metavar="N",
        help="do not apply a waiver that expires more than N days from today (report it)",
    )
    add_hub_options(check)


def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from llamalicense.api import check
    from llamalicense.report.formats import RenderOptions, get_utf8

    renderer = get_utf8(args.format)
    extra = [_extra_output(item) for item in args.write]  # usage errors before the work
    _check_outputs(args)
    waivers: str | bool | None = False if args.no_waivers else args.waivers
    report = check(
        Path(args.path),
        rules=args.rules,
        include_not_applicable=args.all,
        waivers=waivers,
        baseline=args.baseline,
        today=_date(args.today),
        aup_cache=not args.no_cache,
        max_waiver_days=args.max_waiver_days,
        hub=hub_settings(args, _date(args.today)),
    )
    code = EXIT_FINDINGS if report.fails(args.fail_on) else EXIT_OK
    color = (
        args.format == "text"
        and not args.output
        and not args.no_color
        and "NO_COLOR" not in os.environ
        and sys.stdout.isatty()
    )
    options = RenderOptions(
        explain=args.explain,
        color=color,
        exit_code=code,
        fail_on=args.fail_on,
        show=args.show,
        rule_meta=_rule_meta(args.rules),
    )
    plain = dataclasses.replace(options, color=False)
    files = [(target, get_utf8(name)(report, plain)) for name, target in extra]
    if args.output:
        files.append((Path(args.output), renderer(report, options)))
    write_all(files)  # every file, or (on any failure) none of them
    if args.explain:
        _explain(report.findings, sys.stderr)
    keep(report)
    # Written piece by piece (a large report is never one string). A reader that goes away
    # (`| head`) ends the writing quietly; the exit code stands (`set -o pipefail` fails).
    if not args.output:
        write_stream(sys.stdout, report, options, args.format)
    return code


def _check_outputs(args: argparse.Namespace) -> None:
    """Usage errors about where the report goes, before the work."""
    if args.output == "":
        raise InputError("--output needs a file name", hint="leave out --output for stdout")
    if not args.output and sys.stdout is None:  # started with `>&-`
        raise InputError("cannot write the report: standard output is closed", file="<stdout>")


def _days(text: str) -> int:
    """``--max-waiver-days``: a whole number of days, 0 or more."""
    if not text.isdigit() or len(text) > 6:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of days (0 to 999999)")
    return int(text)


def _extra_output(item: str) -> tuple[str, Path]:
    from llamalicense.report.formats import FORMATS

    format_name, sep, target = item.partition(":")
    if not sep or format_name not in FORMATS or not target:
        raise InputError(
            f"--write {item!r} is not FORMAT:FILE",
            hint="formats: " + ", ".join(FORMATS) + "; for example --write sarif:report.sarif",
        )
    return format_name, Path(target)


def _date(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(f"--today {text!r} is not a date", hint="write YYYY-MM-DD") from None


def _rule_meta(extra: Sequence[str]) -> dict[str, dict[str, str]]:
    from llamalicense.policy.rules import load_rules

    return {
        rule.id: {
            "title": rule.title,
            "description": " ".join(rule.description.split()),
            "license": rule.license,
            "clause": rule.clause,
            "obligation": rule.obligation,
            "quote": " ".join(rule.quote.split()),
            "how_to_fix": " ".join(rule.how_to_fix.split()),
            "severity": rule.severity,
        }
        for rule in load_rules(Path(p) for p in extra)
    }


def _explain(findings: Sequence[Finding], stream: TextIO) -> None:
    """Each finding's predicate tree, cleaned (it quotes input). A reader that goes away
    (`2>&1 | head`) ends it quietly, and the report and the exit code still follow."""
    try:
        _explain_trees(findings, stream)
    except BrokenPipeError:
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, stream.fileno())
            os.close(devnull)


def _explain_trees(findings: Sequence[Finding], stream: TextIO) -> None:
    from llamalicense.policy.explanation import tree_lines

    for finding in findings:
        stream.write(clean(f"{finding.rule} on {finding.component}: {finding.status}") + "\n")
        for part in ("applies_to", "require", "review_if"):
            tree = finding.explanation.get(part)
            if isinstance(tree, dict):
                stream.write(f"  {part}:\n")
                for line in tree_lines(tree, 2):
                    stream.write(clean(line) + "\n")
        stream.write("\n")
