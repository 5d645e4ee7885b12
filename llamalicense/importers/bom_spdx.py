"""SPDX 3.0 JSON-LD into the neutral BOM graph.

``AIPackage``, ``DatasetPackage`` and product ``Package`` elements, license elements, and
the relationships between them (``ancestorOf`` / ``descendantOf``, ``trainedOn``,
``generates``, ``contains``, ``dependsOn``, ``hasDeclaredLicense`` /
``hasConcludedLicense``).
"""

from __future__ import annotations

import re
from typing import Any

from llamalicense.importers.bom_graph import Graph, Node, fail, hub_from_purl
from llamalicense.importers.licenses import expression_keys

_HF_URL = re.compile(r"huggingface\.co/([\w.-]+/[\w.-]+)", re.IGNORECASE)
_PRODUCT_PURPOSES = {"application", "container", "device", "platform", "firmware", "framework"}


def read_spdx(data: dict[str, Any], display: str) -> Graph:
    elements = data.get("@graph")
    if not isinstance(elements, list):
        raise fail(display, "$['@graph']", "an SPDX 3 JSON-LD document needs an `@graph` list", "")
    graph = Graph()
    licenses: dict[str, list[str]] = {}
    relationships: list[tuple[int, dict[str, Any]]] = []
    for index, element in enumerate(elements):
        if not isinstance(element, dict):
            continue
        kind = _spdx_type(element)
        element_id = str(element.get("spdxId") or element.get("@id") or f"element-{index}")
        if kind in ("Relationship", "LifecycleScopedRelationship"):
            relationships.append((index, element))
        elif kind in ("LicenseExpression",):
            text = element.get("simplelicensing_licenseExpression") or element.get(
                "licenseExpression"
            )
            licenses[element_id] = list(expression_keys(str(text))) if text else []
        elif kind in ("CustomLicense", "ListedLicense", "License"):
            name = element.get("name") or element_id.rsplit("/", 1)[-1]
            licenses[element_id] = [str(name)]
        elif kind in ("AIPackage", "DatasetPackage", "Package", "File", "SoftwareArtifact"):
            graph.add(_spdx_node(element, element_id, kind))
    for index, rel in relationships:
        _spdx_relationship(rel, index, graph, licenses, display)
    return graph


def _spdx_type(element: dict[str, Any]) -> str:
    raw = element.get("type") or element.get("@type") or ""
    text = str(raw[0] if isinstance(raw, list) and raw else raw)
    return text.rsplit("_", 1)[-1].rsplit(":", 1)[-1]


def _spdx_node(element: dict[str, Any], element_id: str, kind: str) -> Node:
    name = str(element.get("name") or element_id)
    hub = hub_from_purl(element.get("software_packageUrl") or element.get("packageUrl"))
    location = str(
        element.get("software_downloadLocation") or element.get("downloadLocation") or ""
    )
    if hub is None:
        match = _HF_URL.search(location)
        hub = match.group(1) if match else (name if "/" in name else None)
    node_type = {"AIPackage": "model", "DatasetPackage": "dataset"}.get(kind, "other")
    purpose = str(element.get("software_primaryPurpose") or "").lower()
    if node_type == "other" and purpose in _PRODUCT_PURPOSES:
        node_type = "product"
    return Node(
        id=element_id,
        type=node_type,
        name=hub or name,
        hub_id=hub if node_type == "model" else None,
    )


def _spdx_relationship(
    rel: dict[str, Any], index: int, graph: Graph, licenses: dict[str, list[str]], display: str
) -> None:
    kind = str(rel.get("relationshipType", "")).rsplit("/", 1)[-1]
    source = str(rel.get("from", ""))
    targets = rel.get("to", [])
    if isinstance(targets, str):
        targets = [targets]
    if not isinstance(targets, list):
        raise fail(display, f"$['@graph'][{index}].to", "`to` must be a list of element ids", "")
    names = [str(t) for t in targets]
    node = graph.nodes.get(source)
    if kind in ("hasDeclaredLicense", "hasConcludedLicense"):
        if node is not None:
            for target in names:
                node.licenses.extend(licenses.get(target, [target.rsplit("/", 1)[-1]]))
    elif kind in ("ancestorOf", "generates"):
        # from -> to reads "source is an ancestor of / generated each target"
        for target in names:
            child = graph.nodes.get(target)
            if child is not None and kind == "ancestorOf":
                child.ancestors.append(source)
            elif child is not None and child.type == "dataset":
                child.generated_by.append(source)
    elif node is not None and kind in _SPDX_FIELDS:
        getattr(node, _SPDX_FIELDS[kind]).extend(names)


# relationship type (from this node to the targets) -> the Node list it fills
_SPDX_FIELDS = {
    "descendantOf": "ancestors",
    "trainedOn": "trained_on",
    "contains": "contains",
    "dependsOn": "depends_on",
}
