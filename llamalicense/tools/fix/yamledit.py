"""Small edits to a YAML text that keep every other byte: comments, order, quoting.

The text is composed (never constructed) with PyYAML's safe composer, which gives every node
its start and end place; an edit inserts or replaces characters at those places and writes
new values with PyYAML's emitter, so a value can never break out of its line. Flow-style
collections (``{...}``, ``[...]`` spanning lines) and anything else these edits do not
understand are refused with the reason, and the file is left alone.
"""

from __future__ import annotations

import yaml

from llamalicense.tools.fix.files import Refused


def scalar(value: str) -> str:
    """``value`` as one YAML scalar in block context, quoted only when it must be."""
    out = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10_000)
    return out.removesuffix("\n").removesuffix("\n...").rstrip("\n")


def flow_scalar(value: str) -> str:
    """``value`` as one YAML scalar inside a flow list (where `,` `[` `{` must be quoted)."""
    out = yaml.safe_dump([value], default_flow_style=True, allow_unicode=True, width=10_000)
    return out.strip()[1:-1]


def compose(text: str, what: str) -> yaml.Node:
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise Refused(f"{what}: not YAML this fix can edit ({str(exc).splitlines()[0]})") from None
    if node is None:
        raise Refused(f"{what}: empty")
    return node


