"""Read YAML and JSON documents safely, and say where things are in them.

One job: bytes on disk -> plain Python data (dict, list, str, int, float, bool, None),
with errors that name the file, line and column. Rules:

* safe loading only (no Python tags), no merge keys, no complex keys;
* duplicate keys are errors, in YAML and in JSON;
* YAML 1.2 booleans: only ``true``/``false`` are booleans, so ``country: NO`` stays the
  string ``"NO"`` (YAML 1.1 would make it ``False``);
* dates written unquoted (``2024-06-30``) become ISO strings, so YAML and JSON input
  validate the same way; ``2024-06`` is already a string;
* a size cap and an expansion cap keep hostile files (alias bombs, huge inputs) from
  exhausting memory.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from llamalicense.documents import jsonpath
from llamalicense.documents.jsonindex import DuplicateKeyError, JsonIndex, json_pairs
from llamalicense.documents.jsonpath import PathKey
from llamalicense.errors import InputError, LlamalicenseError
from llamalicense.safetext import excerpt

MAX_BYTES = 256 * 1024 * 1024
MAX_NODES = 5_000_000

_Loader: type[yaml.SafeLoader]
try:  # the C parser is about 10x faster; fall back to pure Python where libyaml is absent
    _Loader = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

_BOOL_WORDS = {"true": True, "false": False}
# libyaml refuses an escape that names half of a UTF-16 surrogate pair (\ud800 to \udfff).
_UNICODE_ESCAPE_HINT = (
    "an escape from \\ud800 to \\udfff is half of a UTF-16 surrogate pair, which YAML "
    "cannot hold: write the character itself"
)


class DocumentError(LlamalicenseError):
    """A file is not well-formed YAML or JSON, or breaks a loading rule."""


@dataclass(frozen=True)
class Document:
    """Parsed data plus a way to find the line and column of any JSON path in it."""

    path: str
    data: Any
    locate: Callable[[PathKey], tuple[int, int] | None]
    # Optional fast path for item_lines (JSON): every item's line in one pass, or None.
    all_item_lines: Callable[[PathKey], list[int] | None] | None = None

    def item_lines(self, path: PathKey, count: int) -> Sequence[int | None]:
        """The line of each of the ``count`` items of the list at ``path`` (None where
        unknown): ``locate((*path, index))[0]`` for every index, counted in one pass through
        the text where the document allows it (JSON)."""
        if self.all_item_lines is not None:
            lines = self.all_item_lines(path)
            if lines is not None and len(lines) == count:
                return lines
        found = [self.locate((*path, index)) for index in range(count)]
        return [located[0] if located else None for located in found]


def read_text(path: Path, *, display: str | None = None, max_bytes: int = MAX_BYTES) -> str:
    """Read a UTF-8 text file with a size cap; errors name the file."""
    name = display or str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror}", file=name) from None
    if size > max_bytes:
        raise InputError(
            f"file is {size} bytes, over the {max_bytes}-byte limit",
            file=name,
            hint="split the input, or check that this is the file you meant",
        )
    try:
        with path.open("rb") as handle:  # bounded: devices and pipes report no size
            raw = handle.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror}", file=name) from None
    if len(raw) > max_bytes:
        raise InputError(
            f"file is over the {max_bytes}-byte limit",
            file=name,
            hint="split the input, or check that this is the file you meant",
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            f"not valid UTF-8 (byte {exc.start})",
            file=name,
            line=line,
            hint="save the file as UTF-8",
        ) from None


def load_file(path: Path, *, display: str | None = None) -> Document:
    """Load ``path`` as JSON (``.json``) or YAML (anything else)."""
    name = display or str(path)
    text = read_text(path, display=name)
    if path.suffix.lower() == ".json":
        return load_json_text(text, name)
    return load_yaml_text(text, name)


def load_json_text(text: str, name: str) -> Document:
    """Parse JSON, rejecting duplicate keys; locations are found in the text on demand."""
    index = JsonIndex(text)
    try:
        parsed = index.parse()
    except (ValueError, IndexError, StopIteration, RecursionError, DuplicateKeyError):
        pass  # not a plain object, or not valid: json.loads finds (and words) the problem
    else:
        refuse_surrogates(text, parsed, name, index.locate)
        return Document(name, parsed, index.locate, index.item_lines)
    index = JsonIndex(text)
    try:
        data = json.loads(text, object_pairs_hook=json_pairs)
    except DuplicateKeyError as exc:
        located = _json_locate_duplicate(text, exc.key)
        raise DocumentError(
            f"duplicate key {exc.key!r}",
            file=name,
            line=located[0] if located else None,
            column=located[1] if located else None,
            hint="each key may appear once in an object; merge the two entries",
        ) from None
    except json.JSONDecodeError as exc:
        raise DocumentError(
            f"invalid JSON: {exc.msg}", file=name, line=exc.lineno, column=exc.colno
        ) from None
    except ValueError:  # the only other: an integer past Python's 4,300-digit limit
        raise DocumentError(
            f"a number has more than {sys.get_int_max_str_digits()} digits",
            file=name,
            hint="no count or date is that long; check the file",
        ) from None
    except RecursionError:
        raise DocumentError("JSON nested too deeply", file=name) from None
    refuse_surrogates(text, data, name, index.locate)
    return Document(name, data, index.locate, index.item_lines)


# An escape that can write half of a UTF-16 surrogate pair: JSON ``\ud800``, YAML
# ``\ud800`` or ``\U0000d800``. Text read from a file (UTF-8) cannot hold one otherwise.
_SURROGATE_ESCAPE = re.compile(r"\\(?:u|U0000)[dD][89a-fA-F]")


def refuse_surrogates(
    text: str, data: Any, name: str, locate: Callable[[PathKey], tuple[int, int] | None]
) -> None:
    """A lone surrogate (from an escape) cannot be written in UTF-8: no report could show
    the string, so it is an input error naming the file, line, column and JSON path of the
    string (or key), rather than a crash in a format."""
    if _SURROGATE_ESCAPE.search(text) is None:
        return
    pending: list[tuple[PathKey, Any]] = [((), data)]
    while pending:  # iterative: the data may be deep
        path, value = pending.pop()
        if isinstance(value, str) and not _encodes(value):
            located = locate(path)
            raise DocumentError(
                f"a string holds a lone UTF-16 surrogate: {excerpt(value)}",
                file=name,
                line=located[0] if located else None,
                column=located[1] if located else None,
                json_path=jsonpath.render(path),
                hint="write the character itself, or a complete surrogate pair",
            )
        if isinstance(value, dict):
            for key, item in value.items():
                if not _encodes(key):  # a key: its member is the place
                    pending.append(((*path, key), key))
                else:
                    pending.append(((*path, key), item))
        elif isinstance(value, list):
            pending.extend(((*path, index), item) for index, item in enumerate(value))


def _encodes(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def load_yaml_text(text: str, name: str) -> Document:
    """Parse one YAML document into plain data with the rules in the module docstring."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        problem = exc.problem or exc.context or ""
        raise DocumentError(
            f"invalid YAML: {problem}",
            file=name,
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
            hint=_UNICODE_ESCAPE_HINT
            if "unicode character escape" in problem.lower()
            else "check indentation and quoting on this line",
        ) from None
    except yaml.YAMLError as exc:
        raise DocumentError(f"invalid YAML: {exc}", file=name) from None
    except RecursionError:
        raise DocumentError("YAML nested too deeply", file=name) from None
    if root is None:
        data: Any = None
    else:
        builder = _Builder(name)
        try:
            data = builder.build(root)
        except RecursionError:
            raise DocumentError("YAML nested too deeply", file=name) from None

    def locate(path: PathKey) -> tuple[int, int] | None:
        return _locate_node(root, path) if root is not None else None

    refuse_surrogates(text, data, name, locate)
    return Document(name, data, locate)


