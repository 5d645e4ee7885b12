"""One file per obligation: the table of versions, its expansion, and the rule schema.

The shipped rules are written once per obligation (rules/obligations/<name>.yaml) with a row
per Llama version; the loader expands each row into the rule a one-rule file would hold.
Here: the expansion gives the rules the one-rule files gave, errors point into the
obligation file, and the schema (which describes the predicate grammar for editors)
accepts every shipped file and names a misspelled operator.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from llamalicense.catalog.data import rules_dir
from llamalicense.documents import jsonschemas
from llamalicense.errors import RuleError
from llamalicense.policy.comparisons import COMPARISONS
from llamalicense.policy.facts import FACTS
from llamalicense.policy.predicates import OPERATORS
from llamalicense.policy.rules import (
    BUILTIN_PACK,
    VERSION_PACKS,
    builtin_rules,
    load_rule,
    load_rule_file,
    rule_files,
)
from llamalicense.tools.ruletest import run_rule_file

OBLIGATIONS = rules_dir() / BUILTIN_PACK
SHIPPED = rule_files(OBLIGATIONS)
ONE_RULE = Path(__file__).resolve().parent.parent / "data" / "rules" / "model-name.yaml"
SCHEMA = jsonschemas.schema("rule")


def _collapse(value: Any) -> Any:
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, list):
        return [_collapse(v) for v in value]
    if isinstance(value, dict):
        return {k: _collapse(v) for k, v in value.items()}
    return value


# -- the shipped pack ---------------------------------------------------------------------


def test_the_pack_is_one_file_per_obligation() -> None:
    obligations = {r.obligation for r in builtin_rules()}
    assert {p.stem for p in SHIPPED} == {
        "agreement-copy",
        "built-with",
        "eu-multimodal",
        "mau",
        "model-name",
        "notice",
        "other-llms",
    }
    assert len(obligations) == len(SHIPPED)
    for path in SHIPPED:
        assert len({r.obligation for r in load_rule_file(path)}) == 1, path


def test_versions_that_differ_say_so_in_the_table() -> None:
    by_obligation: dict[str, set[str]] = {}
    for rule in builtin_rules():
        by_obligation.setdefault(rule.obligation, set()).add(rule.license)
    everywhere = set(VERSION_PACKS)
    assert by_obligation["no-improving-other-llms"] == {"llama-2", "llama-3"}
    assert by_obligation["eu-multimodal"] == {"llama-3.2", "llama-3.3", "llama-4"}
    assert by_obligation["built-with"] == everywhere - {"llama-2"}
    assert by_obligation["model-name"] == everywhere - {"llama-2"}
    for name in ("agreement-copy", "notice", "mau"):
        assert by_obligation[name] == everywhere
    rows = yaml.safe_load((OBLIGATIONS / "agreement-copy.yaml").read_text(encoding="utf-8"))
    llama_2 = rows["versions"][0]
    assert llama_2["license"] == "llama-2"
    assert "to such third party" in llama_2["differs"]
    # Llama 3's naming rule is triggered by the materials only: its row replaces applies_to.
    rows = yaml.safe_load((OBLIGATIONS / "model-name.yaml").read_text(encoding="utf-8"))
    llama_3 = rows["versions"][0]
    assert llama_3["license"] == "llama-3"
    assert "outputs" in llama_3["differs"]
    assert "applies_to" in llama_3["overrides"]


def test_an_expanded_rule_is_the_rule_a_one_rule_file_holds() -> None:
    one = load_rule(ONE_RULE)
    (expanded,) = [r for r in builtin_rules() if r.id == one.id]
    assert _collapse(expanded.raw) == _collapse(one.raw)
    assert expanded.columns["prefix"] == "Llama"
    assert one.columns == {}


def test_every_shipped_file_and_every_expanded_rule_fits_the_schema() -> None:
    validator = jsonschema.Draft202012Validator(SCHEMA)
    for path in SHIPPED:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert not list(validator.iter_errors(data)), path
        assert list(validator.iter_errors({**data, "surprise": 1})), path
    for rule in builtin_rules():
        assert not list(validator.iter_errors(rule.raw)), rule.id
    assert not list(validator.iter_errors(yaml.safe_load(ONE_RULE.read_text(encoding="utf-8"))))


# -- the schema describes the predicate grammar ---------------------------------------------


def _alternatives() -> list[dict[str, Any]]:
    alternatives: list[dict[str, Any]] = SCHEMA["$defs"]["predicate"]["anyOf"]
    return alternatives


def test_the_schema_names_every_operator_with_a_title_and_description() -> None:
    keys = [a["x-key"] for a in _alternatives()]
    assert sorted(keys) == sorted([*OPERATORS, *COMPARISONS])
    for alternative in _alternatives():
        assert alternative["title"], alternative["x-key"]
        assert alternative["description"], alternative["x-key"]
        assert alternative["additionalProperties"] is False


def test_the_schema_lists_every_fact() -> None:
    assert SCHEMA["$defs"]["fact"]["enum"] == list(FACTS)
    evidence = [name for name in FACTS if name.startswith("attribution.")]
    assert SCHEMA["$defs"]["evidence"]["enum"] == evidence


def test_jsonschema_alone_rejects_a_misspelled_operator() -> None:
    rule = yaml.safe_load(ONE_RULE.read_text(encoding="utf-8"))
    rule["applies_to"] = {"alll": rule["applies_to"]["all"]}
    assert list(jsonschema.Draft202012Validator(SCHEMA).iter_errors(rule))


def _obligation_error(tmp_path: Path, name: str, old: str, new: str) -> RuleError:
    text = (OBLIGATIONS / f"{name}.yaml").read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    path = tmp_path / f"{name}.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(RuleError) as info:
        load_rule_file(path)
    return info.value


def _line_of(tmp_path: Path, name: str, marker: str) -> int:
    lines = (tmp_path / f"{name}.yaml").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if marker in line)


def test_a_misspelled_operator_is_named_with_the_right_one(tmp_path: Path) -> None:
    error = _obligation_error(tmp_path, "notice", "    all:\n", "    alll:\n")
    assert error.message == "unknown operator 'alll'"
    assert error.json_path == "$.definition.applies_to"
    assert (error.hint or "").startswith("did you mean 'all'?")
    assert error.line == _line_of(tmp_path, "notice", "  applies_to:")


@pytest.mark.parametrize(
    ("old", "new", "json_path", "message", "hint"),
    [
        (
            "{fact: component.delivery, ne: hosted}",
            "{fact: component.delivery, nee: hosted}",
            "$.definition.applies_to.all[2]",
            "a comparison needs `fact` and one of",
            "did you mean 'ne'?",
        ),
        (
            "{fact: component.delivery, ne: hosted}",
            "{fact: component.delivery, ne: hosted, eq: copies}",
            "$.definition.applies_to.all[2]",
            "a comparison has exactly one operator; found ne, eq",
            "wrap several",
        ),
        (
            "{fact: component.delivery, ne: hosted}",
            "{fact: component.delivry, ne: hosted}",
            "$.definition.applies_to.all[2].fact",
            "unknown fact 'component.delivry'",
            "did you mean 'component.delivery'?",
        ),
        (
            "      paths: attribution.notice",
            "      paths: attribution.notce",
            "$.definition.require.shows_text.paths",
            "unknown evidence fact 'attribution.notce'",
            "did you mean 'attribution.notice'?",
        ),
        (
            '      text: "{version.sentence}"',
            '      text: "{version.sentense}"',
            "$.definition.require",
            "{version.sentense} names a column that the llama-2 row does not have",
            "did you mean {version.sentence}?",
        ),
        (
            "  severity: error",
            "  severity: fatal",
            "$.definition.severity",
            "'fatal' is not allowed; expected one of",
            None,
        ),
        (
            "    name: Llama 3.1\n",
            "    name: Llama 3.1\n    nickname: Three One\n",
            "$.versions[2].nickname",
            "column 'nickname' of llama-3.1 is not used by the definition",
            "name it as {version.nickname}",
        ),
        (
            "“Llama 3.2 is licensed under the Llama 3.2 Community License, Copyright ©",
            "“Llama 3.2 is licensed under the Llama 3.2 Community License, Copyright (c)",
            "$.versions[3].quote",
            "the quote is not verbatim from the llama-3.2 agreement",
            "rules/licenses/llama-3.2/",
        ),
        (
            "  - license: llama-3.3\n    id: LLAMA-3.3-NOTICE",
            "  - license: llama-3.1\n    id: LLAMA-3.3-NOTICE",
            "$.versions[4].license",
            "the llama-3.1 row is out of order or given twice",
            "one row per version",
        ),
    ],
    ids=[
        "unknown-comparison",
        "two-comparisons",
        "unknown-fact",
        "unknown-evidence-fact",
        "unknown-column",
        "bad-enum",
        "unused-column",
        "misquote-in-a-row",
        "rows-out-of-order",
    ],
)
def test_errors_point_into_the_obligation_file(
    tmp_path: Path, old: str, new: str, json_path: str, message: str, hint: str | None
) -> None:
    error = _obligation_error(tmp_path, "notice", old, new)
    assert error.file == str(tmp_path / "notice.yaml")
    assert error.json_path == json_path
    assert message in error.message
    if hint is not None:
        assert hint in (error.hint or "")
    assert error.line is not None


def test_an_error_in_an_override_points_at_the_override(tmp_path: Path) -> None:
    error = _obligation_error(
        tmp_path,
        "model-name",
        "          - {fact: lineage.materials, eq: true}",
        "          - {fact: lineage.materialz, eq: true}",
    )
    assert error.json_path == "$.versions[0].overrides.applies_to.all[2].fact"
    assert error.line == _line_of(tmp_path, "model-name", "lineage.materialz")


def test_a_row_that_replaces_a_predicate_must_say_why(tmp_path: Path) -> None:
    text = (OBLIGATIONS / "model-name.yaml").read_text(encoding="utf-8")
    start = text.index("    differs: >-\n")
    end = text.index("    overrides:\n", start)
    (tmp_path / "model-name.yaml").write_text(text[:start] + text[end:], encoding="utf-8")
    with pytest.raises(RuleError) as info:
        load_rule_file(tmp_path / "model-name.yaml")
    assert info.value.message == "the llama-3 row overrides applies_to without saying why"
    assert info.value.json_path == "$.versions[0].overrides.applies_to"


def test_load_rule_wants_a_file_with_one_rule() -> None:
    with pytest.raises(RuleError) as info:
        load_rule(OBLIGATIONS / "notice.yaml")
    assert "holds 6 rules" in info.value.message


# -- an organisation's pack may use the obligation form too -----------------------------------

ACME = """\
obligation: acme-notice-review
versions:
  - license: llama-3.1
    id: ACME-3.1-NOTICE-REVIEW
    name: Llama 3.1
  - license: llama-3.2
    id: ACME-3.2-NOTICE-REVIEW
    name: Llama 3.2
