"""Golden files for the text and JSON reports, and the JSON report's schema.

The reports of ``tests/data/golden-project`` are compared byte for byte with the files in
``tests/golden/``. After an intended change, rewrite them with::

    .venv/bin/python -m pytest tests/end_to_end/test_golden.py --update-golden

and review the diff like any other change.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import llamalicense
from llamalicense.model.findings import Report
from llamalicense.report.formats import RenderOptions, get

ROOT = Path(__file__).resolve().parent.parent.parent
PROJECT = Path("tests") / "data" / "golden-project"  # relative: paths in the report stay stable
GOLDEN = ROOT / "tests" / "golden"
SCHEMA = ROOT / "llamalicense" / "schemas" / "report.schema.json"


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "LLAMALICENSE_DEBUG")}
    env["NO_COLOR"] = "1"
    return subprocess.run(
        [sys.executable, "-m", "llamalicense", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        env=env,
        check=False,
    )


def _compare(name: str, actual: str, update: bool) -> None:
    golden = GOLDEN / name
    if update:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(actual.encode("utf-8"))
        return
    assert golden.is_file(), f"{golden} is missing; run pytest --update-golden"
    expected = golden.read_bytes().decode("utf-8")
    assert actual == expected, (
        f"{name} differs from the golden file; if the change is intended, run "
        "`pytest tests/end_to_end/test_golden.py --update-golden` and review the diff"
    )


@pytest.mark.parametrize(
    ("fmt", "suffix", "extra"),
    [("text", "txt", ()), ("text", "all.txt", ("--show", "all")), ("json", "json", ())],
)
def test_golden_report(fmt: str, suffix: str, extra: tuple[str, ...], update_golden: bool) -> None:
    result = _cli("check", str(PROJECT), "--format", fmt, *extra)
    assert result.returncode == 1, result.stderr  # the project has a violation on purpose
    assert result.stderr == ""
    assert str(ROOT) not in result.stdout  # no absolute paths: the golden file is portable
    _compare(f"golden-project.{suffix}", result.stdout, update_golden)


def test_golden_project_has_each_status() -> None:
    # Guards the fixture itself: the golden files should show every kind of finding.
    report = llamalicense.check(ROOT / PROJECT)
    assert report.verdict == "non-compliant"
    assert {f.status for f in report.findings} >= {"violation", "needs-review", "pass"}
    violation = next(f for f in report.findings if f.status == "violation")
    assert (violation.rule, violation.component) == ("LLAMA-3.1-MODEL-NAME", "acme-mini")
    assert violation.path == (
        "acme-mini",
        "synth-qa",
        "base",
        "meta-llama/Llama-3.1-8B-Instruct",
    )


def test_report_paths_do_not_depend_on_the_working_directory(tmp_path: Path) -> None:
    # From inside the project with ".", the manifest is named relative to there.
    result = subprocess.run(
        [sys.executable, "-m", "llamalicense", "check", ".", "--format", "json"],
        cwd=ROOT / PROJECT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    data = json.loads(result.stdout)
    assert data["manifest"] == "llamalicense.yaml"
    assert {c["source"] for c in data["components"]} == {"llamalicense.yaml"}
    golden = json.loads((GOLDEN / "golden-project.json").read_text(encoding="utf-8"))
    # Apart from where the manifest is named, the report is the same.
    for key in ("verdict", "summary", "edges", "rules_checked"):
        assert data[key] == golden[key]
    assert [f["fingerprint"] for f in data["findings"]] == [
        f["fingerprint"] for f in golden["findings"]
    ]


def test_reports_do_not_depend_on_hash_randomisation() -> None:
    outputs = set()
    for seed in ("0", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run(
            [sys.executable, "-m", "llamalicense", "check", str(PROJECT), "-f", "json", "--all"],
            cwd=ROOT,
            capture_output=True,
            timeout=120,
            env=env,
            check=False,
        )
        assert result.returncode == 1
        outputs.add(result.stdout)
    assert len(outputs) == 1


# -- the JSON report's schema ------------------------------------------------------------


@cache
def _validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    validator: jsonschema.protocols.Validator = cls(schema)
    return validator


def _assert_valid(document: Any) -> None:
    errors = sorted(_validator().iter_errors(document), key=lambda e: list(map(str, e.path)))
    assert not errors, "\n".join(
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors[:10]
    )


def _json(report: Report) -> Any:
    return json.loads(get("json")(report, RenderOptions()))


def test_schema_is_shipped_in_the_package() -> None:
    from importlib import resources

    text = resources.files("llamalicense").joinpath("schemas/report.schema.json").read_text("utf-8")
    assert json.loads(text)["$id"].endswith("report-1.json")


def test_golden_json_matches_the_schema() -> None:
    _assert_valid(json.loads((GOLDEN / "golden-project.json").read_text(encoding="utf-8")))


def test_not_applicable_findings_match_the_schema() -> None:
    report = llamalicense.check(ROOT / PROJECT, include_not_applicable=True)
    assert any(f.status == "not-applicable" for f in report.findings)
    _assert_valid(_json(report))


def test_unknown_model_finding_matches_the_schema(tmp_path: Path) -> None:
    manifest = {
        "version": 1,
        "components": [{"id": "ghost", "type": "model", "ref": "meta-llama/Llama-9-1T"}],
    }
    report = llamalicense.check(manifest, root=tmp_path)
    assert [f.license for f in report.findings] == [None]
    _assert_valid(_json(report))


def test_waived_and_baseline_reports_match_the_schema(tmp_path: Path) -> None:
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(
        "waivers:\n"
        "  - rule: LLAMA-3.1-MODEL-NAME\n"
        "    component: acme-mini\n"
        "    reason: renamed in release 2.0 (ticket LEGAL-7)\n"
        "    approved_by: legal@acme.example\n"
        "    expires: 2030-12-31\n"
        "  - obligation: notice\n"
        "    component: acme-mini\n"
        "    reason: stale on purpose\n"
        "    approved_by: legal@acme.example\n"
        "    expires: 2020-01-01\n",
        encoding="utf-8",
    )
    report = llamalicense.check(ROOT / PROJECT, waivers=waivers, today=dt.date(2026, 1, 1))
    statuses = {f.status for f in report.findings}
    assert "waived" in statuses
    document = _json(report)
    assert any("waiver" in f for f in document["findings"])
    _assert_valid(document)
    baseline = tmp_path / "baseline.json"
    baseline.write_text(get("json")(report, RenderOptions()), encoding="utf-8")
    again = _json(llamalicense.check(ROOT / PROJECT, waivers=False, baseline=baseline))
    assert again["baseline"]["left_out"] >= 1
    _assert_valid(again)


def test_every_example_report_matches_the_schema() -> None:
    examples = sorted(p for p in (ROOT / "examples").glob("*/llamalicense.yaml"))
    if not examples:
        pytest.skip("no examples yet")
    for manifest in examples:
        _assert_valid(_json(llamalicense.check(manifest)))


def test_schema_rejects_fields_it_does_not_describe() -> None:
    document = json.loads((GOLDEN / "golden-project.json").read_text(encoding="utf-8"))
    document["findings"][0]["surprise"] = 1
    assert list(_validator().iter_errors(document))
    document = json.loads((GOLDEN / "golden-project.json").read_text(encoding="utf-8"))
    document["findings"][0]["status"] = "fine"
    assert list(_validator().iter_errors(document))
    del document["findings"][0]["status"]
    document["components"][0].pop("licenses")
    assert list(_validator().iter_errors(document))


def test_schema_describes_every_field_it_declares() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    report = _json(llamalicense.check(ROOT / PROJECT))
    assert set(report) | {"baseline"} == set(schema["properties"])
    finding_fields = set(schema["$defs"]["finding"]["properties"])
    for finding in report["findings"]:
        assert set(finding) <= finding_fields
        assert set(schema["$defs"]["finding"]["required"]) <= set(finding)
    # `evidence` is written for discovered components only (a manifest's facts are declared)
    assert set(report["components"][0]) | {"evidence"} == set(
        schema["$defs"]["component"]["properties"]
    )
    discovered = _json(llamalicense.check(ROOT / "tests" / "data" / "cards"))
    with_evidence = [c for c in discovered["components"] if "evidence" in c]
    assert with_evidence
    assert set(with_evidence[0]) == set(schema["$defs"]["component"]["properties"])
    evidence_fields = set(schema["$defs"]["evidence"]["properties"])
    assert all(set(e) <= evidence_fields for c in with_evidence for e in c["evidence"])
    edges = [e for e in discovered["edges"] if "evidence" in e]
    assert edges
    assert set(edges[0]) == set(schema["$defs"]["edge"]["properties"])
