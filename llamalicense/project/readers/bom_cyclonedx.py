"""CycloneDX 1.6 JSON into the neutral BOM graph (an older 1.x ``specVersion`` reads the same).

``machine-learning-model`` and ``data`` components, the BOM's subject, nested components,
``pedigree.ancestors``, ``modelCard.modelParameters.datasets``, ``dependencies`` and
``licenses``; the ``llamalicense:distributed``, ``llamalicense:relation`` and
``llamalicense:name`` properties. Every field read here is read by type through
:class:`~llamalicense.project.readers.bom_graph.Fields`: a wrong type is an input error.
"""

from __future__ import annotations

from typing import Any

from llamalicense.catalog.licenses import expression_keys, llama_version
from llamalicense.documents.loader import Document
from llamalicense.project.readers.bom_graph import Fields, Graph, Node, Where, hub_from_purl

SPEC = "CycloneDX 1.6: https://cyclonedx.org/docs/1.6/json/"
_RELATIONS = ("finetune", "adapter", "quantized", "merge", "distill", "continued-pretraining")


def read_cyclonedx(document: Document) -> Graph:
    data: dict[str, Any] = document.data
    fields = Fields(document, SPEC)
    version = data.get("specVersion")
    if isinstance(version, bool) or not isinstance(version, str | int | float | None):
        raise fields.wrong(version, ("specVersion",), 'a string such as "1.6"')
    if version not in (None, "") and not str(version).startswith("1."):
        raise fields.fail(
            ("specVersion",), f"unsupported CycloneDX version {version!r}", "use 1.4-1.6"
        )
    graph = Graph()
    metadata = fields.mapping(data.get("metadata"), ("metadata",))
    subject = metadata.get("component")
    if subject is not None:
        node = _cdx_node(
            fields.mapping(subject, ("metadata", "component"), "a component object"),
            ("metadata", "component"),
            fields,
            graph,
        )
        node.subject = True
        if node.type == "other":
            node.type = "product"
    _cdx_components(data.get("components"), ("components",), fields, graph)
    dependencies = fields.items(data.get("dependencies"), ("dependencies",))
    for index, raw in enumerate(dependencies):
        here: Where = ("dependencies", index)
        dep = fields.mapping(raw, here, 'an object with a "ref"')
        ref = fields.node_id(dep.get("ref"), (*here, "ref"))
        if ref is None:
            raise fields.fail(here, "a dependency needs a `ref`", "name the bom-ref it is about")
        refs = [
            fields.text(target, (*here, "dependsOn", position), "a bom-ref string")
            for position, target in enumerate(
                fields.items(dep.get("dependsOn"), (*here, "dependsOn"), "a list of bom-refs")
            )
        ]
        holder = graph.nodes.get(ref)
        if holder is not None:
            holder.depends_on.extend(r for r in refs if r)
    return graph


def _cdx_components(value: Any, where: Where, fields: Fields, graph: Graph) -> None:
    for index, raw in enumerate(fields.items(value, where, "a list of components")):
        here = (*where, index)
        item = fields.mapping(raw, here, "a component object")
        _cdx_node(item, here, fields, graph)
        _cdx_components(item.get("components"), (*here, "components"), fields, graph)


