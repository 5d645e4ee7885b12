"""SPDX 3.0 JSON-LD into the neutral BOM graph.

``AIPackage``, ``DatasetPackage`` and product ``Package`` elements, license elements, and
the relationships between them (``ancestorOf`` / ``descendantOf``, ``trainedOn``,
``generates``, ``contains``, ``dependsOn``, ``hasDeclaredLicense`` /
``hasConcludedLicense``). Every field read here is read by type through
:class:`~llamalicense.project.readers.bom_graph.Fields`: a wrong type is an input error.
"""

from __future__ import annotations

import re
from typing import Any

from llamalicense.catalog.licenses import expression_keys
from llamalicense.documents.loader import Document
from llamalicense.project.readers.bom_graph import Fields, Graph, Node, Where, hub_from_purl

SPEC = "SPDX 3.0: https://spdx.github.io/spdx-spec/v3.0.1/"
_HF_URL = re.compile(r"huggingface\.co/([\w.-]+/[\w.-]+)", re.IGNORECASE)
_PRODUCT_PURPOSES = {"application", "container", "device", "platform", "firmware", "framework"}
_RELATIONSHIPS = ("Relationship", "LifecycleScopedRelationship")
_LICENSES = ("CustomLicense", "ListedLicense", "License")
_PACKAGES = ("AIPackage", "DatasetPackage", "Package", "File", "SoftwareArtifact")
_READ = {*_RELATIONSHIPS, "LicenseExpression", *_LICENSES, *_PACKAGES}  # other types: skipped


def read_spdx(document: Document) -> Graph:
    fields = Fields(document, SPEC)
    elements = document.data.get("@graph")
    if not isinstance(elements, list):
        raise fields.fail(("@graph",), "an SPDX 3 JSON-LD document needs an `@graph` list")
    graph = Graph()
    licenses: dict[str, list[str]] = {}
    relationships: list[tuple[Where, dict[str, Any]]] = []
    for index, raw in enumerate(elements):
        here: Where = ("@graph", index)
        element = fields.mapping(raw, here, "an element object")
        kind = _spdx_type(element, here, fields)
        if kind not in _READ:
            continue  # CreationInfo, agents, …: nothing the lineage needs
        element_id = (
            fields.node_id(element.get("spdxId"), (*here, "spdxId"))
            or fields.node_id(element.get("@id"), (*here, "@id"))
            or f"element-{index}"
        )
        if kind in _RELATIONSHIPS:
            relationships.append((here, element))
        elif kind == "LicenseExpression":
            text = _first_text(
                element, ("simplelicensing_licenseExpression", "licenseExpression"), here, fields
            )
            licenses[element_id] = list(expression_keys(text)) if text else []
        elif kind in _LICENSES:
            name = fields.text(element.get("name"), (*here, "name"))
            licenses[element_id] = [name or element_id.rsplit("/", 1)[-1]]
        else:
            graph.add(_spdx_node(element, element_id, kind, here, fields))
    for here, rel in relationships:
        _spdx_relationship(rel, here, graph, licenses, fields)
    return graph


def _spdx_type(element: dict[str, Any], here: Where, fields: Fields) -> str:
    key = "type" if element.get("type") not in (None, "", []) else "@type"
    raw = element.get(key)
    if isinstance(raw, list):  # JSON-LD allows several types; the first one counts
        raw = raw[0] if raw else None
        where: Where = (*here, key, 0)
    else:
        where = (*here, key)
    text = fields.text(raw, where, 'a type name such as "ai_AIPackage"') or ""
    return text.rsplit("_", 1)[-1].rsplit(":", 1)[-1]


def _first_text(
    element: dict[str, Any], keys: tuple[str, ...], here: Where, fields: Fields
) -> str | None:
    """The first of ``keys`` (SPDX 3 JSON-LD names, then plain ones) with a non-empty string."""
    for key in keys:
        text = fields.text(element.get(key), (*here, key))
        if text:
            return text
    return None


def _spdx_node(
    element: dict[str, Any], element_id: str, kind: str, here: Where, fields: Fields
) -> Node:
    name = fields.text(element.get("name"), (*here, "name")) or element_id
    hub = hub_from_purl(_first_text(element, ("software_packageUrl", "packageUrl"), here, fields))
    location = _first_text(element, ("software_downloadLocation", "downloadLocation"), here, fields)
    if hub is None:
        match = _HF_URL.search(location or "")
        hub = match.group(1) if match else (name if "/" in name else None)
    node_type = {"AIPackage": "model", "DatasetPackage": "dataset"}.get(kind, "other")
    purpose = fields.text(
        element.get("software_primaryPurpose"), (*here, "software_primaryPurpose")
    )
    if node_type == "other" and (purpose or "").lower() in _PRODUCT_PURPOSES:
        node_type = "product"
    return Node(
        id=element_id,
        type=node_type,
        name=hub or name,
        hub_id=hub if node_type == "model" else None,
    )


def _spdx_relationship(
    rel: dict[str, Any],
    here: Where,
    graph: Graph,
    licenses: dict[str, list[str]],
    fields: Fields,
) -> None:
    kind = fields.text(rel.get("relationshipType"), (*here, "relationshipType")) or ""
    kind = kind.rsplit("/", 1)[-1]
    source = fields.text(rel.get("from"), (*here, "from"), "an element id")
    if not source:
        raise fields.fail((*here, "from"), "a relationship needs a `from` element id")
    targets = rel.get("to")
    if isinstance(targets, str):
        targets = [targets]  # one id where SPDX has a list: read it as the list of one
    where = (*here, "to")
    names = [
        name
        for position, target in enumerate(fields.items(targets, where, "a list of element ids"))
        if (name := fields.text(target, (*where, position), "an element id"))
    ]
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
