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
    return _components_of(text.content, manifest)


def add_items(text: Text, render: Callable[[str], str], manifest: str) -> None:
    """Add the items ``render(indent)`` writes (whole lines ending in ``\\n``, their dashes at
    ``indent``) after the last item of ``components:`` in the manifest ``text``."""
    components = _components(text, manifest)
    if components is None:
        raise Refused(f"{manifest}: no components: list")
    indent = yamledit.list_indent(text.content, components, f"{manifest}: components")
    lines = render(indent).replace("\n", text.newline)
    text.content = yamledit.append_lines(text.content, components, lines, text.newline)


class Entries:
    """Where each component's entry lies in a manifest text (whole lines, from its dash line to
    the next entry's), so listing a path composes only that entry, not the whole manifest
    again: fixing every component of a large manifest stays linear. Valid for the exact text
    it was made from; :func:`add_path` makes a new one when the text changed otherwise."""

    def __init__(self, content: str, manifest: str) -> None:
        self.content = content
        components = _components_of(content, manifest)
        items = list(getattr(components, "value", []) if components is not None else [])
        self._starts = [content.rfind("\n", 0, item.start_mark.index) + 1 for item in items]
        self._ends = (
            [*self._starts[1:], yamledit.last_line_end(content, components)]
            if (items and components is not None)
            else []
        )
        self._index: dict[str, int] = {}  # id -> entry number (the last entry of an id wins)
        for number, item in enumerate(items):
            found = yamledit.get(item, "id")
            component_id = getattr(found[1], "value", None) if found is not None else None
            if isinstance(component_id, str):
                self._index[component_id] = number
        # growth of each entry so far, summed over entries before a given one by a Fenwick
        # tree: an entry's place is its first place plus the growth of the entries before it
        self._grown = [0] * (len(items) + 1)

    def __contains__(self, component_id: str) -> bool:
        return component_id in self._index

    def span(self, component_id: str) -> tuple[int, int]:
        number = self._index[component_id]
        before = self._growth_before(number)
        own = self._growth_before(number + 1) - before
        return self._starts[number] + before, self._ends[number] + before + own

    def replace(self, text: Text, component_id: str, new: str) -> None:
        """Put ``new`` in place of the entry of ``component_id`` in ``text``."""
        start, end = self.span(component_id)
        text.content = text.content[:start] + new + text.content[end:]
        position = self._index[component_id] + 1
        while position < len(self._grown):
            self._grown[position] += len(new) - (end - start)
            position += position & -position
        self.content = text.content

    def _growth_before(self, number: int) -> int:
        total, position = 0, number
        while position > 0:
            total += self._grown[position]
            position -= position & -position
        return total


def _components_of(content: str, manifest: str) -> yaml.Node | None:
    found = yamledit.get(yamledit.compose(content, manifest), "components")
    return None if found is None else found[1]


def add_path(
    text: Text,
    component_id: str,
    kind: str,
    path: str,
    manifest: str,
    *,
    entries: Entries | None = None,
) -> Entries:
    """List ``path`` under ``attribution.<kind>`` of ``component_id`` in the manifest ``text``;
    returns the entries' places for the next call (``entries`` is reused when made from this
    very text)."""
    if entries is None or entries.content is not text.content:
        entries = Entries(text.content, manifest)
    if component_id not in entries:
        raise Refused(f"{manifest}: no component {component_id} written in it")
    start, end = entries.span(component_id)
    part = text.content[start:end]
    if not part.strip():  # its last value is an alias (*name): it ends where the anchor does
        raise Refused(
            f"{manifest}: component {component_id} ends with a YAML alias (*name) of a value "
            "written before it; edit it by hand"
        )
    # the entry's lines are a one-item block list of their own, at the same columns
    entry = getattr(yamledit.compose(part, manifest), "value", [None])[0]
    if entry is None:
        raise Refused(f"{manifest}: no component {component_id} written in it")
    where = f"{manifest}: component {component_id}"
    value = yamledit.scalar(path)
    attribution = yamledit.get(entry, "attribution")
    if attribution is None:
        new = yamledit.insert_mapping(
            part, entry, "attribution", [(kind, value)], nl=text.newline, what=where
        )
    elif (listed := yamledit.get(attribution[1], kind)) is None:
        new = yamledit.insert_key(
            part, attribution[1], kind, value, nl=text.newline, what=f"{where} attribution"
        )
    else:
        new = yamledit.append_item(
            part, listed[1], path, nl=text.newline, what=f"{where} attribution.{kind}"
        )
    entries.replace(text, component_id, new)
    return entries
