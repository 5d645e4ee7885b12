"""The edits a fix makes to a YAML manifest, with every other byte of it kept (see
:mod:`llamalicense.tools.fix.yamledit`): an evidence file listed under a component's
``attribution``, and components added at the end of ``components:``."""

from __future__ import annotations

from collections.abc import Callable

import yaml

from llamalicense.tools.fix import yamledit
from llamalicense.tools.fix.files import Refused, Text


def _components(text: Text, manifest: str) -> yaml.Node | None:
    """The ``components:`` value of the manifest ``text``."""
    found = yamledit.get(yamledit.compose(text.content, manifest), "components")
    return None if found is None else found[1]


def add_items(text: Text, render: Callable[[str], str], manifest: str) -> None:
    """Add the items ``render(indent)`` writes (whole lines ending in ``\\n``, their dashes at
    ``indent``) after the last item of ``components:`` in the manifest ``text``."""
    components = _components(text, manifest)
    if components is None:
        raise Refused(f"{manifest}: no components: list")
    indent = yamledit.list_indent(text.content, components, f"{manifest}: components")
    lines = render(indent).replace("\n", text.newline)
    text.content = yamledit.append_lines(text.content, components, lines, text.newline)


def add_path(text: Text, component_id: str, kind: str, path: str, manifest: str) -> None:
    """List ``path`` under ``attribution.<kind>`` of ``component_id`` in the manifest ``text``."""
    components = _components(text, manifest)
    entry = None
    if components is not None:
        for item in getattr(components, "value", []):
            found = yamledit.get(item, "id")
            if found is not None and getattr(found[1], "value", None) == component_id:
                entry = item
    if entry is None:
        raise Refused(f"{manifest}: no component {component_id} written in it")
    where = f"{manifest}: component {component_id}"
    value = yamledit.scalar(path)
    attribution = yamledit.get(entry, "attribution")
    if attribution is None:
        text.content = yamledit.insert_mapping(
            text.content, entry, "attribution", [(kind, value)], nl=text.newline, what=where
        )
        return
    listed = yamledit.get(attribution[1], kind)
    if listed is None:
        text.content = yamledit.insert_key(
            text.content, attribution[1], kind, value, nl=text.newline, what=f"{where} attribution"
        )
    else:
        text.content = yamledit.append_item(
            text.content, listed[1], path, nl=text.newline, what=f"{where} attribution.{kind}"
        )
