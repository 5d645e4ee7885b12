"""Components are built in one pass over each manifest entry, sharing alike attributions and
derivations; the project must be the one a field-by-field build makes."""

from __future__ import annotations

import dataclasses
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from llamalicense.documents.loader import load_file
from llamalicense.model.project import (
    RELATIONS,
    Attribution,
    Component,
    Derivation,
    Project,
)
from llamalicense.project.manifest import load_manifest

SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# -- the components of a manifest ------------------------------------------------------------


@pytest.fixture(scope="module")
def project_root() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        root = Path(name)
        (root / "docs").mkdir()
        for evidence in ("NOTICE", "LICENSE.txt", "docs/about.md"):
            (root / evidence).write_text("evidence\n")
        yield root


TEXTS = st.sampled_from(["Acme chat", "x", "Llama-Acme-8B", "été"])
EVIDENCE = st.sampled_from(["NOTICE", "LICENSE.txt", "docs/about.md", "https://acme.example/a"])
PATHS = EVIDENCE | st.lists(EVIDENCE, min_size=1, max_size=2)
TARGETS = {  # which types each reference field may name
    "derived_from": ("model",),
    "trained_on": ("dataset",),
    "generated_by": ("model",),
    "contains": ("model", "dataset", "product"),
}
HOLDERS = {
    "model": ("derived_from", "trained_on", "contains"),
    "dataset": ("generated_by",),
    "product": ("contains",),
}


@st.composite
def valid_manifests(draw: st.DrawFn) -> dict[str, Any]:
    """Valid manifests using every component field; references point back to earlier ones."""
    components: list[dict[str, Any]] = []
    for index in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(["model", "dataset", "product"]))
        optional: dict[str, st.SearchStrategy[Any]] = {
            "name": TEXTS,
            "description": TEXTS | st.just(""),
            "received_as": st.sampled_from(["direct", "integrated-end-user-product"]),
            "distributed": st.booleans(),
            "delivery": st.sampled_from(["copies", "hosted"]),
            "large_language_model": st.booleans(),
            "modality": st.sampled_from(["text", "multimodal"]),
            "use_cases": st.lists(TEXTS, max_size=2),
            "out_of_scope": st.lists(TEXTS, max_size=2),
            "attribution": st.fixed_dictionaries(
                {},
                # the manifest's evidence fields (`unlisted` and `folder` are for importers'
                # components)
                optional=dict.fromkeys(
                    (
                        f
                        for f in Attribution.__dataclass_fields__
                        if f not in ("unlisted", "folder")
                    ),
                    PATHS,
                ),
            ),
        }
        if kind == "model":
            optional["ref"] = st.just("meta-llama/Llama-3.1-8B")
        for field_name in HOLDERS[kind]:
            earlier = [c["id"] for c in components if c["type"] in TARGETS[field_name]]
            if earlier:
                ids = st.lists(st.sampled_from(earlier), max_size=2, unique=True)
                if field_name == "derived_from":
                    optional[field_name] = ids.map(
                        lambda parents: [
                            {"id": p, "relation": RELATIONS[len(p) % len(RELATIONS)]}
                            for p in parents
                        ]
                    )
                else:
                    optional[field_name] = ids
        comp = draw(st.fixed_dictionaries({}, optional=optional))
        components.append({"id": f"c{index}", "type": kind, **comp})
    return {"version": 1, "components": components}


def _reference(raw: dict[str, Any], source: str, line: int | None) -> Component:
    """A component as the plain constructors make it (what the manifest loader used to do)."""
    evidence = raw.get("attribution") or {}
    return Component(
        id=raw["id"],
        type=raw["type"],
        name=raw.get("name"),
        description=raw.get("description"),
        ref=raw.get("ref"),
        received_as=raw.get("received_as"),
        derived_from=tuple(
            Derivation(id=d["id"], relation=d["relation"]) for d in raw.get("derived_from", [])
        ),
        trained_on=tuple(raw.get("trained_on", [])),
        generated_by=tuple(raw.get("generated_by", [])),
        contains=tuple(raw.get("contains", [])),
        distributed=raw.get("distributed"),
        delivery=raw.get("delivery"),
        large_language_model=raw.get("large_language_model"),
        modality=raw.get("modality"),
        use_cases=tuple(raw.get("use_cases", [])),
        out_of_scope=tuple(raw.get("out_of_scope", [])),
        attribution=Attribution(
            **{
                k: (v,) if isinstance(v, str) else tuple(v)
                for k, v in evidence.items()
                if v is not None
            }
        ),
        source=source,
        line=line,
    )


@SETTINGS
@given(manifest=valid_manifests(), suffix=st.sampled_from([".json", ".yaml"]))
def test_components_are_what_the_constructors_make(
    project_root: Path, manifest: dict[str, Any], suffix: str
) -> None:
    path = project_root / f"manifest{suffix}"
    if suffix == ".json":
        path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
    else:
        path.write_text(yaml.safe_dump(manifest, allow_unicode=True), encoding="utf-8")
    project = load_manifest(path)
    document = load_file(path)
    located = [document.locate(("components", i)) for i in range(len(manifest["components"]))]
    expected = tuple(
        _reference(raw, str(path), found[0] if found else None)
        for raw, found in zip(manifest["components"], located, strict=True)
    )
    assert project == Project(
        root=str(project_root), manifest=str(path), licensee=project.licensee, components=expected
    )
    fields = dataclasses.fields(Component)
    no_class_default = {f.name for f in fields if f.default is dataclasses.MISSING}
    for built, made in zip(project.components, expected, strict=True):
        # Built from the fields the entry sets: the others are their defaults; those with
        # none (or a factory) must be in the instance.
        assert no_class_default <= set(vars(built)) <= {f.name for f in fields}
        assert [getattr(built, f.name) for f in fields] == [getattr(made, f.name) for f in fields]
        assert repr(built) == repr(made)
        assert hash(built) == hash(made)


