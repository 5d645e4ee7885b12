"""``llamalicense rules list|show|test|coverage``: the rules, one by one or as a pack."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from llamalicense.cli.common import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, Parser
from llamalicense.errors import InputError
from llamalicense.report.writing import write_atomic
from llamalicense.safetext import clean

if TYPE_CHECKING:  # the rules are loaded only when a rules command runs
    from llamalicense.cli.builtin_checks import BuiltinCheck
    from llamalicense.cli.common import Subcommands
    from llamalicense.policy.rules import Rule

NAME = "rules"


def add_parser(commands: Subcommands) -> None:
    rules = commands.add_parser(NAME, help="list and show the rules")
    rules_commands = rules.add_subparsers(dest="rules_command", parser_class=Parser)
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


def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from llamalicense.policy.rules import load_rules

    if args.rules_command is None:  # `--rules` lives on the subcommands, so stop here
        raise InputError("choose `rules list` or `rules show ID`", hint="run `llamalicense --help`")
    if args.rules_command == "test":
        return _test(Path(args.dir))
    if args.rules_command == "coverage":
        return _coverage(args)
    rules = load_rules(Path(p) for p in args.rules)
    if args.rules_command == "list":
        for rule in rules:
            columns = f"{rule.id:<28} {rule.license:<10} {rule.clause:<8} {rule.obligation:<24}"
            print(clean(f"{columns} {rule.title}"))
        return EXIT_OK
    if args.rules_command == "show":
        for rule in rules:
            if rule.id.lower() == args.rule_id.lower():
                print("\n".join(clean(line) for line in show_rule(rule).split("\n")))
                return EXIT_OK
        from llamalicense.cli.builtin_checks import find

        builtin = find(args.rule_id)
        if builtin is not None:
            print(show_rule(builtin))
            return EXIT_OK
        raise InputError(
            f"no rule {args.rule_id!r}",
            hint="`llamalicense rules list` shows the rule ids; the Acceptable Use Policy "
            "checks are LLAMA-<version>-AUP, LLAMA-<version>-AUP-<item> and "
            "LLAMA-<version>-AUP-4-DISCLOSURE (docs/aup.md)",
        )
    parser.parse_args(["rules", "--help"])
    return EXIT_INPUT


def _coverage(args: argparse.Namespace) -> int:
    """`rules coverage [-o FILE] [--check]`: write or check the clause coverage document."""
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


def _test(folder: Path) -> int:
    """`rules test DIR`: one line per fixture case; exit 1 if any case fails."""
    from llamalicense.policy.rules import pack_files
    from llamalicense.tools.ruletest import run_folder

    pack_files(folder)  # a missing folder, or one without rule files, is an input error
    results = run_folder(folder)
    for result in results:
        line = f"{'ok  ' if result.ok else 'FAIL'} {result.rule:<28} {result.case}"
        print(clean(line if result.ok else f"{line}: {result.detail}"))
    failed = sum(not r.ok for r in results)
    print(f"{len(results) - failed} passed, {failed} failed")
    return EXIT_FINDINGS if failed else EXIT_OK


def show_rule(rule: Rule | BuiltinCheck) -> str:
    """One rule (or built-in check) in full, as `rules show ID` prints it."""
    from llamalicense.policy.rules import Rule

    lines = [
        f"{rule.id}: {rule.title}",
        f"  license:    {rule.license}",
        f"  clause:     {rule.clause}",
        f"  obligation: {rule.obligation}",
        f"  severity:   {rule.severity}",
        f"  source:     {rule.source}",
    ]
    if rule.quote:
        lines += ["", "  quote:", f"    \u201c{' '.join(rule.quote.split())}\u201d"]
    for related in rule.related if isinstance(rule, Rule) else ():
        lines += [
            "",
            f"  related clause {related.clause}:",
            f"    \u201c{' '.join(related.quote.split())}\u201d",
        ]
    if rule.description:
        lines += ["", "  what it checks:", f"    {' '.join(rule.description.split())}"]
    lines += ["", "  fix:", f"    {' '.join(rule.how_to_fix.split())}"]
    # The fixes that fit one way of failing, in the order the engine tries them.
    for case in rule.raw.get("fixes", []) if isinstance(rule, Rule) else ():
        when = json.dumps(case["when"], ensure_ascii=False, separators=(", ", ": "))
        lines += ["", f"  fix when {when}:", f"    {' '.join(case['how_to_fix'].split())}"]
    return "\n".join(lines)
