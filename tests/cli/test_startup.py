"""What a plain check imports: the pre-commit hook runs it on every commit, so the heavy
modules (BOM readers, jsonschema, networkx) must stay out of the usual path."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent.parent / "examples"


def _loaded_by_a_check(target: Path, modules: list[str]) -> tuple[str, list[str]]:
    """The verdict of ``llamalicense.check(target)`` and which of ``modules`` it imported,
    in a fresh interpreter, so that the other tests' imports do not count."""
    code = (
        "import json, sys\nimport llamalicense\n"
        f"report = llamalicense.check({str(target)!r})\n"
        f"print(json.dumps([report.verdict, [m for m in {modules!r} if m in sys.modules]]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    verdict, loaded = json.loads(done.stdout)
    return verdict, loaded


def test_checking_a_manifest_file_loads_no_bom_reader() -> None:
    # api.load_input asks bom.is_bom_file about every file; that must stay cheap.
    heavy = [
        "llamalicense.project.resolve",
        "llamalicense.project.readers.cards",
        "llamalicense.project.readers.bom_cyclonedx",
        "llamalicense.project.readers.bom_spdx",
        "llamalicense.project.readers.bom_graph",
    ]
    manifest = EXAMPLES / "compliant-finetune" / "llamalicense.yaml"
    assert _loaded_by_a_check(manifest, heavy) == ("compliant", [])


@pytest.mark.parametrize("example", ["compliant-finetune", "missing-notice"])
def test_a_valid_manifest_needs_neither_jsonschema_nor_networkx(example: str) -> None:
    # Valid manifests and the shipped rules pass the quick schema check; the lineage has its
    # own tables. (spaCy's absence on unchanged text is tested with the AUP cache.)
    verdict, loaded = _loaded_by_a_check(EXAMPLES / example, ["jsonschema", "networkx"])
    assert verdict in ("compliant", "non-compliant")
    assert loaded == []


def test_an_invalid_manifest_is_worded_without_the_python_jsonschema(tmp_path: Path) -> None:
    # jsonschema-rs finds the error; the package words it (llamalicense.jsonschemas).
    (tmp_path / "llamalicense.yaml").write_text(
        "version: 1\ncomponents:\n  - id: a\n    type: modle\n", encoding="utf-8"
    )
    code = (
        "import sys, llamalicense\n"
        "from llamalicense.errors import LlamalicenseError\n"
        "try:\n"
        f"    llamalicense.check({str(tmp_path)!r})\n"
        "except LlamalicenseError as exc:\n"
        "    print(exc.render())\n"
        "print('jsonschema' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    message, imported = done.stdout.strip().rsplit("\n", 1)
    assert "$.components[0].type" in message
    assert "'modle' is not allowed; expected one of" in message
    assert imported == "False"


def test_version_imports_neither_the_engine_nor_argparse() -> None:
    # `llamalicense --version` should cost about what starting Python does (bench/README.md).
    code = (
        "import sys\n"
        "sys.argv = ['llamalicense', '--version']\n"
        "from llamalicense.__main__ import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as exc:\n"
        "    assert exc.code == 0\n"
        "print(sorted(m for m in sys.modules if m.startswith('llamalicense') or m == 'argparse'))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    version, loaded = done.stdout.strip().split("\n")
    assert version.startswith("llamalicense ")
    assert loaded == "['llamalicense', 'llamalicense.__main__', 'llamalicense.version']"
