"""Hypothesis properties: the MAU line, month selection, affiliates adding up, robustness
against arbitrary manifests, and determinism of the JSON report."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
import yaml
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

import llamalicense
from llamalicense.api import lineage_of, load_project
from llamalicense.catalog.data import LICENSE_IDS, LicenseVersion, license_versions, load_catalog
from llamalicense.documents.loader import load_file
from llamalicense.errors import LlamalicenseError
from llamalicense.lineage.graph import MATERIALS, OUTPUTS
from llamalicense.model.findings import STATUSES, Finding, Report, verdict_of
from llamalicense.model.project import RELATIONS
from llamalicense.policy.rules import builtin_rules
from llamalicense.report.formats import RenderOptions, get

GOLDEN_PROJECT = Path(__file__).resolve().parent.parent / "data" / "golden-project"
LINE = 700_000_000
SETTINGS = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
FEW = settings(SETTINGS, max_examples=50)


@pytest.fixture(scope="module")
def project_root() -> Iterator[Path]:
    """A project folder with real evidence files (and a symlink out) shared by the properties."""
    with tempfile.TemporaryDirectory() as name:
        base = Path(name)
        root = base / "project"
        shutil.copytree(GOLDEN_PROJECT, root)
        (base / "outside.txt").write_text("outside\n")
        (root / "docs" / "escape.md").symlink_to(base / "outside.txt")
        yield root


def _json(report: Report) -> str:
    return get("json")(report, RenderOptions())


def _mau_status(report: Report, component: str = "base") -> str:
    found = [f for f in report.findings if f.obligation == "mau" and f.component == component]
    assert len(found) == 1, [(f.rule, f.component) for f in report.findings]
    return found[0].status


def _release_manifest(
    ref: str,
    counts: list[dict[str, Any]],
    affiliates: Sequence[str] = (),
) -> dict[str, Any]:
    return {
        "version": 1,
        "licensee": {
            "name": "Acme",
            "affiliates": [{"name": a} for a in affiliates],
            "monthly_active_users": counts,
        },
        "components": [{"id": "base", "type": "model", "ref": ref, "distributed": False}],
    }


# -- MAU boundary ------------------------------------------------------------------------------


@SETTINGS
@given(count=st.integers(min_value=0, max_value=3 * LINE))
@example(count=LINE)
@example(count=LINE + 1)
@example(count=0)
def test_mau_boundary(project_root: Path, count: int) -> None:
    manifest = _release_manifest("meta-llama/Llama-3.1-8B", [{"month": "2024-06", "count": count}])
    status = _mau_status(llamalicense.check(manifest, root=project_root))
    assert status == ("pass" if count <= LINE else "violation")


def test_mau_boundary_exact_values(project_root: Path) -> None:
    def status(count: int) -> str:
        manifest = _release_manifest(
            "meta-llama/Llama-3.1-8B", [{"month": "2024-06", "count": count}]
        )
        return _mau_status(llamalicense.check(manifest, root=project_root))

    assert status(700_000_000) == "pass"
    assert status(700_000_001) == "violation"


# -- month selection ---------------------------------------------------------------------------


def _previous_month(day: dt.date) -> str:
    year, month = (day.year, day.month - 1) if day.month > 1 else (day.year - 1, 12)
    return f"{year:04d}-{month:02d}"


@SETTINGS
@given(day=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31)))
@example(day=dt.date(2024, 7, 23))
@example(day=dt.date(2025, 1, 1))
@example(day=dt.date(2024, 3, 1))
def test_mau_month_is_the_calendar_month_before(day: dt.date) -> None:
    version = LicenseVersion("x", "X", "X Release Date", day.isoformat(), "a", "b")
    assert version.mau_month == _previous_month(day)


def test_shipped_versions_pick_the_month_before_their_date() -> None:
    versions = license_versions()
    assert versions["llama-3.1"].mau_month == "2024-06"  # July 23, 2024 -> June 2024
    for version in versions.values():
        assert version.mau_month == _previous_month(dt.date.fromisoformat(version.date))


def _mau_versions() -> list[tuple[str, str]]:
    """(license, an official release of it) for every version with a shipped MAU rule."""
    licenses = sorted({r.license for r in builtin_rules() if r.obligation == "mau"})
    releases = load_catalog().releases
    pairs = []
    for license_id in licenses:
        ref = next(
            r.id for r in releases if r.license == license_id and r.kind in ("base", "instruct")
        )
        pairs.append((license_id, ref))
    return pairs


MONTHS = st.builds(lambda y, m: f"{y:04d}-{m:02d}", st.integers(2022, 2026), st.integers(1, 12))


@SETTINGS
@given(pair=st.sampled_from(_mau_versions()), other=MONTHS)
def test_only_the_month_before_the_release_counts(
    project_root: Path, pair: tuple[str, str], other: str
) -> None:
    license_id, ref = pair
    month = license_versions()[license_id].mau_month
    assume(other != month)
    over = {"count": 3 * LINE}
    at_month = _release_manifest(ref, [{"month": month, **over}])
    assert _mau_status(llamalicense.check(at_month, root=project_root)) == "violation"
    elsewhere = _release_manifest(ref, [{"month": other, **over}])
    report = llamalicense.check(elsewhere, root=project_root)
    assert _mau_status(report) == "needs-review"
    finding = next(f for f in report.findings if f.obligation == "mau")
    assert month in finding.message  # it names the month to declare
    both = _release_manifest(ref, [{"month": other, **over}, {"month": month, "count": 5}])
    assert _mau_status(llamalicense.check(both, root=project_root)) == "pass"


# -- affiliates add up -------------------------------------------------------------------------


@SETTINGS
@given(
    parts=st.lists(st.integers(min_value=0, max_value=LINE), min_size=1, max_size=6),
    data=st.data(),
)
@example(parts=[LINE // 2, LINE // 2], data=None)
@example(parts=[LINE // 2, LINE // 2 + 1], data=None)
def test_affiliates_add_up(project_root: Path, parts: list[int], data: Any) -> None:
    total = sum(parts)
    ref = "meta-llama/Llama-3.1-8B"
    single = _release_manifest(ref, [{"month": "2024-06", "count": total}])
    expected = _mau_status(llamalicense.check(single, root=project_root))
    assert expected == ("pass" if total <= LINE else "violation")
    affiliates = [f"Affiliate {i}" for i in range(1, len(parts))]
    counts: list[dict[str, Any]] = [{"month": "2024-06", "count": parts[0]}]
    counts += [
        {"month": "2024-06", "entity": name, "count": part}
        for name, part in zip(affiliates, parts[1:], strict=True)
    ]
    if data is not None:
        counts = data.draw(st.permutations(counts))
    split = _release_manifest(ref, counts, affiliates)
    assert _mau_status(llamalicense.check(split, root=project_root)) == expected


@FEW
@given(parts=st.lists(st.integers(min_value=0, max_value=LINE), min_size=2, max_size=5))
def test_a_missing_affiliate_count_is_never_a_pass(project_root: Path, parts: list[int]) -> None:
    affiliates = [f"Affiliate {i}" for i in range(1, len(parts))]
    counts: list[dict[str, Any]] = [{"month": "2024-06", "count": parts[0]}]
    counts += [
        {"month": "2024-06", "entity": name, "count": part}
        for name, part in zip(affiliates[:-1], parts[1:-1], strict=True)
    ]
    manifest = _release_manifest("meta-llama/Llama-3.1-8B", counts, affiliates)
    status = _mau_status(llamalicense.check(manifest, root=project_root))
    declared = sum(parts[:-1])
    assert status == ("violation" if declared > LINE else "needs-review")


# -- arbitrary manifests raise nothing but LlamalicenseError -----------------------------------

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
)
JSON = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=25,
)
IDS = st.sampled_from(["base", "ft", "q4", "synth", "app", "tickets", "Base"] * 3 + ["x y", ""])
REF_IDS = (
    "meta-llama/Llama-3.1-8B-Instruct",
    "meta-llama/Meta-Llama-3.1-70B",
    "META-LLAMA/llama-3.2-11b-vision",
    "meta-llama/Llama-3.2-11B-Vision-Instruct",
    "meta-llama/Llama-4-Scout-17B-16E",
    "meta-llama/Llama-2-7b-hf",
    "meta-llama/Llama-9-1T",
    "hf.co/meta-llama/Llama-3.3-70B-Instruct",
    "mistralai/Mistral-7B-v0.1",
)
REFS = st.sampled_from(REF_IDS) | st.text(min_size=1, max_size=20)
EVIDENCE = st.sampled_from(
    [
        "NOTICE",
        "LICENSES/LLAMA-3.1.txt",
        "docs/about.md",
        "docs",
        "missing.txt",
        "docs/escape.md",
        "https://acme.example/about",
        "../NOTICE",
        "/etc/passwd",
        "C:\\x",
        "a" * 300,
        "x\x00y",
    ]
) | st.text(min_size=1, max_size=15)
PATHS = EVIDENCE | st.lists(EVIDENCE, max_size=3)
KEYS = [
    "id",
    "type",
    "name",
    "description",
    "ref",
    "received_as",
    "derived_from",
    "trained_on",
    "generated_by",
    "contains",
    "distributed",
    "delivery",
    "large_language_model",
    "modality",
    "use_cases",
    "out_of_scope",
    "attribution",
]

LOOSE_COMPONENT = st.fixed_dictionaries(
    {"id": IDS, "type": st.sampled_from(["model", "dataset", "product"] * 4 + ["service"])},
    optional={
        "ref": REFS,
        "name": st.text(min_size=1, max_size=20)
        | st.sampled_from(["Llama-Acme", "llama-acme", "org/Llama-X"]),
        "received_as": st.sampled_from(["direct", "integrated-end-user-product"] * 4 + ["gift"]),
        "derived_from": st.lists(
            st.fixed_dictionaries(
                {"id": IDS, "relation": st.sampled_from([*RELATIONS, *RELATIONS, "copy"])}
            ),
            max_size=3,
        ),
        "trained_on": st.lists(IDS, max_size=3),
        "generated_by": st.lists(IDS, max_size=3),
        "contains": st.lists(IDS, max_size=3),
        "distributed": st.sampled_from([True, False] * 4 + [None]),
        "delivery": st.sampled_from(["copies", "hosted"]),
        "large_language_model": st.booleans(),
        "modality": st.sampled_from(["text", "multimodal"]),
        "attribution": st.fixed_dictionaries(
            {},
            optional={
                "agreement": PATHS,
                "notice": PATHS,
                "built_with_llama": PATHS,
                "ai_disclosure": PATHS,
            },
        ),
        "extra": JSON,
    },
)
LOOSE_LICENSEE = st.fixed_dictionaries(
    {},
    optional={
        "name": st.text(min_size=1, max_size=10),
        "country": st.sampled_from(["US", "NO", "DE", "FR", "no", "USA"]),
        "affiliates": st.lists(
            st.fixed_dictionaries(
                {"name": st.sampled_from(["Cloud", "Labs", ""])},
                optional={"country": st.sampled_from(["DE", "IE"])},
            ),
            max_size=3,
        ),
        "monthly_active_users": st.lists(
            st.fixed_dictionaries(
                {
                    "month": st.sampled_from(["2024-06", "2024-03", "2024-13", "2024-6"]) | MONTHS,
                    "count": st.integers(min_value=-5, max_value=3 * LINE) | SCALARS,
                },
                optional={"entity": st.sampled_from(["Cloud", "Labs", "Nobody"])},
            ),
            max_size=4,
        ),
        "max_monthly_active_users": st.none() | st.integers(min_value=-1, max_value=2 * LINE),
        "meta_license": st.booleans() | SCALARS,
    },
)
LOOSE_MANIFEST = st.fixed_dictionaries(
    {
        "version": st.sampled_from([1] * 8 + [2, "1"]),
        "components": st.lists(LOOSE_COMPONENT, max_size=6),
    },
    optional={"licensee": LOOSE_LICENSEE},
)


def _check_quietly(source: Any, root: Path | None = None) -> Report | None:
    """Run a check; the package's own error is fine, anything else fails the property."""
    try:
        if root is None:
            return llamalicense.check(source)
        return llamalicense.check(source, root=root)
    except LlamalicenseError as exc:
        error = exc
    assert error.message
    assert error.render()  # rendering the error must not fail either
    return None


