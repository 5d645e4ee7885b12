"""SARIF 2.1.0: valid against the official OASIS schema and within GitHub code scanning's limits.

The schema is a verbatim copy kept under tests/data (source in tests/data/SARIF-SOURCE.md).
GitHub's rules come from "SARIF support for code scanning" (docs.github.com, section
"Supported SARIF output file properties") and the limits table in "SARIF results exceed
one or more limits"; each check below names the rule it enforces.
"""

from __future__ import annotations

import dataclasses
import gzip
import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import llamalicense
from integration_kit import (
    ROOT,
    cli,
    cli_process,
    manifest,
    notice_waiver,
    write_project,
)
from llamalicense.report.formats import RenderOptions, get
from llamalicense.report.formats.markdown import text as markdown_text
from llamalicense.report.formats.sarif import MAX_RESULTS

SCHEMA_COPY = ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"

# GitHub code scanning, "SARIF support for code scanning" and its limits table.
GITHUB_MAX_RUNS = 20
GITHUB_MAX_RESULTS = 25_000
GITHUB_MAX_RULES = 25_000
GITHUB_MAX_LOCATIONS = 10  # result.locations: "up to a maximum of 10"
GITHUB_MAX_TAGS = 20
GITHUB_SHOWN_TAGS = 10
GITHUB_MAX_RULE_NAME = 255
GITHUB_MAX_DESCRIPTION = 1024
GITHUB_MAX_GZIP_BYTES = 10 * 1024 * 1024
GITHUB_LEVELS = {"note", "warning", "error"}


@cache
def _validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA_COPY.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    validator: jsonschema.protocols.Validator = cls(schema, format_checker=cls.FORMAT_CHECKER)
    return validator


def assert_valid_sarif(document: dict[str, Any]) -> None:
    errors = sorted(_validator().iter_errors(document), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])


def assert_github_accepts(document: dict[str, Any], raw: str) -> None:
    """GitHub code scanning's documented requirements for an uploaded SARIF file."""
    # sarifLog: $schema, version and runs are required; only 2.1.0 is supported.
    assert document["$schema"]
    assert document["version"] == "2.1.0"
    assert 1 <= len(document["runs"]) <= GITHUB_MAX_RUNS
    assert len(gzip.compress(raw.encode("utf-8"))) <= GITHUB_MAX_GZIP_BYTES
    for run in document["runs"]:
        driver = run["tool"]["driver"]
        # toolComponent: name and rules[] are required; results[] is required on the run.
        assert driver["name"]
        assert isinstance(driver["rules"], list)
        assert isinstance(run["results"], list)
        assert len(driver["rules"]) <= GITHUB_MAX_RULES
        assert len(run["results"]) <= GITHUB_MAX_RESULTS
        ids = [rule["id"] for rule in driver["rules"]]
        assert len(ids) == len(set(ids)), "reportingDescriptor ids must be unique"
        for rule in driver["rules"]:
            _check_rule(rule)
        for result in run["results"]:
            _check_result(result, driver["rules"])


def _check_rule(rule: dict[str, Any]) -> None:
    # reportingDescriptor: id, shortDescription.text, fullDescription.text and help.text
    # are required ("the empty string is not supported for required properties").
    assert rule["id"]
    assert len(rule.get("name", "")) <= GITHUB_MAX_RULE_NAME
    # GitHub documents no length for ids; keep them within the limit it sets for names.
    assert len(rule["id"]) <= GITHUB_MAX_RULE_NAME
    for key in ("shortDescription", "fullDescription"):
        text = rule[key]["text"]
        assert text.strip(), f"{rule['id']}: empty {key}"
        assert len(text) <= GITHUB_MAX_DESCRIPTION, f"{rule['id']}: {key} is {len(text)} chars"
    assert rule["help"]["text"].strip()
    assert rule["defaultConfiguration"]["level"] in GITHUB_LEVELS
    tags = rule.get("properties", {}).get("tags", [])
    assert len(tags) <= GITHUB_SHOWN_TAGS <= GITHUB_MAX_TAGS
    assert all(isinstance(tag, str) and tag for tag in tags)


