"""AI bills of materials: CycloneDX 1.6 JSON and SPDX 3.0 JSON-LD become components and lineage."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from llamalicense.api import check, load_project
from llamalicense.catalog.licenses import expression_keys
from llamalicense.cli.main import main
from llamalicense.errors import InputError, LlamalicenseError
from llamalicense.project.readers.bom import is_bom_file, load_bom
from llamalicense.project.resolve import NOT_LLAMA_RULE, REUPLOAD_RULE

BOMS = Path(__file__).parent.parent / "data" / "bom"
CARDS = Path(__file__).parent.parent / "data" / "cards"
CDX = BOMS / "acme.cdx.json"
SPDX = BOMS / "acme.spdx3.json"


def by_id(report: dict) -> dict[str, dict]:
    return {c["id"]: c for c in report["components"]}


def rules_of(report: dict, component: str) -> dict[str, dict]:
    return {f["rule"]: f for f in report["findings"] if f["component"] == component}


def test_fixtures_are_recognised() -> None:
    assert is_bom_file(CDX)
    assert is_bom_file(SPDX)
    assert not is_bom_file(CARDS / "quant-gguf" / "README.md")


def test_the_cyclonedx_fixture_is_valid_cyclonedx_1_6() -> None:
    # Validate against the official 1.6 schema that cyclonedx-python-lib ships, with plain
    # jsonschema: the library's own validator needs jsonschema[format], whose extra
    # dependencies add about a second to every process that imports jsonschema.
    cyclonedx = pytest.importorskip("cyclonedx")
    import json

    import jsonschema
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT7

    folder = Path(cyclonedx.__file__).parent / "schema" / "_res"
    registry: Registry = Registry()
    for path in folder.glob("*.schema.json"):
        contents = json.loads(path.read_text(encoding="utf-8"))
        resource = Resource.from_contents(contents, default_specification=DRAFT7)
        registry = registry.with_resource(contents["$id"], resource)
        # The 1.6 schema refers to its neighbours by file name, relative to its own $id.
        registry = registry.with_resource(f"http://cyclonedx.org/schema/{path.name}", resource)
    schema = json.loads((folder / "bom-1.6.SNAPSHOT.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema, registry=registry)
    errors = [e.message for e in validator.iter_errors(json.loads(CDX.read_text(encoding="utf-8")))]
    assert errors == []


def test_cyclonedx_components_and_lineage() -> None:
    report = check(CDX).to_dict()
    components = by_id(report)
    assert components["acme-assistant"]["type"] == "product"
    assert components["acme-assistant"]["licenses"] == ["llama-3.1", "llama-3.2"]
    assert components["acme-chat"]["licenses"] == ["llama-3.1"]
    assert components["base"]["ref"] == "meta-llama/Llama-3.1-8B-Instruct"
    assert components["tickets"]["type"] == "dataset"
    assert "transformers" not in components  # a library that holds no model is left out
    assert components["acme-chat"]["source"] == str(CDX)
    edges = {(e["from"], e["to"], e["kind"]) for e in report["edges"]}
    assert ("acme-chat", "base", "derived_from") in edges
    assert ("acme-chat", "tickets", "trained_on") in edges
    assert ("acme-assistant", "acme-chat", "contains") in edges


def test_cyclonedx_licenses_reupload_and_tinyllama() -> None:
    report = check(CDX).to_dict()
    assert rules_of(report, "acme-chat")["LLAMALICENSE-LICENSE-DECLARATION"]["status"] == "pass"
    vision = rules_of(report, "acme-vision")
    assert vision[REUPLOAD_RULE]["status"] == "pass"
    assert by_id(report)["acme-vision"]["licenses"] == ["llama-3.2"]
    tiny = rules_of(report, "tiny")
    assert tiny[NOT_LLAMA_RULE]["status"] == "pass"
    assert by_id(report)["tiny"]["licenses"] == []


def test_distributed_from_properties_and_defaults() -> None:
    project = load_bom(CDX)
    assert project.component("acme-chat").distributed is True
    assert project.component("base").distributed is False  # an ancestor: used, not shipped
    assert project.component("tiny").distributed is None


def test_spdx_components_and_lineage() -> None:
    report = check(SPDX).to_dict()
    components = by_id(report)
    chat = components["https://acme.example/spdx/chat"]
    assert chat["type"] == "model"
    assert chat["licenses"] == ["llama-3.1", "llama-3.3"]  # 3.3 through its outputs
    assert components["https://acme.example/spdx/synth"]["licenses"] == ["llama-3.3"]
    assert components["https://acme.example/spdx/assistant"]["type"] == "product"
    edges = {(e["from"], e["to"], e["kind"]) for e in report["edges"]}
    assert (
        "https://acme.example/spdx/chat",
        "https://acme.example/spdx/base",
        "derived_from",
    ) in edges
    assert (
        "https://acme.example/spdx/synth",
        "https://acme.example/spdx/teacher",
        "generated_by",
    ) in edges
    declared = rules_of(report, "https://acme.example/spdx/chat")[
        "LLAMALICENSE-LICENSE-DECLARATION"
    ]
    assert declared["status"] == "pass"  # materials are 3.1; 3.3 outputs do not govern the weights


def test_official_library_output_imports(tmp_path: Path) -> None:
    pytest.importorskip("cyclonedx.output.json")
    from cyclonedx.model.bom import Bom
    from cyclonedx.model.component import Component, ComponentType, Pedigree
    from cyclonedx.model.license import LicenseExpression
    from cyclonedx.output.json import JsonV1Dot6

    base = Component(
        type=ComponentType.MACHINE_LEARNING_MODEL,
        name="Llama-3.2-1B-Instruct",
        group="meta-llama",
        bom_ref="base",
    )
    model = Component(
        type=ComponentType.MACHINE_LEARNING_MODEL,
        name="Llama-Acme-Mini",
        group="acme",
        bom_ref="mini",
        licenses=[LicenseExpression("LicenseRef-scancode-llama-3.2-license-2024")],
        pedigree=Pedigree(ancestors=[base]),
    )
    app = Component(type=ComponentType.APPLICATION, name="acme-app", bom_ref="app")
    bom = Bom(components=[model])
    bom.metadata.component = app
    bom.register_dependency(app, [model])
    path = tmp_path / "lib.cdx.json"
    text = JsonV1Dot6(bom).output_as_string(indent=1)
    assert text.index('"bomFormat"') > len(text) // 2  # the library writes it last
    path.write_text(text, encoding="utf-8")
    report = check(path).to_dict()
    assert by_id(report)["mini"]["licenses"] == ["llama-3.2"]
    assert by_id(report)["app"]["licenses"] == ["llama-3.2"]


@pytest.mark.parametrize(
    ("expression", "keys"),
    [
        (
            "LicenseRef-scancode-llama-3.1-license-2024",
            ("LicenseRef-scancode-llama-3.1-license-2024",),
        ),
        (
            "MIT AND (Apache-2.0 OR LicenseRef-scancode-llama-2-license-2023)",
            ("MIT", "Apache-2.0", "LicenseRef-scancode-llama-2-license-2023"),
        ),
    ],
)
def test_expressions(expression: str, keys: tuple[str, ...]) -> None:
    assert expression_keys(expression) == keys


def test_not_a_bom(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text('{"bomFormat": "Other"}', encoding="utf-8")
    with pytest.raises(InputError, match="not a CycloneDX or SPDX 3 document"):
        load_bom(path)


def test_malformed_bom_names_the_json_path(tmp_path: Path) -> None:
    path = tmp_path / "bad.cdx.json"
    path.write_text(
        '{"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [{"type": "data"}]}',
        encoding="utf-8",
    )
    with pytest.raises(LlamalicenseError) as info:
        check(path)
    assert info.value.json_path == "$.components[0].name"


def test_duplicate_keys_in_a_bom(tmp_path: Path) -> None:
    path = tmp_path / "dup.cdx.json"
    path.write_text(
        '{"bomFormat": "CycloneDX", "bomFormat": "CycloneDX", "components": []}', encoding="utf-8"
    )
    with pytest.raises(LlamalicenseError, match="duplicate key"):
        check(path)


def test_bad_property_value(tmp_path: Path) -> None:
    data = json.loads(CDX.read_text(encoding="utf-8"))
    data["components"][0]["properties"][0]["value"] = "yes"
    path = tmp_path / "p.cdx.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(InputError, match="llamalicense:distributed"):
        check(path)


def test_manifest_bom_field_with_overrides(tmp_path: Path) -> None:
    shutil.copy(SPDX, tmp_path / "sbom.spdx3.json")
    (tmp_path / "llamalicense.yaml").write_text(
        "version: 1\n"
        "licensee: {name: Acme, country: US, max_monthly_active_users: 1000}\n"
        "bom: sbom.spdx3.json\n"
        "components:\n"
        "  - id: https://acme.example/spdx/chat\n"
        "    type: model\n"
        "    name: Llama-Acme-Chat-8B\n"
        "    distributed: true\n",
        encoding="utf-8",
    )
    project = load_project(tmp_path)
    chat = project.component("https://acme.example/spdx/chat")
    assert chat.distributed is True
    assert chat.derived_from[0].id == "https://acme.example/spdx/base"
    assert chat.source.endswith("llamalicense.yaml")


def test_manifest_bom_path_must_stay_inside(tmp_path: Path) -> None:
    (tmp_path / "llamalicense.yaml").write_text(
        "version: 1\nbom: ../x.json\ncomponents: []\n", encoding="utf-8"
    )
    with pytest.raises(LlamalicenseError, match="leaves the project folder"):
        load_project(tmp_path)


def test_cli_checks_a_bom(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(CDX), "--format", "json"]) == 1
    document = json.loads(capsys.readouterr().out)
    assert document["verdict"] == "non-compliant"
    assert {"acme-chat", "acme-assistant"} <= {c["id"] for c in document["components"]}