@SETTINGS
@given(manifest=JSON)
def test_any_json_value_is_handled(project_root: Path, manifest: Any) -> None:
    if not isinstance(manifest, dict):
        manifest = {"version": 1, "components": manifest}
    _check_quietly(manifest, project_root)


@SETTINGS
@given(manifest=LOOSE_MANIFEST)
def test_loose_manifests_are_handled(project_root: Path, manifest: dict[str, Any]) -> None:
    for component in manifest["components"]:
        if "extra" in component:  # an unknown field; drop it most of the time
            extra = component.pop("extra")
            if isinstance(extra, dict) and len(extra) > 2:
                component["surprise"] = extra
    report = _check_quietly(manifest, project_root)
    if report is not None:
        _json(report)
        get("text")(report, RenderOptions())


def _golden_manifest() -> dict[str, Any]:
    data: dict[str, Any] = load_file(GOLDEN_PROJECT / "llamalicense.yaml").data
    return data


def _mutate(value: Any, data: Any, depth: int = 0) -> Any:
    """Change one place in ``value``: delete, replace, add or retype something."""
    containers = isinstance(value, dict | list) and value
    descend = depth == 0 or data.draw(st.integers(0, 3), label="descend") > 0
    if containers and depth < 6 and descend:
        if isinstance(value, dict):
            key = data.draw(st.sampled_from(sorted(value)), label="key")
            return {**value, key: _mutate(value[key], data, depth + 1)}
        index = data.draw(st.integers(0, len(value) - 1), label="index")
        return [*value[:index], _mutate(value[index], data, depth + 1), *value[index + 1 :]]
    action = data.draw(st.sampled_from(["replace", "delete", "add", "wrap", "duplicate"]))
    if action == "replace" or not containers:
        return data.draw(JSON | REFS | IDS | EVIDENCE, label="new value")
    if action == "wrap":
        return [value]
    if isinstance(value, dict):
        key = data.draw(st.sampled_from(sorted(value)), label="key")
        if action == "delete":
            return {k: v for k, v in value.items() if k != key}
        if action == "duplicate":
            return {**value, key + "_": value[key]}
        new_key = data.draw(st.sampled_from(KEYS) | st.text(max_size=8), label="new key")
        return {**value, new_key: data.draw(JSON | IDS | EVIDENCE, label="new value")}
    index = data.draw(st.integers(0, len(value) - 1), label="index")
    if action == "delete":
        return value[:index] + value[index + 1 :]
    if action == "duplicate":
        return [*value, value[index]]
    return [*value, data.draw(JSON, label="new item")]