def _check_result(result: dict[str, Any], rules: list[dict[str, Any]]) -> None:
    # result: message.text, locations[] (1..10) and partialFingerprints are required.
    assert result["message"]["text"].strip()
    assert result["ruleId"]
    assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    assert result.get("level", "warning") in GITHUB_LEVELS
    assert 1 <= len(result["locations"]) <= GITHUB_MAX_LOCATIONS
    physical = result["locations"][0]["physicalLocation"]
    uri = physical["artifactLocation"]["uri"]
    assert uri
    assert "\\" not in uri
    assert uri.startswith("file:///") or not uri.startswith("/"), uri
    assert physical["region"]["startLine"] >= 1
    fingerprints = result["partialFingerprints"]
    assert fingerprints
    assert all(isinstance(v, str) and v for v in fingerprints.values())


def sarif_of(project: Path, *extra: str) -> tuple[dict[str, Any], str, int]:
    run = cli("check", ".", "--format", "sarif", *extra, cwd=project)
    assert run.err == "", run.err
    return json.loads(run.out), run.out, run.code


def results_by_rule(document: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {(r["ruleId"], r["properties"]["component"]): r for r in document["runs"][0]["results"]}


# -- the schema copy ------------------------------------------------------------------


def test_schema_copy_declares_draft_04_and_is_a_valid_schema() -> None:
    schema = json.loads(SCHEMA_COPY.read_text(encoding="utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-04/schema#"
    assert jsonschema.validators.validator_for(schema) is jsonschema.Draft4Validator
    jsonschema.Draft4Validator.check_schema(schema)
    source = (ROOT / "tests" / "data" / "SARIF-SOURCE.md").read_text(encoding="utf-8")
    assert "oasis-tcs/sarif-spec" in source
    assert "e0583813964ec43cea53b6b531b402866095ed1f" in source


def test_schema_copy_is_the_recorded_upstream_file_byte_for_byte() -> None:
    source = (ROOT / "tests" / "data" / "SARIF-SOURCE.md").read_text(encoding="utf-8")
    assert hashlib.sha256(SCHEMA_COPY.read_bytes()).hexdigest() in source


def test_the_validator_rejects_broken_sarif() -> None:
    """The schema check has teeth: a result without a message is refused."""
    broken = {
        "version": "2.1.0",
        "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"ruleId": "R"}]}],
    }
    assert list(_validator().iter_errors(broken))
    wrong_level = {
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "x"}},
                "results": [{"message": {"text": "m"}, "level": "fatal"}],
            }
        ],
    }
    assert list(_validator().iter_errors(wrong_level))


# -- validity in every situation -------------------------------------------------------

SITUATIONS = {
    "violations": {"data": manifest(notice=False)},
    "compliant": {"data": manifest()},
    "needs-review": {"data": manifest(mau=False)},
    "waived": {"data": manifest(notice=False), "waivers": [notice_waiver()]},
    "stale-waivers": {
        "data": manifest(),
        "waivers": [notice_waiver(), notice_waiver("2020-01-01", rule="LLAMA-3.1-AGREEMENT")],
    },
    "unknown-model": {
        "data": {
            "version": 1,
            "components": [
                {"id": "mystery", "type": "model", "ref": "meta-llama/Llama-9-1T"},
            ],
        }
    },
}


@pytest.mark.parametrize("situation", sorted(SITUATIONS))
def test_sarif_validates_and_github_accepts_it(tmp_path: Path, situation: str) -> None:
    spec = SITUATIONS[situation]
    project = write_project(tmp_path / "p", spec["data"], waivers=spec.get("waivers"))
    document, raw, _ = sarif_of(project)
    assert_valid_sarif(document)
    assert_github_accepts(document, raw)


def test_every_shipped_rule_fits_github_description_limits(tmp_path: Path) -> None:
    """All rules are described (rules_checked), so every rule's texts meet the limits."""
    project = write_project(tmp_path / "p")
    document, raw, _ = sarif_of(project)
    described = {rule["id"] for rule in document["runs"][0]["tool"]["driver"]["rules"]}
    report = llamalicense.check(project)
    assert set(report.rules_checked) <= described
    assert_github_accepts(document, raw)


def test_results_are_capped_below_githubs_limit_and_say_how_many_were_cut(
    tmp_path: Path,
) -> None:
    report = llamalicense.check(write_project(tmp_path / "p", manifest(notice=False)))
    (violation,) = [f for f in report.findings if f.status == "violation"]
    many = tuple(
        dataclasses.replace(violation, component=f"c{i:05d}") for i in range(MAX_RESULTS + 7)
    )
    big = dataclasses.replace(report, findings=many)
    raw = get("sarif")(big, RenderOptions(exit_code=1))
    document = json.loads(raw)
    run = document["runs"][0]
    assert len(run["results"]) == MAX_RESULTS <= GITHUB_MAX_RESULTS
    assert run["properties"]["truncated"] == 7
    assert_github_accepts(document, raw)


