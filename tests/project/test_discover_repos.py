"""Discovery on repositories without a manifest: every file kind, and the false positives.

Fixtures in tests/data/repos/ are small repositories modelled on real ones (see
../shared/reference/real-repos/ and bench/real_repos.py for the real ones).
"""

from __future__ import annotations

import shutil
import struct
from pathlib import Path
from typing import Any

import pytest

from llamalicense.api import check
from llamalicense.catalog.data import rules_dir
from llamalicense.cli.main import main
from llamalicense.engine.no_manifest import INIT
from llamalicense.errors import LlamalicenseError

REPOS = Path(__file__).resolve().parent.parent / "data" / "repos"


def report_of(folder: Path) -> dict[str, Any]:
    return check(folder).to_dict()


def components(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {c["id"]: c for c in report["components"]}


def findings(report: dict[str, Any], component: str) -> dict[str, dict[str, Any]]:
    return {f["rule"]: f for f in report["findings"] if f["component"] == component}


def test_an_adapter_without_a_card_is_checked_from_its_config() -> None:
    report = report_of(REPOS / "adapter-only")
    adapter = components(report)["adapter-only"]
    assert adapter["licenses"] == ["llama-3.1"]
    assert {
        "about": "name",
        "file": ".",
        "line": None,
        "field": "folder or file name",
        "strength": "fallback",
    } in adapter["evidence"]
    edge = next(e for e in report["edges"] if e["from"] == "adapter-only")
    assert edge["relation"] == "adapter"
    assert edge["evidence"] == [
        {
            "file": "adapter_config.json",
            "line": 2,
            "field": "base_model_name_or_path",
            "strength": "declared",
        }
    ]
    found = findings(report, "adapter-only")
    # the LFS pointer shows the weights are in the repository: made available
    assert found["LLAMA-3.1-AGREEMENT"]["status"] == "violation"
    # the name is only the folder's: a review, never a violation
    assert found["LLAMA-3.1-MODEL-NAME"]["status"] == "needs-review"
    assert "folder or file name" in found["LLAMA-3.1-MODEL-NAME"]["message"]


def test_a_fork_with_the_llama_2_license_is_checked_as_a_product(tmp_path: Path) -> None:
    shutil.copy(rules_dir() / "licenses" / "llama-2" / "LICENSE.txt", tmp_path / "LICENSE")
    shutil.copy(rules_dir() / "licenses" / "llama-2" / "USE_POLICY.md", tmp_path / "USE_POLICY.md")
    (tmp_path / "README.md").write_text("# A chatbot on Llama 2\n", encoding="utf-8")
    report = report_of(tmp_path)
    repo = next(c for c in report["components"] if c["type"] == "product")
    assert repo["licenses"] == ["llama-2"]
    found = findings(report, repo["id"])
    assert found["LLAMA-2-AGREEMENT"]["status"] == "pass"
    assert found["LLAMA-2-NOTICE"]["status"] in ("violation", "needs-review")
    assert found["LLAMALICENSE-LICENSE-FILE"]["status"] == "needs-review"
    assert {
        "about": "component",
        "file": "LICENSE",
        "line": 1,
        "field": "license text",
        "strength": "identified",
    } in repo["evidence"]


def test_recipes_publish_models_and_chain_locally() -> None:
    report = report_of(REPOS / "recipes")
    comps = components(report)
    assert comps["sft/train"]["name"] == "Llama-3.1-8B-Acme-Helper-SFT"
    assert comps["dpo/config"]["licenses"] == ["llama-3.1"]
    # the DPO recipe starts from the model the SFT recipe publishes
    edges = {(e["from"], e["kind"]): e for e in report["edges"]}
    assert edges["dpo/config", "derived_from"]["to"] == "sft/train"
    assert edges["dpo/config", "derived_from"]["evidence"][0]["field"] == "model_name_or_path"
    assert findings(report, "dpo/config")["LLAMA-3.1-MODEL-NAME"]["status"] == "pass"
    # each recipe's datasets are dataset components, with where they were read
    assert edges["sft/train", "trained_on"]["to"] == "acme-labs/help-desk-dialogues"
    assert edges["sft/train", "trained_on"]["evidence"] == [
        {"field": "datasets.0.path", "file": "sft/train.yml", "line": 3, "strength": "declared"}
    ]
    dataset = comps["acme-labs/help-desk-preferences"]
    assert dataset["type"] == "dataset"
    assert dataset["evidence"][0]["field"] == "dataset_mixer.acme-labs/help-desk-preferences"
    # no file says what generated them, so no generator is invented
    assert not [e for e in report["edges"] if e["kind"] == "generated_by"]


def test_a_space_is_a_product_containing_the_models_it_lists() -> None:
    report = report_of(REPOS / "space")
    space = components(report)["space"]
    assert space["type"] == "product"
    assert space["name"] == "space"
    edge = next(e for e in report["edges"] if e["from"] == "space")
    assert (edge["kind"], edge["to"]) == ("contains", "meta-llama/Llama-3.2-1B-Instruct")
    assert space["licenses"] == ["llama-3.2"]


def test_a_base_whose_name_hides_llama_resolves_through_the_table() -> None:
    report = report_of(REPOS / "hidden-base")
    assert components(report)["hidden-base"]["licenses"] == ["llama-3.1"]
    note = findings(report, "hidden-base")["LLAMALICENSE-KNOWN-DERIVATIVE"]
    assert "https://huggingface.co/fdtn-ai/Foundation-Sec-8B" in note["message"]
    # the PEFT template's heading is no name: the folder is a fallback, so no hard violation
    assert findings(report, "hidden-base")["LLAMA-3.1-MODEL-NAME"]["status"] == "needs-review"


def test_an_unresolvable_base_is_a_review_naming_the_id() -> None:
    report = report_of(REPOS / "unknown-base")
    note = findings(report, "unknown-base")["LLAMALICENSE-UNRESOLVED-BASE"]
    assert note["status"] == "needs-review"
    assert "acme-labs/secret-base-7b" in note["message"]
    assert report["verdict"] == "needs-review"


def test_a_modelfile_from_a_local_file_is_a_review() -> None:
    report = report_of(REPOS / "ollama")
    note = findings(report, "Modelfile")["LLAMALICENSE-LOCAL-BASE"]
    assert "Llama-3-8B-Instruct-Acme.Q5_K_M.gguf" in note["message"]


def _gguf(pairs: dict[str, str]) -> bytes:
    def string(text: str) -> bytes:
        raw = text.encode()
        return struct.pack("<Q", len(raw)) + raw

    body = b"".join(string(k) + struct.pack("<I", 8) + string(v) for k, v in pairs.items())
    return b"GGUF" + struct.pack("<IQQ", 3, 0, len(pairs)) + body


def test_a_gguf_file_gives_license_base_and_name(tmp_path: Path) -> None:
    (tmp_path / "acme-3b.Q4_K_M.gguf").write_bytes(
        _gguf(
            {
                "general.name": "Llama-3.2-Acme-3B",
                "general.license": "llama3.2",
                "general.base_model.0.repo_url": "https://huggingface.co/meta-llama/Llama-3.2-3B",
            }
        )
    )
    report = report_of(tmp_path)
    model = components(report)["acme-3b.Q4_K_M"]
    assert model["name"] == "Llama-3.2-Acme-3B"
    assert model["licenses"] == ["llama-3.2"]
    found = findings(report, "acme-3b.Q4_K_M")
    assert found["LLAMA-3.2-MODEL-NAME"]["status"] == "pass"
    assert found["LLAMALICENSE-LICENSE-DECLARATION"]["status"] == "pass"


def test_a_folder_without_llama_evidence_says_so(tmp_path: Path) -> None:
    (tmp_path / "LICENSE").write_text("MIT License\n", encoding="utf-8")
    (tmp_path / "config.json").write_text('{"architectures": ["LlamaForCausalLM"]}', "utf-8")
    report = report_of(tmp_path)
    assert report["verdict"] == "compliant"
    (only,) = report["findings"]
    assert only["rule"] == "LLAMALICENSE-NO-LLAMA-EVIDENCE"
    assert main(["check", str(tmp_path)]) == 0


def test_malformed_repository_files_are_reviews_not_errors(tmp_path: Path) -> None:
    (tmp_path / "adapter_config.json").write_text('{"base_model_name_or_path": ', "utf-8")
    (tmp_path / "train.yml").write_text("base_model: a/b\ndatasets: [x\n", "utf-8")
    assert main(["check", str(tmp_path)]) == 0  # nothing a person wrote for llamalicense
    report = report_of(tmp_path)
    notes = [f for f in report["findings"] if f["rule"] == "LLAMALICENSE-UNREADABLE-INPUT"]
    assert {f["location"]["file"].rsplit("/", 1)[-1] for f in notes} == {
        "adapter_config.json",
        "train.yml",
    }
    assert all(f["status"] == "needs-review" for f in notes)


def test_a_readme_in_words_only_is_checked_as_prose(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(
        "# Acme Coder\n\nA code assistant fine-tuned from CodeLlama-7b on our tickets.\n"
        "It answers 3 times faster than Llama 2 13B.\n",
        encoding="utf-8",
    )
    (tmp_path / "adapter_model.safetensors").write_bytes(b"\x08" + bytes(64))
    report = report_of(tmp_path)
    model = components(report)[tmp_path.name]
    assert model["licenses"] == ["llama-2"]
    edge = next(e for e in report["edges"] if e["from"] == tmp_path.name)
    assert edge["to"] == "meta-llama/CodeLlama-7b-hf"
    assert edge["evidence"][0]["strength"] == "prose"
    assert edge["evidence"][0]["line"] == 3
    # distributed (weights are here), but resting on prose: reviews, never violations
    statuses = {f["status"] for f in report["findings"] if f["component"] == tmp_path.name}
    assert "violation" not in statuses
    assert "needs-review" in statuses


@pytest.fixture(scope="module")
def prose() -> dict[str, Any]:
    return report_of(REPOS / "prose")


@pytest.mark.parametrize("card", ["siblings", "comparison", "library", "other-project"])
def test_prose_about_other_models_is_not_lineage(prose: dict[str, Any], card: str) -> None:
    assert components(prose)[card]["licenses"] == []
    assert findings(prose, card) == {}  # not even a review


def test_a_llama_name_inside_another_name_is_not_that_release(prose: dict[str, Any]) -> None:
    ids = {e["to"] for e in prose["edges"] if e["from"] == "name-inside"}
    assert ids == {"NousResearch/Hermes-3-Llama-3.2-3B"}
    assert "meta-llama/Llama-3.2-3B-Instruct" not in {
        e["to"] for e in prose["edges"] if e["from"] == "NousResearch/Hermes-3-Llama-3.2-3B"
    }


@pytest.mark.parametrize(
    "card", ["heading-name", "by-file-name/acme_Llama-3.2-1B-Instruct-GGUF_README"]
)
def test_names_from_headings_and_file_names_are_reviews(prose: dict[str, Any], card: str) -> None:
    name = findings(prose, card)["LLAMA-3.2-MODEL-NAME"]
    assert name["status"] == "needs-review"


def test_a_declared_license_alone_brings_its_duties(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(
        "---\nlicense: llama3.1\nlibrary_name: transformers\n---\n# Llama-Acme-8B\n", "utf-8"
    )
    report = report_of(tmp_path)
    comp = next(
        c for c in report["components"] if c["source"].endswith("README.md") and "/" not in c["id"]
    )
    assert comp["licenses"] == ["llama-3.1"]
    found = findings(report, comp["id"])
    assert found["LLAMA-3.1-AGREEMENT"]["status"] == "violation"
    declaration = found["LLAMALICENSE-LICENSE-DECLARATION"]
    assert declaration["status"] == "needs-review"
    assert "the base is unknown" in declaration["message"]


def test_init_writes_models_found_in_files_with_their_sources(tmp_path: Path) -> None:
    project = Path(shutil.copytree(REPOS / "recipes", tmp_path / "recipes"))
    shutil.copytree(REPOS / "adapter-only", project / "adapter")
    assert main(["init", str(project)]) == 0
    text = (project / "llamalicense.yaml").read_text(encoding="utf-8")
    # each fact says where it came from and how sure it is
    assert "  # name from sft/train.yml:8 (hub_model_id, declared)\n" in text
    assert "    name: Llama-3.1-8B-Acme-Helper-SFT\n" in text
    assert "from adapter/adapter_config.json:2 (base_model_name_or_path, declared)" in text
    # a stub for every base, down to the release
    assert "  - id: meta-llama/Llama-3.1-8B\n" in text
    assert "    ref: meta-llama/Llama-3.1-8B-Instruct\n" in text
    # a folder name is not written as the published name
    assert "  # name: adapter (from adapter (folder or file name, fallback)) is only" in text
    assert "name: adapter\n" not in text
    # ids are the names the models are published under, not file paths ...
    assert "  - id: Llama-3.1-8B-Acme-Helper-SFT\n" in text
    assert "    - id: Llama-3.1-8B-Acme-Helper-SFT\n      relation: finetune\n" in text
    assert "  # id: from its name (sft/train.yml:8 (hub_model_id, declared))\n" in text
    # ... except where nothing names the model, which the comment says
    assert "  # id: the folder or file name adapter, as nothing in the files names this" in text
    # the recipe's datasets are stubs saying where they were read; no generator invented
    assert (
        "  # a dataset named in sft/train.yml:3 (datasets.0.path, declared)\n"
        "  # what generated it is not known here"
    ) in text
    assert "  - id: acme-labs/help-desk-dialogues\n    type: dataset\n" in text
    assert "generated_by" not in text.replace("add `generated_by`", "")
    discovered = {
        c["name"]: c["licenses"]
        for c in report_of(REPOS / "recipes")["components"]
        if c["type"] == "model"
    }
    written = {c["name"] or c["id"]: c["licenses"] for c in report_of(project)["components"]}
    assert {k: written[k] for k in discovered} == discovered


# -- "no evidence listed" only where something could have been listed ---------------------------

DATA = REPOS.parent
UNLISTABLE = sorted(
    [p for p in REPOS.iterdir() if p.is_dir()]
    + [p for p in (DATA / "cards").iterdir() if p.is_dir()]
    + sorted((DATA / "bom").glob("*.json"))
)
NOTHING_LISTED = ("no evidence listed", "no copy of the agreement is listed")
# Words only a manifest makes sense of, in a fix (engine.no_manifest).
MANIFEST_WORDS = ("attribution.", "list it", "in the manifest")


@pytest.mark.parametrize("source", UNLISTABLE, ids=lambda p: p.name)
def test_without_a_manifest_a_finding_says_what_was_searched_not_that_nothing_was_listed(
    source: Path,
) -> None:
    try:
        report = check(source, include_not_applicable=True)
    except LlamalicenseError as exc:  # a folder made to be refused (no card in it, ...)
        pytest.skip(f"refused: {exc}")
    assert report.findings
    for finding in report.findings:
        for text in (finding.reason, finding.message):
            assert not any(words in text for words in NOTHING_LISTED), (finding.rule, text)
        # A discovered folder's fix names the manifest only after saying how to write one
        # (a bill of materials read alone is worded as for a manifest).
        fix = finding.how_to_fix
        if source.is_dir() and any(words in fix for words in MANIFEST_WORDS):
            assert fix.startswith(INIT), (finding.rule, fix)


def test_discovery_names_the_folders_it_searched() -> None:
    report = check(REPOS / "recipes")
    reasons = {f.reason for f in report.findings if f.rule == "LLAMA-3.1-NOTICE"}
    assert (
        "no manifest lists evidence, and discovery found none for this duty in dpo/ and the "
        "project folder (it reads the license, Notice, README and about-page files there)"
    ) in reasons


def test_a_bom_says_it_has_no_place_for_evidence() -> None:
    report = check(DATA / "bom" / "acme.cdx.json")
    unlisted = [f for f in report.findings if f.rule.endswith("-NOTICE") and f.status != "pass"]
    assert unlisted
    for finding in unlisted:
        assert finding.reason.startswith("the bill of materials names no evidence files")


def test_a_manifest_that_lists_nothing_still_says_so() -> None:
    report = check(Path(__file__).resolve().parents[2] / "examples" / "missing-notice")
    (notice,) = [f for f in report.findings if f.rule == "LLAMA-3.1-NOTICE"]
    assert notice.reason == "no evidence listed"


# -- models named only in code, and the datasets of recipes ---------------------------------------


def test_models_named_only_in_scripts_are_a_product_under_review() -> None:
    report = report_of(REPOS / "synth-data")
    comps = components(report)
    code = comps["synth-data-code"]
    assert code["type"] == "product"
    assert code["licenses"] == ["llama-3.3"]
    # the generator named only in a script is visible, as a review naming its id
    assert "NousResearch/Hermes-3-Llama-3.1-405B" in comps
    named = findings(report, "synth-data-code")
    assert named["LLAMALICENSE-LLAMA-NAMED"]["status"] == "needs-review"
    assert "NousResearch/Hermes-3-Llama-3.1-405B" in named["LLAMALICENSE-LLAMA-NAMED"]["message"]
    assert named["LLAMALICENSE-NAMED-IN-CODE"]["status"] == "needs-review"
    # a mention is prose: whatever rests on it is a review, never a violation
    assert {f["status"] for f in named.values()} == {"needs-review"}
    edges = {e["to"]: e for e in report["edges"] if e["from"] == "synth-data-code"}
    assert {e["kind"] for e in edges.values()} == {"contains"}
    assert edges["meta-llama/Llama-3.3-70B-Instruct"]["evidence"] == [
        {"field": "model", "file": "scripts/generate.sh", "line": 4, "strength": "prose"}
    ]
    assert edges["NousResearch/Hermes-3-Llama-3.1-405B"]["evidence"] == [
        {"field": "quoted id", "file": "scripts/generate.sh", "line": 3, "strength": "prose"}
    ]
    # the recipe's dataset exists with where it was read; no generator is invented for it
    assert comps["acme-labs/help-desk-drafts"]["type"] == "dataset"
    assert not [e for e in report["edges"] if e["kind"] == "generated_by"]


def test_a_folder_with_only_a_script_naming_llama_is_not_without_evidence(tmp_path: Path) -> None:
    (tmp_path / "serve.py").write_text(
        'llm = LLM(model="meta-llama/Llama-3.2-3B-Instruct")\n', encoding="utf-8"
    )
    report = report_of(tmp_path)
    assert [c["type"] for c in report["components"]] == ["product", "model"]
    assert "LLAMALICENSE-NO-LLAMA-EVIDENCE" not in {f["rule"] for f in report["findings"]}
    assert report["verdict"] == "needs-review"


def test_scripts_naming_no_llama_model_add_nothing(tmp_path: Path) -> None:
    (tmp_path / "embed.py").write_text(
        'model = SentenceTransformer("BAAI/bge-small-en-v1.5")\n', encoding="utf-8"
    )
    report = report_of(tmp_path)
    assert "LLAMALICENSE-NO-LLAMA-EVIDENCE" in {f["rule"] for f in report["findings"]}
    assert len(report["components"]) == 1


def test_init_writes_the_code_product_and_a_stub_per_model(tmp_path: Path) -> None:
    project = Path(shutil.copytree(REPOS / "synth-data", tmp_path / "synth-data"))
    assert main(["init", str(project)]) == 0
    text = (project / "llamalicense.yaml").read_text(encoding="utf-8")
    assert "  - id: Llama-3.1-8B-Acme-Drafts\n" in text
    assert "  - id: synth-data-code\n    type: product\n    contains:\n" in text
    assert (
        "  # contains meta-llama/Llama-3.3-70B-Instruct: from scripts/generate.sh:4 (model, prose)"
        in text
    )
    assert "  # review: Llama models named only in the project's code\n" in text
    assert "  - id: NousResearch/Hermes-3-Llama-3.1-405B\n    type: model\n" in text
    assert "    ref: NousResearch/Hermes-3-Llama-3.1-405B\n" in text  # kept under review
    report = report_of(project)
    statuses = {f["status"] for f in report["findings"] if f["component"] == "synth-data-code"}
    assert "violation" not in statuses
    assert "needs-review" in statuses


def test_a_dataset_generator_a_document_states_is_a_prose_edge() -> None:
    report = report_of(REPOS / "synth-documented")
    edges = {(e["from"], e["kind"], e["to"]) for e in report["edges"]}
    drafts, tickets = "acme-labs/help-desk-drafts", "acme-labs/help-desk-tickets"
    assert (drafts, "generated_by", "meta-llama/Llama-3.3-70B-Instruct") in edges
    # the tickets' line names no model, and the code block is not read: nothing invented
    assert not [e for e in edges if e[0] == tickets]
    assert not [e for e in edges if e[2] == "meta-llama/Llama-3.2-1B"]
    generated = next(e for e in report["edges"] if e["kind"] == "generated_by")
    assert generated["evidence"] == [
        {"field": "table row", "file": "DATASETS.md", "line": 5, "strength": "prose"}
    ]
    train = findings(report, "train")
    # through the declared base, a violation; through the prose generator, a review
    assert train["LLAMA-3.1-MODEL-NAME"]["status"] == "violation"
    name_33 = train["LLAMA-3.3-MODEL-NAME"]
    assert name_33["status"] == "needs-review"
    assert name_33["path"] == ["train", drafts, "meta-llama/Llama-3.3-70B-Instruct"]
    assert "rests only on DATASETS.md:5 (table row, prose)" in name_33["message"]


def test_init_writes_a_documented_generator_on_the_dataset_stub(tmp_path: Path) -> None:
    project = Path(shutil.copytree(REPOS / "synth-documented", tmp_path / "p"))
    assert main(["init", str(project)]) == 0
    text = (project / "llamalicense.yaml").read_text(encoding="utf-8")
    assert (
        "  - id: acme-labs/help-desk-drafts\n    type: dataset\n    generated_by:\n"
        "    - meta-llama/Llama-3.3-70B-Instruct\n"
    ) in text
    assert "  - id: acme-labs/help-desk-tickets\n    type: dataset\n" in text
    # written by a person now: the generator is declared, so the name duty is firm
    assert findings(report_of(project), "Acme-Helper-8B")["LLAMA-3.3-MODEL-NAME"]["status"] == (
        "violation"
    )


def test_init_names_a_gguf_model_by_its_general_name(tmp_path: Path) -> None:
    header = {"general.name": "Llama-3.2-Acme-3B", "general.license": "llama3.2"}
    header["general.base_model.0.repo_url"] = "https://huggingface.co/meta-llama/Llama-3.2-3B"
    (tmp_path / "acme-3b.Q4_K_M.gguf").write_bytes(_gguf(header))
    assert main(["init", str(tmp_path)]) == 0
    text = (tmp_path / "llamalicense.yaml").read_text(encoding="utf-8")
    assert "  - id: Llama-3.2-Acme-3B\n    type: model\n" in text
    assert "  # id: from its name (acme-3b.Q4_K_M.gguf (general.name, declared))\n" in text
