"""Model cards: front matter, licenses, bases and relations, names, discovery, init, `card:`."""

from __future__ import annotations

import contextlib
import json
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from llamalicense.api import check
from llamalicense.catalog.licenses import classify, llama_version
from llamalicense.cli.main import main
from llamalicense.documents.loader import DocumentError
from llamalicense.errors import InputError, LlamalicenseError, ManifestError
from llamalicense.project.discover import discover, project_from_cards
from llamalicense.project.readers.cards import parse_card, split_front_matter
from llamalicense.project.resolve import (
    INFERRED_RULE,
    LLAMA_NAMED_RULE,
    LOCAL_BASE_RULE,
    NOT_LLAMA_RULE,
    REUPLOAD_RULE,
    known_copies,
)

CARDS = Path(__file__).parent.parent / "data" / "cards"


def card(text: str, **kw: str):
    parsed = parse_card(text, "README.md", **kw)  # type: ignore[arg-type]
    assert parsed is not None
    return parsed


# -- front matter -------------------------------------------------------------------------


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r\r\n", "\r"])
def test_front_matter_with_any_line_ends(newline: str) -> None:
    text = newline.join(
        ["---", "license: llama3.1", "base_model: meta-llama/Llama-3.1-8B", "---", "# Llama-Acme"]
    )
    parsed = card(text)
    assert parsed.licenses[0].version == "llama-3.1"
    assert parsed.bases[0].id == "meta-llama/Llama-3.1-8B"
    assert parsed.name == "Llama-Acme"


def test_front_matter_after_blank_lines_and_bom() -> None:
    parsed = card("\ufeff\n\n---\nlicense: llama3\n---\nbody")
    assert parsed.start_line == 3
    assert parsed.licenses[0].version == "llama-3"


def test_front_matter_inside_html_comment() -> None:
    text = (CARDS / "hidden-front-matter" / "README.md").read_text(encoding="utf-8")
    parsed = card(text)
    assert parsed.in_comment
    assert [b.id for b in parsed.bases] == ["meta-llama/Llama-3.2-1B", "meta-llama/Llama-3.2-3B"]
    assert parsed.name == "Tidewater Tuner"
    assert parsed.body.lstrip().startswith("# Tidewater")


def test_unclosed_front_matter_is_no_front_matter() -> None:
    front = split_front_matter("---\nlicense: mit\nno closing line\n")
    assert front.yaml is None
    with pytest.raises(InputError, match="no YAML front matter"):
        parse_card("---\nlicense: mit\n", "card.md")


def test_duplicate_keys_are_errors_with_the_card_line() -> None:
    text = "\n---\nlicense: llama3\nbase_model: a/b\nlicense: llama3.1\n---\n"
    with pytest.raises(DocumentError) as info:
        parse_card(text, "models/x/README.md", strict=False)
    assert info.value.file == "models/x/README.md"
    assert info.value.line == 5
    assert "duplicate key 'license'" in str(info.value)


def test_broken_yaml_with_card_keys_is_an_error_even_in_discovery() -> None:
    with pytest.raises(DocumentError):
        parse_card("---\nlicense: [llama3\nbase_model: x\n---\n", "README.md", strict=False)


def test_broken_yaml_without_card_keys_is_skipped_in_discovery() -> None:
    assert parse_card("---\n: : :\n  - [\n---\n", "README.md", strict=False) is None


def test_yaml_12_booleans() -> None:
    parsed = card("---\nlicense: llama2\ninference: no\n---\n")
    assert parsed.metadata["inference"] == "no"


def test_a_dataset_card_is_not_a_model_card() -> None:
    text = (CARDS / "dataset-card" / "README.md").read_text(encoding="utf-8")
    assert parse_card(text, "README.md", strict=False) is None


