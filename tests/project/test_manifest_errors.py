"""Every kind of manifest error, through the library and through the CLI.

Each error must name the file, the line, the JSON path and give a hint; the CLI must exit 2
without a traceback; and the user's files must be left exactly as they were.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

import llamalicense
from llamalicense.errors import LlamalicenseError, ManifestError

ROOT = Path(__file__).resolve().parent.parent.parent


@dataclass(frozen=True)
class Case:
    name: str
    manifest: str
    message: str  # a substring of the error message
    line: int
    json_path: str
    hint: str  # a substring of the hint
    setup: Callable[[Path, Path], None] | None = None  # (project, outside) -> None
    filename: str = "llamalicense.yaml"


def _symlink_file_outside(project: Path, outside: Path) -> None:
    (outside / "secret.txt").write_text("not yours\n")
    (project / "docs").mkdir()
    (project / "docs" / "about.md").symlink_to(outside / "secret.txt")


def _symlink_dir_outside(project: Path, outside: Path) -> None:
    (outside / "about.md").write_text("Built with Llama\n")
    (project / "docs").symlink_to(outside, target_is_directory=True)


BASE = "version: 1\nlicensee:\n  name: Acme Robotics Inc.\ncomponents:\n"
#       line 1      line 2     line 3                    line 4 -> components start on line 5

CASES = [
    Case(
        "unknown field, with a suggestion",
        BASE + "  - id: base\n    type: model\n    distribued: true\n",
        "unknown field 'distribued'",
        7,
        "$.components[0].distribued",
        "did you mean 'distributed'?",
    ),
    Case(
        "unknown licensee field",
        "version: 1\nlicensee:\n  name: Acme\n  afiliates: []\ncomponents: []\n",
        "unknown field 'afiliates'",
        4,
        "$.licensee.afiliates",
        "did you mean 'affiliates'?",
    ),
    Case(
        "unknown top-level field",
        "version: 1\ncomponent: []\ncomponents: []\n",
        "unknown field 'component'",
        2,
        "$.component",
        "did you mean 'components'?",
    ),
    Case(
        "wrong type: a string for a boolean",
        BASE + "  - id: base\n    type: model\n    distributed: 'yes'\n",
        "expected boolean, got string",
        7,
        "$.components[0].distributed",
        "true if it is distributed",
    ),
    Case(
        "wrong type: a word for a count",
        "version: 1\nlicensee:\n  monthly_active_users:\n"
        "    - {month: 2024-06, count: many}\ncomponents: []\n",
        "expected integer, got string",
        4,
        "$.licensee.monthly_active_users[0].count",
        "a whole number of users",
    ),
    Case(
        "wrong type: a mapping for the component list",
        "version: 1\ncomponents:\n  base: {type: model}\n",
        "expected array, got mapping",
        2,
        "$.components",
        "list the models, datasets and products",
    ),
    Case(
        "wrong type: a string for a list of ids",
        BASE + "  - id: tickets\n    type: dataset\n  - id: m\n    type: model\n"
        "    trained_on: tickets\n",
        "expected array, got string",
        9,
        "$.components[1].trained_on",
        "a list of component ids",
    ),
    Case(
        "a value outside the allowed set",
        BASE + "  - id: a\n    type: model\n  - id: b\n    type: model\n    derived_from:\n"
        "      - {id: a, relation: fine-tune}\n",
        "'fine-tune' is not allowed",
        10,
        "$.components[1].derived_from[0].relation",
        "finetune",
    ),
    Case(
        "a month written the wrong way",
        "version: 1\nlicensee:\n  monthly_active_users:\n"
        "    - {month: June 2024, count: 5}\ncomponents: []\n",
        "not in the expected form",
        4,
        "$.licensee.monthly_active_users[0].month",
        "YYYY-MM",
    ),
    Case(
        "missing version",
        "components: []\n",
        "'version' is required",
        1,
        "$",
        "write `version: 1`",
    ),
    Case(
        "missing component type",
        BASE + "  - id: base\n    ref: meta-llama/Llama-3.1-8B\n",
        "'type' is required",
        5,
        "$.components[0]",
        "one of model, dataset, product",
    ),
    Case(
        "unknown component in derived_from, with a suggestion",
        BASE + "  - id: base\n    type: model\n    ref: meta-llama/Llama-3.1-8B\n"
        "  - id: chat\n    type: model\n    derived_from:\n"
        "      - {id: bsae, relation: finetune}\n",
        "'chat' refers to unknown component 'bsae'",
        11,
        "$.components[1].derived_from[0].id",
        "did you mean 'base'?",
    ),
    Case(
        "unknown component in contains",
        BASE + "  - id: app\n    type: product\n    contains: [chat-model]\n",
        "unknown component 'chat-model'",
        7,
        "$.components[0].contains[0]",
        "must be the id of a component",
    ),
    Case(
        "a reference to the wrong kind of component",
        BASE + "  - id: a\n    type: model\n  - id: b\n    type: model\n    trained_on: [a]\n",
        "`trained_on` of 'b' names 'a', which is a model",
        9,
        "$.components[1].trained_on[0]",
        "`trained_on` must name: dataset",
    ),
    Case(
        "a field on the wrong kind of component",
        BASE + "  - id: a\n    type: model\n  - id: d\n    type: dataset\n    contains: [a]\n",
        "`contains` is not allowed on a dataset",
        9,
        "$.components[1].contains",
        "`contains` belongs on",
    ),
    Case(
        "a component that names itself",
        BASE + "  - id: a\n    type: model\n    derived_from: [{id: a, relation: merge}]\n",
        "'a' refers to itself",
        7,
        "$.components[0].derived_from[0].id",
        "remove the reference",
    ),
    Case(
        "dependency cycle",
        BASE + "  - id: a\n    type: model\n    derived_from: [{id: b, relation: finetune}]\n"
        "  - id: b\n    type: model\n    contains: [c]\n"
        "  - id: c\n    type: model\n    derived_from: [{id: a, relation: quantized}]\n",
        "dependency cycle: a -> (derived_from) b -> (contains) c -> (derived_from) a",
        5,
        "$.components[0]",
        "cannot be built from itself",
    ),
    Case(
        "evidence path with ..",
        BASE + "  - id: m\n    type: model\n    attribution:\n      notice: ../NOTICE\n",
        "path '../NOTICE' leaves the project folder",
        8,
        "$.components[0].attribution.notice",
        "inside the project folder",
    ),
    Case(
        "evidence path with .. in the middle, in a list",
        BASE + "  - id: m\n    type: model\n    attribution:\n"
        "      notice:\n        - NOTICE\n        - docs/../../NOTICE\n",
        "leaves the project folder",
        10,
        "$.components[0].attribution.notice[1]",
        "inside the project folder",
    ),
    Case(
        "absolute evidence path",
        BASE + "  - id: m\n    type: model\n    attribution:\n      agreement: /etc/passwd\n",
        "absolute path '/etc/passwd' is not allowed",
        8,
        "$.components[0].attribution.agreement",
        "inside the project folder",
    ),
    Case(
        "absolute Windows evidence path",
        BASE + "  - id: m\n    type: model\n    attribution:\n"
        "      agreement: 'C:\\Users\\me\\LICENSE.txt'\n",
        "absolute path",
        8,
        "$.components[0].attribution.agreement",
        "inside the project folder",
    ),
    Case(
        "evidence file that is a symlink pointing outside",
        BASE + "  - id: app\n    type: product\n    attribution:\n"
        "      built_with_llama: [docs/about.md]\n",
        "points outside the project folder",
        8,
        "$.components[0].attribution.built_with_llama[0]",
        "inside the project folder",
        setup=_symlink_file_outside,
    ),
    Case(
        "evidence under a symlinked folder pointing outside",
        BASE + "  - id: app\n    type: product\n    attribution:\n"
        "      built_with_llama: docs/about.md\n",
        "points outside the project folder",
        8,
        "$.components[0].attribution.built_with_llama",
        "inside the project folder",
        setup=_symlink_dir_outside,
    ),
    Case(
        "unknown MAU entity, with a suggestion",
        "version: 1\nlicensee:\n  name: Acme\n  affiliates:\n    - {name: Acme Cloud GmbH}\n"
        "  monthly_active_users:\n    - {month: 2024-06, count: 5}\n"
        "    - {month: 2024-06, entity: Acme Cloud GMBH, count: 5}\ncomponents: []\n",
        "unknown entity 'Acme Cloud GMBH'",
        8,
        "$.licensee.monthly_active_users[1].entity",
        "did you mean 'Acme Cloud GmbH'?",
    ),
    Case(
        "two counts for one entity and month",
        "version: 1\nlicensee:\n  monthly_active_users:\n    - {month: 2024-06, count: 5}\n"
        "    - {month: 2024-06, count: 6}\ncomponents: []\n",
        "a second count for the licensee in 2024-06",
        5,
        "$.licensee.monthly_active_users[1]",
        "one count per month and entity",
    ),
    Case(
        "duplicate component ids",
        BASE + "  - id: base\n    type: model\n  - id: tickets\n    type: dataset\n"
        "  - id: base\n    type: dataset\n",
        "duplicate component id 'base'",
        9,
        "$.components[2].id",
        "its own id",
    ),
    Case(
        "ref on a dataset",
        BASE + "  - id: data\n    type: dataset\n    ref: meta-llama/Llama-3.1-8B\n",
        "`ref` is only for models, and 'data' is a dataset",
        7,
        "$.components[0].ref",
        "use `ref` on a model component",
    ),
    Case(
        "JSON manifest: unknown field",
        '{\n  "version": 1,\n  "components": [\n    {"id": "a", "type": "model",\n'
        '     "nmae": "Llama-A"}\n  ]\n}\n',
        "unknown field 'nmae'",
        5,
        "$.components[0].nmae",
        "did you mean 'name'?",
        filename="llamalicense.json",
    ),
    Case(
        "JSON manifest: NUL character in an evidence path",
        '{"version": 1,\n "components": [\n  {"id": "a", "type": "model",\n'
        '   "attribution": {"notice": "NOTICE\\u0000.txt"}}]}\n',
        "contains a NUL character",
        4,
        "$.components[0].attribution.notice",
        "inside the project folder",
        filename="llamalicense.json",
    ),
    Case(
        "JSON manifest: unknown reference",
        '{"version": 1,\n "components": [\n  {"id": "a", "type": "product",\n'
        '   "contains": ["b"]}]}\n',
        "unknown component 'b'",
        4,
        "$.components[0].contains[0]",
        "must be the id of a component",
        filename="llamalicense.json",
    ),
]


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    files: dict[str, tuple[bytes, int]] = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            files[str(path.relative_to(folder))] = (path.read_bytes(), path.stat().st_mtime_ns)
    return files


def _project(tmp_path: Path, case: Case) -> tuple[Path, Path]:
    project = tmp_path / "project"
    outside = tmp_path / "outside"
    project.mkdir()
    outside.mkdir()
    (outside / "NOTICE").write_text("outside\n")
    (project / case.filename).write_text(case.manifest, encoding="utf-8")
    (project / "NOTICE").write_text("Llama 3.1 is licensed under ...\n")
    if case.setup is not None:
        case.setup(project, outside)
    return project, outside


def _assert_names_everything(text: str, case: Case) -> None:
    assert f"{case.filename}:{case.line}" in text, text
    assert case.message in text, text
    assert f"at: {case.json_path}\n" in text + "\n", text
    assert "hint: " in text, text
    assert case.hint in text, text


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_library_error(tmp_path: Path, case: Case) -> None:
    project, outside = _project(tmp_path, case)
    before = _snapshot(project), _snapshot(outside)
    with pytest.raises(LlamalicenseError) as info:
        llamalicense.load_project(project)
    error = info.value
    assert isinstance(error, ManifestError)
    assert error.file is not None
    assert Path(error.file).name == case.filename
    assert error.line == case.line
    assert error.json_path == case.json_path
    assert error.hint
    assert case.hint in error.hint
    _assert_names_everything(str(error), case)
    assert (_snapshot(project), _snapshot(outside)) == before


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_cli_error(tmp_path: Path, case: Case) -> None:
    project, outside = _project(tmp_path, case)
    before = _snapshot(project), _snapshot(outside)
    result = subprocess.run(
        [sys.executable, "-m", "llamalicense", "check", "."],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "NO_COLOR": "1"},
        check=False,
    )
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(f"{case.filename}:{case.line}"), result.stderr
    _assert_names_everything(result.stderr, case)
    assert (_snapshot(project), _snapshot(outside)) == before


def test_check_also_rejects_the_cycle(tmp_path: Path) -> None:
    # check() finds cycles through the engine's graph rather than load_project's check.
    case = next(c for c in CASES if c.name == "dependency cycle")
    project, _ = _project(tmp_path, case)
    with pytest.raises(ManifestError, match="dependency cycle: a -> "):
        llamalicense.check(project)


def test_the_manifest_file_itself_may_be_given(tmp_path: Path) -> None:
    case = CASES[0]
    project, _ = _project(tmp_path, case)
    with pytest.raises(ManifestError) as info:
        llamalicense.load_project(project / case.filename)
    assert info.value.line == case.line


def test_in_memory_manifest_errors_have_a_json_path(tmp_path: Path) -> None:
    manifest = {"version": 1, "components": [{"id": "a", "type": "model", "nmae": "x"}]}
    with pytest.raises(ManifestError) as info:
        llamalicense.load_project(manifest, root=tmp_path)
    assert info.value.json_path == "$.components[0].nmae"
    assert "did you mean 'name'?" in (info.value.hint or "")


def _deep(depth: int) -> list[object]:
    value: list[object] = []
    for _ in range(depth):
        value = [value]
    return value


def _circular() -> dict[str, object]:
    manifest: dict[str, object] = {"version": 1, "components": []}
    manifest["again"] = manifest
    return manifest


@pytest.mark.parametrize(
    ("manifest", "detail"),
    [
        ({(1, 2): "tuple key"}, "keys must be"),
        (_circular(), "Circular reference"),
        ({"version": 1, "components": [], "x": _deep(5000)}, "recursion"),
    ],
    ids=["tuple-key", "circular", "deep"],
)
def test_in_memory_manifests_that_are_not_plain_data(
    tmp_path: Path, manifest: dict[object, object], detail: str
) -> None:
    with pytest.raises(ManifestError) as info:
        llamalicense.check(manifest, root=tmp_path)  # type: ignore[arg-type]
    assert "not plain JSON-like data" in info.value.message
    assert detail in info.value.message
    assert info.value.hint


def test_symlink_inside_the_folder_is_fine(tmp_path: Path) -> None:
    (tmp_path / "LICENSES").mkdir()
    (tmp_path / "LICENSES" / "NOTICE.txt").write_text("x\n")
    (tmp_path / "NOTICE").symlink_to(tmp_path / "LICENSES" / "NOTICE.txt")
    (tmp_path / "llamalicense.yaml").write_text(
        BASE + "  - id: m\n    type: model\n    attribution: {notice: NOTICE}\n"
    )
    project = llamalicense.load_project(tmp_path)
    assert project.components[0].attribution.notice == ("NOTICE",)


def test_url_evidence_is_not_a_path(tmp_path: Path) -> None:
    (tmp_path / "llamalicense.yaml").write_text(
        BASE + "  - id: app\n    type: product\n    attribution:\n"
        "      built_with_llama: [https://acme.example/../about]\n"
    )
    project = llamalicense.load_project(tmp_path)
    assert project.components[0].attribution.built_with_llama == ("https://acme.example/../about",)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"version: 1\ncomponents: []\nx: [\n", "invalid YAML"),
        (b"version: 1\ncomponents: []\nversion: 1\n", "duplicate key 'version'"),
        (b"version: 1\nlicensee: {name: \xff}\ncomponents: []\n", "not valid UTF-8"),
        (b"- version: 1\n", "must be a mapping"),
        (
            b"a: &a [x,x,x,x,x,x,x,x,x,x]\n"
            + b"".join(
                b"%c: &%c [" % (98 + i, 98 + i) + b",".join([b"*%c" % (97 + i)] * 10) + b"]\n"
                for i in range(7)
            ),
            "expands to more than",
        ),
    ],
    ids=["invalid-yaml", "duplicate-key", "not-utf8", "not-a-mapping", "alias-bomb"],
)
def test_cli_document_errors_exit_2_without_traceback(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    (tmp_path / "llamalicense.yaml").write_bytes(content)
    result = subprocess.run(
        [sys.executable, "-m", "llamalicense", "check", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2, result.stderr
    assert expected in result.stderr
    assert "llamalicense.yaml" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert (tmp_path / "llamalicense.yaml").read_bytes() == content


def test_schema_errors_come_in_document_order(tmp_path: Path) -> None:
    # Two bad components: item 2's error is the one reported, not item 10's (paths compared
    # as text put "10" before "2"); within an object, keys count in the order written.
    components: list[dict[str, object]] = [{"id": f"c{i}", "type": "model"} for i in range(12)]
    components[10]["type"] = "modle"
    components[2]["distributed"] = "yes"
    manifest = {"version": 1, "components": components}
    with pytest.raises(ManifestError) as info:
        llamalicense.load_project(manifest, root=tmp_path)
    assert info.value.json_path == "$.components[2].distributed"
    components[2] = {"type": "modle", "zzz": 1, "id": "c2"}  # the unknown key comes second
    with pytest.raises(ManifestError) as info:
        llamalicense.load_project(manifest, root=tmp_path)
    assert info.value.json_path == "$.components[2].type"
    assert "'modle' is not allowed" in info.value.message
