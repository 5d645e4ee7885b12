"""Facts worded for people: every fact a rule can name has a wording, the reports for people
show it, and JSON and SARIF keep the machine's names with the wording beside."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import llamalicense
from integration_kit import cli, manifest, write_project
from llamalicense.policy.facts import FACTS
from llamalicense.policy.wording import WORDINGS, worded
from llamalicense.report.formats import RenderOptions, get

SCHEMA = Path(llamalicense.__file__).parent / "schemas" / "rule.schema.json"


def _schema_facts() -> list[str]:
    facts: list[str] = json.loads(SCHEMA.read_text("utf-8"))["$defs"]["fact"]["enum"]
    return facts


def test_every_fact_of_the_rule_schema_has_a_wording() -> None:
    assert sorted(_schema_facts()) == sorted(WORDINGS)
    assert sorted(FACTS) == sorted(WORDINGS)


@pytest.mark.parametrize("name", sorted(WORDINGS))
def test_no_wording_names_the_fact_itself(name: str) -> None:
    samples: list[Any] = [True, False, None, (), ("a", "b"), "x", 716_750_000]
    for value in samples:
        assert name not in worded(name, value)


def test_the_examples_wording() -> None:
    assert (
        worded("lineage.other_parents", ())
        == "the model has no parent other than the Llama release or its derivatives"
    )
    assert worded("component.distributed", False) == (
        "it is not distributed or made available to others"
    )
    assert worded("licensee.max_mau", 250_000) == (
        "the declared ceiling on monthly active users is 250,000"
    )
    assert worded("component.name_base", "MedCoder-8B") == (
        "its name without the Hub namespace is 'MedCoder-8B'"
    )


def _merge_project(tmp_path: Path) -> Path:
    """A Llama 3 fine-tune: the no-other-LLMs rule passes on "other_parents is empty"."""
    data = {
        "version": 1,
        "licensee": {"name": "Acme", "country": "US", "max_monthly_active_users": 1000},
        "components": [
            {"id": "base", "type": "model", "ref": "meta-llama/Meta-Llama-3-8B"},
            {
                "id": "tuned",
                "type": "model",
                "derived_from": [{"id": "base", "relation": "finetune"}],
                "large_language_model": True,
                "distributed": False,
            },
        ],
    }
    return write_project(tmp_path / "p", data)


def test_text_markdown_html_and_explain_show_the_wording(tmp_path: Path) -> None:
    project = _merge_project(tmp_path)
    worded_pass = (
        "Satisfied: the model has no parent other than the Llama release or its derivatives"
    )
    text = cli("check", ".", "--show", "all", cwd=project).out
    assert worded_pass in text
    assert "lineage.other_parents is empty" not in text
    report = llamalicense.check(project)
    for fmt in ("markdown", "html"):
        rendered = get(fmt)(report, RenderOptions(show="all"))
        assert "lineage.other_parents is empty" not in rendered
    html = get("html")(report, RenderOptions(show="all"))
    assert "the model has no parent other than the Llama release" in html
    explained = cli("check", ".", "--explain", cwd=project).err
    assert "lineage.other_parents exists False: the model has no parent other than" in explained


def test_json_and_sarif_keep_the_machine_names_with_the_wording_beside(tmp_path: Path) -> None:
    project = _merge_project(tmp_path)
    findings = cli("check", ".", "--format", "json", "--all", cwd=project).json()["findings"]
    (other,) = [
        f for f in findings if f["rule"] == "LLAMA-3-OTHER-LLMS" and f["component"] == "tuned"
    ]
    assert other["reason"] == "lineage.other_parents is empty"
    assert other["why"] == (
        "the model has no parent other than the Llama release or its derivatives"
    )
    node = other["explanation"]["require"]["children"][0]["children"][1]
    assert node["detail"] == "lineage.other_parents is empty"
    assert node["why"].startswith("the model has no parent")
    sarif_project = write_project(tmp_path / "s", manifest(notice=False))
    run = cli("check", ".", "--format", "sarif", cwd=sarif_project).json()["runs"][0]
    (notice,) = [r for r in run["results"] if r["ruleId"] == "LLAMA-3.1-NOTICE"]
    assert notice["properties"]["why"]
    assert "status" in notice["properties"]  # the machine fields stay