# -- licenses -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "version"),
    [
        ("llama2", "llama-2"),
        ("llama3", "llama-3"),
        ("llama3.1", "llama-3.1"),
        ("llama3.2", "llama-3.2"),
        ("llama3.3", "llama-3.3"),
        ("llama4", "llama-4"),
        ("llama-3", "llama-3"),
        ("Llama 3", "llama-3"),
        ("llama_3", "llama-3"),
        ("llama3_1", "llama-3.1"),
        ("LLAMA-3.2", "llama-3.2"),
        ("Meta Llama 3 Community License Agreement", "llama-3"),
        ("Llama 3.3 Community License", "llama-3.3"),
        ("LicenseRef-scancode-llama-2-license-2023", "llama-2"),
        ("LicenseRef-scancode-llama-3.1-license-2024", "llama-3.1"),
        ("llama-4-cla-2025", "llama-4"),
        ("Llama 2 Community License Agreement 2023", "llama-2"),
        ("LicenseRef-scancode-llama-license-2023", "llama-1"),
        ("https://llama.meta.com/llama3/license/", "llama-3"),
        ("https://www.llama.com/llama3_3/license/", "llama-3.3"),
        ("https://ai.meta.com/llama/license/", "llama-2"),
        (
            "https://github.com/meta-llama/llama-models/blob/main/models/llama3_2/LICENSE",
            "llama-3.2",
        ),
        ("https://huggingface.co/meta-llama/Llama-3.1-8B/blob/main/LICENSE", "llama-3.1"),
        ("apache-2.0", None),
        ("llama31_8b_qlora", None),
        ("LICENSE", None),
    ],
)
def test_license_values(value: str, version: str | None) -> None:
    assert llama_version(value) == version


@pytest.mark.parametrize("value", ["license", "other", "[More Information Needed]", "  "])
def test_placeholders(value: str) -> None:
    assert classify(value, "license").kind == "placeholder"


def test_every_license_field_form() -> None:
    parsed = card(
        "---\nlicense: [other, apache-2.0]\nlicence: llama3\nlicense_name: llama3.1\n"
        "license_link: LICENSE\n---\n"
    )
    read = [(d.field, d.raw, d.kind, d.version) for d in parsed.licenses]
    assert read == [
        ("license", "other", "placeholder", None),
        ("license", "apache-2.0", "other", None),
        ("licence", "llama3", "llama", "llama-3"),
        ("license_name", "llama3.1", "llama", "llama-3.1"),
    ]


# -- bases, relations, names ------------------------------------------------------------------


def test_base_model_forms() -> None:
    assert card("---\nlicense: mit\nbase_model: []\n---\n").bases == ()
    listed = card("---\nbase_model:\n- a/x\n- a/x\n- A/X\n---\n")
    assert [b.id for b in listed.bases] == ["a/x"]
    tagged = card(
        "---\nlibrary_name: peft\ntags:\n- base_model:adapter:meta-llama/Llama-3.2-1B\n---\n"
    )
    assert [(b.id, b.relation, b.source) for b in tagged.bases] == [
        ("meta-llama/Llama-3.2-1B", "adapter", "tag")
    ]


@pytest.mark.parametrize(
    ("front", "relation"),
    [
        ("base_model: a/b\nbase_model_relation: quantized", "quantized"),
        ("base_model: a/b\nlibrary_name: peft", "adapter"),
        ("base_model: a/b\ntags: [lora]", "adapter"),
        ("base_model: a/b\nquantized_by: someone", "quantized"),
        ("base_model: a/b\ntags: [gguf-my-repo]", "quantized"),
        ("base_model: a/b\nmodel_name: Foo-8B-AWQ-INT4", "quantized"),
        ("base_model: a/b\nmodel_name: Foo-GPTQ", "quantized"),
        ("base_model: a/b\nmodel_name: foo-bnb-4bit", "quantized"),
        ("base_model: [a/b, c/d]\ntags: [mergekit]", "merge"),
        ("base_model: [a/b, c/d]", "merge"),
        ("base_model: a/b", "finetune"),
    ],
)
def test_relations(front: str, relation: str) -> None:
    assert card(f"---\n{front}\n---\n").bases[0].relation == relation


