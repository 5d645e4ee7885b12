"""JSON paths as errors show them (``$.components[2].derived_from[0].id``), and back.

A path is a tuple of steps: a key (str) or a list index (int). :func:`render` writes a
plain key as ``.key`` (``.derived_from``, ``.@graph``, ``.x-y``) and any other key quoted
(``$.items["2.a"]``: empty, beginning with a digit, or holding a dot, bracket, quote,
backslash or space), an index as ``[2]``; :func:`parse` reads that text back into the
steps. Every error that names a place in a document (manifests, rules, waivers, BOMs, AUP
rule files) uses these two.
"""

from __future__ import annotations

import re

PathKey = tuple[str | int, ...]

_PLAIN = re.compile(r'[^\d.\[\]"\\\s][^.\[\]"\\\s]*')


def render(path: PathKey, root: str = "$") -> str:
    """``path`` as text, below ``root`` (a rendered path)."""
    out = root
    for step in path:
        out = child(out, step)
    return out


def child(parent: str, step: str | int) -> str:
    """The rendered path of ``step`` under the rendered path ``parent``."""
    if isinstance(step, int):
        return f"{parent}[{step}]"
    if _PLAIN.fullmatch(step):
        return f"{parent}.{step}"
    escaped = step.replace("\\", "\\\\").replace('"', '\\"')
    return f'{parent}["{escaped}"]'


def parse(text: str) -> PathKey:
    """The steps of a path :func:`render` wrote (a leading ``$`` is optional); reading stops
    at anything else, so a damaged path gives its readable beginning."""
    steps: list[str | int] = []
    index = 1 if text.startswith("$") else 0
    size = len(text)
    while index < size:
        if text[index] == ".":
            end = index + 1
            while end < size and text[end] not in ".[":
                end += 1
            steps.append(text[index + 1 : end])
            index = end
        elif text.startswith('["', index):
            end, key = index + 2, []
            while end < size and text[end] != '"':
                if text[end] == "\\" and end + 1 < size:
                    end += 1
                key.append(text[end])
                end += 1
            steps.append("".join(key))
            index = end + 2
        elif text[index] == "[":
            end = text.find("]", index)
            if end < 0 or not text[index + 1 : end].isdigit():
                break
            steps.append(int(text[index + 1 : end]))
            index = end + 1
        else:
            break
    return tuple(steps)
