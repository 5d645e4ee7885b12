"""Issue 14: the lineage facts behind the verdicts (cases 1 to 5).

Each test is a project a user could write, checked end to end with the shipped rules (the AUP
classifier aside), and names the finding that used to be wrong.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from llamalicense.catalog.data import rules_dir
from llamalicense.engine.evaluate import evaluate
from llamalicense.model.findings import Finding, Report
from llamalicense.policy.rules import builtin_rules
from llamalicense.project.manifest import project_from_mapping

NOTICE = (
    "{name} is licensed under the {name} Community License, Copyright © Meta Platforms, Inc. "
    "All Rights Reserved."
)


def run(manifest: dict[str, Any], root: Path) -> Report:
    project = project_from_mapping(manifest, root)
    return evaluate(project, builtin_rules(), include_not_applicable=True, check_aup=False)


def found(report: Report, rule: str, component: str) -> Finding:
    hits = [f for f in report.findings if f.rule == rule and f.component == component]
    assert len(hits) == 1, (rule, component, [(f.rule, f.component) for f in report.findings])
    return hits[0]


def status(report: Report, rule: str, component: str) -> str:
    hits = [f.status for f in report.findings if f.rule == rule and f.component == component]
    return hits[0] if hits else "absent"


def ship(root: Path, version: str, *, notice_name: str) -> dict[str, Any]:
    """The official agreement and a Notice file for ``version``, as attribution."""
    (root / "LICENSES").mkdir(exist_ok=True)
    shutil.copy(rules_dir() / "licenses" / version / "LICENSE.txt", root / "LICENSES" / "L.txt")
    (root / "NOTICE").write_text(NOTICE.format(name=notice_name) + "\n", encoding="utf-8")
    (root / "about.md").write_text("Built with Meta Llama 3 and Built with Llama\n", "utf-8")
    return {"agreement": "LICENSES/L.txt", "notice": "NOTICE", "built_with_llama": "about.md"}


# -- case 5: Llama Guard's licences ----------------------------------------------------------


def test_a_guard_2_product_shipping_the_llama_3_agreement_is_compliant(tmp_path: Path) -> None:
    # Llama Guard 2 was released under the Meta Llama 3 licence (CLAUSES.md §4.4, corrected).
    attribution = ship(tmp_path, "llama-3", notice_name="Meta Llama 3")
    (tmp_path / "NOTICE").write_text(
        "Meta Llama 3 is licensed under the Meta Llama 3 Community License, Copyright © Meta "
        "Platforms, Inc. All Rights Reserved.\n",
        encoding="utf-8",
    )
    manifest = {
        "version": 1,
        "licensee": {"name": "Acme", "country": "US", "max_monthly_active_users": 10},
        "components": [
            {
                "id": "guard",
                "type": "model",
                "ref": "meta-llama/Meta-Llama-Guard-2-8B",
                "distributed": True,
                "attribution": attribution,
            },
        ],
    }
    report = run(manifest, tmp_path)
    assert status(report, "LLAMA-3-AGREEMENT", "guard") == "pass"
    assert status(report, "LLAMA-3-NOTICE", "guard") == "pass"
    assert not [f for f in report.findings if f.license == "llama-2"]


def test_guard_3_8b_and_its_int8_are_under_llama_3_1(tmp_path: Path) -> None:
    manifest = {
        "version": 1,
        "components": [
            {"id": "g", "type": "model", "ref": "meta-llama/Llama-Guard-3-8B"},
            {"id": "g8", "type": "model", "ref": "meta-llama/Llama-Guard-3-8B-INT8"},
        ],
    }
    report = run(manifest, tmp_path)
    licenses = {c.id: c.licenses for c in report.components}
    assert licenses == {"g": ("llama-3.1",), "g8": ("llama-3.1",)}


# -- case 4: `ref:` resolves as a card's base_model does -------------------------------------


def _distributed_tune(ref: str) -> dict[str, Any]:
    return {
        "version": 1,
        "licensee": {"name": "Acme", "country": "US", "max_monthly_active_users": 10},
        "components": [
            {"id": "base", "type": "model", "ref": ref, "distributed": False},
            {
                "id": "tune",
                "type": "model",
                "name": "Acme-Tune",
                "derived_from": [{"id": "base", "relation": "finetune"}],
                "distributed": True,
            },
        ],
    }


def test_a_codellama_ref_is_meta_s_code_llama_under_llama_2(tmp_path: Path) -> None:
    report = run(_distributed_tune("codellama/CodeLlama-7b-Instruct-hf"), tmp_path)
    assert {c.id: c.licenses for c in report.components}["tune"] == ("llama-2",)
    assert status(report, "LLAMA-2-AGREEMENT", "tune") == "violation"
    assert status(report, "LLAMA-2-NOTICE", "tune") == "violation"
    note = found(report, "LLAMALICENSE-REUPLOAD", "base")
    assert note.status == "pass"
    assert "meta-llama/CodeLlama-7b-Instruct-hf" in note.message
    assert report.verdict == "non-compliant"


def test_a_reupload_ref_resolves_to_the_release_it_copies(tmp_path: Path) -> None:
    report = run(_distributed_tune("unsloth/Llama-3.2-1B-Instruct"), tmp_path)
    info = {c.id: c for c in report.components}
    assert info["base"].release == "meta-llama/Llama-3.2-1B-Instruct"
    assert info["tune"].licenses == ("llama-3.2",)
    assert status(report, "LLAMA-3.2-MODEL-NAME", "tune") == "violation"
    assert found(report, "LLAMA-3.2-AGREEMENT", "tune").path == (
        "tune",
        "base",
        "meta-llama/Llama-3.2-1B-Instruct",
    )


def test_an_unresolved_llama_named_ref_is_needs_review_naming_the_id(tmp_path: Path) -> None:
    report = run(_distributed_tune("someone/Llama-3-Foo-8B"), tmp_path)
    finding = found(report, "LLAMALICENSE-UNKNOWN-MODEL", "base")
    assert finding.status == "needs-review"
    assert "someone/Llama-3-Foo-8B" in finding.message
    assert finding.path == ("base", "someone/Llama-3-Foo-8B")
    assert report.verdict == "needs-review"


def test_a_hub_url_ref_and_an_unknown_meta_id(tmp_path: Path) -> None:
    manifest = _distributed_tune("https://huggingface.co/meta-llama/Llama-3.1-8B")
    assert run(manifest, tmp_path).components[1].licenses == ("llama-3.1",)
    unknown = run(_distributed_tune("meta-llama/Llama-9-1T"), tmp_path)
    assert found(unknown, "LLAMALICENSE-UNKNOWN-MODEL", "base").status == "needs-review"


def test_a_ref_known_to_be_independent_says_so(tmp_path: Path) -> None:
    report = run(_distributed_tune("TinyLlama/TinyLlama-1.1B-Chat-v1.0"), tmp_path)
    note = found(report, "LLAMALICENSE-NOT-LLAMA", "base")
    assert note.status == "pass"
    assert report.components[1].licenses == ()


# -- case 1: distribution carried through containment ----------------------------------------


def _desktop(tmp_path: Path, tune: dict[str, Any], *, delivery: str = "copies") -> Report:
    attribution = ship(tmp_path, "llama-3.1", notice_name="Llama 3.1")
    manifest = {
        "version": 1,
        "licensee": {"name": "Acme", "country": "US", "max_monthly_active_users": 10},
        "components": [
            {"id": "base", "type": "model", "ref": "meta-llama/Llama-3.1-8B-Instruct"},
            {
                "id": "tune",
                "type": "model",
                "name": "AcmeAssist-8B",
                "derived_from": [{"id": "base", "relation": "finetune"}],
                **tune,
            },
            {
                "id": "desk",
                "type": "product",
                "contains": ["tune"],
                "distributed": True,
                "delivery": delivery,
                "attribution": attribution,
            },
        ],
    }
    return run(manifest, tmp_path)


def test_a_model_inside_a_distributed_product_is_distributed(tmp_path: Path) -> None:
    report = _desktop(tmp_path, {})
    # The weights leave inside the product: the name must begin with "Llama" (1.b.i).
    assert status(report, "LLAMA-3.1-MODEL-NAME", "tune") == "violation"
    # ... and they go out with the product's agreement and NOTICE.
    assert status(report, "LLAMA-3.1-AGREEMENT", "tune") == "pass"
    assert status(report, "LLAMA-3.1-NOTICE", "tune") == "pass"
    assert report.verdict == "non-compliant"


def test_a_contradicting_distributed_false_is_needs_review_naming_both(tmp_path: Path) -> None:
    report = _desktop(tmp_path, {"distributed": False})
    finding = found(report, "LLAMA-3.1-MODEL-NAME", "tune")
    assert finding.status == "needs-review"
    assert "`distributed: false`" in finding.reason
    assert "'desk' (distributed: true, delivery: copies) contains it" in finding.reason
    assert report.verdict != "compliant"


def test_a_hosted_product_makes_its_model_available(tmp_path: Path) -> None:
    report = _desktop(tmp_path, {}, delivery="hosted")
    assert status(report, "LLAMA-3.1-MODEL-NAME", "tune") == "violation"
    # Made available, not copied: no Notice duty (1.b.iii is about copies).
    assert status(report, "LLAMA-3.1-NOTICE", "tune") == "not-applicable"


def test_declared_hosted_inside_a_product_shipped_as_copies(tmp_path: Path) -> None:
    report = _desktop(tmp_path, {"delivery": "hosted"})
    finding = found(report, "LLAMA-3.1-NOTICE", "tune")
    assert finding.status == "needs-review"
    assert "`delivery: hosted`" in finding.reason
    assert "'desk'" in finding.reason


def test_nested_containers_carry_distribution_down(tmp_path: Path) -> None:
    manifest = {
        "version": 1,
        "components": [
            {"id": "base", "type": "model", "ref": "meta-llama/Llama-3.1-8B"},
            {"id": "inner", "type": "product", "contains": ["base"]},
            {"id": "outer", "type": "product", "contains": ["inner"], "distributed": True},
        ],
    }
    report = run(manifest, tmp_path)
    for cid in ("base", "inner", "outer"):
        assert status(report, "LLAMA-3.1-AGREEMENT", cid) == "violation", cid


# -- case 2: the EU end-user exemption through received products ----------------------------


def _saas(extra: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {
        "version": 1,
        "licensee": {"name": "Cabinet Dupont SAS", "country": "FR"},
        "components": [
            {
                "id": "vision",
                "type": "model",
                "ref": "meta-llama/Llama-3.2-11B-Vision-Instruct",
            },
            {
                "id": "saas",
                "type": "product",
                "contains": ["vision"],
                "received_as": "integrated-end-user-product",
                "distributed": False,
            },
            *(extra or []),
        ],
    }


def test_a_user_of_a_received_product_is_an_end_user(tmp_path: Path) -> None:
    report = run(_saas(), tmp_path)
    assert status(report, "LLAMA-3.2-EU-MULTIMODAL", "vision") == "pass"
    assert report.verdict != "non-compliant"


def test_putting_the_received_product_into_its_own_is_not_end_use(tmp_path: Path) -> None:
    own = {"id": "portal", "type": "product", "contains": ["saas"], "distributed": False}
    report = run(_saas([own]), tmp_path)
    assert status(report, "LLAMA-3.2-EU-MULTIMODAL", "vision") == "violation"


def test_deriving_from_the_received_model_is_not_end_use(tmp_path: Path) -> None:
    tune = {
        "id": "tuned",
        "type": "model",
        "derived_from": [{"id": "vision", "relation": "adapter"}],
        "distributed": False,
    }
    report = run(_saas([tune]), tmp_path)
    assert status(report, "LLAMA-3.2-EU-MULTIMODAL", "vision") == "violation"
    assert status(report, "LLAMA-3.2-EU-MULTIMODAL", "tuned") == "violation"


def test_using_the_received_product_s_outputs_is_end_use(tmp_path: Path) -> None:
    data = {"id": "captions", "type": "dataset", "generated_by": ["vision"]}
    report = run(_saas([data]), tmp_path)
    assert status(report, "LLAMA-3.2-EU-MULTIMODAL", "vision") == "pass"


# -- case 3: a derivative of a multimodal release, declared text -----------------------------


def test_a_text_declared_derivative_of_a_vision_release_is_keyed_on_the_release(
    tmp_path: Path,
) -> None:
    manifest = {
        "version": 1,
        "licensee": {"name": "Bildwerk GmbH", "country": "DE"},
        "components": [
            {"id": "vision", "type": "model", "ref": "meta-llama/Llama-3.2-11B-Vision-Instruct"},
            {
                "id": "reader",
                "type": "model",
                "modality": "text",
                "derived_from": [{"id": "vision", "relation": "finetune"}],
                "distributed": False,
            },
        ],
    }
    report = run(manifest, tmp_path)
    # 1(a)'s right to "create derivative works of" the multimodal model is what is withheld.
    assert status(report, "LLAMA-3.2-EU-MULTIMODAL", "reader") == "violation"
    assert found(report, "LLAMA-3.2-EU-MULTIMODAL", "reader").path == (
        "reader",
        "vision",
        "meta-llama/Llama-3.2-11B-Vision-Instruct",
    )


# -- case 6: hosted services and the agreement copy -------------------------------------------

HOSTED_RELEASES = {
    "llama-2": "meta-llama/Llama-2-7b-chat-hf",
    "llama-3": "meta-llama/Meta-Llama-3-8B-Instruct",
    "llama-3.1": "meta-llama/Llama-3.1-8B-Instruct",
    "llama-3.2": "meta-llama/Llama-3.2-3B-Instruct",
    "llama-3.3": "meta-llama/Llama-3.3-70B-Instruct",
    "llama-4": "meta-llama/Llama-4-Scout-17B-16E-Instruct",
}


@pytest.mark.parametrize("license_id", sorted(HOSTED_RELEASES))
@pytest.mark.parametrize("hosted", ["product", "model"])
def test_a_hosted_service_without_the_agreement_is_needs_review(
    tmp_path: Path, license_id: str, hosted: str
) -> None:
    base: dict[str, Any] = {"id": "base", "type": "model", "ref": HOSTED_RELEASES[license_id]}
    components: list[dict[str, Any]] = [base]
    if hosted == "product":
        components.append(
            {
                "id": "api",
                "type": "product",
                "contains": ["base"],
                "distributed": True,
                "delivery": "hosted",
            }
        )
        subject = "api"
    else:
        base.update({"distributed": True, "delivery": "hosted"})
        subject = "base"
    report = run({"version": 1, "components": components}, tmp_path)
    rule = "LLAMA-" + license_id.removeprefix("llama-").upper() + "-AGREEMENT"
    finding = found(report, rule, subject)
    assert finding.status == "needs-review"
    assert "terms" in finding.how_to_fix
    assert "hosted" in finding.message


def test_a_hosted_service_that_ships_the_agreement_passes(tmp_path: Path) -> None:
    attribution = ship(tmp_path, "llama-3.3", notice_name="Llama 3.3")
    manifest = {
        "version": 1,
        "components": [
            {"id": "base", "type": "model", "ref": HOSTED_RELEASES["llama-3.3"]},
            {
                "id": "api",
                "type": "product",
                "contains": ["base"],
                "distributed": True,
                "delivery": "hosted",
                "attribution": {"agreement": attribution["agreement"]},
            },
        ],
    }
    assert status(run(manifest, tmp_path), "LLAMA-3.3-AGREEMENT", "api") == "pass"


def test_copies_without_the_agreement_stay_a_violation(tmp_path: Path) -> None:
    manifest = {
        "version": 1,
        "components": [
            {"id": "base", "type": "model", "ref": HOSTED_RELEASES["llama-3.3"]},
            {"id": "app", "type": "product", "contains": ["base"], "distributed": True},
        ],
    }
    assert status(run(manifest, tmp_path), "LLAMA-3.3-AGREEMENT", "app") == "violation"


def test_a_ref_nothing_resolves_is_needs_review_and_another_family_is_not(
    tmp_path: Path,
) -> None:
    unknown = run(_distributed_tune("acme-labs/secret-base-7b"), tmp_path)
    assert found(unknown, "LLAMALICENSE-UNKNOWN-MODEL", "base").status == "needs-review"
    mistral = run(_distributed_tune("mistralai/Mistral-7B-v0.1"), tmp_path)
    assert not [f for f in mistral.findings if f.component == "base"]