@pytest.mark.parametrize(
    ("front", "body", "name", "source"),
    [
        ("model_name: Llama-Foo", "# Other", "Llama-Foo", "model_name"),
        ("model-index:\n- name: Llama-Bar\n  results: []", "# Other", "Llama-Bar", "model-index"),
        (
            "license: mit",
            "# [org/Llama-Baz-GGUF](https://hf.co/org/Llama-Baz-GGUF)",
            "org/Llama-Baz-GGUF",
            "heading",
        ),
        ("license: mit", "# 🦙✨ Llama-Qux", "Llama-Qux", "heading"),
        ("license: mit", "# Model Card for Llama-Zed", "Llama-Zed", "heading"),
        ("license: mit", "# Model Card for Model ID", "my-folder", "folder"),
        (
            "license: mit",
            "# Finetune Llama 3.1, Gemma 2 and more 2x faster with less memory!",
            "my-folder",
            "folder",
        ),
        ("license: mit", "```\n# not a heading\n```\n## Sub", "my-folder", "folder"),
    ],
)
def test_names(front: str, body: str, name: str, source: str) -> None:
    parsed = card(f"---\n{front}\n---\n{body}\n", folder="my-folder", stem="README")
    assert (parsed.name, parsed.name_source) == (name, source)


def test_reupload_table_points_at_catalog_releases() -> None:
    from llamalicense.catalog.data import load_catalog

    catalog = load_catalog()
    for reupload in known_copies().reuploads.values():
        assert catalog.lookup(reupload.of) is not None, reupload.id


# -- discovery and check DIR --------------------------------------------------------------------


@pytest.fixture(scope="module")
def report() -> dict:
    return check(CARDS).to_dict()


def components(report: dict) -> dict[str, dict]:
    return {c["id"]: c for c in report["components"]}


def findings(report: dict, component: str) -> dict[str, dict]:
    return {f["rule"]: f for f in report["findings"] if f["component"] == component}


def test_discovery_finds_only_model_cards(report: dict) -> None:
    cards = {c["id"] for c in report["components"] if "/" not in c["id"] and ":" not in c["id"]}
    assert cards == {
        "apache-finetune",
        "community-base",
        "hidden-front-matter",
        "merge-empty",
        "mislabelled-llama3",
        "mistral-llama2-label",
        "other-license",
        "peft-adapter",
        "prose-base",
        "quant-gguf",
        "tinyllama-gguf",
    }


@pytest.mark.parametrize(
    ("component", "licenses"),
    [
        ("peft-adapter", ["llama-3.1"]),
        ("hidden-front-matter", ["llama-3.2"]),
        ("merge-empty", []),
        ("quant-gguf", ["llama-3.1"]),
        ("mislabelled-llama3", ["llama-3.1"]),
        ("apache-finetune", ["llama-3.1"]),
        ("tinyllama-gguf", []),
        ("mistral-llama2-label", []),
        ("community-base", ["llama-3.3"]),  # the declared license, with the base unknown
        ("prose-base", ["llama-3"]),
        ("other-license", ["llama-3.1"]),
    ],
)
def test_versions_per_card(report: dict, component: str, licenses: list[str]) -> None:
    info = components(report)[component]
    assert info["licenses"] == licenses
    assert info["type"] == "model"
    assert info["source"] == str(CARDS / component / "README.md")


def test_card_components_are_made_available_and_named(report: dict) -> None:
    info = components(report)
    assert info["peft-adapter"]["name"] == "summaries_adapter_v2"
    assert info["mislabelled-llama3"]["name"] == "Llama-3.1-Nova-Mini"
    edges = {(e["from"], e["to"]): e["relation"] for e in report["edges"]}
    assert edges[("peft-adapter", "meta-llama/Llama-3.1-8B")] == "adapter"
    assert edges[("quant-gguf", "meta-llama/Llama-3.1-8B-Instruct")] == "quantized"


def test_duties_follow_the_version(report: dict) -> None:
    rules = findings(report, "mislabelled-llama3")
    assert "LLAMA-3.1-AGREEMENT" in rules
    assert not any(r.startswith("LLAMA-3-") for r in rules)


