"""Every Llama version's rules, and the differences between versions that matter.

The must-fire / must-not-fire cases of each rule live beside it (rules/obligations/*.tests.yaml,
run by test_rule_fixtures.py). Here: each pack has the rules its agreement calls for, the
same project evaluated under different versions gets different duties, and a project that
mixes versions gets each version's duties, named by version.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from llamalicense.catalog.data import license_versions, rules_dir
from llamalicense.engine.evaluate import evaluate
from llamalicense.model.findings import Report
from llamalicense.policy.rules import builtin_rules, quote_is_verbatim
from llamalicense.project.manifest import load_manifest, project_from_mapping

ROOT = Path(__file__).resolve().parent.parent.parent
MIXED = ROOT / "examples" / "mixed-versions"
NOTICE = (
    "{name} is licensed under the {name} Community License, Copyright © Meta Platforms, Inc. "
    "All Rights Reserved."
)

PACKS = {
    "llama-2": {"AGREEMENT", "NOTICE", "OTHER-LLMS", "MAU"},
    "llama-3": {"AGREEMENT", "BUILT-WITH", "MODEL-NAME", "NOTICE", "OTHER-LLMS", "MAU"},
    "llama-3.1": {"AGREEMENT", "BUILT-WITH", "MODEL-NAME", "NOTICE", "MAU"},
    "llama-3.2": {"AGREEMENT", "BUILT-WITH", "MODEL-NAME", "NOTICE", "MAU", "EU-MULTIMODAL"},
    "llama-3.3": {"AGREEMENT", "BUILT-WITH", "MODEL-NAME", "NOTICE", "MAU", "EU-MULTIMODAL"},
    "llama-4": {"AGREEMENT", "BUILT-WITH", "MODEL-NAME", "NOTICE", "MAU", "EU-MULTIMODAL"},
}


def run(manifest: dict[str, Any], root: Path) -> Report:
    """License rules only: the AUP classifier is not what these tests are about."""
    project = project_from_mapping(manifest, root)
    return evaluate(project, builtin_rules(), include_not_applicable=True, check_aup=False)


def status(report: Report, rule: str, component: str) -> str:
    found = [f.status for f in report.findings if f.rule == rule and f.component == component]
    assert len(found) <= 1, (rule, component, found)
    return found[0] if found else "absent"


def open_findings(report: Report) -> set[tuple[str, str, str]]:
    return {
        (f.rule, f.component, f.status)
        for f in report.findings
        if f.status in ("violation", "needs-review")
    }


# -- the packs ------------------------------------------------------------------------


def test_each_version_has_the_rules_its_agreement_calls_for() -> None:
    by_license: dict[str, set[str]] = {v: set() for v in PACKS}
    for rule in builtin_rules():
        prefix = f"LLAMA-{rule.license.removeprefix('llama-')}-"
        assert rule.id.startswith(prefix), rule.id
        by_license[rule.license].add(rule.id.removeprefix(prefix))
    assert by_license == PACKS


@pytest.mark.parametrize("license_id", sorted(PACKS))
def test_rules_quote_their_own_version(license_id: str) -> None:
    for rule in builtin_rules():
        if rule.license != license_id:
            continue
        source = rule.raw.get("quote_source", "agreement")
        assert quote_is_verbatim(rule.quote, license_id, source), rule.id
        others = [v for v in PACKS if v != license_id]
        if rule.obligation in ("notice", "mau", "eu-multimodal"):
            # These sentences name their version, so no other text holds them.
            assert not any(quote_is_verbatim(rule.quote, v, source) for v in others), rule.id


def test_llama_2_notice_uses_c_and_the_rest_the_copyright_sign() -> None:
    notices = {
        r.license: r.raw["require"]["shows_text"]["text"]
        for r in builtin_rules()
        if r.obligation == "notice"
    }
    assert notices["llama-2"] == (
        "Llama 2 is licensed under the LLAMA 2 Community License, Copyright (c) Meta Platforms, "
        "Inc. All Rights Reserved."
    )
    assert notices["llama-3"] == NOTICE.format(name="Meta Llama 3")
    for version in ("3.1", "3.2", "3.3", "4"):
        assert notices[f"llama-{version}"] == NOTICE.format(name=f"Llama {version}")


def test_each_mau_rule_reads_its_own_month(tmp_path: Path) -> None:
    months = {
        "llama-2": "2023-06",
        "llama-3": "2024-03",
        "llama-3.1": "2024-06",
        "llama-3.2": "2024-08",
        "llama-3.3": "2024-11",
        "llama-4": "2025-03",
    }
    assert {v: license_versions()[v].mau_month for v in months} == months
    refs = {
        "llama-2": "meta-llama/Llama-2-7b-hf",
        "llama-3": "meta-llama/Meta-Llama-3-8B",
        "llama-3.1": "meta-llama/Llama-3.1-8B",
        "llama-3.2": "meta-llama/Llama-3.2-1B",
        "llama-3.3": "meta-llama/Llama-3.3-70B-Instruct",
        "llama-4": "meta-llama/Llama-4-Scout-17B-16E",
    }
    components = [
        {"id": v, "type": "model", "ref": ref, "distributed": False} for v, ref in refs.items()
    ]
    over = [{"month": m, "count": 800_000_000} for m in months.values()]
    report = run(
        {
            "version": 1,
            "licensee": {"name": "Giant", "monthly_active_users": over},
            "components": components,
        },
        tmp_path,
    )
    for license_id, month in months.items():
        rule = f"LLAMA-{license_id.removeprefix('llama-')}-MAU"
        finding = next(f for f in report.findings if f.rule == rule)
        assert finding.status == "violation"
        assert finding.license == license_id
        assert month in finding.message


# -- one manifest, Llama 3 against Llama 3.1 ------------------------------------------


def _llama3_vs_31(base_ref: str) -> dict[str, Any]:
    """A fine-tune named "Llama-Acme", a student trained on synthetic data, a product."""
    return {
        "version": 1,
        "licensee": {"name": "Acme", "country": "US", "max_monthly_active_users": 10_000},
        "components": [
            {"id": "base", "type": "model", "ref": base_ref, "distributed": False},
            {
                "id": "tuned",
                "type": "model",
                "name": "Llama-Acme-8B",
                "distributed": True,
                "derived_from": [{"id": "base", "relation": "finetune"}],
                "attribution": {
                    "agreement": "LICENSE",
                    "notice": "NOTICE",
                    "built_with_llama": "about.md",
                },
            },
            {"id": "synth", "type": "dataset", "generated_by": ["base"]},
            {
                "id": "student",
                "type": "model",
                "name": "Acme-Mini",
                "distributed": True,
                "trained_on": ["synth"],
                "large_language_model": True,
            },
            {
                "id": "app",
                "type": "product",
                "contains": ["tuned"],
                "distributed": True,
                "delivery": "hosted",
                "attribution": {"agreement": "LICENSE", "built_with_llama": "about.md"},
            },
        ],
    }


def test_one_manifest_under_llama_3_and_llama_3_1(tmp_path: Path) -> None:
    (tmp_path / "about.md").write_text("Acme Chat is Built with Llama.\n", encoding="utf-8")
    under3 = tmp_path / "three"
    under31 = tmp_path / "three-one"
    for folder, version, name in (
        (under3, "llama-3", "Meta Llama 3"),
        (under31, "llama-3.1", "Llama 3.1"),
    ):
        folder.mkdir()
        shutil.copy(rules_dir() / license_versions()[version].agreement, folder / "LICENSE")
        shutil.copy(tmp_path / "about.md", folder / "about.md")
        (folder / "NOTICE").write_text(NOTICE.format(name=name) + "\n", encoding="utf-8")
    llama3 = run(_llama3_vs_31("meta-llama/Meta-Llama-3-8B-Instruct"), under3)
    llama31 = run(_llama3_vs_31("meta-llama/Llama-3.1-8B-Instruct"), under31)

    # "Built with Llama" is the 3.1 wording; Llama 3 asks for "Built with Meta Llama 3".
    assert status(llama3, "LLAMA-3-BUILT-WITH", "app") == "violation"
    # Found; whether it is prominent is for a person (a review record), so not yet a pass.
    assert status(llama31, "LLAMA-3.1-BUILT-WITH", "app") == "needs-review"
    # The name prefix is "Llama 3" for Llama 3, "Llama" from 3.1 on.
    assert status(llama3, "LLAMA-3-MODEL-NAME", "tuned") == "violation"
    assert status(llama31, "LLAMA-3.1-MODEL-NAME", "tuned") == "pass"
    # Outputs trigger the name rule from 3.1 on only ...
    assert status(llama3, "LLAMA-3-MODEL-NAME", "student") == "not-applicable"
    assert status(llama31, "LLAMA-3.1-MODEL-NAME", "student") == "violation"
    # ... while Llama 3 (clause 1.b.v) forbids improving another LLM with its outputs at all.
    assert status(llama3, "LLAMA-3-OTHER-LLMS", "student") == "violation"
    assert not any(f.obligation == "no-improving-other-llms" for f in llama31.findings)
    # The same duties hold in both: agreement copy and Notice.
    assert status(llama3, "LLAMA-3-AGREEMENT", "tuned") == "pass"
    assert status(llama31, "LLAMA-3.1-AGREEMENT", "tuned") == "pass"
    assert status(llama3, "LLAMA-3-NOTICE", "tuned") == "pass"
    assert status(llama31, "LLAMA-3.1-NOTICE", "tuned") == "pass"
    assert {f.license for f in llama3.findings} == {"llama-3"}
    assert {f.license for f in llama31.findings} == {"llama-3.1"}


# -- clause 1.b.v ---------------------------------------------------------------------


def _synthetic_data_for(base: dict[str, Any]) -> dict[str, Any]:
    return {
        "version": 1,
        "components": [
            {
                "id": "teacher",
                "type": "model",
                "ref": "meta-llama/Llama-2-70b-chat-hf",
                "distributed": False,
            },
            {"id": "synth", "type": "dataset", "generated_by": ["teacher"]},
            base,
            {
                "id": "student",
                "type": "model",
                "large_language_model": True,
                "distributed": False,
                "derived_from": [{"id": base["id"], "relation": "finetune"}],
                "trained_on": ["synth"],
            },
        ],
    }


def test_llama_2_outputs_fine_tune_mistral_fires_1bv(tmp_path: Path) -> None:
    mistral = {"id": "mistral", "type": "model", "ref": "mistralai/Mistral-7B-v0.1"}
    report = run(_synthetic_data_for(mistral), tmp_path)
    finding = next(
        f for f in report.findings if f.rule == "LLAMA-2-OTHER-LLMS" and f.component == "student"
    )
    assert finding.status == "violation"
    assert finding.clause == "1.b.v"
    assert finding.obligation == "no-improving-other-llms"
    assert finding.path == ("student", "synth", "teacher", "meta-llama/Llama-2-70b-chat-hf")


def test_the_same_data_on_a_llama_2_derivative_does_not(tmp_path: Path) -> None:
    llama = {
        "id": "llama",
        "type": "model",
        "ref": "meta-llama/Llama-2-7b-hf",
        "distributed": False,
    }
    report = run(_synthetic_data_for(llama), tmp_path)
    assert status(report, "LLAMA-2-OTHER-LLMS", "student") == "pass"


def test_1bv_without_the_llm_field_is_needs_review(tmp_path: Path) -> None:
    mistral = {"id": "mistral", "type": "model", "ref": "mistralai/Mistral-7B-v0.1"}
    manifest = _synthetic_data_for(mistral)
    del manifest["components"][-1]["large_language_model"]
    finding = next(f for f in run(manifest, tmp_path).findings if f.rule == "LLAMA-2-OTHER-LLMS")
    assert finding.status == "needs-review"
    assert "large_language_model" in finding.reason


# -- the EU paragraph -----------------------------------------------------------------


def _vision_user(country: str, received_as: str = "direct") -> dict[str, Any]:
    return {
        "version": 1,
        "licensee": {"name": "Licensee", "country": country},
        "components": [
            {
                "id": "vision",
                "type": "model",
                "ref": "meta-llama/Llama-3.2-11B-Vision-Instruct",
                "received_as": received_as,
                "distributed": False,
            },
        ],
    }


@pytest.mark.parametrize(
    ("country", "received_as", "expected"),
    [
        ("FR", "direct", "violation"),  # a French company using the model itself
        ("CH", "direct", "pass"),  # Switzerland only picks Meta Platforms Ireland
        ("FR", "integrated-end-user-product", "pass"),  # a French end user of a product
    ],
)
def test_eu_paragraph(tmp_path: Path, country: str, received_as: str, expected: str) -> None:
    report = run(_vision_user(country, received_as), tmp_path)
    finding = next(f for f in report.findings if f.rule == "LLAMA-3.2-EU-MULTIMODAL")
    assert finding.status == expected
    assert finding.clause == "AUP EU"
    assert finding.obligation == "eu-multimodal"
    if expected == "violation":
        assert "FR" in finding.message


def test_eu_paragraph_does_not_touch_llama_3_1(tmp_path: Path) -> None:
    manifest = _vision_user("FR")
    manifest["components"][0]["ref"] = "meta-llama/Llama-3.1-8B-Instruct"
    assert not any(f.obligation == "eu-multimodal" for f in run(manifest, tmp_path).findings)


# -- several versions in one project ----------------------------------------------------


def _product_with_31_and_32(agreements: list[str]) -> dict[str, Any]:
    return {
        "version": 1,
        "licensee": {"name": "Acme", "country": "US", "max_monthly_active_users": 10_000},
        "components": [
            {
                "id": "chat",
                "type": "model",
                "ref": "meta-llama/Llama-3.1-8B-Instruct",
                "distributed": False,
            },
            {
                "id": "vision",
                "type": "model",
                "ref": "meta-llama/Llama-3.2-11B-Vision-Instruct",
                "distributed": False,
            },
            {
                "id": "app",
                "type": "product",
                "contains": ["chat", "vision"],
                "distributed": True,
                "attribution": {"agreement": agreements, "notice": "NOTICE"},
            },
        ],
    }


def _official(version: str) -> Path:
    return rules_dir() / license_versions()[version].agreement


def test_a_product_needs_one_notice_sentence_per_version(tmp_path: Path) -> None:
    (tmp_path / "NOTICE").write_text(NOTICE.format(name="Llama 3.1") + "\n", encoding="utf-8")
    report = run(_product_with_31_and_32([]), tmp_path)
    assert status(report, "LLAMA-3.1-NOTICE", "app") == "pass"
    assert status(report, "LLAMA-3.2-NOTICE", "app") == "violation"
    with (tmp_path / "NOTICE").open("a", encoding="utf-8") as handle:
        handle.write(NOTICE.format(name="Llama 3.2") + "\n")
    report = run(_product_with_31_and_32([]), tmp_path)
    assert status(report, "LLAMA-3.1-NOTICE", "app") == "pass"
    assert status(report, "LLAMA-3.2-NOTICE", "app") == "pass"


def test_a_product_needs_one_agreement_copy_per_version(tmp_path: Path) -> None:
    shutil.copy(_official("llama-3.1"), tmp_path / "LLAMA-3.1.txt")
    shutil.copy(_official("llama-3.2"), tmp_path / "LLAMA-3.2.txt")
    report = run(_product_with_31_and_32(["LLAMA-3.1.txt"]), tmp_path)
    assert status(report, "LLAMA-3.1-AGREEMENT", "app") == "pass"
    finding = next(f for f in report.findings if f.rule == "LLAMA-3.2-AGREEMENT")
    assert finding.status == "violation"
    assert "Llama 3.1" in finding.reason  # the 3.1 copy is recognised, and is not the 3.2 one
    report = run(_product_with_31_and_32(["LLAMA-3.1.txt", "LLAMA-3.2.txt"]), tmp_path)
    assert status(report, "LLAMA-3.1-AGREEMENT", "app") == "pass"
    assert status(report, "LLAMA-3.2-AGREEMENT", "app") == "pass"


def test_findings_name_the_version_and_its_path(tmp_path: Path) -> None:
    report = run(_product_with_31_and_32([]), tmp_path)
    app = next(c for c in report.components if c.id == "app")
    assert app.licenses == ("llama-3.1", "llama-3.2")
    for finding in report.findings:
        if finding.component == "app" and finding.status != "not-applicable":
            version = finding.license.removeprefix("llama-") if finding.license else ""
            assert finding.rule.startswith(f"LLAMA-{version}-")
            release = (
                "meta-llama/Llama-3.1-8B-Instruct"
                if version == "3.1"
                else "meta-llama/Llama-3.2-11B-Vision-Instruct"
            )
            assert finding.path[-1] == release


def test_a_merge_of_two_versions_carries_both(tmp_path: Path) -> None:
    manifest = {
        "version": 1,
        "components": [
            {"id": "l31", "type": "model", "ref": "meta-llama/Llama-3.1-8B", "distributed": False},
            {
                "id": "l3",
                "type": "model",
                "ref": "meta-llama/Meta-Llama-3-8B",
                "distributed": False,
            },
            {
                "id": "l31-tuned",
                "type": "model",
                "derived_from": [{"id": "l31", "relation": "finetune"}],
                "distributed": False,
            },
            {
                "id": "l3-tuned",
                "type": "model",
                "derived_from": [{"id": "l3", "relation": "finetune"}],
                "distributed": False,
            },
            {
                "id": "merged",
                "type": "model",
                "name": "Llama 3 Acme Merge",
                "distributed": True,
                "large_language_model": True,
                "derived_from": [
                    {"id": "l31-tuned", "relation": "merge"},
                    {"id": "l3-tuned", "relation": "merge"},
                ],
            },
        ],
    }
    report = run(manifest, tmp_path)
    merged = next(c for c in report.components if c.id == "merged")
    assert merged.licenses == ("llama-3", "llama-3.1")
    # Both versions' duties: two agreements, two Notice sentences, both name rules.
    for rule in ("AGREEMENT", "NOTICE"):
        assert status(report, f"LLAMA-3-{rule}", "merged") == "violation"
        assert status(report, f"LLAMA-3.1-{rule}", "merged") == "violation"
    assert status(report, "LLAMA-3-MODEL-NAME", "merged") == "pass"  # "Llama 3 ..." fits both
    assert status(report, "LLAMA-3.1-MODEL-NAME", "merged") == "pass"
    # Llama 3's 1.b.v: the Llama 3.1 parent is "another" model; whether merging improves it
    # is for a person.
    finding = next(
        f for f in report.findings if f.rule == "LLAMA-3-OTHER-LLMS" and f.component == "merged"
    )
    assert finding.status == "needs-review"
    assert "built on l31-tuned," in finding.message


def test_a_merge_of_llama_2_and_llama_3_reviews_both_1bv(tmp_path: Path) -> None:
    manifest = {
        "version": 1,
        "components": [
            {"id": "l2", "type": "model", "ref": "meta-llama/Llama-2-7b-hf", "distributed": False},
            {
                "id": "l3",
                "type": "model",
                "ref": "meta-llama/Meta-Llama-3-8B",
                "distributed": False,
            },
            {
                "id": "merged",
                "type": "model",
                "distributed": False,
                "large_language_model": True,
                "derived_from": [
                    {"id": "l2", "relation": "merge"},
                    {"id": "l3", "relation": "merge"},
                ],
            },
        ],
    }
    report = run(manifest, tmp_path)
    assert status(report, "LLAMA-2-OTHER-LLMS", "merged") == "needs-review"
    assert status(report, "LLAMA-3-OTHER-LLMS", "merged") == "needs-review"


# -- the mixed-versions example ---------------------------------------------------------


def _example(tmp_path: Path) -> Path:
    target = tmp_path / "mixed-versions"
    shutil.copytree(MIXED, target)
    return target


def _example_report(folder: Path) -> Report:
    project = load_manifest(folder / "llamalicense.yaml")
    return evaluate(project, builtin_rules(), check_aup=False)


def test_mixed_versions_example_meets_every_versions_duties() -> None:
    report = _example_report(MIXED)
    assert report.verdict == "compliant"
    product = next(c for c in report.components if c.id == "quillon-helpdesk")
    assert product.licenses == ("llama-2", "llama-3.1", "llama-3.2")
    passes = {(f.rule, f.component) for f in report.findings if f.status == "pass"}
    assert {
        ("LLAMA-3.1-NOTICE", "quillon-helpdesk"),
        ("LLAMA-3.2-NOTICE", "quillon-helpdesk"),
        ("LLAMA-3.1-AGREEMENT", "quillon-helpdesk"),
        ("LLAMA-3.2-AGREEMENT", "quillon-helpdesk"),
        ("LLAMA-2-OTHER-LLMS", "triage-classifier"),
        ("LLAMA-3.2-EU-MULTIMODAL", "screenshot-reader"),
        ("LLAMA-2-MAU", "llama-2-13b-chat"),
        ("LLAMA-3.1-MAU", "llama-3.1-8b-instruct"),
        ("LLAMA-3.2-MAU", "screenshot-reader"),
    } <= passes


def _edit_manifest(folder: Path, change: Any) -> None:
    path = folder / "llamalicense.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def _component(data: dict[str, Any], component_id: str) -> dict[str, Any]:
    return next(c for c in data["components"] if c["id"] == component_id)


def test_try_dropping_the_llama_3_2_notice_sentence(tmp_path: Path) -> None:
    folder = _example(tmp_path)
    notice = folder / "NOTICE"
    kept = [
        line
        for line in notice.read_text(encoding="utf-8").splitlines()
        if not line.startswith("Llama 3.2 is")
    ]
    notice.write_text("\n".join(kept) + "\n", encoding="utf-8")
    found = open_findings(_example_report(folder))
    assert found == {
        ("LLAMA-3.2-NOTICE", "quillon-helpdesk", "violation"),
        ("LLAMA-3.2-NOTICE", "screenshot-reader", "violation"),
    }


def test_try_dropping_the_llama_3_2_agreement(tmp_path: Path) -> None:
    folder = _example(tmp_path)
    _edit_manifest(
        folder,
        lambda d: _component(d, "quillon-helpdesk")["attribution"].update(
            agreement=["LICENSES/LLAMA-3.1.txt"]
        ),
    )
    assert open_findings(_example_report(folder)) == {
        ("LLAMA-3.2-AGREEMENT", "quillon-helpdesk", "violation")
    }


def test_try_declaring_the_classifier_an_llm(tmp_path: Path) -> None:
    folder = _example(tmp_path)
    _edit_manifest(
        folder, lambda d: _component(d, "triage-classifier").update(large_language_model=True)
    )
    assert open_findings(_example_report(folder)) == {
        ("LLAMA-2-OTHER-LLMS", "triage-classifier", "violation")
    }


@pytest.mark.parametrize(("country", "expected"), [("FR", "violation"), ("CH", "pass")])
def test_try_moving_the_licensee(tmp_path: Path, country: str, expected: str) -> None:
    folder = _example(tmp_path)
    _edit_manifest(folder, lambda d: d["licensee"].update(country=country))
    report = _example_report(folder)
    finding = next(f for f in report.findings if f.rule == "LLAMA-3.2-EU-MULTIMODAL")
    assert finding.status == expected
