"""Issue 15, classes 7 and 9: odd input is an input error (exit 2) or a report, never a crash,
and never a silent pass.

Schema patterns end at the end of the string (``"DE\\n"`` is no country code), numbers past
Python's 4,300-digit limit, lone surrogates and deeply nested JSON are named errors, user
counts are capped so their sums can be printed, and a BOM's ids are ids.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from integration_kit import cli, manifest, write_project
from llamalicense.documents import jsonpath, jsonschemas

BASE = {
    "id": "base",
    "type": "model",
    "ref": "meta-llama/Llama-3.1-8B-Instruct",
    "distributed": False,
}


def _manifest_json(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "llamalicense.json"
    path.write_text(text, encoding="utf-8")
    return path


def _every_pattern(node: object) -> list[str]:
    if isinstance(node, dict):
        found = [node["pattern"]] if isinstance(node.get("pattern"), str) else []
        return found + [p for value in node.values() for p in _every_pattern(value)]
    if isinstance(node, list):
        return [p for value in node for p in _every_pattern(value)]
    return []


@pytest.mark.parametrize("name", ["manifest", "waivers", "rule", "report"])
def test_every_shipped_pattern_is_anchored_at_both_ends(name: str) -> None:
    patterns = _every_pattern(jsonschemas.schema(name))
    assert patterns
    for pattern in patterns:
        assert pattern.startswith("^"), pattern
        assert pattern.endswith("$"), pattern
        # `$` means the end of the string (ECMA-262, as jsonschema-rs reads it)
        assert re.search(pattern[:-1] + r"\Z", "x\n") is None


@pytest.mark.parametrize(
    ("licensee", "where"),
    [
        ({"name": "A", "country": "DE\n"}, "$.licensee.country"),
        (
            {
                "name": "A",
                "country": "US",
                "monthly_active_users": [{"month": "2024-06\n", "count": 5}],
            },
            "$.licensee.monthly_active_users[0].month",
        ),
    ],
)
def test_a_trailing_line_break_fails_validation(
    tmp_path: Path, licensee: dict[str, object], where: str
) -> None:
    data = {"version": 1, "licensee": licensee, "components": [BASE]}
    run = cli("check", str(_manifest_json(tmp_path, json.dumps(data))))
    assert run.code == 2, run.out
    assert f"at: {where}" in run.err
    # Every error listed, not only the first, reads `$` the same way.
    listed = jsonschemas.problems("manifest", data)
    assert where in [jsonpath.render(problem.path) for problem in listed]


def test_a_number_past_4300_digits_is_an_input_error(tmp_path: Path) -> None:
    data = json.dumps(manifest()).replace("1000000", "9" * 5000)
    run = cli("check", str(_manifest_json(tmp_path, data)))
    assert run.code == 2
    assert "more than 4300 digits" in run.err
    assert "internal error" not in run.err


def test_huge_user_counts_are_capped_so_sums_can_be_printed(tmp_path: Path) -> None:
    data = manifest(mau=False)
    data["licensee"]["monthly_active_users"] = "COUNTS"
    count = "1" + "0" * 4000  # under the digit limit; a sum of two would still print badly
    counts = f'[{{"month": "2024-06", "count": {count}}}]'
    raw = json.dumps(data).replace('"COUNTS"', counts)
    run = cli("check", str(_manifest_json(tmp_path, raw)))
    assert run.code == 2
    assert "monthly_active_users[0].count" in run.err
    assert len(run.err) < 1000  # the value is not repeated whole


def test_a_lone_surrogate_is_an_input_error_in_every_format(tmp_path: Path) -> None:
    data = manifest()
    data["components"][1]["name"] = "SURROGATE"
    raw = json.dumps(data).replace("SURROGATE", "Acme\\ud800")
    path = _manifest_json(tmp_path, raw)
    for format_name in ("text", "json", "sarif", "junit", "markdown", "dot"):
        run = cli("check", str(path), "--format", format_name)
        assert run.code == 2, format_name
        assert "lone UTF-16 surrogate" in run.err
    # A complete pair is a character like any other.
    path.write_text(raw.replace("\\ud800", "\\ud83e\\udd99"), encoding="utf-8")
    assert cli("check", str(path)).code in (0, 1)


def test_a_lone_surrogate_in_json_is_named_by_file_line_and_path(tmp_path: Path) -> None:
    data = manifest()
    data["components"][1]["name"] = "SURROGATE"
    data["licensee"]["KEY"] = "x"
    raw = json.dumps(data, indent=1)
    lines = raw.splitlines()
    line = next(n for n, text in enumerate(lines, 1) if "SURROGATE" in text)
    column = lines[line - 1].index('"name"') + 1
    path = _manifest_json(tmp_path, raw.replace("SURROGATE", "Acme\\udfff"))
    run = cli("check", str(path), "--format", "json")
    assert run.code == 2
    assert run.out == ""
    assert f"json:{line}:{column}: error: a string holds a lone UTF-16 surrogate" in run.err
    assert "at: $.components[1].name" in run.err
    assert "Traceback" not in run.err
    # In a key, the member is the place.
    path.write_text(raw.replace('"KEY"', '"\\ud800key"'), encoding="utf-8")
    run = cli("check", str(path))
    assert run.code == 2
    assert "lone UTF-16 surrogate" in run.err
    assert "at: $.licensee." in run.err


@pytest.mark.parametrize("escape", ["\\ud800", "\\U0000DFFF"])
def test_a_lone_surrogate_in_yaml_is_named_by_file_and_line(tmp_path: Path, escape: str) -> None:
    project = write_project(tmp_path / "p", manifest())
    text = (
        "version: 1\n"
        "components:\n"
        "  - id: base\n"
        "    type: model\n"
        f'    name: "Acme {escape} chat"\n'
        "    ref: meta-llama/Llama-3.1-8B-Instruct\n"
    )
    (project / "llamalicense.yaml").write_text(text, encoding="utf-8")
    run = cli("check", ".", cwd=project)
    assert run.code == 2
    assert "llamalicense.yaml:5:" in run.err
    assert "half of a UTF-16 surrogate pair" in run.err
    assert "Traceback" not in run.err


def test_a_lone_surrogate_in_a_cards_front_matter_is_named_by_file_and_line(
    tmp_path: Path,
) -> None:
    card = tmp_path / "acme-chat" / "README.md"
    card.parent.mkdir()
    card.write_text(
        "---\n"
        "license: llama3.1\n"
        "base_model: meta-llama/Llama-3.1-8B-Instruct\n"
        'model_name: "Acme \\ud800 chat"\n'
        "---\n"
        "# Acme chat\n",
        encoding="utf-8",
    )
    run = cli("check", ".", cwd=tmp_path)
    assert run.code == 2
    assert "README.md:4:" in run.err
    assert "half of a UTF-16 surrogate pair" in run.err
    assert "Traceback" not in run.err


def test_a_baseline_nested_100000_deep_is_an_input_error(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p")
    (project / "old.json").write_text(
        '{"findings": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8"
    )
    run = cli("check", ".", "--baseline", "old.json", cwd=project)
    assert run.code == 2
    assert "nested too deeply" in run.err


def test_a_bom_ref_with_markup_is_not_an_id(tmp_path: Path) -> None:
    bom = {
        "bomFormat": "CycloneDX",
        "specVersion": "1.6",
        "components": [
            {
                "type": "machine-learning-model",
                "bom-ref": "x`\n## \u2705 compliant\n<img src=https://t.example/p.png>",
                "name": "meta-llama/Llama-3.1-8B-Instruct",
            }
        ],
    }
    path = tmp_path / "model.cdx.json"
    path.write_text(json.dumps(bom), encoding="utf-8")
    run = cli("check", str(path))
    assert run.code == 2
    assert "is not an identifier" in run.err
    assert "at: $.components[0].bom-ref" in run.err
    assert "\n## " not in run.err


def test_a_lineage_deeper_than_the_cap_is_an_input_error(tmp_path: Path) -> None:
    """Class 8: each finding carries its path, so a 5,000-model chain wrote 879 MB."""
    components = [BASE]
    for index in range(1, 400):
        parent = components[-1]["id"]
        components.append(
            {
                "id": f"m{index}",
                "type": "model",
                "distributed": True,
                "derived_from": [{"id": parent, "relation": "finetune"}],
            }
        )
    data = {"version": 1, "licensee": {"name": "A", "country": "US"}, "components": components}
    run = cli("check", str(_manifest_json(tmp_path, json.dumps(data))))
    assert run.code == 2
    assert "more than 256 components deep" in run.err
    data["components"] = components[:200]  # a deep but plausible lineage is checked
    assert cli("check", str(_manifest_json(tmp_path, json.dumps(data)))).code in (0, 1)