# -- what the results say ---------------------------------------------------------------


def test_one_reporting_descriptor_per_rule_with_clause_quote_and_fix(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", manifest(notice=False))
    document, _, _ = sarif_of(project)
    rules = {r["id"]: r for r in document["runs"][0]["tool"]["driver"]["rules"]}
    notice = rules["LLAMA-3.1-NOTICE"]
    assert notice["properties"]["clause"] == "1.b.iii"
    assert notice["properties"]["license"] == "llama-3.1"
    assert notice["properties"]["obligation"] == "notice"
    assert "Notice" in notice["properties"]["quote"]
    assert notice["properties"]["quote"] in notice["help"]["text"]
    assert "Fix:" in notice["help"]["text"]
    # The markdown help shows the quote with its markdown marks escaped (it is rule text).
    assert markdown_text(notice["properties"]["quote"]) in notice["help"]["markdown"]
    assert notice["defaultConfiguration"]["level"] == "error"


def test_results_point_at_the_component_line_in_the_manifest(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", manifest(notice=False))
    lines = (project / "llamalicense.yaml").read_text(encoding="utf-8").splitlines()
    line = 1 + next(i for i, text in enumerate(lines) if text.strip() == "- id: acme-chat")
    document, _, _ = sarif_of(project)
    result = results_by_rule(document)[("LLAMA-3.1-NOTICE", "acme-chat")]
    physical = result["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"]["uri"] == "llamalicense.yaml"
    assert physical["region"]["startLine"] == line
    assert result["locations"][0]["logicalLocations"][0]["name"] == "acme-chat"
    assert result["level"] == "error"
    assert result["kind"] == "fail"
    assert result["properties"]["path"] == [
        "acme-chat",
        "base",
        "meta-llama/Llama-3.1-8B-Instruct",
    ]


def test_uris_are_relative_to_where_the_check_runs(tmp_path: Path) -> None:
    write_project(tmp_path / "sub" / "project", manifest(notice=False))
    run = cli("check", "sub/project", "--format", "sarif", cwd=tmp_path)
    result = json.loads(run.out)["runs"][0]["results"][0]
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "sub/project/llamalicense.yaml"


def test_needs_review_is_a_warning_with_kind_review(tmp_path: Path) -> None:
    document, _, code = sarif_of(write_project(tmp_path / "p", manifest(mau=False)))
    result = results_by_rule(document)[("LLAMA-3.1-MAU", "base")]
    assert result["kind"] == "review"
    assert result["level"] == "warning"
    assert code == 0


def test_passes_are_not_results(tmp_path: Path) -> None:
    document, _, code = sarif_of(write_project(tmp_path / "p"))
    assert document["runs"][0]["results"] == []
    assert document["runs"][0]["properties"]["verdict"] == "compliant"
    assert code == 0


# -- fingerprints ---------------------------------------------------------------------


def _fingerprints(document: dict[str, Any]) -> dict[tuple[str, str], dict[str, str]]:
    return {key: r["partialFingerprints"] for key, r in results_by_rule(document).items()}


def test_fingerprints_are_stable_across_two_runs(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", manifest(notice=False, mau=False))
    first = cli_process("check", ".", "--format", "sarif", cwd=project)
    second = cli_process("check", ".", "--format", "sarif", cwd=project)
    assert first.returncode == second.returncode == 1
    assert first.stdout == second.stdout  # the whole document is reproducible
    fingerprints = _fingerprints(json.loads(first.stdout))
    assert len(fingerprints) >= 2
    values = [fp["llamalicenseFinding/v1"] for fp in fingerprints.values()]
    assert len(set(values)) == len(values), "each finding has its own fingerprint"


def test_fingerprints_survive_moving_lines_in_the_manifest(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", manifest(notice=False))
    before, _, _ = sarif_of(project)
    path = project / "llamalicense.yaml"
    path.write_text("# moved down by a comment\n\n" + path.read_text("utf-8"), "utf-8")
    after, _, _ = sarif_of(project)
    assert _fingerprints(before) == _fingerprints(after)
    key = ("LLAMA-3.1-NOTICE", "acme-chat")

    def line(document: dict[str, Any]) -> int:
        region = results_by_rule(document)[key]["locations"][0]["physicalLocation"]["region"]
        return int(region["startLine"])

    assert line(after) == line(before) + 2


def test_fingerprints_match_the_json_report(tmp_path: Path) -> None:
    """The same fingerprint serves baselines (JSON) and code scanning (SARIF)."""
    project = write_project(tmp_path / "p", manifest(notice=False))
    document, _, _ = sarif_of(project)
    report = cli("check", ".", "--format", "json", cwd=project).json()
    from_json = {(f["rule"], f["component"]): f["fingerprint"] for f in report["findings"]}
    for key, fp in _fingerprints(document).items():
        assert fp["llamalicenseFinding/v1"] == from_json[key]


# -- waivers and exit codes ---------------------------------------------------------------


def test_waived_findings_carry_suppressions(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", manifest(notice=False), waivers=[notice_waiver()])
    document, _, code = sarif_of(project)
    assert_valid_sarif(document)
    result = results_by_rule(document)[("LLAMA-3.1-NOTICE", "acme-chat")]
    assert result["properties"]["status"] == "waived"
    (suppression,) = result["suppressions"]
    assert suppression["kind"] == "external"
    assert suppression["status"] == "accepted"
    assert "LEGAL-112" in suppression["justification"]
    assert "legal@acme.example" in suppression["justification"]
    assert "2999-12-31" in suppression["justification"]
    others = [r for r in document["runs"][0]["results"] if r is not result]
    assert all("suppressions" not in r for r in others)
    assert code == 0  # the only violation is waived


def test_stale_waivers_are_results_located_in_the_waivers_file(tmp_path: Path) -> None:
    stale = notice_waiver("2020-01-01", rule="LLAMA-3.1-AGREEMENT")
    project = write_project(tmp_path / "p", manifest(), waivers=[stale])
    document, _, _ = sarif_of(project)
    (result,) = document["runs"][0]["results"]
    assert result["ruleId"] == "LLAMALICENSE-WAIVER"
    physical = result["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"]["uri"] == "llamalicense-waivers.yaml"
    assert physical["region"]["startLine"] >= 1
    assert "expired" in result["message"]["text"]
    assert "suppressions" not in result


@pytest.mark.parametrize(
    ("data", "fail_on", "expected"),
    [
        (manifest(notice=False), "violation", 1),
        (manifest(), "violation", 0),
        (manifest(mau=False), "violation", 0),
        (manifest(mau=False), "needs-review", 1),
    ],
    ids=["violation", "compliant", "review-not-gated", "review-gated"],
)
def test_invocation_exit_code_is_the_cli_exit_code(
    tmp_path: Path, data: dict[str, Any], fail_on: str, expected: int
) -> None:
    project = write_project(tmp_path / "p", data)
    result = cli_process("check", ".", "--format", "sarif", "--fail-on", fail_on, cwd=project)
    assert result.returncode == expected, result.stderr
    (invocation,) = json.loads(result.stdout)["runs"][0]["invocations"]
    assert invocation["exitCode"] == result.returncode
    assert invocation["executionSuccessful"] is True


def test_write_sarif_matches_format_sarif(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", manifest(notice=False))
    run = cli("check", ".", "--format", "sarif", "--write", "sarif:out/report.sarif", cwd=project)
    assert run.code == 1
    assert (project / "out" / "report.sarif").read_text(encoding="utf-8") == run.out


def test_the_run_says_what_a_compliant_verdict_rests_on_as_json_does(tmp_path: Path) -> None:
    """The verdict line's "rests on" (the declared facts, the files, each review record used)
    is in SARIF's run properties too, and the document stays valid SARIF 2.1.0."""
    example = ROOT / "examples" / "compliant-finetune"
    document, raw, code = sarif_of(example)
    assert code == 0
    assert_valid_sarif(document)
    assert_github_accepts(document, raw)
    report = cli("check", ".", "--format", "json", cwd=example).json()
    assert report["verdict"] == "compliant"
    rests_on = document["runs"][0]["properties"]["rests_on"]
    assert rests_on == report["rests_on"]
    assert any(part.startswith("the review by ") for part in rests_on)