def _cdx_node(item: dict[str, Any], here: Where, fields: Fields, graph: Graph) -> Node:
    name = fields.text(item.get("name"), (*here, "name"))
    if not name:
        raise fields.fail((*here, "name"), "a component needs a `name`", "CycloneDX requires it")
    group = fields.text(item.get("group"), (*here, "group"))
    hub = hub_from_purl(fields.text(item.get("purl"), (*here, "purl"), "a package URL string"))
    hub = hub or (f"{group}/{name}" if group else None)
    if hub is None and "/" in name:
        hub = name
    node_id = fields.node_id(item.get("bom-ref"), (*here, "bom-ref")) or hub or name
    kind = {"machine-learning-model": "model", "data": "dataset"}.get(
        fields.text(item.get("type"), (*here, "type")) or "", "other"
    )
    properties = _properties(item.get("properties"), (*here, "properties"), fields)
    shown_name = properties.get("llamalicense:name")
    node = graph.add(
        Node(
            id=node_id,
            type=kind,
            name=(shown_name[0] if shown_name else "") or hub or name,
            hub_id=hub if kind == "model" else None,
            licenses=_cdx_licenses(item.get("licenses"), (*here, "licenses"), fields),
            distributed=_boolean(properties.get("llamalicense:distributed"), fields),
            relation=_relation(properties.get("llamalicense:relation"), fields),
        )
    )
    pedigree = fields.mapping(item.get("pedigree"), (*here, "pedigree"))
    where = (*here, "pedigree", "ancestors")
    for position, raw in enumerate(
        fields.items(pedigree.get("ancestors"), where, "a list of components")
    ):
        ancestor = fields.mapping(raw, (*where, position), "a component object")
        if ancestor.get("name") not in (None, ""):  # one without a name says nothing
            node.ancestors.append(_cdx_node(ancestor, (*where, position), fields, graph).id)
    card = fields.mapping(item.get("modelCard"), (*here, "modelCard"))
    where = (*here, "modelCard", "modelParameters")
    parameters = fields.mapping(card.get("modelParameters"), where)
    where = (*where, "datasets")
    for position, raw in enumerate(
        fields.items(parameters.get("datasets"), where, "a list of datasets")
    ):
        dataset = fields.mapping(raw, (*where, position), 'an object with a "ref" or "name"')
        ref = fields.text(dataset.get("ref"), (*where, position, "ref"), "a bom-ref string")
        if ref:
            node.depends_on.append(ref)
        elif dataset.get("name") not in (None, ""):
            inline = _cdx_node({**dataset, "type": "data"}, (*where, position), fields, graph)
            node.trained_on.append(inline.id)
    return node


def _cdx_licenses(value: Any, where: Where, fields: Fields) -> list[str]:
    out: list[str] = []
    for index, raw in enumerate(fields.items(value, where)):
        here = (*where, index)
        entry = fields.mapping(raw, here, 'an object with a "license" or "expression"')
        expression = fields.text(entry.get("expression"), (*here, "expression"))
        if expression:
            out.extend(expression_keys(expression))
        license_ = fields.mapping(entry.get("license"), (*here, "license"))
        for key in ("id", "name"):
            text = fields.text(license_.get(key), (*here, "license", key))
            if text:
                out.append(text)
                break
        url = fields.text(license_.get("url"), (*here, "license", "url"))
        if url and llama_version(url):
            out.append(url)
    return out


def _properties(value: Any, where: Where, fields: Fields) -> dict[str, tuple[str, Where]]:
    """Each ``llamalicense:`` property's value, and where it is."""
    out: dict[str, tuple[str, Where]] = {}
    for index, raw in enumerate(fields.items(value, where)):
        here = (*where, index)
        entry = fields.mapping(raw, here, 'an object with a "name" and a "value"')
        name = fields.text(entry.get("name"), (*here, "name"))
        if name and name.startswith("llamalicense:"):
            text = fields.text(entry.get("value"), (*here, "value"))
            out[name] = (text or "", (*here, "value"))
    return out


def _boolean(value: tuple[str, Where] | None, fields: Fields) -> bool | None:
    if value is None:
        return None
    text, where = value
    if text.lower() in ("true", "false"):
        return text.lower() == "true"
    raise fields.fail(where, f"llamalicense:distributed is {text!r}", "write true or false")


def _relation(value: tuple[str, Where] | None, fields: Fields) -> str | None:
    if value is None:
        return None
    text, where = value
    if text in _RELATIONS:
        return text
    raise fields.fail(
        where, f"llamalicense:relation is {text!r}", "one of " + ", ".join(_RELATIONS)
    )
