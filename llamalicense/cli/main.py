"""The command line. The only module that prints or decides an exit code.

Exit codes: 0 nothing at or above ``--fail-on``; 1 findings at or above it; 2 bad input or
usage; 3 internal error (a bug: please report it); 130 interrupted.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime as dt
import gc
import io
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO

from llamalicense.cli import fix
from llamalicense.errors import InputError, LlamalicenseError
from llamalicense.report.writing import write_atomic, write_stream
from llamalicense.speed.keepalive import keep, keep_until_exit
from llamalicense.version import __version__

if TYPE_CHECKING:  # the report module is imported only when a check runs
    from llamalicense.model.findings import Finding

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise InputError(message, file=self.prog, hint=f"run `{self.prog} --help`")


def build_parser() -> argparse.ArgumentParser:
    from llamalicense.report.formats import FORMATS

    parser = _Parser(
        prog="llamalicense",
        description="Check a project against the Llama Community License and Acceptable Use "
        "Policy of every Llama version it uses. Not legal advice.",
    )
    parser.add_argument("--version", action="version", version=f"llamalicense {__version__}")
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)

    check = commands.add_parser("check", help="check a project and report findings")
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

    init = commands.add_parser(
        "init", help="write a starter llamalicense.yaml from the model cards in a folder"
    )
    init.add_argument("path", nargs="?", default=".", help="project folder (default: .)")
    init.add_argument("--force", action="store_true", help="overwrite an existing manifest")

    fix.add_parser(commands)

    rules = commands.add_parser("rules", help="list and show the rules")
    rules_commands = rules.add_subparsers(dest="rules_command", parser_class=_Parser)
    listing = rules_commands.add_parser("list", help="one line per rule")
    listing.add_argument("--rules", action="append", default=[], metavar="DIR")
    show = rules_commands.add_parser("show", help="one rule in full")
    show.add_argument("rule_id")
    show.add_argument("--rules", action="append", default=[], metavar="DIR")
    tester = rules_commands.add_parser(
        "test", help="run the must-fire / must-not-fire fixtures of the rules in DIR"
    )
    tester.add_argument("dir", metavar="DIR", help="a rule pack: rule files with *.tests.yaml")
    coverage = rules_commands.add_parser(
        "coverage", help="the clause coverage document (docs/clause-coverage.md)"
    )
    coverage.add_argument("--output", "-o", metavar="FILE", help="write it to FILE")
    coverage.add_argument(
        "--check",
        action="store_true",
        help="exit 1 if FILE (default: docs/clause-coverage.md) is not up to date",
    )
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
        # The reader may have gone away, or the stream been closed: nothing left to deliver.
        with contextlib.suppress(BrokenPipeError, ValueError):
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
    except BrokenPipeError:
        return EXIT_OK
    except Exception:
        if os.environ.get("LLAMALICENSE_DEBUG"):
            traceback.print_exc()
        kind, value, _ = sys.exc_info()
        name = kind.__name__ if kind else "error"
        print(
            f"llamalicense: internal error ({name}: {value}). This is a bug; please report it "
            "with the command you ran. Set LLAMALICENSE_DEBUG=1 for a traceback.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


def _run(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "check":
        return _check(args)
    if args.command == "init":
        return _init(Path(args.path), force=args.force)
    if args.command == "rules":
        return _rules(args, parser)
    if args.command == "fix":
        return fix.run(args)
    parser.print_help(sys.stderr)
    return EXIT_INPUT


def _check(args: argparse.Namespace) -> int:
    from llamalicense.api import check
    from llamalicense.report.formats import RenderOptions, get_chunks

    renderer = get_chunks(args.format)
    extra = [_extra_output(item) for item in args.write]  # usage errors before the work
    waivers: str | bool | None = False if args.no_waivers else args.waivers
    report = check(
        Path(args.path),
        rules=args.rules,
        include_not_applicable=args.all,
        waivers=waivers,
        baseline=args.baseline,
        today=_date(args.today),
        aup_cache=not args.no_cache,
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
        rule_meta=_rule_meta(args.rules),
    )
    for format_name, target in extra:
        plain = dataclasses.replace(options, color=False)
        write_atomic(target, get_chunks(format_name)(report, plain))
    if args.explain:
        _explain(report.findings, sys.stderr)
    keep(report)
    # Written piece by piece (a large report is never one string). A reader that goes away
    # (`| head`) ends the writing quietly; the exit code stands (`set -o pipefail` fails).
    if args.output:
        write_atomic(Path(args.output), renderer(report, options))
    else:
        write_stream(sys.stdout, report, options, args.format)
    return code


def _init(folder: Path, *, force: bool) -> int:
    """`init [DIR] [--force]`: a starter manifest; never overwrites without --force."""
    from llamalicense.project.manifest import MANIFEST_NAMES
    from llamalicense.tools.starter import starter_manifest

    if not folder.is_dir():
        raise InputError("no such folder", file=str(folder))
    existing = [folder / n for n in MANIFEST_NAMES if (folder / n).is_file()]
    if existing and not force:
        raise InputError(
            "a manifest already exists; not overwriting it",
            file=str(existing[0]),
            hint="pass --force to replace it with a new starter manifest",
        )
    target = folder / MANIFEST_NAMES[0]
    write_atomic(target, starter_manifest(folder))
    print(f"wrote {target}; review it, then run `llamalicense check {folder}`", file=sys.stderr)
    return EXIT_OK


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
    from llamalicense.policy.explanation import tree_lines

    for finding in findings:
        stream.write(f"{finding.rule} on {finding.component}: {finding.status}\n")
        for part in ("applies_to", "require", "review_if"):
            tree = finding.explanation.get(part)
            if isinstance(tree, dict):
                stream.write(f"  {part}:\n")
                for line in tree_lines(tree, 2):
                    stream.write(line + "\n")
        stream.write("\n")


def _rules(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from llamalicense.policy.rules import load_rules

    if args.rules_command is None:  # `--rules` lives on the subcommands, so stop here
        raise InputError("choose `rules list` or `rules show ID`", hint="run `llamalicense --help`")
    if args.rules_command == "test":
        return _rules_test(Path(args.dir))
    if args.rules_command == "coverage":
        from llamalicense.policy.coverage import DOC_PATH, generate

        text = generate()
        target = Path(args.output or DOC_PATH)
        if args.check:
            current = target.read_text(encoding="utf-8") if target.is_file() else None
            if current == text:
                return EXIT_OK
            print(
                f"{target} is not up to date; run `llamalicense rules coverage --output {target}`",
                file=sys.stderr,
            )
            return EXIT_FINDINGS
        if args.output:
            write_atomic(target, text)
        else:
            sys.stdout.write(text)
        return EXIT_OK
    rules = load_rules(Path(p) for p in args.rules)
    if args.rules_command == "list":
        for rule in rules:
            columns = f"{rule.id:<28} {rule.license:<10} {rule.clause:<8} {rule.obligation:<24}"
            print(f"{columns} {rule.title}")
        return EXIT_OK
    if args.rules_command == "show":
        for rule in rules:
            if rule.id.lower() == args.rule_id.lower():
                print(_show_rule(rule))
                return EXIT_OK
        raise InputError(
            f"no rule {args.rule_id!r}", hint="`llamalicense rules list` shows the ids"
        )
    parser.parse_args(["rules", "--help"])
    return EXIT_INPUT


def _rules_test(folder: Path) -> int:
    """`rules test DIR`: one line per fixture case; exit 1 if any case fails."""
    from llamalicense.policy.rules import pack_files
    from llamalicense.tools.ruletest import run_folder

    pack_files(folder)  # a missing folder, or one without rule files, is an input error
    results = run_folder(folder)
    for result in results:
        line = f"{'ok  ' if result.ok else 'FAIL'} {result.rule:<28} {result.case}"
        print(line if result.ok else f"{line}: {result.detail}")
    failed = sum(not r.ok for r in results)
    print(f"{len(results) - failed} passed, {failed} failed")
    return EXIT_FINDINGS if failed else EXIT_OK


def _show_rule(rule: object) -> str:
    from llamalicense.policy.rules import Rule

    assert isinstance(rule, Rule)
    lines = [
        f"{rule.id}: {rule.title}",
        f"  license:    {rule.license}",
        f"  clause:     {rule.clause}",
        f"  obligation: {rule.obligation}",
        f"  severity:   {rule.severity}",
        f"  source:     {rule.source}",
        "",
        "  quote:",
        f"    \u201c{' '.join(rule.quote.split())}\u201d",
    ]
    for related in rule.related:
        lines += [
            "",
            f"  related clause {related.clause}:",
            f"    \u201c{' '.join(related.quote.split())}\u201d",
        ]
    if rule.description:
        lines += ["", "  what it checks:", f"    {' '.join(rule.description.split())}"]
    lines += ["", "  fix:", f"    {' '.join(rule.how_to_fix.split())}"]
    return "\n".join(lines)