def get(mapping: yaml.Node, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    if not isinstance(mapping, yaml.MappingNode):
        return None
    for k, v in mapping.value:
        if isinstance(k, yaml.ScalarNode) and k.value == key:
            return k, v
    return None


def _line_end(text: str, index: int) -> int:
    """The index just past the end of the line holding ``index`` (its newline included)."""
    end = text.find("\n", index)
    return len(text) if end < 0 else end + 1


def _last_node(node: yaml.Node) -> yaml.Node:
    """The node whose text ends a block collection: its last value, all the way down."""
    while (
        not getattr(node, "flow_style", False)
        and node.value
        and not isinstance(node, yaml.ScalarNode)
    ):
        last = node.value[-1]
        node = last[1] if isinstance(node, yaml.MappingNode) else last
    return node


def last_line_end(text: str, node: yaml.Node) -> int:
    """Where a new line goes after ``node``: past the line its last value ends on (a
    comment on the lines after it stays after it)."""
    end = _last_node(node).end_mark.index
    while end > 0 and text[end - 1] in " \t\r\n":
        end -= 1
    return _line_end(text, max(end - 1, 0))


def _block(node: yaml.Node, what: str) -> None:
    if getattr(node, "flow_style", False):
        raise Refused(f"{what}: written in flow style ({{...}} or [...]); edit it by hand")


def _add_lines(
    text: str, mapping: yaml.Node, lines: list[tuple[int, str]], nl: str, what: str
) -> str:
    """``text`` with ``lines`` (extra indent, text) added after the last key of a block
    ``mapping``, indented as its keys are."""
    _block(mapping, what)
    if not isinstance(mapping, yaml.MappingNode) or not mapping.value:
        raise Refused(f"{what}: not a mapping with keys")
    column = mapping.value[0][0].start_mark.column
    at = last_line_end(text, mapping)
    prefix = "" if at == 0 or text[at - 1] == "\n" else nl
    added = "".join(f"{' ' * (column + extra)}{line}{nl}" for extra, line in lines)
    return text[:at] + prefix + added + text[at:]


def insert_key(text: str, mapping: yaml.Node, key: str, value: str, *, nl: str, what: str) -> str:
    """``text`` with ``key: value`` added as the last key of a block ``mapping``."""
    return _add_lines(text, mapping, [(0, f"{key}: {value}")], nl, what)


def insert_mapping(
    text: str, mapping: yaml.Node, key: str, inner: list[tuple[str, str]], *, nl: str, what: str
) -> str:
    """``text`` with ``key:`` and a block mapping of ``inner`` pairs added to ``mapping``."""
    lines = [(0, f"{key}:"), *((2, f"{k}: {v}") for k, v in inner)]
    return _add_lines(text, mapping, lines, nl, what)


def append_item(text: str, value_node: yaml.Node, item: str, *, nl: str, what: str) -> str:
    """``text`` with the path ``item`` (not yet quoted) added to the paths value
    ``value_node``: a scalar becomes a flow list of both, a block list gets one more
    ``- item`` line, a one-line flow list one more item."""
    start, end = value_node.start_mark.index, value_node.end_mark.index
    if isinstance(value_node, yaml.ScalarNode):
        if value_node.style not in (None, "", "'", '"') or "\n" in text[start:end]:
            raise Refused(f"{what}: a value over several lines; edit it by hand")
        old = text[start:end] if value_node.style else flow_scalar(value_node.value)
        return f"{text[:start]}[{old}, {flow_scalar(item)}]{text[end:]}"
    if not isinstance(value_node, yaml.SequenceNode) or not value_node.value:
        raise Refused(f"{what}: not a path or a list of paths")
    if value_node.flow_style:
        if "\n" in text[start:end] or text[end - 1] != "]":
            raise Refused(f"{what}: a flow list over several lines; edit it by hand")
        return f"{text[: end - 1]}, {flow_scalar(item)}]{text[end:]}"
    indent = list_indent(text, value_node, what)
    return append_lines(text, value_node, f"{indent}- {scalar(item)}{nl}", nl)


def list_indent(text: str, sequence: yaml.Node, what: str) -> str:
    """The indent before the dashes of a block list with items (anything else is refused)."""
    _block(sequence, what)
    if not isinstance(sequence, yaml.SequenceNode) or not sequence.value:
        raise Refused(f"{what}: not a list with items")
    first = sequence.value[0]
    dash = text.rfind("-", 0, first.start_mark.index)
    line_start = text.rfind("\n", 0, dash) + 1
    indent = text[line_start:dash]
    if dash < 0 or indent.strip():
        raise Refused(f"{what}: a list this fix cannot follow; edit it by hand")
    return indent


def append_lines(text: str, sequence: yaml.Node, lines: str, nl: str) -> str:
    """``text`` with ``lines`` (whole lines, in the ending ``nl``) added after the last item
    of the block list ``sequence`` (a comment on the lines after it stays after it)."""
    at = last_line_end(text, sequence)
    prefix = "" if at == 0 or text[at - 1] == "\n" else nl
    return f"{text[:at]}{prefix}{lines}{text[at:]}"


def replace_scalar(text: str, node: yaml.Node, value: str, what: str) -> str:
    """``text`` with the scalar ``node`` replaced by ``value``, in the node's quoting style."""
    if not isinstance(node, yaml.ScalarNode) or node.style not in (None, "", "'", '"'):
        raise Refused(f"{what}: not a one-line value this fix can replace")
    start, end = node.start_mark.index, node.end_mark.index
    if "\n" in text[start:end]:
        raise Refused(f"{what}: a value over several lines; edit it by hand")
    if node.style == '"':
        new = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    elif node.style == "'":
        new = "'" + value.replace("'", "''") + "'"
    else:
        new = scalar(value)
    return text[:start] + new + text[end:]


def remove_key(text: str, key_node: yaml.Node, value_node: yaml.Node, what: str) -> str:
    """``text`` without the whole lines of a one-line ``key: value`` pair."""
    start = text.rfind("\n", 0, key_node.start_mark.index) + 1
    if text[start : key_node.start_mark.index].strip():
        raise Refused(f"{what}: a key this fix cannot remove cleanly")
    end = _line_end(text, max(value_node.end_mark.index - 1, key_node.end_mark.index))
    if "\n" in text[value_node.start_mark.index : value_node.end_mark.index]:
        raise Refused(f"{what}: a value over several lines; edit it by hand")
    return text[:start] + text[end:]
