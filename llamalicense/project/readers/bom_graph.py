"""The neutral graph both BOM readers fill, and the components it becomes.

A node per BOM element (model, dataset, product or other) with its lineage lists; then
``dependsOn`` is read by the types at both ends, what no model or dataset needs is left out,
and each ancestor that is not in the BOM is resolved like a card's ``base_model``
(:mod:`llamalicense.project.resolve`). :class:`Fields` is how both readers read a field:
by type, with an error naming the file, line and JSON path when the type is wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from llamalicense.catalog.data import load_catalog
from llamalicense.documents.jsonpath import render as json_path
from llamalicense.documents.loader import Document
from llamalicense.errors import InputError
from llamalicense.model.project import Attribution, Component, Derivation, Note
from llamalicense.project.readers.cards import Base
from llamalicense.project.resolve import Resolver
from llamalicense.safetext import excerpt

if TYPE_CHECKING:
    from llamalicense.project.hub.chain import HubResolver

_PURL_HF = re.compile(r"^pkg:huggingface/([^@?#]+)", re.IGNORECASE)
# A bill of materials names no Notice, agreement copy or "Built with" page.
_UNLISTED = Attribution(
    unlisted="the bill of materials names no evidence files (it has no place for them), and "
    "no manifest entry for this component lists any"
)
_QUANT_NAME = re.compile(r"(gguf|awq|gptq|bnb|[48]-?bit|int[48]|exl2|fp8)", re.IGNORECASE)


@dataclass
class Node:
    """One BOM element; its lineage lists hold the ids of other nodes."""

    id: str
    type: str  # model | dataset | product | other
    name: str | None = None
    hub_id: str | None = None
    licenses: list[str] = field(default_factory=list)
    distributed: bool | None = None
    relation: str | None = None
    ancestors: list[str] = field(default_factory=list)
    trained_on: list[str] = field(default_factory=list)
    generated_by: list[str] = field(default_factory=list)
    contains: list[str] = field(default_factory=list)
    depends_on: list[str] = field(default_factory=list)
    subject: bool = False


@dataclass
class Graph:
    """The nodes of one BOM, by id."""

    nodes: dict[str, Node] = field(default_factory=dict)

    def add(self, node: Node) -> Node:
        if node.id in self.nodes:
            return self.nodes[node.id]
        self.nodes[node.id] = node
        return node

    def build(
        self, display: str, reserved: tuple[str, ...], hub: HubResolver | None = None
    ) -> list[Component]:
        self._apply_dependencies()
        used = {a for n in self.nodes.values() for a in (*n.ancestors, *n.generated_by)}
        for node in self.nodes.values():
            if node.distributed is None and node.id in used:
                node.distributed = False  # a base or a teacher: used to make something, not shipped
        keep = self._kept()
        resolver = Resolver(load_catalog(), reserved=(*reserved, *keep), hub=hub)
        resolver.origin = display  # the BOM is where these bases come from
        components = []
        for node_id in keep:
            components.append(self._component(self.nodes[node_id], keep, resolver, display))
        return components + resolver.components()

    def _apply_dependencies(self) -> None:
        for node in self.nodes.values():
            for target_id in node.depends_on:
                target = self.nodes.get(target_id)
                if target is None or target_id == node.id:
                    continue
                if node.type == "model" and target.type == "model":
                    if target_id not in node.ancestors:
                        node.ancestors.append(target_id)
                elif node.type == "model" and target.type == "dataset":
                    node.trained_on.append(target_id)
                elif node.type == "dataset" and target.type == "model":
                    node.generated_by.append(target_id)
                elif node.type in ("product", "other") and target.type in (
                    "model",
                    "dataset",
                    "product",
                    "other",
                ):
                    node.contains.append(target_id)

    def _kept(self) -> list[str]:
        """Models and datasets, and products that hold one of them (directly or not)."""
        useful = {n.id for n in self.nodes.values() if n.type in ("model", "dataset")}
        changed = True
        while changed:
            changed = False
            for node in self.nodes.values():
                if node.id not in useful and any(c in useful for c in node.contains):
                    useful.add(node.id)
                    changed = True
        return [n for n in self.nodes if n in useful]

    def _component(
        self, node: Node, keep: list[str], resolver: Resolver, display: str
    ) -> Component:
        kind = node.type if node.type in ("model", "dataset") else "product"
        derived: list[Derivation] = []
        notes: list[Note] = []
        ref: str | None = None
        if kind == "model" and node.hub_id and not node.ancestors:
            release = load_catalog().lookup(node.hub_id)
            ref = release.id if release else None
        relation = node.relation or _relation_of(node)
        for ancestor_id in node.ancestors:
            ancestor = self.nodes.get(ancestor_id)
            if ancestor is not None and ancestor_id in keep:
                derived.append(Derivation(ancestor_id, relation))
                continue
            hub = ancestor.hub_id if ancestor else ancestor_id
            resolved = resolver.resolve_base(
                Base(hub or ancestor_id, relation, "pedigree"), node.id
            )
            derived.extend(resolved.derived_from)
            notes.extend(resolved.notes)
        if kind == "model" and ref is None and not derived and node.hub_id:
            resolved = resolver.resolve_base(Base(node.hub_id, "finetune", "purl"), node.id)
            if any(n.rule != "LLAMALICENSE-LLAMA-NAMED" for n in resolved.notes):
                derived.extend(resolved.derived_from)
                notes.extend(resolved.notes)
        return Component(
            id=node.id,
            type=kind,
            name=node.name,
            ref=ref,
            derived_from=tuple(dict.fromkeys(derived)) if kind == "model" else (),
            trained_on=tuple(t for t in dict.fromkeys(node.trained_on) if t in keep)
            if kind == "model"
            else (),
            generated_by=tuple(g for g in dict.fromkeys(node.generated_by) if g in keep)
            if kind == "dataset"
            else (),
            contains=tuple(c for c in dict.fromkeys(node.contains) if c in keep)
            if kind in ("product", "model")
            else (),
            distributed=node.distributed,
            attribution=_UNLISTED,
            source=display,
            license=tuple(dict.fromkeys(node.licenses)),
            notes=tuple(notes),
        )


def _relation_of(node: Node) -> str:
    if _QUANT_NAME.search(f"{node.name or ''} {node.hub_id or ''}"):
        return "quantized"
    return "finetune"


Where = tuple[str | int, ...]  # a JSON path: ("components", 3, "name")
# A BOM's own identifiers (bom-ref, spdxId): the manifest's id characters, and the marks
# package URLs and URIs use; nothing that means something in markdown, XML, DOT or a log.
NODE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:/@+%=~#?&-]{0,499}")

_SHOWN = {bool: "a boolean", int: "a number", float: "a number", str: "a string"}


class Fields:
    """One BOM's fields, read by type: a wrong type is an :class:`InputError` naming the
    file, the JSON path (with its line) and what the format expects there, never a crash.

    ``mapping``, ``items`` and ``text`` take a field's value (None when it is missing or
    null, which reads as empty) and return it with the type the readers use.
    """

    def __init__(self, document: Document, spec: str) -> None:
        self.document = document
        self.spec = spec  # named in the hints: "CycloneDX 1.6: https://…"

    def fail(self, where: Where, message: str, hint: str | None = None) -> InputError:
        located = self.document.locate(where)
        return InputError(
            message,
            file=self.document.path,
            line=located[0] if located else None,
            column=located[1] if located else None,
            json_path=json_path(where),
            hint=hint or f"see {self.spec}",
        )

    def wrong(self, value: Any, where: Where, expected: str) -> InputError:
        """``dependsOn`` must be a list of bom-refs, not a number."""
        shown = "null" if value is None else _SHOWN.get(type(value), _container(value))
        return self.fail(
            where,
            f"{_field_name(where)} must be {expected}, not {shown}",
            f"make it {expected} ({self.spec})",
        )

    def mapping(self, value: Any, where: Where, expected: str = "an object") -> dict[str, Any]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise self.wrong(value, where, expected)
        return value

    def items(self, value: Any, where: Where, expected: str = "a list") -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.wrong(value, where, expected)
        return value

    def text(self, value: Any, where: Where, expected: str = "a string") -> str | None:
        if value is None:
            return None
        if not isinstance(value, str):
            raise self.wrong(value, where, expected)
        return value

    def node_id(self, value: Any, where: Where) -> str | None:
        """A ``bom-ref`` / ``spdxId``: an identifier, checked like a manifest id (plus the
        marks of package URLs and URIs), since it becomes a component id in every report."""
        text = self.text(value, where, "an identifier string")
        if text is not None and not NODE_ID.fullmatch(text):
            raise self.fail(
                where,
                f"{_field_name(where)} {excerpt(text)} is not an identifier",
                "use letters, digits and . _ : / - @ + % = ~ # ? & (no blanks, quotes, "
                "line breaks or markup), at most 500 characters, starting with a letter "
                "or digit",
            )
        return text


def _container(value: Any) -> str:
    return "a list" if isinstance(value, list) else "an object"


def _field_name(where: Where) -> str:
    """``dependsOn`` for ``(…, "dependsOn")``; each entry of ``to`` for ``(…, "to", 2)``."""
    end = len(where)
    while end and isinstance(where[end - 1], int):
        end -= 1
    if not end:
        return "the document"
    name = f"`{where[end - 1]}`"
    return name if end == len(where) else f"each entry of {name}"


def hub_from_purl(purl: Any) -> str | None:
    """The Hub id in a ``pkg:huggingface/…`` package URL."""
    if not isinstance(purl, str):
        return None
    match = _PURL_HF.match(purl)
    return match.group(1).strip("/") if match else None
