"""The documentation says what the code does.

Code blocks in the docs are marked with an HTML comment on the line before the fence:

* ``<!-- manifest -->``: a complete manifest; it must load (``load_project``);
* ``<!-- rule -->``: a complete rule file; it must load, quote check included;
* ``<!-- predicate -->``: a predicate; it must compile with known operators and facts;
* ``<!-- fixtures -->``: a rule's fixtures; they must pass against the rule of that id
  shown in the same document (or the shipped rule of that id);
* ``<!-- runnable -->``: a Python program, run from the repository root; when the next
  block is marked ``<!-- output -->``, the program must print exactly that;
* ``<!-- error-manifest -->``: a bad manifest; ``llamalicense check`` on it must exit 2 and
  print exactly the next block, marked ``<!-- error-output -->``, on stderr.

Also: the README's two commands appear verbatim, and the reference pages name every fact,
operator, manifest field, CLI option, format and exit code the code has.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import llamalicense
from llamalicense.cli.main import build_parser
from llamalicense.documents.loader import load_yaml_text
from llamalicense.errors import RuleError
from llamalicense.policy.comparisons import COMPARISONS
from llamalicense.policy.facts import FACTS
from llamalicense.policy.predicates import OPERATORS, compile_predicate
from llamalicense.policy.rules import builtin_rules, rules_from_document
from llamalicense.project.manifest_schema import manifest_schema
from llamalicense.report.formats import FORMATS
from llamalicense.tools.ruletest import run_rule_file

ROOT = Path(__file__).resolve().parent.parent.parent
DOCS = ROOT / "docs"
README = ROOT / "README.md"
MY_PAGES = ("manifest.md", "rules.md", "cli.md", "api.md", "architecture.md")

INSTALL_AND_CHECK = (
    "python3 -m venv .venv && .venv/bin/pip install . && "
    ".venv/bin/llamalicense check examples/compliant-finetune"
)
INSTALL_AND_TEST = (
    "python3 -m venv .venv && .venv/bin/pip install '.[test]' && .venv/bin/python -m pytest"
)

_FENCE = re.compile(r"<!-- ([\w-]+) -->\n```(\w*)\n(.*?)\n```", re.DOTALL)


@dataclass(frozen=True)
class Block:
    kind: str
    language: str
    text: str
    source: str
    line: int

    @property
    def name(self) -> str:
        return f"{self.source}:{self.line}"


def blocks(kind: str) -> list[Block]:
    found = []
    for page in [README, *sorted(DOCS.glob("*.md"))]:
        text = page.read_text(encoding="utf-8")
        for match in _FENCE.finditer(text):
            if match.group(1) == kind:
                line = text.count("\n", 0, match.start()) + 1
                found.append(Block(kind, match.group(2), match.group(3), page.name, line))
    return found


def ids(items: list[Block]) -> list[str]:
    return [b.name for b in items]


def yaml_data(block: Block) -> Any:
    # The package's own loader: YAML 1.2 booleans, so `country: NO` stays Norway.
    return load_yaml_text(block.text, block.name).data


# -- the README's two commands -------------------------------------------------------


def test_readme_shows_the_two_commands_verbatim() -> None:
    lines = README.read_text(encoding="utf-8").splitlines()
    assert INSTALL_AND_CHECK in lines
    assert INSTALL_AND_TEST in lines


def test_readme_says_it_is_not_legal_advice() -> None:
    assert "**llamalicense is not legal advice.**" in README.read_text(encoding="utf-8")


def test_readme_links_resolve() -> None:
    text = README.read_text(encoding="utf-8")
    for target in re.findall(r"\]\(((?:docs|examples)/[^)#]*)\)", text):
        assert (ROOT / target).exists(), target


# -- marked code blocks --------------------------------------------------------------

MANIFESTS = blocks("manifest")
RULES = blocks("rule")
PREDICATES = blocks("predicate")
FIXTURES = blocks("fixtures")
RUNNABLE = blocks("runnable")


def test_the_docs_have_marked_blocks() -> None:
    # Guards against a marker typo silently turning these tests off.
    assert len(MANIFESTS) >= 9
    assert len(RULES) >= 2
    assert len(PREDICATES) >= 5
    assert len(FIXTURES) >= 2
    assert len(RUNNABLE) >= 1
    assert len(ERROR_MANIFESTS) >= 8


@pytest.mark.parametrize("block", MANIFESTS, ids=ids(MANIFESTS))
def test_manifest_blocks_validate(block: Block, tmp_path: Path) -> None:
    assert block.language == "yaml"
    project = llamalicense.load_project(yaml_data(block), root=tmp_path)
    assert project.components is not None


@pytest.mark.parametrize("block", MANIFESTS, ids=ids(MANIFESTS))
def test_manifest_blocks_check_without_error(block: Block, tmp_path: Path) -> None:
    report = llamalicense.check(yaml_data(block), root=tmp_path)
    assert report.verdict in ("compliant", "needs-review", "non-compliant")


def test_norway_in_the_manifest_docs() -> None:
    first = next(b for b in MANIFESTS if b.source == "manifest.md")
    assert "country: NO" in first.text
    project = llamalicense.load_project(yaml_data(first), root=ROOT)
    assert project.licensee.country == "NO"


@pytest.mark.parametrize("block", RULES, ids=ids(RULES))
def test_rule_blocks_load(block: Block) -> None:
    # A one-rule file, or an obligation file (one rule per version row).
    rules = rules_from_document(load_yaml_text(block.text, block.name))
    assert all(rule.id for rule in rules)


def _collapse(value: Any) -> Any:
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, list):
        return [_collapse(v) for v in value]
    if isinstance(value, dict):
        return {k: _collapse(v) for k, v in value.items()}
    return value


def test_documented_shipped_rules_are_the_shipped_text() -> None:
    for block in RULES:
        data = yaml_data(block)
        if "definition" in data:  # an obligation file: the shipped file, byte for byte
            rule_id = data["versions"][0]["id"]
            if rule_id.startswith("LLAMA-"):
                shipped = _rule_path(rule_id).read_text(encoding="utf-8")
                assert block.text.strip() == shipped.strip()
        elif data["id"].startswith("LLAMA-"):  # one shipped rule, as the loader expands it
            (rule,) = [r for r in builtin_rules() if r.id == data["id"]]
            assert _collapse(data) == _collapse(rule.raw)


def _rule_path(rule_id: str) -> Path:
    for rule in builtin_rules():
        if rule.id == rule_id:
            return Path(rule.source)
    raise KeyError(rule_id)


def _documents(block: Block, data: dict[str, Any]) -> bool:
    """Does the fixtures ``data`` belong to the rule file in ``block``?"""
    rule = yaml_data(block)
    if "obligation" in data:
        return "definition" in rule and rule["obligation"] == data["obligation"]
    return rule.get("id") == data["rule"]


def _check_fact(name: str, where: str) -> None:
    if name not in FACTS:
        raise RuleError(f"unknown fact {name!r}", json_path=where)


@pytest.mark.parametrize("block", PREDICATES, ids=ids(PREDICATES))
def test_predicate_blocks_compile(block: Block) -> None:
    compile_predicate(yaml_data(block), "$", _check_fact)


@pytest.mark.parametrize("block", FIXTURES, ids=ids(FIXTURES))
def test_fixture_blocks_pass(block: Block, tmp_path: Path) -> None:
    data = yaml_data(block)
    documented = [b for b in RULES if b.source == block.source and _documents(b, data)]
    if documented:
        rule_text = documented[0].text
    else:
        rule_text = _rule_path(data["rule"]).read_text(encoding="utf-8")
    (tmp_path / "rule.yaml").write_text(rule_text + "\n", encoding="utf-8")
    (tmp_path / "rule.tests.yaml").write_text(block.text + "\n", encoding="utf-8")
    results = run_rule_file(tmp_path / "rule.yaml")
    failures = [f"{r.case}: {r.detail}" for r in results if not r.ok]
    assert not failures


ERROR_MANIFESTS = blocks("error-manifest")


def _error_output_after(block: Block) -> str:
    text = (DOCS / block.source).read_text(encoding="utf-8")
    for match in _FENCE.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        if line > block.line:
            assert match.group(1) == "error-output", f"no error-output after {block.name}"
            return match.group(3) + "\n"
    raise AssertionError(f"no error-output after {block.name}")


@pytest.mark.parametrize("block", ERROR_MANIFESTS, ids=ids(ERROR_MANIFESTS))
def test_documented_errors_are_real(block: Block, tmp_path: Path) -> None:
    (tmp_path / "llamalicense.yaml").write_text(block.text + "\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "llamalicense", "check", "."],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == _error_output_after(block)


def _output_after(block: Block) -> str | None:
    page = README if block.source == README.name else DOCS / block.source
    text = page.read_text(encoding="utf-8")
    for match in _FENCE.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        if line > block.line:
            return match.group(3) + "\n" if match.group(1) == "output" else None
    return None


@pytest.mark.parametrize("block", RUNNABLE, ids=ids(RUNNABLE))
def test_runnable_blocks_run(block: Block) -> None:
    assert block.language == "python"
    env = {**os.environ, "NO_COLOR": "1"}
    result = subprocess.run(
        [sys.executable, "-c", block.text],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    expected = _output_after(block)
    if expected is not None:
        assert result.stdout == expected


# -- the reference pages cover what the code has ---------------------------------------


def _page(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


def test_my_pages_exist() -> None:
    for name in MY_PAGES:
        assert (DOCS / name).is_file(), name


def test_rules_doc_lists_every_fact() -> None:
    text = _page("rules.md")
    missing = [name for name in FACTS if f"| `{name}` |" not in text]
    assert not missing


def test_rules_doc_lists_every_operator() -> None:
    text = _page("rules.md")
    missing = [op for op in [*OPERATORS, *COMPARISONS] if f"`{op}`" not in text]
    assert not missing


def _schema_fields(node: Any, prefix: str = "") -> Iterator[str]:
    schema = manifest_schema()
    if isinstance(node, dict) and "$ref" in node:
        node = schema["$defs"][node["$ref"].rsplit("/", 1)[-1]]
    if not isinstance(node, dict):
        return
    for key, sub in node.get("properties", {}).items():
        yield key
        yield from _schema_fields(sub, f"{prefix}{key}.")
    if "items" in node:
        yield from _schema_fields(node["items"], prefix)


def test_manifest_doc_names_every_field() -> None:
    text = _page("manifest.md")
    missing = sorted({f for f in _schema_fields(manifest_schema()) if f"`{f}`" not in text})
    assert not missing


def _options() -> Iterator[tuple[str, str]]:
    parser = build_parser()
    for action in parser._actions:  # argparse keeps subcommands here
        choices = getattr(action, "choices", None)
        if isinstance(choices, dict):
            for name, sub in choices.items():
                yield name, ""
                for sub_action in sub._actions:
                    nested = getattr(sub_action, "choices", None)
                    if isinstance(nested, dict):
                        for nested_name, nested_parser in nested.items():
                            yield f"{name} {nested_name}", ""
                            for opt in nested_parser._actions:
                                for flag in opt.option_strings:
                                    yield f"{name} {nested_name}", flag
                    for flag in sub_action.option_strings:
                        yield name, flag


def test_cli_doc_names_every_command_and_option() -> None:
    text = _page("cli.md")
    missing = []
    for command, flag in _options():
        if flag in ("-h", "--help"):
            continue
        wanted = f"`{flag}`" if flag else f"llamalicense {command}"
        if wanted not in text:
            missing.append(f"{command} {flag}".strip())
    assert not missing


def test_cli_doc_names_every_format_and_exit_code() -> None:
    text = _page("cli.md")
    assert not [f for f in FORMATS if f"`{f}`" not in text]
    for code in ("0", "1", "2", "3", "130"):
        assert f"| `{code}` |" in text
    assert "NO_COLOR" in text
