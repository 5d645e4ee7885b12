"""Issue 14, case 7: duties no file can show never end in a pass on the tool's word alone.

The AUP screen's "no prohibited use found", a "Built with Llama" that is found (prominence is
not judged), clause 1.b.iv (laws and trade controls) and clause 5.a (trademarks) are
needs-review with what was seen until a person's review record (`reviews:`) covers them; with
one they pass and cite it, and a compliant verdict says what it rests on.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import orjson
import pytest

from llamalicense.catalog.data import rules_dir
from llamalicense.engine.evaluate import evaluate
from llamalicense.engine.reviews import reviewed_duties
from llamalicense.errors import ManifestError
from llamalicense.model.findings import Finding, Report
from llamalicense.policy.rules import builtin_rules, quote_is_verbatim
from llamalicense.project.manifest import project_from_mapping
from llamalicense.project.reviews import use_cases_digest
from llamalicense.report.formats import RenderOptions, text

USES = ["Recommends spare parts for a customer's robot vacuum from its model number."]
VERSIONS = ("llama-2", "llama-3", "llama-3.1", "llama-3.2", "llama-3.3", "llama-4")


def _project(root: Path, reviews: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    (root / "LICENSES").mkdir(exist_ok=True)
    shutil.copy(rules_dir() / "licenses" / "llama-3.1" / "LICENSE.txt", root / "LICENSES" / "L")
    (root / "NOTICE").write_text(
        "Llama 3.1 is licensed under the Llama 3.1 Community License, Copyright © Meta "
        "Platforms, Inc. All Rights Reserved.\n",
        encoding="utf-8",
    )
    (root / "about.md").write_text("# About\n\nBuilt with Llama\n", encoding="utf-8")
    (root / "ai.md").write_text("The assistant can be wrong; known risks: …\n", "utf-8")
    manifest: dict[str, Any] = {
        "version": 1,
        "licensee": {"name": "Acme", "country": "US", "max_monthly_active_users": 10},
        "components": [
            {"id": "base", "type": "model", "ref": "meta-llama/Llama-3.1-8B-Instruct"},
            {
                "id": "shop",
                "type": "product",
                "contains": ["base"],
                "distributed": True,
                "delivery": "copies",
                "use_cases": USES,
                "attribution": {
                    "agreement": "LICENSES/L",
                    "notice": "NOTICE",
                    "built_with_llama": "about.md",
                    "ai_disclosure": "ai.md",
                },
            },
        ],
    }
    if reviews is not None:
        manifest["reviews"] = reviews
    return manifest


def check(manifest: dict[str, Any], root: Path) -> Report:
    project = project_from_mapping(manifest, root)
    return evaluate(project, builtin_rules())


def one(report: Report, rule: str, component: str = "shop") -> Finding:
    hits = [f for f in report.findings if f.rule == rule and f.component == component]
    assert len(hits) == 1, (rule, [(f.rule, f.component, f.status) for f in report.findings])
    return hits[0]


def digest(manifest: dict[str, Any], root: Path) -> str:
    return use_cases_digest(project_from_mapping(manifest, root).components)


def test_without_a_review_the_screen_s_nothing_found_is_needs_review(tmp_path: Path) -> None:
    # The screen finds nothing in a benign use case; that is not a pass on its own.
    report = check(_project(tmp_path), tmp_path)
    screen = one(report, "LLAMA-3.1-AUP")
    assert screen.status == "needs-review"
    assert "no prohibited use found in 1 declared use case(s)" in screen.reason
    assert "paraphrases" in screen.reason
    assert digest(_project(tmp_path), tmp_path) in screen.how_to_fix
    built = one(report, "LLAMA-3.1-BUILT-WITH")
    assert built.status == "needs-review"
    assert "about.md:3" in built.reason
    assert "prominently" in built.reason
    laws = one(report, "LLAMA-3.1-LAWS")
    assert (laws.status, laws.clause, laws.obligation) == ("needs-review", "1.b.iv", "laws")
    assert "the licensee is based in US" in laws.reason
    mark = one(report, "LLAMA-3.1-TRADEMARK")
    assert (mark.status, mark.clause, mark.obligation) == ("needs-review", "5.a", "trademark")
    assert report.verdict == "needs-review"
    # The model inside the product is not asked again: the product is what goes out.
    assert not [f for f in report.findings if f.rule.endswith("-LAWS") and f.component == "base"]


def test_a_review_record_makes_them_pass_citing_it(tmp_path: Path) -> None:
    manifest = _project(tmp_path)
    record = {
        "by": "Dana Whitfield, counsel@acme.example",
        "date": "2026-11-30",
        "obligations": ["aup", "laws", "trademark", "built-with"],
        "use_cases": digest(manifest, tmp_path),
    }
    report = check(_project(tmp_path, [record]), tmp_path)
    for rule in ("LLAMA-3.1-AUP", "LLAMA-3.1-BUILT-WITH", "LLAMA-3.1-LAWS", "LLAMA-3.1-TRADEMARK"):
        finding = one(report, rule)
        assert finding.status == "pass", rule
        assert "reviewed by Dana Whitfield, counsel@acme.example on 2026-11-30" in finding.reason
        assert finding.explanation["review"]["values"]["date"] == "2026-11-30"
    assert report.verdict == "compliant"
    assert report.rests_on[-1] == (
        "the review by Dana Whitfield, counsel@acme.example on 2026-11-30 "
        "(aup, laws, trademark, built-with)"
    )
    rendered = text.render(report, RenderOptions())
    assert (
        "This verdict rests on the facts declared in <memory>, the files they name and the "
        "review by Dana Whitfield, counsel@acme.example on 2026-11-30 (aup, laws, trademark, "
        "built-with)." in " ".join(rendered.split())
    )


def test_a_laws_finding_explains_itself_as_plain_data(tmp_path: Path) -> None:
    # The explanation is a small mapping (engine/small_explanations.py); read or written, it
    # is the nested data the record decided, with and without a record.
    manifest = _project(tmp_path)
    record = {
        "by": "Dana Whitfield",
        "date": "2026-11-30",
        "obligations": ["laws"],
        "use_cases": digest(manifest, tmp_path),
    }
    for records, result in (([], None), ([record], True)):
        finding = one(check(_project(tmp_path, records), tmp_path), "LLAMA-3.1-LAWS")
        review: dict[str, Any] = {
            "op": "review record",
            "result": result,
            "detail": finding.reason,
        }
        if records:
            review["values"] = {
                "by": "Dana Whitfield",
                "date": "2026-11-30",
                "use_cases": record["use_cases"],
            }
        assert dict(finding.explanation) == {"review": review}
        assert finding.explanation == {"review": review}
        written = finding.to_dict()["explanation"]
        assert type(written) is dict
        assert written == {"review": review}
        assert json.loads(orjson.dumps(written)) == {"review": review}


def test_a_record_for_other_use_cases_is_asked_again(tmp_path: Path) -> None:
    record = {
        "by": "Dana Whitfield",
        "date": "2026-11-30",
        "obligations": ["aup"],
        "use_cases": digest(_project(tmp_path), tmp_path),
    }
    manifest = _project(tmp_path, [record])
    manifest["components"][1]["use_cases"] = [*USES, "Writes replies to customer e-mails."]
    screen = one(check(manifest, tmp_path), "LLAMA-3.1-AUP")
    assert screen.status == "needs-review"
    assert "the review by Dana Whitfield on 2026-11-30 was of other use cases" in screen.reason


def test_a_record_covers_only_what_it_names(tmp_path: Path) -> None:
    record = {
        "by": "Dana Whitfield",
        "date": "2026-11-30",
        "obligations": ["laws"],
        "components": ["base"],
        "use_cases": digest(_project(tmp_path), tmp_path),
    }
    report = check(_project(tmp_path, [record]), tmp_path)
    assert one(report, "LLAMA-3.1-LAWS").status == "needs-review"
    assert one(report, "LLAMA-3.1-AUP").status == "needs-review"
    assert report.rests_on == ("the facts declared in <memory>", "the files they name")


def test_alike_components_reviewed_differently_keep_their_own_texts(tmp_path: Path) -> None:
    # Gated passes share texts and explanations where they match (engine/reviews.py): two
    # alike products, one reviewed, must still each say their own.
    manifest = _project(tmp_path)
    twin = {**manifest["components"][1], "id": "shop2"}
    manifest["components"].append(twin)
    record = {
        "by": "Dana Whitfield",
        "date": "2026-11-30",
        "obligations": ["aup", "built-with", "laws"],
        "components": ["shop"],
        "use_cases": digest(manifest, tmp_path),
    }
    manifest["reviews"] = [record]
    report = check(manifest, tmp_path)
    for rule in ("LLAMA-3.1-AUP", "LLAMA-3.1-BUILT-WITH", "LLAMA-3.1-LAWS"):
        mine, theirs = one(report, rule, "shop"), one(report, rule, "shop2")
        assert (mine.status, theirs.status) == ("pass", "needs-review"), rule
        assert mine.explanation["review"]["values"]["by"] == "Dana Whitfield"
        assert "values" not in theirs.explanation["review"]
        assert "shop2" in theirs.how_to_fix
        assert "shop2" not in mine.how_to_fix
        assert {k: v for k, v in mine.explanation.items() if k != "review"} == {
            k: v for k, v in theirs.explanation.items() if k != "review"
        }


def test_an_in_house_tool_is_not_asked_about_trademarks(tmp_path: Path) -> None:
    manifest = _project(tmp_path)
    manifest["components"][1]["distributed"] = False
    report = check(manifest, tmp_path)
    assert one(report, "LLAMA-3.1-LAWS").status == "needs-review"
    assert not [f for f in report.findings if f.obligation == "trademark"]


def test_a_record_naming_an_unknown_component_is_an_error(tmp_path: Path) -> None:
    record = {
        "by": "Dana",
        "date": "2026-11-30",
        "obligations": ["aup"],
        "components": ["shopp"],
        "use_cases": "sha256:" + "0" * 64,
    }
    with pytest.raises(ManifestError) as caught:
        project_from_mapping(_project(tmp_path, [record]), tmp_path)
    assert "did you mean 'shop'?" in str(caught.value.hint)
    assert caught.value.json_path == "$.reviews[0].components[0]"


@pytest.mark.parametrize("duty", ["laws", "trademark"])
@pytest.mark.parametrize("license_id", VERSIONS)
def test_the_reviewed_duties_quote_each_agreement_verbatim(duty: str, license_id: str) -> None:
    assert quote_is_verbatim(reviewed_duties()[duty].quotes[license_id], license_id)


def test_the_job_summary_says_what_a_compliant_verdict_rests_on(tmp_path: Path) -> None:
    from llamalicense.report.formats import markdown

    manifest = _project(tmp_path)
    record = {
        "by": "Dana | Whitfield",
        "date": "2026-11-30",
        "obligations": ["aup", "laws", "trademark", "built-with"],
        "use_cases": digest(manifest, tmp_path),
    }
    summary = markdown.render(check(_project(tmp_path, [record]), tmp_path), RenderOptions())
    assert (
        "Rests on the facts declared in &lt;memory&gt;; the files they name; the review by "
        "Dana &#124; Whitfield on 2026-11-30 (aup, laws, trademark, built-with)."
    ) in summary.splitlines()


@pytest.mark.parametrize(
    ("disclosure", "content", "fix"),
    [
        (None, None, "Publish an AI disclosure for end users"),
        ("ai.md", "Ask it anything.\n", "Add to ai.md (listed under attribution.ai_disclosure"),
        ("gone.md", None, "Add to gone.md (listed under attribution.ai_disclosure; create it"),
        ("https://acme.example/ai", None, "A URL is not fetched: list a copy of the disclosure"),
    ],
)
def test_the_disclosure_fix_fits_how_it_failed(
    tmp_path: Path, disclosure: str | None, content: str | None, fix: str
) -> None:
    manifest = _project(tmp_path)
    attribution = manifest["components"][1]["attribution"]
    if disclosure is None:
        del attribution["ai_disclosure"]
    else:
        attribution["ai_disclosure"] = disclosure
    if content is not None:
        (tmp_path / "ai.md").write_text(content, "utf-8")
    finding = one(check(manifest, tmp_path), "LLAMA-3.1-AUP-4-DISCLOSURE")
    assert finding.status == "needs-review"
    assert finding.how_to_fix.startswith(fix)
