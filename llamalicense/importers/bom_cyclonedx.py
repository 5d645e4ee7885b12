"""CycloneDX 1.6 JSON into the neutral BOM graph (an older 1.x ``specVersion`` reads the same).

``machine-learning-model`` and ``data`` components, the BOM's subject, nested components,
``pedigree.ancestors``, ``modelCard.modelParameters.datasets``, ``dependencies`` and
``licenses``; the ``llamalicense:distributed``, ``llamalicense:relation`` and
``llamalicense:name`` properties.
"""

from __future__ import annotations

from typing import Any

from llamalicense.importers.bom_graph import Graph, Node, fail, hub_from_purl
from llamalicense.importers.licenses import expression_keys, llama_version

_RELATIONS = ("finetune", "adapter", "quantized", "merge", "distill", "continued-pretraining")


def read_cyclonedx(data: dict[str, Any], display: str) -> Graph:
    version = str(data.get("specVersion", ""))
    if version and not version.startswith("1."):
        raise fail(
            display, "$.specVersion", f"unsupported CycloneDX version {version!r}", "use 1.4-1.6"
        )
    graph = Graph()
    metadata = data.get("metadata") or {}
    subject = metadata.get("component") if isinstance(metadata, dict) else None
    if isinstance(subject, dict):
        node = _cdx_node(subject, "$.metadata.component", display, graph)
        node.subject = True
        if node.type == "other":
            node.type = "product"
    items = data.get("components", [])
    if not isinstance(items, list):
        raise fail(display, "$.components", "`components` must be a list", "see CycloneDX 1.6")
    _cdx_components(items, "$.components", display, graph)
    dependencies = data.get("dependencies", [])
    if not isinstance(dependencies, list):
        raise fail(display, "$.dependencies", "`dependencies` must be a list", "see CycloneDX 1.6")
    for index, dep in enumerate(dependencies):
        if not isinstance(dep, dict) or not isinstance(dep.get("ref"), str):
            raise fail(display, f"$.dependencies[{index}]", "a dependency needs a `ref`", "")
        holder = graph.nodes.get(dep["ref"])
        if holder is not None:
            holder.depends_on.extend(str(d) for d in dep.get("dependsOn", []) or [])
    return graph


def _cdx_components(items: list[Any], where: str, display: str, graph: Graph) -> None:
    for index, item in enumerate(items):
        here = f"{where}[{index}]"
        if not isinstance(item, dict):
            raise fail(display, here, "a component must be an object", "")
        _cdx_node(item, here, display, graph)
        nested = item.get("components")
        if isinstance(nested, list):
            _cdx_components(nested, here + ".components", display, graph)


def _cdx_node(item: dict[str, Any], here: str, display: str, graph: Graph) -> Node:
    name = item.get("name")
    if not isinstance(name, str) or not name:
        raise fail(display, here + ".name", "a component needs a `name`", "CycloneDX requires it")
    group = item.get("group") if isinstance(item.get("group"), str) else None
    hub = hub_from_purl(item.get("purl")) or (f"{group}/{name}" if group else None)
    if hub is None and "/" in name:
        hub = name
    node_id = str(item.get("bom-ref") or hub or name)
    kind = {"machine-learning-model": "model", "data": "dataset"}.get(
        str(item.get("type")), "other"
    )
    properties = _properties(item.get("properties"))
    node = graph.add(
        Node(
            id=node_id,
            type=kind,
            name=str(properties.get("llamalicense:name") or (hub or name)),
            hub_id=hub if kind == "model" else None,
            licenses=_cdx_licenses(item.get("licenses"), here, display),
            distributed=_boolean(properties.get("llamalicense:distributed"), here, display),
            relation=_relation(properties.get("llamalicense:relation"), here, display),
        )
    )
    pedigree = item.get("pedigree")
    if isinstance(pedigree, dict):
        for position, ancestor in enumerate(pedigree.get("ancestors", []) or []):
            if isinstance(ancestor, dict) and ancestor.get("name"):
                parent = _cdx_node(
                    ancestor, f"{here}.pedigree.ancestors[{position}]", display, graph
                )
                node.ancestors.append(parent.id)
    card = item.get("modelCard")
    if isinstance(card, dict):
        parameters = card.get("modelParameters") or {}
        for position, dataset in enumerate(parameters.get("datasets", []) or []):
            if isinstance(dataset, dict) and isinstance(dataset.get("ref"), str):
                node.depends_on.append(dataset["ref"])
            elif isinstance(dataset, dict) and dataset.get("name"):
                inline = _cdx_node(
                    {**dataset, "type": "data"},
                    f"{here}.modelCard.modelParameters.datasets[{position}]",
                    display,
                    graph,
                )
                node.trained_on.append(inline.id)
    return node


def _cdx_licenses(value: Any, here: str, display: str) -> list[str]:
    out: list[str] = []
    if value is None:
        return out
    if not isinstance(value, list):
        raise fail(display, here + ".licenses", "`licenses` must be a list", "see CycloneDX 1.6")
    for entry in value:
        if not isinstance(entry, dict):
            continue
        if isinstance(entry.get("expression"), str):
            out.extend(expression_keys(entry["expression"]))
        license_ = entry.get("license")
        if isinstance(license_, dict):
            for key in ("id", "name"):
                if isinstance(license_.get(key), str):
                    out.append(license_[key])
                    break
            url = license_.get("url")
            if isinstance(url, str) and llama_version(url):
                out.append(url)
    return out


def _properties(value: Any) -> dict[str, str]:
    if not isinstance(value, list):
        return {}
    return {
        str(p["name"]): str(p.get("value", ""))
        for p in value
        if isinstance(p, dict) and isinstance(p.get("name"), str)
    }


def _boolean(value: str | None, here: str, display: str) -> bool | None:
    if value is None:
        return None
    if value.lower() in ("true", "false"):
        return value.lower() == "true"
    raise fail(
        display,
        here + ".properties",
        f"llamalicense:distributed is {value!r}",
        "write true or false",
    )


def _relation(value: str | None, here: str, display: str) -> str | None:
    if value is None:
        return None
    if value in _RELATIONS:
        return value
    raise fail(
        display,
        here + ".properties",
        f"llamalicense:relation is {value!r}",
        "one of " + ", ".join(_RELATIONS),
    )
