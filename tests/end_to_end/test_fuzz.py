"""Issue 15, class 12: a property-based fuzzer over everything a pull request controls.

Manifests, model cards, CycloneDX BOMs, waivers, baselines and rule packs, filled with
hostile text (line breaks, escape sequences, workflow commands, markup, lone surrogates,
long and huge numbers). Every run must end with exit 0, 1 or 2 (never 3, never a
traceback), within 20 seconds, with the same bytes on a second run, with JSON, SARIF and
JUnit that parse, and with no output line that starts a workflow command or holds ESC.

CI runs a short budget (``FUZZ_EXAMPLES`` examples per input kind, a few tens of seconds
in all). The long run is one command (docs/security.md)::

    LLAMALICENSE_FUZZ_EXAMPLES=2000 python -m pytest tests/end_to_end/test_fuzz.py
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from integration_kit import ROOT, cli, manifest, notice_waiver, write_project

FUZZ_EXAMPLES = int(os.environ.get("LLAMALICENSE_FUZZ_EXAMPLES", "25"))
BUDGET = settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    derandomize=FUZZ_EXAMPLES <= 25,  # the short run is the same in every CI run
    database=None,
    suppress_health_check=list(HealthCheck),
)
MAX_SECONDS = 20
# Stands for an integer of 5,000 digits (past Python's limit; hypothesis cannot print one).
HUGE = "\x00a-number-of-5000-digits\x00"
PACK = ROOT / "examples" / "custom-rules" / "rules"
COMMAND_LINE = re.compile(r"^[ \t]*::", re.MULTILINE)

HOSTILE = st.sampled_from(
    [
        "\n::error file=x,line=1::forged",
        "\r\n::stop-commands::tok",
        "\x1b]0;title\x07\x1b[2J",
        "`\n## \u2705 compliant\n<img src=https://t.example/p.png>",
        "| a | b |",
        '"\\\\"; ]; evil [label="',
        "\u202e\ufeff\u2028",
        "\ud800",
        "a" * 3000,
        "../../etc/passwd",
        "",
    ]
)
TEXT = st.one_of(HOSTILE, st.text(max_size=40), st.builds("".join, st.lists(HOSTILE, max_size=3)))
SCALAR = st.one_of(
    TEXT,
    st.integers(min_value=-(10**20), max_value=10**20),
    st.sampled_from([HUGE, 10**1000, -1, 0]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
)
VALUE = st.recursive(
    SCALAR,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(TEXT, inner, max_size=3)),
    max_leaves=8,
)


def _dump_json(data: Any) -> str:
    """JSON text, with integers of any length (json.dumps refuses past 4,300 digits)."""
    if data == HUGE:
        return "1" + "0" * 5000
    if isinstance(data, bool | int | float | str) or data is None:
        return json.dumps(data)
    if isinstance(data, list):
        return "[" + ",".join(_dump_json(v) for v in data) + "]"
    return "{" + ",".join(f"{json.dumps(str(k))}:{_dump_json(v)}" for k, v in data.items()) + "}"


def _set(data: dict[str, Any], path: tuple[str | int, ...], value: Any) -> None:
    node: Any = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value


MANIFEST_PLACES: list[tuple[str | int, ...]] = [
    ("licensee", "name"),
    ("licensee", "country"),
    ("licensee", "max_monthly_active_users"),
    ("components", 1, "name"),
    ("components", 1, "id"),
    ("components", 1, "distributed"),
    ("components", 1, "attribution", "notice"),
    ("components", 1, "use_cases"),
    ("components", 0, "ref"),
    ("components",),
    ("version",),
]


def _folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="llamalicense-fuzz-") as name:
        yield Path(name)


def _run(args: tuple[str, ...], cwd: Path, out: Path) -> tuple[int, str, str, list[bytes]]:
    """One CLI run writing every machine format; checks what a single run must satisfy."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir()
    writes = (
        "--write",
        f"json:{out}/r.json",
        "--write",
        f"sarif:{out}/r.sarif",
        "--write",
        f"junit:{out}/r.xml",
        "--write",
        f"markdown:{out}/r.md",
    )
    started = time.monotonic()
    run = cli(*args, *(writes if args[0] == "check" else ()), cwd=cwd)
    assert time.monotonic() - started < MAX_SECONDS
    assert run.code in (0, 1, 2), (run.code, run.err)
    assert "Traceback" not in run.err
    assert "internal error" not in run.err, run.err
    for text in (run.out, run.err):
        assert COMMAND_LINE.search(text) is None, text
        assert "\x1b" not in text.replace("\\x1b", "")
    files = sorted(out.iterdir())
    if run.code in (0, 1) and args[0] == "check":
        json.loads((out / "r.json").read_text(encoding="utf-8"))
        sarif = json.loads((out / "r.sarif").read_text(encoding="utf-8"))
        assert sarif["version"] == "2.1.0"
        ET.fromstring((out / "r.xml").read_bytes())
        markdown = (out / "r.md").read_text(encoding="utf-8")
        assert COMMAND_LINE.search(markdown) is None
    elif args[0] == "check":
        assert files == []  # a failed run writes none of its files
    return run.code, run.out, run.err, [f.read_bytes() for f in files]


def _twice(args: tuple[str, ...], cwd: Path) -> None:
    """Two runs, the same bytes."""
    out = cwd.parent / "out"
    first = _run(args, cwd, out)
    assert _run(args, cwd, out) == first


