"""The lineage graph: which Llama versions reach a component, how, and through which path."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import llamalicense
from llamalicense.api import lineage_of
from llamalicense.errors import ManifestError
from llamalicense.lineage import MATERIALS, OUTPUTS, Lineage

B31 = "meta-llama/Llama-3.1-8B-Instruct"
B31_70 = "meta-llama/Llama-3.1-70B-Instruct"
B32 = "meta-llama/Llama-3.2-3B-Instruct"
V32 = "meta-llama/Llama-3.2-11B-Vision-Instruct"


def _lineage(tmp_path: Path, components: list[dict[str, Any]]) -> Lineage:
    project = llamalicense.load_project({"version": 1, "components": components}, root=tmp_path)
    return lineage_of(project)


def release(cid: str, ref: str) -> dict[str, Any]:
    return {"id": cid, "type": "model", "ref": ref}


def model(cid: str, *parents: str, relation: str = "finetune", **extra: Any) -> dict[str, Any]:
    derived = [{"id": p, "relation": relation} for p in parents]
    return {"id": cid, "type": "model", **({"derived_from": derived} if derived else {}), **extra}


def dataset(cid: str, *generators: str) -> dict[str, Any]:
    return {
        "id": cid,
        "type": "dataset",
        **({"generated_by": list(generators)} if generators else {}),
    }


def product(cid: str, *contents: str) -> dict[str, Any]:
    return {"id": cid, "type": "product", "contains": list(contents)}


# -- materials and outputs ---------------------------------------------------------------


def test_release_itself_holds_the_materials(tmp_path: Path) -> None:
    lineage = _lineage(tmp_path, [release("base", B31)])
    reach = lineage.reach("base", "llama-3.1", MATERIALS)
    assert reach is not None
    assert reach.path == ("base", B31)
    assert reach.release == B31
    assert lineage.reach("base", "llama-3.1", OUTPUTS) is None
    assert lineage.licenses("base") == ("llama-3.1",)


def test_a_base_named_by_its_hub_id_is_not_repeated_in_the_path(tmp_path: Path) -> None:
    # Bases imported from model cards take the Hub id as their component id.
    lineage = _lineage(
        tmp_path,
        [
            release(B31.lower(), B31),  # the Hub id, in another case than the catalog's
            model("ft", B31.lower()),
            release("base", B31),
            model("other", "base"),
        ],
    )
    assert lineage.releases[B31.lower()].id == B31
    reach = lineage.best_reach("ft", "llama-3.1")
    assert reach is not None
    assert reach.path == ("ft", B31.lower())
    other = lineage.best_reach("other", "llama-3.1")
    assert other is not None
    assert other.path == ("other", "base", B31)


def test_finetune_and_quantization_carry_the_materials(tmp_path: Path) -> None:
    lineage = _lineage(
        tmp_path,
        [release("base", B31), model("ft", "base"), model("q4", "ft", relation="quantized")],
    )
    reach = lineage.reach("q4", "llama-3.1", MATERIALS)
    assert reach is not None
    assert reach.path == ("q4", "ft", "base", B31)
    assert reach.kind == MATERIALS
    assert lineage.reach("q4", "llama-3.1", OUTPUTS) is None


def test_synthetic_data_carries_only_outputs(tmp_path: Path) -> None:
    lineage = _lineage(
        tmp_path,
        [
            release("teacher", B31_70),
            dataset("synth", "teacher"),
            {"id": "student", "type": "model", "trained_on": ["synth"]},
        ],
    )
    for cid in ("synth", "student"):
        assert lineage.reach(cid, "llama-3.1", MATERIALS) is None
        assert lineage.reach(cid, "llama-3.1", OUTPUTS) is not None
        assert lineage.licenses(cid) == ("llama-3.1",)
    reach = lineage.reach("student", "llama-3.1", OUTPUTS)
    assert reach is not None
    assert reach.path == ("student", "synth", "teacher", B31_70)
    assert reach.kind == OUTPUTS


def test_materials_and_outputs_can_both_reach_a_model(tmp_path: Path) -> None:
    lineage = _lineage(
        tmp_path,
        [
            release("base", B31),
            release("teacher", B31_70),
            dataset("synth", "teacher"),
            {**model("ft", "base"), "trained_on": ["synth"]},
        ],
    )
    materials = lineage.reach("ft", "llama-3.1", MATERIALS)
    outputs = lineage.reach("ft", "llama-3.1", OUTPUTS)
    assert materials is not None
    assert outputs is not None
    assert materials.path == ("ft", "base", B31)
    assert outputs.path == ("ft", "synth", "teacher", B31_70)


def test_best_reach_prefers_materials_even_over_a_shorter_outputs_path(tmp_path: Path) -> None:
    lineage = _lineage(
        tmp_path,
        [
            release("base", B31),
            model("a", "base"),
            model("b", "a"),
            release("teacher", B31_70),
            dataset("synth", "teacher"),
            {**model("c", "b"), "trained_on": ["synth"]},
        ],
    )
    best = lineage.best_reach("c", "llama-3.1")
    assert best is not None
    assert best.kind == MATERIALS
    assert best.path == ("c", "b", "a", "base", B31)


def test_a_dataset_without_llama_is_governed_by_nothing(tmp_path: Path) -> None:
    lineage = _lineage(
        tmp_path,
        [
            release("base", B31),
            dataset("tickets"),
            {**model("ft", "base"), "trained_on": ["tickets"]},
        ],
    )
    assert lineage.licenses("tickets") == ()
    assert lineage.best_reach("tickets", "llama-3.1") is None


def test_trained_on_a_materials_free_dataset_adds_no_outputs(tmp_path: Path) -> None:
    lineage = _lineage(
        tmp_path, [dataset("tickets"), {"id": "m", "type": "model", "trained_on": ["tickets"]}]
    )
    assert lineage.licenses("m") == ()


def test_a_product_holds_the_materials_of_what_it_contains(tmp_path: Path) -> None:
    lineage = _lineage(tmp_path, [release("base", B31), model("ft", "base"), product("app", "ft")])
    reach = lineage.reach("app", "llama-3.1", MATERIALS)
    assert reach is not None
    assert reach.path == ("app", "ft", "base", B31)


def test_old_spelling_and_case_resolve_to_the_catalog_id(tmp_path: Path) -> None:
    lineage = _lineage(tmp_path, [release("base", "META-LLAMA/Meta-Llama-3.1-8B-Instruct")])
    reach = lineage.best_reach("base", "llama-3.1")
    assert reach is not None
    assert reach.release == B31
    assert reach.path == ("base", B31)


def test_unknown_meta_model_is_recorded_and_others_are_not(tmp_path: Path) -> None:
    lineage = _lineage(
        tmp_path,
        [release("ghost", "meta-llama/Llama-9-1T"), release("other", "mistralai/Mistral-7B-v0.1")],
    )
    assert lineage.unknown_refs == {"ghost": "meta-llama/Llama-9-1T"}
    assert lineage.licenses("ghost") == ()
    assert lineage.licenses("other") == ()


# -- shortest path and tie-break -----------------------------------------------------------


def test_shortest_path_wins(tmp_path: Path) -> None:
    components = [
        release("base", B31),
        model("long1", "base"),
        model("long2", "long1"),
        model("short", "base"),
        model("top", "long2", "short", relation="merge"),
    ]
    reach = _lineage(tmp_path, components).reach("top", "llama-3.1", MATERIALS)
    assert reach is not None
    assert reach.path == ("top", "short", "base", B31)


@pytest.mark.parametrize("order", [("x", "y"), ("y", "x")])
def test_equal_paths_break_ties_by_id_whatever_the_order(
    tmp_path: Path, order: tuple[str, str]
) -> None:
    parents = {"x": model("x", "base"), "y": model("y", "base")}
    components = [
        model("top", *order, relation="merge"),
        parents[order[1]],
        release("base", B31),
        parents[order[0]],
    ]
    reach = _lineage(tmp_path, components).reach("top", "llama-3.1", MATERIALS)
    assert reach is not None
    assert reach.path == ("top", "x", "base", B31)


def test_tie_between_two_releases_is_deterministic(tmp_path: Path) -> None:
    components = [
        release("r-b", "meta-llama/Llama-3.1-70B"),
        release("r-a", "meta-llama/Llama-3.1-8B"),
        model("top", "r-b", "r-a", relation="merge"),
    ]
    reach = _lineage(tmp_path, components).reach("top", "llama-3.1", MATERIALS)
    assert reach is not None
    assert reach.path[:2] == ("top", "r-a")


# -- merges, containment, graph queries ----------------------------------------------------


def test_a_merge_carries_both_parents_versions(tmp_path: Path) -> None:
    lineage = _lineage(
        tmp_path,
        [
            release("a31", B31),
            release("a32", B32),
            model("ft31", "a31"),
            model("merged", "ft31", "a32", relation="merge"),
        ],
    )
    assert lineage.licenses("merged") == ("llama-3.1", "llama-3.2")
    r31 = lineage.reach("merged", "llama-3.1", MATERIALS)
    r32 = lineage.reach("merged", "llama-3.2", MATERIALS)
    assert r31 is not None
    assert r32 is not None
    assert r31.path == ("merged", "ft31", "a31", B31)
    assert r32.path == ("merged", "a32", B32)


def test_contained_in_follows_nested_products_only(tmp_path: Path) -> None:
    lineage = _lineage(
        tmp_path,
        [
            release("base", B31),
            model("ft", "base"),
            product("sdk", "ft"),
            product("suite", "sdk"),
            product("other", "base"),
        ],
    )
    assert lineage.contained_in("ft") == ["sdk", "suite"]
    assert lineage.contained_in("sdk") == ["suite"]
    # base is not *contained* in sdk (ft is derived from it): only `contains` edges count.
    assert lineage.contained_in("base") == ["other"]
    assert lineage.contained_in("suite") == []


def test_depends_on_and_dependents_are_sorted_transitive_closures(tmp_path: Path) -> None:
    lineage = _lineage(
        tmp_path,
        [release("base", B31), model("ft", "base"), product("app", "ft"), dataset("d", "ft")],
    )
    assert lineage.depends_on("app") == ["base", "ft"]
    assert lineage.dependents("base") == ["app", "d", "ft"]
    assert lineage.depends_on("base") == []


def test_edges_are_typed(tmp_path: Path) -> None:
    lineage = _lineage(
        tmp_path,
        [
            release("base", B31),
            dataset("synth", "base"),
            {**model("ft", "base", relation="adapter"), "trained_on": ["synth"]},
            product("app", "ft"),
        ],
    )
    edges = {(e.source, e.target): (e.kind, e.relation) for e in lineage.edges()}
    assert edges[("ft", "base")] == ("derived_from", "adapter")
    assert edges[("ft", "synth")] == ("trained_on", None)
    assert edges[("synth", "base")] == ("generated_by", None)
    assert edges[("app", "ft")] == ("contains", None)
    # The same edges as the networkx graph's, in the report's order.
    graph = lineage.graph
    assert len(edges) == graph.number_of_edges()
    for (source, target), (kind, relation) in edges.items():
        assert graph.edges[source, target]["kind"] == kind
        assert graph.edges[source, target].get("relation") == relation
    listed = [(e.source, e.target) for e in lineage.edges()]
    assert listed == sorted(listed)


# -- multimodal inheritance ----------------------------------------------------------------


def test_multimodal_is_inherited_through_derivation(tmp_path: Path) -> None:
    lineage = _lineage(
        tmp_path,
        [
            release("vision", V32),
            model("ft", "vision"),
            model("q", "ft", relation="quantized"),
            release("text", B32),
            model("text-ft", "text"),
        ],
    )
    assert lineage.multimodal("vision", "llama-3.2")
    assert lineage.multimodal("q", "llama-3.2")
    assert not lineage.multimodal("text-ft", "llama-3.2")


def test_declared_modality_overrides_inheritance(tmp_path: Path) -> None:
    lineage = _lineage(tmp_path, [release("vision", V32), model("ft", "vision", modality="text")])
    assert not lineage.multimodal("ft", "llama-3.2")


def test_outputs_of_a_multimodal_model_do_not_make_a_model_multimodal(tmp_path: Path) -> None:
    lineage = _lineage(
        tmp_path,
        [
            release("vision", V32),
            dataset("captions", "vision"),
            {"id": "student", "type": "model", "trained_on": ["captions"]},
        ],
    )
    assert lineage.licenses("student") == ("llama-3.2",)
    assert not lineage.multimodal("student", "llama-3.2")


def test_a_merge_with_one_multimodal_parent_is_multimodal(tmp_path: Path) -> None:
    lineage = _lineage(
        tmp_path,
        [
            release("vision", V32),
            release("text", B32),
            model("m", "text", "vision", relation="merge"),
        ],
    )
    assert lineage.multimodal("m", "llama-3.2")


# -- cycles ----------------------------------------------------------------------------------


def test_cycle_message_prints_the_cycle_from_its_smallest_id(tmp_path: Path) -> None:
    components = [
        model("m2", "m3"),
        {"id": "m3", "type": "model", "contains": ["m1"]},
        model("m1", "m2", relation="adapter"),
    ]
    with pytest.raises(ManifestError) as info:
        _lineage(tmp_path, components)
    assert info.value.message == (
        "dependency cycle: m1 -> (derived_from) m2 -> (derived_from) m3 -> (contains) m1"
    )
    assert info.value.json_path == "$.components[2]"
    assert info.value.hint


def test_a_long_chain_is_fine(tmp_path: Path) -> None:
    chain = [release("m0", B31)] + [model(f"m{i}", f"m{i - 1}") for i in range(1, 2000)]
    lineage = _lineage(tmp_path, chain)
    reach = lineage.reach("m1999", "llama-3.1", MATERIALS)
    assert reach is not None
    assert len(reach.path) == 2001
