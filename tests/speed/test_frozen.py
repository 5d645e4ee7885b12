"""The engine builds findings, component summaries and edges with ``frozen.build``: they
must be exactly what the dataclass constructors make (every field set, equal, hashable in
the same way, and still frozen)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

import llamalicense
from llamalicense.model.findings import Edge, Finding
from llamalicense.speed.frozen import build, build_from

ROOT = Path(__file__).resolve().parent.parent.parent


def _same_as_constructed(instance: Any) -> None:
    names = [f.name for f in dataclasses.fields(instance)]
    assert sorted(vars(instance)) == sorted(names), "a field is missing or extra"
    again = type(instance)(**{name: getattr(instance, name) for name in names})
    assert again == instance
    assert repr(again) == repr(instance)
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(instance, names[0], "changed")


@pytest.mark.parametrize("example", ["mixed-versions", "missing-notice", "integrated-product"])
def test_report_objects_are_what_the_constructors_make(example: str) -> None:
    report = llamalicense.check(ROOT / "examples" / example, waivers=False)
    assert report.findings
    assert report.components
    assert report.edges
    for instance in (*report.findings, *report.components, *report.edges):
        _same_as_constructed(instance)


def test_build_gives_equal_hashable_frozen_instances() -> None:
    made = Edge("a", "b", "derived_from", "finetune")
    built = build(Edge, source="a", target="b", kind="derived_from", relation="finetune")
    assert built == made
    assert hash(built) == hash(made)
    assert type(built) is Edge
    with pytest.raises(dataclasses.FrozenInstanceError):
        built.kind = "contains"  # type: ignore[misc]


def test_build_from_reads_the_fields_left_out_as_their_defaults() -> None:
    from llamalicense.model.project import Attribution, Component

    given = {"id": "m", "type": "model", "ref": "meta-llama/Llama-3.1-8B"}
    built = build_from(Component, {**given, "attribution": Attribution()})
    made = Component(**given)
    assert built == made
    assert hash(built) == hash(made)
    assert repr(built) == repr(made)
    assert built.trained_on == ()
    assert built.distributed is None
    assert set(vars(built)) == {*given, "attribution"}
    with pytest.raises(dataclasses.FrozenInstanceError):
        built.name = "changed"  # type: ignore[misc]


def test_a_finding_built_without_every_field_is_caught() -> None:
    partial = build(Finding, rule="R")  # what a builder that misses new fields would make
    with pytest.raises(AssertionError):
        _same_as_constructed(partial)


def test_lineage_reaches_are_what_the_constructor_makes() -> None:
    from llamalicense.api import lineage_of
    from llamalicense.lineage.graph import MATERIALS, OUTPUTS

    project = llamalicense.load_project(ROOT / "examples" / "mixed-versions")
    lineage = lineage_of(project)
    reaches = [
        lineage.reach(comp.id, license_id, kind)
        for comp in project.components
        for license_id in lineage.licenses(comp.id)
        for kind in (MATERIALS, OUTPUTS)
    ]
    assert any(reaches)
    for reach in reaches:
        if reach is not None:
            _same_as_constructed(reach)


class _Facts:
    """A predicate context with one fact."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def fact(self, name: str) -> Any:
        return self.value


@pytest.mark.parametrize("op", [{"startswith": "Llama"}, {"exists": True}, {"eq": "Acme"}])
def test_comparison_explanations_are_what_the_constructor_makes(op: dict[str, Any]) -> None:
    from llamalicense.policy.comparisons import compile_comparison
    from llamalicense.policy.explanation import Missing

    evaluate = compile_comparison({"fact": "component.name", **op}, "$", lambda *_: None)
    for value in ("Llama-Acme", "Acme", None, Missing("the manifest does not say `name`")):
        _same_as_constructed(evaluate(_Facts(value)))  # type: ignore[arg-type]