def test_declared_license_disagreeing_with_lineage(report: dict) -> None:
    wrong_version = findings(report, "mislabelled-llama3")["LLAMALICENSE-LICENSE-DECLARATION"]
    assert wrong_version["status"] == "needs-review"
    assert wrong_version["obligation"] == "license-declaration"
    assert "Llama 3" in wrong_version["message"]
    assert "Llama 3.1" in wrong_version["message"]
    apache = findings(report, "apache-finetune")["LLAMALICENSE-LICENSE-DECLARATION"]
    assert apache["status"] == "needs-review"
    assert apache["severity"] == "error"
    assert "apache-2.0" in apache["message"]
    nvidia = findings(report, "other-license")["LLAMALICENSE-LICENSE-DECLARATION"]
    assert "nvidia-open-model-license" in nvidia["message"]
    agreed = findings(report, "quant-gguf")["LLAMALICENSE-LICENSE-DECLARATION"]
    assert agreed["status"] == "pass"
    placeholder = findings(report, "peft-adapter")["LLAMALICENSE-LICENSE-DECLARATION"]
    assert "no license named" in placeholder["message"]


def test_wrong_label_is_not_evidence(report: dict) -> None:
    mistral = findings(report, "mistral-llama2-label")
    assert set(mistral) == {"LLAMALICENSE-LICENSE-DECLARATION"}
    message = mistral["LLAMALICENSE-LICENSE-DECLARATION"]["message"]
    assert "not treated as a Llama derivative" in message
    assert "mistral" in message.lower()


def test_tinyllama_is_not_llama(report: dict) -> None:
    tiny = findings(report, "tinyllama-gguf")
    assert set(tiny) == {NOT_LLAMA_RULE}
    assert "pretrained from scratch" in tiny[NOT_LLAMA_RULE]["message"]


def test_reupload_resolves_with_a_note(report: dict) -> None:
    note = findings(report, "apache-finetune")[REUPLOAD_RULE]
    assert note["status"] == "pass"
    assert "meta-llama/Llama-3.1-8B" in note["message"]


def test_llama_named_base_needs_review(report: dict) -> None:
    found = findings(report, "community-base")
    note = found[LLAMA_NAMED_RULE]
    assert note["status"] == "needs-review"
    assert "NordicLab/Llama-Kantele-2-8B-Instruct" in note["message"]
    # The card declares llama3.3: the publisher's statement brings the Llama 3.3 duties, and
    # the declaration finding says the base is unknown.
    declared = found["LLAMALICENSE-LICENSE-DECLARATION"]
    assert declared["status"] == "needs-review"
    assert "the base is unknown" in declared["message"]
    assert any(f["rule"].startswith("LLAMA-3.3-") for f in found.values())


def test_base_from_the_card_text(report: dict) -> None:
    note = findings(report, "prose-base")[INFERRED_RULE]
    assert "meta-llama/Meta-Llama-3-8B-Instruct" in note["message"]
    pruned = findings(report, "other-license")[INFERRED_RULE]
    assert "meta-llama/Llama-3.1-8B" in pruned["message"]


def test_empty_base_list_with_local_paths(report: dict) -> None:
    # The front matter lists no base; the card's mergekit block names a local path.
    note = findings(report, "merge-empty")[LOCAL_BASE_RULE]
    assert note["status"] == "needs-review"
    assert "E:/work/finetuned/llama_run_3" in note["message"]


def test_licensee_facts_are_review_not_errors(report: dict) -> None:
    assert report["verdict"] in ("needs-review", "non-compliant")
    statuses = {f["status"] for f in report["findings"] if f["obligation"] == "mau"}
    assert statuses <= {"needs-review"}