definition:
  clause: 1.b.iii
  title: Legal has reviewed the {version.name} Notice of every distributed product
  severity: note
  quote: >-
    You must retain in all copies of the Llama Materials that you distribute the following
    attribution notice within a “Notice” text file distributed as a part of such copies:
  applies_to:
    all:
      - {fact: component.type, eq: product}
      - {fact: component.distributed, eq: true}
  require: {fact: component.delivery, eq: hosted}
  message: "{component.id} ships {version.name} copies; Acme Legal reviews its Notice."
  how_to_fix: Ask Acme Legal to review the Notice of {component.id}.
"""

ACME_TESTS = """\
obligation: acme-notice-review
versions:
  - {license: llama-3.1, base: meta-llama/Llama-3.1-8B}
  - {license: llama-3.2, base: meta-llama/Llama-3.2-3B}
cases:
  - name: a shipped {version.name} product is flagged
    manifest:
      version: 1
      components:
        - {id: base, type: model, ref: "{version.base}", distributed: false}
        - {id: app, type: product, contains: [base], distributed: true}
    expect:
      - {component: app, status: violation}
  - name: a hosted product is not
    manifest:
      version: 1
      components:
        - {id: base, type: model, ref: "{version.base}", distributed: false}
        - {id: app, type: product, contains: [base], distributed: true, delivery: hosted}
    expect:
      - {component: app, status: pass}
