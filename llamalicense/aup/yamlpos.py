"""Read a YAML file into plain data and remember where each value came from.

Rule files are written by hand, so an error must name the file, the line and the JSON
path of the bad value. PyYAML's composed node tree carries the marks; this module turns
it into plain Python values plus a map from JSON path to (line, column), both 1-based.
Duplicate mapping keys are rejected here, because ``yaml.safe_load`` would silently keep
the last one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from llamalicense.errors import RuleError

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class Located:
    """Plain data from one YAML file, with the position of every value."""

    file: str
    data: Any
    positions: dict[str, tuple[int, int]] = field(default_factory=dict)

    def error(self, message: str, json_path: str, hint: str | None = None) -> RuleError:
        """A :class:`RuleError` pointing at ``json_path`` (or its nearest known parent)."""
        line, column = self.where(json_path)
        return RuleError(
            message, file=self.file, line=line, column=column, json_path=json_path, hint=hint
        )

    def where(self, json_path: str) -> tuple[int | None, int | None]:
        """Line and column of ``json_path``; falls back to the closest enclosing value."""
        path = json_path
        while path:
            if path in self.positions:
                return self.positions[path]
            cut = max(path.rfind("."), path.rfind("["))
            if cut <= 0:
                break
            path = path[:cut]
        return self.positions.get("$", (None, None))


def child_path(parent: str, key: object) -> str:
    """JSON path of ``key`` under ``parent``: ``$.items`` or ``$.items["2.a"]`` or ``$[3]``."""
    if isinstance(key, int):
        return f"{parent}[{key}]"
    text = str(key)
    if text.isidentifier():
        return f"{parent}.{text}"
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'{parent}["{escaped}"]'


def load_located(path: Path) -> Located:
    """Parse ``path`` into :class:`Located` data.

    Raises:
        RuleError: the file cannot be read, is not valid YAML, or repeats a mapping key.
    """
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"cannot read rule file: {exc}", file=name) from exc
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        column = mark.column + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise RuleError(f"invalid YAML: {problem}", file=name, line=line, column=column) from exc
    located = Located(file=name, data=None)
    if node is None:
        located.positions["$"] = (1, 1)
        return located
    located.data = _Converter(located).convert(node, "$")
    return located


class _Converter:
    def __init__(self, located: Located) -> None:
        self.located = located
        self.constructor = yaml.SafeLoader("")

    def convert(self, node: yaml.Node, path: str) -> Any:
        return _convert(node, path, self)

    def scalar(self, node: yaml.Node, path: str) -> Any:
        return _scalar(node, path, self)


def _convert(node: yaml.Node, path: str, conv: _Converter) -> Any:
    located = conv.located
    located.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = conv.scalar(key_node, path)
            if not isinstance(key, str | int | float | bool) and key is not None:
                raise RuleError(
                    "mapping keys must be plain scalars",
                    file=located.file,
                    line=key_node.start_mark.line + 1,
                    column=key_node.start_mark.column + 1,
                    json_path=path,
                )
            sub = child_path(path, str(key))
            if key in result:
                raise RuleError(
                    f"duplicate key {key!r}",
                    file=located.file,
                    line=key_node.start_mark.line + 1,
                    column=key_node.start_mark.column + 1,
                    json_path=sub,
                    hint="each key may appear once in a mapping; merge the two entries",
                )
            result[key] = conv.convert(value_node, sub)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [conv.convert(item, child_path(path, i)) for i, item in enumerate(node.value)]
    return conv.scalar(node, path)


def _scalar(node: yaml.Node, path: str, conv: _Converter) -> Any:
    located = conv.located
    if not isinstance(node, yaml.ScalarNode):
        raise RuleError(
            "expected a plain value here",
            file=located.file,
            line=node.start_mark.line + 1,
            column=node.start_mark.column + 1,
            json_path=path,
        )
    return conv.constructor.construct_object(node, deep=True)