def test_check_folder_without_llama_evidence_says_so(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# nothing here\n", encoding="utf-8")
    report = check(tmp_path)
    assert report.verdict == "compliant"
    (finding,) = report.findings
    assert finding.rule == "LLAMALICENSE-NO-LLAMA-EVIDENCE"
    assert "no Llama license duty" in finding.message


def test_evidence_beside_the_card(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parent.parent.parent
    model = tmp_path / "models" / "acme"
    model.mkdir(parents=True)
    shutil.copy(CARDS / "quant-gguf" / "README.md", model / "README.md")
    with (model / "README.md").open("a", encoding="utf-8") as handle:
        handle.write("\nBuilt with Llama\n")
    shutil.copy(root / "rules" / "licenses" / "llama-3.1" / "LICENSE.txt", tmp_path / "LICENSE")
    (tmp_path / "NOTICE").write_text(
        "Llama 3.1 is licensed under the Llama 3.1 Community License, Copyright © Meta "
        "Platforms, Inc. All Rights Reserved.\n",
        encoding="utf-8",
    )
    project = project_from_cards(discover(tmp_path))
    acme = project.component("models/acme")
    assert acme.attribution.agreement == ("LICENSE",)
    assert acme.attribution.notice == ("NOTICE",)
    assert acme.attribution.built_with_llama == ("models/acme/README.md",)
    result = check(tmp_path).to_dict()
    statuses = {
        f["rule"]: f["status"] for f in result["findings"] if f["component"] == "models/acme"
    }
    assert statuses["LLAMA-3.1-AGREEMENT"] == "pass"
    assert statuses["LLAMA-3.1-BUILT-WITH"] == "needs-review"  # found; prominence: a person


# -- init ---------------------------------------------------------------------------------------


def test_init_writes_a_starter_and_never_overwrites(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "p"
    shutil.copytree(CARDS, project)
    assert main(["init", str(project)]) == 0
    manifest = project / "llamalicense.yaml"
    text = manifest.read_text(encoding="utf-8")
    assert "card: peft-adapter/README.md" in text
    assert main(["init", str(project)]) == 2
    assert "already exists" in capsys.readouterr().err
    manifest.write_text("version: 1\ncomponents: []\n", encoding="utf-8")
    assert main(["init", str(project)]) == 2
    assert manifest.read_text(encoding="utf-8") == "version: 1\ncomponents: []\n"
    assert main(["init", str(project), "--force"]) == 0
    assert by_card(project) == by_card(CARDS)


def by_card(root: Path) -> dict[str, list[str]]:
    """The Llama versions of each card's model, by the card's path in ``root``."""
    return {
        Path(c["source"]).relative_to(root).as_posix(): c["licenses"]
        for c in check(root).to_dict()["components"]
        if c["source"].endswith("README.md") and "/" not in c["id"]  # not a base: a card's
    }


def test_init_emits_yaml_so_a_folder_name_cannot_add_a_component(tmp_path: Path) -> None:
    """Issue 15, class 5: a folder name with a line break stays one value and one comment."""
    project = tmp_path / "p"
    hostile = "m\n  - id: injected\n    type: model\n    distributed: false\n#"
    shutil.copytree(CARDS / "peft-adapter", project / hostile)
    assert main(["init", str(project)]) == 0
    text = (project / "llamalicense.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert [c["card"] for c in data["components"] if "card" in c] == [f"{hostile}/README.md"]
    assert "injected" not in {c["id"] for c in data["components"]}
    assert not any(line.startswith("  - id: injected") for line in text.splitlines())


def test_init_without_cards(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init", str(tmp_path)]) == 2
    assert "no model cards" in capsys.readouterr().err


# -- `card:` in a manifest ---------------------------------------------------------------------


def write_manifest(root: Path, body: str) -> Path:
    path = root / "llamalicense.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def test_card_field_fills_the_component_and_manifest_wins(tmp_path: Path) -> None:
    shutil.copytree(CARDS / "mislabelled-llama3", tmp_path / "model")
    write_manifest(
        tmp_path,
        "version: 1\ncomponents:\n"
        "  - id: nova\n    type: model\n    card: model/README.md\n    distributed: true\n"
        "  - id: renamed\n    type: model\n    card: model/README.md\n    name: Llama-Renamed\n"
        "    license: llama3.1\n",
    )
    result = check(tmp_path).to_dict()
    info = components(result)
    assert info["nova"]["name"] == "Llama-3.1-Nova-Mini"
    assert info["nova"]["licenses"] == ["llama-3.1"]
    assert info["nova"]["source"] == str(tmp_path / "model" / "README.md")
    assert info["renamed"]["name"] == "Llama-Renamed"
    declared = findings(result, "renamed")["LLAMALICENSE-LICENSE-DECLARATION"]
    assert declared["status"] == "pass"
    nova = findings(result, "nova")["LLAMALICENSE-LICENSE-DECLARATION"]
    assert nova["status"] == "needs-review"


def test_card_path_must_stay_inside(tmp_path: Path) -> None:
    write_manifest(
        tmp_path, "version: 1\ncomponents:\n  - {id: m, type: model, card: ../README.md}\n"
    )
    with pytest.raises(ManifestError, match="leaves the project folder"):
        check(tmp_path)


def test_card_without_front_matter_in_a_manifest_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# no front matter\n", encoding="utf-8")
    write_manifest(tmp_path, "version: 1\ncomponents:\n  - {id: m, type: model, card: README.md}\n")
    with pytest.raises(LlamalicenseError, match="no YAML front matter"):
        check(tmp_path)


def test_cli_json_components(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", str(CARDS), "--format", "json"])
    assert code in (0, 1)
    document = json.loads(capsys.readouterr().out)
    first = components(document)["hidden-front-matter"]
    assert set(first) >= {"id", "type", "name", "source", "licenses"}


def test_mapping_where_a_hub_id_belongs_is_an_error() -> None:
    with pytest.raises(InputError, match="`base_model` must be a string") as info:
        parse_card("---\nlicense: mit\nbase_model:\n  id: a/b\n---\n", "card.md")
    assert info.value.line == 3


def test_undecodable_markdown_is_skipped_unless_it_looks_like_a_card(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_bytes(b"# caf\xe9\n")
    (tmp_path / "model").mkdir()
    (tmp_path / "model" / "README.md").write_text("---\nlicense: llama3.1\n---\n", encoding="utf-8")
    assert [r for r, _ in discover(tmp_path).cards] == ["model/README.md"]
    (tmp_path / "bad.md").write_bytes(b"---\nlicense: caf\xe9\n---\n")
    with pytest.raises(InputError, match="UTF-8"):
        discover(tmp_path)


def test_symlinks_out_of_the_project_are_not_evidence(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "LICENSE").write_text("x", encoding="utf-8")
    project = tmp_path / "p"
    project.mkdir()
    (project / "LICENSE").symlink_to(outside / "LICENSE")
    assert discover(project).files == ()


# -- robustness ---------------------------------------------------------------------------------


_CARDISH = st.lists(
    st.sampled_from(
        [
            "---",
            "<!---",
            "-->",
            "license: llama3.1",
            "license: [llama3, other]",
            "licence: license",
            "base_model: []",
            "base_model: meta-llama/Llama-3.1-8B",
            "base_model:",
            "  - TinyLlama/TinyLlama-1.1B-Chat-v1.0",
            "  - {a: b}",
            "tags: [gguf, 'base_model:adapter:x/y']",
            "model-index: 3",
            "model_name: [1]",
            "# Heading",
            "license: llama3",
            "key: [unclosed",
            "\r",
            "",
        ]
    ),
    max_size=12,
)


@settings(max_examples=200, deadline=None)
@given(lines=_CARDISH, newline=st.sampled_from(["\n", "\r\n"]))
def test_any_card_text_reads_or_fails_cleanly(lines: list[str], newline: str) -> None:
    with contextlib.suppress(LlamalicenseError):
        parse_card(newline.join(lines), "README.md", strict=False)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_any_text_scans(text: str) -> None:
    from llamalicense.evidence.scanner import scan_text

    scan_text(text)


def test_reports_from_cards_and_boms_follow_the_report_schema() -> None:
    import jsonschema

    root = Path(__file__).resolve().parent.parent.parent
    schema = json.loads(
        (root / "llamalicense" / "schemas" / "report.schema.json").read_text("utf-8")
    )
    validator = jsonschema.Draft202012Validator(schema)
    for source in (CARDS, root / "tests" / "data" / "bom" / "acme.cdx.json"):
        document = json.loads(json.dumps(check(source).to_dict()))
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]
        assert errors == [], source