"""


def test_a_custom_pack_may_hold_an_obligation_file(tmp_path: Path) -> None:
    (tmp_path / "review.yaml").write_text(ACME, encoding="utf-8")
    (tmp_path / "review.tests.yaml").write_text(ACME_TESTS, encoding="utf-8")
    results = run_rule_file(tmp_path / "review.yaml")
    assert [(r.rule, r.ok) for r in results] == [
        ("ACME-3.1-NOTICE-REVIEW", True),
        ("ACME-3.1-NOTICE-REVIEW", True),
        ("ACME-3.2-NOTICE-REVIEW", True),
        ("ACME-3.2-NOTICE-REVIEW", True),
    ]
    assert results[2].case == "a shipped Llama 3.2 product is flagged"
    result = subprocess.run(
        [sys.executable, "-m", "llamalicense", "rules", "test", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 passed, 0 failed" in result.stdout


def test_fixture_rows_must_name_versions_the_obligation_has(tmp_path: Path) -> None:
    (tmp_path / "review.yaml").write_text(ACME, encoding="utf-8")
    bad = ACME_TESTS.replace("license: llama-3.2,", "license: llama-4,")
    (tmp_path / "review.tests.yaml").write_text(bad, encoding="utf-8")
    with pytest.raises(RuleError) as info:
        run_rule_file(tmp_path / "review.yaml")
    assert "no rule for 'llama-4'" in info.value.message


def test_a_fixture_placeholder_must_be_a_column(tmp_path: Path) -> None:
    (tmp_path / "review.yaml").write_text(ACME, encoding="utf-8")
    bad = ACME_TESTS.replace('"{version.base}"', '"{version.bse}"', 1)
    (tmp_path / "review.tests.yaml").write_text(bad, encoding="utf-8")
    with pytest.raises(RuleError) as info:
        run_rule_file(tmp_path / "review.yaml")
    assert "{version.bse}" in info.value.message


def test_a_version_without_fixture_cases_fails(tmp_path: Path) -> None:
    (tmp_path / "review.yaml").write_text(ACME, encoding="utf-8")
    one_row = ACME_TESTS.replace("  - {license: llama-3.2, base: meta-llama/Llama-3.2-3B}\n", "")
    (tmp_path / "review.tests.yaml").write_text(one_row, encoding="utf-8")
    results = run_rule_file(tmp_path / "review.yaml")
    assert [(r.rule, r.ok) for r in results if not r.ok] == [
        ("ACME-3.2-NOTICE-REVIEW", False),
        ("ACME-3.2-NOTICE-REVIEW", False),
    ]


def test_a_fixture_column_may_not_hide_the_rules(tmp_path: Path) -> None:
    (tmp_path / "review.yaml").write_text(ACME, encoding="utf-8")
    bad = ACME_TESTS.replace("{license: llama-3.1,", "{license: llama-3.1, name: Three,")
    (tmp_path / "review.tests.yaml").write_text(bad, encoding="utf-8")
    with pytest.raises(RuleError) as info:
        run_rule_file(tmp_path / "review.yaml")
    assert "'name' is also a column of the rule's row" in info.value.message
