"""Malformed BOMs: every wrong-typed field is an input error (exit 2), never a crash (exit 3).

A property feeds random JSON values into every field the CycloneDX and SPDX readers look
at; explicit cases go through the CLI and check the message names the file and JSON path.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from llamalicense.api import load_project
from llamalicense.cli.main import main
from llamalicense.errors import LlamalicenseError

BOMS = Path(__file__).parent.parent / "data" / "bom"
SETTINGS = settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)

SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12)
JSON = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=10,
)
# Values of every shape, so that a field meets each type it does not expect.
WRONG = st.sampled_from([None, True, 0, -1.5, "", "x", [], ["x"], [{}], {}, {"x": 1}]) | JSON
REFS = st.sampled_from(["base", "chat", "app", "tickets", "synth", "lic"])
NAMES = st.sampled_from(
    ["meta-llama/Llama-3.1-8B-Instruct", "Llama-Acme-Chat-8B", "tickets-q4", "acme/app"]
)
LICENSES = st.sampled_from(
    [
        "LicenseRef-scancode-llama-3.1-license-2024",
        "MIT AND (Apache-2.0 OR llama3_2)",
        "Llama 3.1 Community License",
        "https://www.llama.com/llama3_1/license/",
        "((",
    ]
)
PROPERTY = st.fixed_dictionaries(
    {
        "name": st.sampled_from(
            ["llamalicense:distributed", "llamalicense:relation", "llamalicense:name"]
        ),
        "value": st.sampled_from(["true", "false", "finetune", "quantized"]),
    }
)
CDX_LICENSE = st.fixed_dictionaries({"expression": LICENSES}) | st.fixed_dictionaries(
    {"license": st.fixed_dictionaries({}, optional=dict.fromkeys(("id", "name", "url"), LICENSES))}
)


def _cdx_component(children: st.SearchStrategy[dict[str, Any]]) -> st.SearchStrategy[Any]:
    """A CycloneDX component with every field the reader looks at (some of them)."""
    return st.fixed_dictionaries(
        {"name": NAMES},
        optional={
            "type": st.sampled_from(["machine-learning-model", "data", "application", "library"]),
            "bom-ref": REFS,
            "group": st.sampled_from(["meta-llama", "acme"]),
            "purl": st.sampled_from(["pkg:huggingface/meta-llama/Llama-3.2-1B", "pkg:pypi/x"]),
            "licenses": st.lists(CDX_LICENSE, max_size=2),
            "properties": st.lists(PROPERTY, max_size=2),
            "pedigree": st.fixed_dictionaries({"ancestors": st.lists(children, max_size=2)}),
            "modelCard": st.fixed_dictionaries(
                {
                    "modelParameters": st.fixed_dictionaries(
                        {
                            "datasets": st.lists(
                                st.fixed_dictionaries({"ref": REFS}) | children, max_size=2
                            )
                        }
                    )
                }
            ),
            "components": st.lists(children, max_size=2),
        },
    )


CDX_COMPONENT = st.recursive(
    _cdx_component(st.fixed_dictionaries({"name": NAMES})), _cdx_component, max_leaves=5
)
CYCLONEDX = st.fixed_dictionaries(
    {"bomFormat": st.just("CycloneDX")},
    optional={
        "specVersion": st.sampled_from(["1.6", "1.4"]),
        "metadata": st.fixed_dictionaries({"component": CDX_COMPONENT}),
        "components": st.lists(CDX_COMPONENT, max_size=3),
        "dependencies": st.lists(
            st.fixed_dictionaries(
                {"ref": REFS}, optional={"dependsOn": st.lists(REFS, max_size=3)}
            ),
            max_size=3,
        ),
    },
)
SPDX_ELEMENT = st.fixed_dictionaries(
    {
        "type": st.sampled_from(
            [
                "ai_AIPackage",
                "dataset_DatasetPackage",
                "software_Package",
                "simplelicensing_LicenseExpression",
                "expandedlicensing_CustomLicense",
            ]
        ),
        "spdxId": REFS,
    },
    optional={
        "name": NAMES,
        "software_packageUrl": st.just("pkg:huggingface/meta-llama/Llama-3.2-1B"),
        "software_downloadLocation": st.just("https://huggingface.co/acme/chat"),
        "software_primaryPurpose": st.sampled_from(["application", "model"]),
        "simplelicensing_licenseExpression": LICENSES,
    },
) | st.fixed_dictionaries(
    {
        "type": st.sampled_from(["Relationship", "LifecycleScopedRelationship"]),
        "relationshipType": st.sampled_from(
            [
                "ancestorOf",
                "descendantOf",
                "trainedOn",
                "generates",
                "contains",
                "dependsOn",
                "hasDeclaredLicense",
                "hasConcludedLicense",
            ]
        ),
        "from": REFS,
        "to": st.lists(REFS, max_size=3),
    }
)
SPDX = st.fixed_dictionaries(
    {
        "@context": st.just("https://spdx.org/rdf/3.0.1/spdx-context.jsonld"),
        "@graph": st.lists(SPDX_ELEMENT, max_size=8),
    }
)
FIXTURES = st.sampled_from(
    [json.loads(p.read_text(encoding="utf-8")) for p in sorted(BOMS.glob("*.json"))]
)


# The document itself and the keys that tell the formats apart (tests in test_bom.py).
_KIND = {(), ("bomFormat",), ("@context",)}


def _places(value: Any, here: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    """Every place in a JSON value: its own, and those of everything inside it."""
    yield here
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _places(item, (*here, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _places(item, (*here, index))


def _replace(value: Any, place: tuple[str | int, ...], new: Any) -> Any:
    if not place:
        return new
    head, rest = place[0], place[1:]
    if isinstance(value, dict):
        return {**value, head: _replace(value[head], rest, new)}
    assert isinstance(head, int)
    return [*value[:head], _replace(value[head], rest, new), *value[head + 1 :]]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("boms")


@SETTINGS
@given(document=CYCLONEDX | SPDX | FIXTURES, data=st.data())
def test_any_value_in_any_field_is_read_or_an_input_error(
    folder: Path, document: Any, data: st.DataObject
) -> None:
    for _ in range(data.draw(st.integers(1, 3), label="changes")):
        fields: dict[tuple[str, ...], list[tuple[str | int, ...]]] = {}
        for place in _places(document):  # by field (list indexes as *): each field as likely
            if place not in _KIND:
                field = tuple(p if isinstance(p, str) else "*" for p in place)
                fields.setdefault(field, []).append(place)
        if not fields:
            break  # {"bomFormat": "CycloneDX"} alone: nothing to change
        field = data.draw(st.sampled_from(sorted(fields)), label="field")
        place = data.draw(st.sampled_from(fields[field]), label="place")
        document = _replace(document, place, data.draw(WRONG, label="value"))
    path = folder / "random.cdx.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    error: LlamalicenseError | None = None
    try:
        load_project(path)
    except LlamalicenseError as exc:  # anything else (TypeError, ...) fails the property
        error = exc
    if error is not None:
        assert error.file == str(path)
        assert error.render().startswith(str(path))


def _cdx(**fields: Any) -> dict[str, Any]:
    return {"bomFormat": "CycloneDX", "specVersion": "1.6", **fields}


def _spdx(*elements: dict[str, Any]) -> dict[str, Any]:
    return {"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", "@graph": list(elements)}


MODEL = {"type": "machine-learning-model", "bom-ref": "chat", "name": "acme/chat"}


@pytest.mark.parametrize(
    ("document", "json_path", "message"),
    [
        (
            _cdx(components=[MODEL], dependencies=[{"ref": "chat", "dependsOn": 5}]),
            "$.dependencies[0].dependsOn",
            "`dependsOn` must be a list of bom-refs, not a number",
        ),
        (
            _cdx(components=[{**MODEL, "pedigree": {"ancestors": 7}}]),
            "$.components[0].pedigree.ancestors",
            "`ancestors` must be a list of components, not a number",
        ),
        (
            _cdx(components=[{**MODEL, "modelCard": {"modelParameters": ["x"]}}]),
            "$.components[0].modelCard.modelParameters",
            "`modelParameters` must be an object, not a list",
        ),
        (
            _cdx(components=[MODEL], dependencies=[{"ref": "chat", "dependsOn": "base"}]),
            "$.dependencies[0].dependsOn",
            "`dependsOn` must be a list of bom-refs, not a string",  # not read letter by letter
        ),
        (
            _cdx(components=[{**MODEL, "licenses": [{"expression": ["MIT"]}]}]),
            "$.components[0].licenses[0].expression",
            "`expression` must be a string, not a list",
        ),
        (
            _cdx(metadata={"component": "app"}),
            "$.metadata.component",
            "`component` must be a component object, not a string",
        ),
        (
            _spdx(
                {"type": "Relationship", "from": "a", "relationshipType": "contains", "to": [{}]}
            ),
            "$.@graph[0].to[0]",
            "each entry of `to` must be an element id, not an object",
        ),
        (
            _spdx({"type": "ai_AIPackage", "spdxId": "a", "name": {"en": "chat"}}),
            "$.@graph[0].name",
            "`name` must be a string, not an object",
        ),
    ],
)
def test_cli_names_the_file_and_json_path(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    document: dict[str, Any],
    json_path: str,
    message: str,
) -> None:
    path = tmp_path / "sbom.json"
    path.write_text(json.dumps(document, indent=1), encoding="utf-8")
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{path}:")  # the file, with the line and column of the field
    assert f"error: {message}\n" in err
    assert f"  at: {json_path}\n" in err
    assert "  hint: make it " in err
    assert "Traceback" not in err