@SETTINGS
@given(data=st.data())
def test_mutations_of_a_valid_manifest_are_handled(project_root: Path, data: Any) -> None:
    manifest = _golden_manifest()
    for _ in range(data.draw(st.integers(1, 3), label="mutations")):
        manifest = _mutate(manifest, data)
    report = _check_quietly(manifest, project_root)
    if report is not None:
        _json(report)


@FEW
@given(data=st.data())
def test_mutated_yaml_files_are_handled(project_root: Path, data: Any) -> None:
    text = (project_root / "llamalicense.yaml").read_text(encoding="utf-8")
    for _ in range(data.draw(st.integers(1, 4), label="edits")):
        start = data.draw(st.integers(0, len(text)), label="start")
        end = data.draw(st.integers(start, min(len(text), start + 12)), label="end")
        insert = data.draw(
            st.sampled_from(
                ["", ":", "- ", "\n", "  ", "&a ", "*a", "!!python/object ", "{", "'", "<<: "]
            )
            | st.text(max_size=6),
            label="insert",
        )
        text = text[:start] + insert + text[end:]
    folder = Path(tempfile.mkdtemp(dir=project_root.parent))
    try:
        shutil.copytree(project_root, folder, dirs_exist_ok=True, symlinks=True)
        (folder / "llamalicense.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
        _check_quietly(folder)
    finally:
        shutil.rmtree(folder)


# -- same input, same bytes --------------------------------------------------------------------


@st.composite
def valid_manifests(draw: Any) -> dict[str, Any]:
    """Manifests that always validate: references only point back to earlier components."""
    count = draw(st.integers(1, 8))
    components: list[dict[str, Any]] = []
    for index in range(count):
        kind = draw(st.sampled_from(["model", "model", "dataset", "product"]))
        comp: dict[str, Any] = {"id": f"c{index}", "type": kind}
        earlier = components[:index]
        models = [c["id"] for c in earlier if c["type"] == "model"]
        datasets = [c["id"] for c in earlier if c["type"] == "dataset"]
        if kind == "model":
            if not models or draw(st.booleans()):
                comp["ref"] = draw(st.sampled_from(REF_IDS))
            else:
                parents = draw(
                    st.lists(st.sampled_from(models), min_size=1, max_size=2, unique=True)
                )
                comp["derived_from"] = [
                    {"id": p, "relation": draw(st.sampled_from(RELATIONS))} for p in parents
                ]
            if datasets and draw(st.booleans()):
                comp["trained_on"] = draw(
                    st.lists(st.sampled_from(datasets), max_size=2, unique=True)
                )
            comp["name"] = draw(st.sampled_from(["Llama-Acme", "Acme", "org/Llama-X", "llama-x"]))
        elif kind == "dataset" and models and draw(st.booleans()):
            comp["generated_by"] = draw(
                st.lists(st.sampled_from(models), min_size=1, max_size=2, unique=True)
            )
        elif kind == "product" and earlier:
            comp["contains"] = draw(
                st.lists(
                    st.sampled_from([c["id"] for c in earlier]), min_size=1, max_size=3, unique=True
                )
            )
            comp["name"] = "Acme App"
        if kind != "dataset":
            comp["distributed"] = draw(st.booleans())
            comp["delivery"] = draw(st.sampled_from(["copies", "hosted"]))
            comp["attribution"] = draw(
                st.fixed_dictionaries(
                    {},
                    optional={
                        "agreement": st.sampled_from(["LICENSES/LLAMA-3.1.txt", "NOTICE"]),
                        "notice": st.sampled_from(["NOTICE", "missing.txt"]),
                        "built_with_llama": st.lists(
                            st.sampled_from(["docs/about.md", "https://acme.example/about"]),
                            min_size=1,
                            max_size=2,
                            unique=True,
                        ),
                    },
                )
            )
        components.append(comp)
    manifest: dict[str, Any] = {"version": 1, "components": components}
    manifest["licensee"] = {
        "name": "Acme",
        "country": draw(st.sampled_from(["US", "NO", "DE"])),
        "affiliates": [{"name": "Acme Cloud"}],
        "monthly_active_users": [
            {"month": "2024-06", "count": draw(st.integers(0, LINE))},
            {"month": "2024-06", "entity": "Acme Cloud", "count": draw(st.integers(0, LINE))},
        ],
    }
    return manifest


@SETTINGS
@given(manifest=valid_manifests())
def test_same_input_gives_the_same_bytes(project_root: Path, manifest: dict[str, Any]) -> None:
    first = _json(llamalicense.check(manifest, root=project_root))
    second = _json(llamalicense.check(json.loads(json.dumps(manifest)), root=project_root))
    assert first == second
    assert json.loads(first)["verdict"] in ("compliant", "needs-review", "non-compliant")


@SETTINGS
@given(manifest=valid_manifests())
def test_findings_come_in_sort_key_order(project_root: Path, manifest: dict[str, Any]) -> None:
    # The engine sorts by keys it makes with the findings; they must be Finding.sort_key's.
    report = llamalicense.check(manifest, root=project_root, include_not_applicable=True)
    assert list(report.findings) == sorted(report.findings, key=Finding.sort_key)
    assert report.verdict == verdict_of(list(report.findings))


@FEW
@given(manifest=valid_manifests(), data=st.data())
def test_key_order_inside_components_does_not_change_the_report(
    project_root: Path, manifest: dict[str, Any], data: Any
) -> None:
    path = project_root / "llamalicense.yaml"
    original = path.read_text(encoding="utf-8")
    reports = []
    try:
        for _ in range(2):
            shuffled = {
                **manifest,
                "components": [
                    dict(data.draw(st.permutations(list(c.items())), label="key order"))
                    for c in manifest["components"]
                ],
            }
            path.write_text(
                yaml.safe_dump(shuffled, sort_keys=False, default_flow_style=False),
                encoding="utf-8",
            )
            reports.append(_json(llamalicense.check(path)))
    finally:
        path.write_text(original, encoding="utf-8")
    assert reports[0] == reports[1]


# -- the lineage's own tables agree with the networkx graph -----------------------------------


def _shortest_reaches(
    graph: nx.DiGraph, releases: dict[str, Any]
) -> dict[tuple[str, str, str], int]:
    """(component, version, kind) -> the length of its shortest path to a release, by
    relaxing every edge until nothing changes (a check on the lineage's one-pass tables)."""
    length = {(node, release.license, MATERIALS): 0 for node, release in releases.items()}
    changed = True
    while changed:
        changed = False
        for source, target, data in graph.edges(data=True):
            via_outputs = data["kind"] == "generated_by" or data.get("relation") == "distill"
            for (node, license_id, kind), far in list(length.items()):
                if node != target:
                    continue
                key = (source, license_id, OUTPUTS if via_outputs or kind == OUTPUTS else MATERIALS)
                if key not in length or far + 1 < length[key]:
                    length[key] = far + 1
                    changed = True
    return length


@SETTINGS
@given(manifest=valid_manifests())
def test_lineage_tables_agree_with_the_networkx_graph(
    project_root: Path, manifest: dict[str, Any]
) -> None:
    project = load_project(manifest, root=project_root)
    lineage = lineage_of(project)
    graph = lineage.graph
    listed = [(e.source, e.target, e.kind, e.relation) for e in lineage.edges()]
    expected = sorted((u, v, d["kind"], d.get("relation")) for u, v, d in graph.edges(data=True))
    assert listed == expected
    shortest = _shortest_reaches(graph, lineage.releases)
    for comp in project.components:
        reached = {
            lineage.releases[n].license
            for n in {comp.id, *nx.descendants(graph, comp.id)}
            if n in lineage.releases
        }
        assert set(lineage.licenses(comp.id)) == reached
        assert list(lineage.licenses(comp.id)) == sorted(reached, key=LICENSE_IDS.index)
        for license_id in LICENSE_IDS:
            for kind in (MATERIALS, OUTPUTS):
                reach = lineage.reach(comp.id, license_id, kind)
                assert lineage.reaches(comp.id, license_id, kind) is (reach is not None)
                assert (reach is not None) is ((comp.id, license_id, kind) in shortest)
                if reach is not None:  # a shortest path of the graph, ending at a release
                    ids = [n for n in reach.path if n in graph]
                    assert ids[0] == comp.id
                    assert all(graph.has_edge(u, v) for u, v in itertools.pairwise(ids))
                    assert lineage.releases[ids[-1]].license == license_id
                    assert len(ids) - 1 == shortest[comp.id, license_id, kind]
        # Multimodal: declared, or a multimodal release of the version over derivations only
        # (distillation trains on outputs, and outputs carry no modality).
        derivations = nx.DiGraph(
            [
                (u, v)
                for u, v, d in graph.edges(data=True)
                if d["kind"] == "derived_from" and d.get("relation") != "distill"
            ]
        )
        below = {comp.id} | (
            nx.descendants(derivations, comp.id) if comp.id in derivations else set()
        )
        for license_id in LICENSE_IDS:
            expected = any(
                n in lineage.releases
                and lineage.releases[n].license == license_id
                and lineage.releases[n].modality == "multimodal"
                for n in below
            )
            if comp.modality is not None:
                expected = comp.modality == "multimodal"
            assert lineage.multimodal(comp.id, license_id) is expected


# -- the JSON report is json.dumps's text ---------------------------------------------------


def _stdlib_json(report: Report) -> str:
    return json.dumps(report.to_dict(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


@SETTINGS
@given(manifest=valid_manifests())
def test_the_json_report_is_the_standard_librarys_text(
    project_root: Path, manifest: dict[str, Any]
) -> None:
    report = llamalicense.check(manifest, root=project_root)
    assert get("json")(report, RenderOptions()) == _stdlib_json(report)


def test_an_item_the_writer_does_not_know_is_left_to_the_standard_library(
    project_root: Path,
) -> None:
    import dataclasses

    manifest = _golden_manifest()
    report = llamalicense.check(manifest, root=project_root)
    assert report.findings
    odd = dataclasses.replace(
        report.findings[0], explanation={"catalog": {1: "int key", 2.5: ("a", None)}}
    )
    unusual = dataclasses.replace(report, findings=(odd, *report.findings[1:]))
    assert get("json")(unusual, RenderOptions()) == _stdlib_json(unusual)
    broken = dataclasses.replace(
        report, findings=(dataclasses.replace(odd, explanation={"x": {1, 2}}),)
    )
    with pytest.raises(TypeError):
        _stdlib_json(broken)
    with pytest.raises(TypeError):
        get("json")(broken, RenderOptions())


@SETTINGS
@given(
    value=st.recursive(
        # Whole floats only: orjson writes other floats in another form (1e-05 as 0.00001, NaN
        # as null), and no report holds one (a project's only numbers are whole user counts).
        st.none()
        | st.booleans()
        | st.integers()
        | st.text(max_size=30)
        | st.integers(min_value=-(2**64), max_value=2**64).map(float)
        | st.floats(min_value=1e15, max_value=1e300).map(lambda x: float(round(x))),
        lambda inner: (
            st.lists(inner, max_size=4)
            | st.tuples(inner, inner)
            | st.dictionaries(st.text(max_size=12), inner, max_size=4)
            | st.dictionaries(st.integers(), inner, max_size=3)
        ),
        max_leaves=25,
    )
)
def test_the_json_writer_gives_json_dumpss_text(value: Any) -> None:
    # The JSON and SARIF reports are written by json_format.dumps (orjson) for speed.
    from llamalicense.report.formats.json_format import dumps

    assert dumps(value) == json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False)


def test_the_sarif_report_is_json_dumpss_text(project_root: Path) -> None:
    report = llamalicense.check(_golden_manifest(), root=project_root)
    text = get("sarif")(report, RenderOptions(exit_code=1))
    again = json.dumps(json.loads(text), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert text == again


# -- verdict and exit status from findings in any order -------------------------------------

STATUS_LISTS = st.lists(st.sampled_from(STATUSES), max_size=12)


def _findings(statuses: list[str]) -> tuple[Finding, ...]:
    return tuple(
        Finding(
            rule=f"R{index}",
            license=None,
            clause=None,
            obligation="notice",
            status=status,
            severity="error",
            component="c",
            path=("c",),
            title="",
            quote="",
            message="",
            reason="",
            how_to_fix="",
        )
        for index, status in enumerate(statuses)
    )


@given(statuses=STATUS_LISTS)
def test_verdict_and_failing_do_not_depend_on_order(statuses: list[str]) -> None:
    findings = _findings(statuses)
    present = set(statuses)
    expected = (
        "non-compliant"
        if "violation" in present
        else "needs-review"
        if "needs-review" in present
        else "compliant"
    )
    assert verdict_of(list(findings)) == expected
    report = Report("m", expected, findings, (), (), (), "0")
    for fail_on in ("violation", "needs-review"):
        wanted = {"violation"} | ({"needs-review"} if fail_on == "needs-review" else set())
        assert report.fails(fail_on) is bool(present & wanted)
        assert report.fails(fail_on) is bool(report.at_or_above(fail_on))
        assert [f.status for f in report.at_or_above(fail_on)] == [
            s for s in statuses if s in wanted
        ]
