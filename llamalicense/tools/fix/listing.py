"""Listing an evidence file under a component's ``attribution`` in a YAML manifest, with
every other byte of the manifest kept (see :mod:`llamalicense.tools.fix.yamledit`)."""

from __future__ import annotations

from llamalicense.tools.fix import yamledit
from llamalicense.tools.fix.files import Refused, Text


def add_path(text: Text, component_id: str, kind: str, path: str, manifest: str) -> None:
    """List ``path`` under ``attribution.<kind>`` of ``component_id`` in the manifest ``text``."""
    root = yamledit.compose(text.content, manifest)
    components = yamledit.get(root, "components")
    entry = None
    if components is not None:
        for item in getattr(components[1], "value", []):
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