def test_alike_attributions_and_derivations_are_shared(project_root: Path) -> None:
    evidence = {"agreement": "LICENSE.txt", "notice": "NOTICE", "built_with_llama": "NOTICE"}
    manifest = {
        "version": 1,
        "components": [
            {"id": "base", "type": "model", "ref": "meta-llama/Llama-3.1-8B"},
            *(
                {
                    "id": f"ft{index}",
                    "type": "model",
                    "derived_from": [{"id": "base", "relation": "finetune"}],
                    "attribution": {**evidence, "ai_disclosure": disclosure},
                }
                for index, disclosure in enumerate(["NOTICE", ["NOTICE"], "docs/about.md"])
            ),
        ],
    }
    path = project_root / "shared.json"
    path.write_text(json.dumps(manifest), encoding="utf-8")
    first, second, third = load_manifest(path).components[1:]
    assert first.attribution is second.attribution  # "NOTICE" and ["NOTICE"]: one evidence
    assert third.attribution.ai_disclosure == ("docs/about.md",)
    assert first.attribution.ai_disclosure == ("NOTICE",)
    assert first.derived_from[0] is third.derived_from[0]


# -- the reference screen: check_references is skipped only when it would pass -----------------

_TYPES = st.sampled_from(["model", "dataset", "product"])


_HOLDERS = {  # the fields each type may hold (a drawn component sometimes ignores this)
    "model": ("derived_from", "trained_on", "contains"),
    "dataset": ("generated_by",),
    "product": ("contains",),
}


@st.composite
def _components(draw: Any) -> tuple[Component, ...]:
    count = draw(st.integers(1, 6))
    ids = [f"c{i}" for i in range(count)]
    if draw(st.integers(0, 9)) == 0:  # now and then, an id used twice
        ids[-1] = ids[0]
    made = []
    for index, cid in enumerate(ids):
        kind = draw(_TYPES)
        if draw(st.integers(0, 3)):
            allowed = _HOLDERS[kind]
        else:  # a field its type may not hold
            allowed = ("derived_from", "trained_on", "generated_by", "contains")
        # Mostly earlier components; sometimes itself, a later one or an unknown id.
        targets = st.sampled_from(ids[:index] or ids) | st.sampled_from([cid, "c9", ids[-1]])
        refs = {name: tuple(draw(st.lists(targets, max_size=2))) for name in allowed}
        made.append(
            Component(
                id=cid,
                type=kind,
                ref=draw(st.none() | st.just("meta-llama/Llama-3.1-8B")),
                derived_from=tuple(
                    Derivation(id=i, relation="finetune") for i in refs.get("derived_from", ())
                ),
                trained_on=refs.get("trained_on", ()),
                generated_by=refs.get("generated_by", ()),
                contains=refs.get("contains", ()),
            )
        )
    return tuple(made)


def _screened(components: tuple[Component, ...]) -> bool:
    from llamalicense.project.manifest_checks import ReferenceScreen

    screen = ReferenceScreen()
    for comp in components:
        screen.add(comp)
    return screen.clear


@settings(max_examples=400, deadline=None)
@given(components=_components())
def test_the_reference_screen_passes_only_what_check_references_passes(
    components: tuple[Component, ...],
) -> None:
    from llamalicense.documents.loader import Document
    from llamalicense.errors import ManifestError
    from llamalicense.project.manifest_checks import check_references

    document = Document("<memory>", {}, lambda _path: None)
    try:
        check_references(components, document)
    except ManifestError:
        assert not _screened(components)
    else:
        event("valid")  # (hypothesis statistics: how often the screen is really tried)
        if _screened(components):
            event("screened")


def test_the_reference_screen_passes_a_manifest_that_refers_back() -> None:
    components = (
        Component(id="base", type="model", ref="meta-llama/Llama-3.1-8B"),
        Component(id="synth", type="dataset", generated_by=("base",)),
        Component(
            id="ft",
            type="model",
            derived_from=(Derivation(id="base", relation="finetune"),),
            trained_on=("synth",),
        ),
        Component(id="app", type="product", contains=("ft", "synth")),
    )
    assert _screened(components)
    base, synth = components[:2]
    derived = (Derivation(id="base", relation="finetune"),)
    for wrong in (
        Component(id="x", type="model", contains=("later",)),  # unknown (or later)
        Component(id="x", type="model", derived_from=(Derivation("x", "finetune"),)),  # itself
        Component(id="x", type="model", derived_from=(Derivation("synth", "finetune"),)),
        Component(id="x", type="model", trained_on=("base",)),  # a model, not a dataset
        Component(id="x", type="dataset", generated_by=("synth",)),  # a dataset, not a model
        Component(id="x", type="dataset", derived_from=derived),  # not on a dataset
        Component(id="x", type="dataset", ref="meta-llama/Llama-3.1-8B"),  # ref on a dataset
        Component(id="ft", type="model"),  # a duplicate id
    ):
        assert not _screened((base, synth, *components[2:], wrong)), wrong