def _json_locate_duplicate(text: str, key: str) -> tuple[int, int] | None:
    try:
        builder_root = yaml.compose(text, Loader=_Loader)
        if builder_root is not None:
            _Builder("<json>").build(builder_root)
    except DocumentError as exc:
        if exc.line is not None:
            return exc.line, exc.column or 1
    except (yaml.YAMLError, RecursionError):
        return None
    return None


class _Builder:
    """Turn a composed YAML node tree into plain data, checking keys and expansion."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.constructor = yaml.SafeLoader("")
        self.count = 0

    def build(self, node: yaml.Node) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise DocumentError(
                f"document expands to more than {MAX_NODES} values",
                file=self.name,
                hint="YAML aliases (*name) that repeat large blocks are not supported here",
            )
        if isinstance(node, yaml.MappingNode):
            self._plain_tag(node, "tag:yaml.org,2002:map")
            return self._mapping(node)
        if isinstance(node, yaml.SequenceNode):
            self._plain_tag(node, "tag:yaml.org,2002:seq")
            return [self.build(item) for item in node.value]
        return self._scalar(node)

    def _plain_tag(self, node: yaml.Node, plain: str) -> None:
        # Tags on collections (!!python/object, !!set, !!omap) would otherwise pass unseen.
        if node.tag != plain:
            raise self._error(node, f"unsupported YAML tag {node.tag}", "remove the tag")

    def _mapping(self, node: yaml.MappingNode) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise self._error(
                    key_node, "YAML merge keys (<<) are not supported", "write the keys out"
                )
            if not isinstance(key_node, yaml.ScalarNode):
                raise self._error(key_node, "a key must be a plain string", "quote the key")
            key = self._scalar(key_node)
            if not isinstance(key, str):
                key = str(key_node.value)
            if key in result:
                raise self._error(
                    key_node,
                    f"duplicate key {key!r} (first at line {first_line[key]})",
                    "each key may appear once in a mapping; merge the two entries",
                )
            first_line[key] = key_node.start_mark.line + 1
            result[key] = self.build(value_node)
        return result

    def _scalar(self, node: yaml.Node) -> Any:
        tag = node.tag
        if tag == "tag:yaml.org,2002:str":  # most values: checked first
            return node.value
        if tag == "tag:yaml.org,2002:bool":
            word = str(node.value)
            if word.lower() in _BOOL_WORDS:
                return _BOOL_WORDS[word.lower()]
            return word  # yes/no/on/off stay strings (YAML 1.2), so `country: NO` is Norway
        construct = self.constructor.yaml_constructors.get(tag)
        if construct is not None and tag.startswith("tag:yaml.org,2002:"):
            try:
                value = construct(self.constructor, node)
            except (yaml.YAMLError, ValueError, OverflowError) as exc:
                raise self._error(node, f"cannot read value: {exc}", "quote the value") from None
            if isinstance(value, dt.datetime | dt.date):
                return value.isoformat()
            if isinstance(value, bytes):
                raise self._error(node, "binary values are not supported", "use a string")
            return value
        raise self._error(node, f"unsupported YAML tag {tag}", "remove the tag")

    def _error(self, node: yaml.Node, message: str, hint: str) -> DocumentError:
        mark = node.start_mark
        return DocumentError(
            message, file=self.name, line=mark.line + 1, column=mark.column + 1, hint=hint
        )


def _locate_node(root: yaml.Node, path: PathKey) -> tuple[int, int] | None:
    node = root
    best = (node.start_mark.line + 1, node.start_mark.column + 1)
    for step in path:
        found: yaml.Node | None = None
        if isinstance(node, yaml.MappingNode) and isinstance(step, str):
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode) and key_node.value == step:
                    found = value_node
                    best = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                    break
        elif (
            isinstance(node, yaml.SequenceNode)
            and isinstance(step, int)
            and 0 <= step < len(node.value)
        ):
            found = node.value[step]
            best = (found.start_mark.line + 1, found.start_mark.column + 1)
        if found is None:
            return best
        node = found
    return best