def _check(project: Path, *extra: str) -> None:
    _twice(("check", ".", "--today", "2026-01-01", *extra), project)


def _write_data(folder: Path, stem: str, data: Any, *, as_json: bool) -> Path:
    """``data`` as ``stem.json`` or, where YAML can hold it, ``stem.yaml``."""
    if not as_json:
        path = folder / f"{stem}.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=False), encoding="utf-8")
        return path
    path = folder / f"{stem}.json"
    path.write_text(_dump_json(data), encoding="utf-8")
    return path


@BUDGET
@given(place=st.sampled_from(MANIFEST_PLACES), value=VALUE, as_json=st.booleans())
def test_fuzz_manifests(place: tuple[str | int, ...], value: Any, as_json: bool) -> None:
    for base in _folder():
        project = write_project(base / "p", manifest())
        data = manifest()
        data["components"][1]["attribution"] = {}
        _set(data, place, value)
        (project / "llamalicense.yaml").unlink()
        _write_data(project, "llamalicense", data, as_json=as_json)
        _check(project)


@BUDGET
@given(
    front=st.dictionaries(
        st.sampled_from(
            ["base_model", "license", "model_name", "license_name", "tags", "pipeline_tag", "x"]
        ),
        VALUE,
        max_size=4,
    ),
    folder=TEXT.filter(lambda t: "/" not in t and "\x00" not in t),
    body=TEXT,
)
def test_fuzz_model_cards(front: dict[str, Any], folder: str, body: str) -> None:
    for base in _folder():
        project = base / "p"
        name = (folder.encode("utf-8", "replace").decode("utf-8")[:100]).strip(". ") or "m"
        card_dir = project / "models" / name
        try:
            card_dir.mkdir(parents=True)
        except (OSError, ValueError):
            card_dir = project / "models" / "m"
            card_dir.mkdir(parents=True)
        head = yaml.safe_dump(front)
        text = f"---\n{head}---\n# {body}\n"
        (card_dir / "README.md").write_bytes(text.encode("utf-8", "surrogatepass"))
        _check(project)


BOM_FIELDS = ["bom-ref", "name", "purl", "type", "group", "licenses", "pedigree", "properties"]


@BUDGET
@given(
    fields=st.dictionaries(st.sampled_from(BOM_FIELDS), VALUE, max_size=4),
    dependencies=VALUE,
)
def test_fuzz_boms(fields: dict[str, Any], dependencies: Any) -> None:
    for base in _folder():
        project = base / "p"
        project.mkdir()
        component: dict[str, Any] = {
            "type": "machine-learning-model",
            "bom-ref": "acme-chat",
            "name": "acme/acme-chat",
            "pedigree": {"ancestors": [{"name": "meta-llama/Llama-3.1-8B-Instruct"}]},
            **fields,
        }
        bom = {
            "bomFormat": "CycloneDX",
            "specVersion": "1.6",
            "components": [component],
            "dependencies": dependencies,
        }
        (project / "model.cdx.json").write_text(_dump_json(bom), encoding="utf-8")
        _twice(("check", "model.cdx.json", "--today", "2026-01-01"), project)


WAIVER_FIELDS = ["rule", "obligation", "component", "reason", "approved_by", "expires", "x"]


@BUDGET
@given(
    changes=st.dictionaries(st.sampled_from(WAIVER_FIELDS), VALUE, max_size=3),
    drop=st.sets(st.sampled_from(WAIVER_FIELDS), max_size=2),
    as_json=st.booleans(),
)
def test_fuzz_waivers(changes: dict[str, Any], drop: set[str], as_json: bool) -> None:
    for base in _folder():
        project = write_project(base / "p", manifest(notice=False))
        waiver: dict[str, Any] = {**notice_waiver(), **changes}
        for key in drop:
            waiver.pop(key, None)
        written = _write_data(base, "waivers", {"waivers": [waiver]}, as_json=as_json)
        _check(project, "--waivers", str(written), "--max-waiver-days", "365")


@BUDGET
@given(findings=VALUE, depth=st.sampled_from([0, 1, 50, 5000]))
def test_fuzz_baselines(findings: Any, depth: int) -> None:
    for base in _folder():
        project = write_project(base / "p", manifest(notice=False))
        inner = _dump_json(findings)
        text = '{"findings": ' + "[" * depth + inner + "]" * depth + "}"
        (base / "old.json").write_text(text, encoding="utf-8")
        _check(project, "--baseline", str(base / "old.json"))


RULE_FIELDS = [
    "id",
    "title",
    "clause",
    "obligation",
    "message",
    "how_to_fix",
    "quote",
    "description",
    "severity",
    "license",
    "applies_to",
    "require",
]


@BUDGET
@given(field=st.sampled_from(RULE_FIELDS), value=VALUE)
def test_fuzz_rule_packs(field: str, value: Any) -> None:
    for base in _folder():
        project = write_project(base / "p", manifest(notice=False))
        pack = base / "pack"
        pack.mkdir()
        rule = yaml.safe_load((PACK / "no-new-llama-2.yaml").read_text(encoding="utf-8"))
        rule[field] = value
        text = yaml.safe_dump(rule)
        (pack / "no-new-llama-2.yaml").write_text(text, encoding="utf-8")
        shutil.copy(PACK / "no-new-llama-2.tests.yaml", pack / "no-new-llama-2.tests.yaml")
        _check(project, "--rules", str(pack))
        _twice(("rules", "test", str(pack)), project)
