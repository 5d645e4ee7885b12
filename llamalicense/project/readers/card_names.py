"""A model's name from its card: ``model_name``, ``model-index``, the first level-1 heading
of the Markdown body (cleaned of links, images, markup, "Model card for" and slogans; a
generic heading such as "Model details" is no name), the folder, or the file name.
"""

from __future__ import annotations

import re
from typing import Any

FENCE = re.compile(r"^\s*(```|~~~)")  # a Markdown code fence (resolve.py reads bodies too)
_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$")
_MD_IMAGE = re.compile(r"!\[[^\]]{0,500}\]\([^)]{0,2000}\)")
_MD_LINK = re.compile(r"\[([^\]]{0,500})\]\([^)]{0,2000}\)")
_HTML_TAG = re.compile(r"<[^<>]{0,2000}>")
_LEAD_SYMBOLS = re.compile(r"^[^\w(\[]+")
_NAME_PREFIX = re.compile(r"^(model\s+card\s*(for|of|:)\s*)", re.IGNORECASE)
_NAME_CUT = re.compile(r"\s+[\u2014\u2013-]\s+|:\s+|,\s+")

_GENERIC_HEADINGS = frozenset(
    {
        "model card for model id",
        "model id",
        "uploaded model",
        "merge",
        "model card",
        "model details",
        "model description",
        "model information",
        "model overview",
        "overview",
        "introduction",
        "readme",
        "model",
        "license",
        "usage",
        "quick start",
        "description",
    }
)


def card_name(
    metadata: dict[str, Any], body: str, *, folder: str, stem: str
) -> tuple[str | None, str]:
    """The model's name and where it came from."""
    for key in ("model_name",):
        value = metadata.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip(), key
    index = metadata.get("model-index")
    if isinstance(index, list) and index and isinstance(index[0], dict):
        value = index[0].get("name")
        if isinstance(value, str) and value.strip():
            return value.strip(), "model-index"
    heading = first_heading(body)
    if heading is not None:
        return heading, "heading"
    if stem.lower() == "readme" and folder:
        return folder, "folder"
    if stem:
        return stem, "file name"
    return None, "none"


def first_heading(body: str) -> str | None:
    """The first level-1 Markdown heading outside code and comments, cleaned; None if generic."""
    in_fence = False
    in_comment = False
    for line in body.splitlines():
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        if in_comment:
            in_comment = "-->" not in line
            continue
        if line.lstrip().startswith("<!--") and "-->" not in line:
            in_comment = True
            continue
        match = _HEADING.match(line)
        if match:
            return _clean_heading(match.group(1))
    return None


def _clean_heading(text: str) -> str | None:
    if "!" in text.replace("![", "") or len(text.split()) > 12:
        return None  # a slogan ("Finetune Llama 3.1 … 2x faster!"), not a name
    text = _MD_IMAGE.sub("", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _HTML_TAG.sub("", text).replace("**", "").replace("`", "").strip()
    text = _LEAD_SYMBOLS.sub("", text)
    text = _NAME_PREFIX.sub("", text).strip()
    text = " ".join(_NAME_CUT.split(text, maxsplit=1)[0].split())
    if not text or text.lower() in _GENERIC_HEADINGS or len(text) > 80:
        return None
    return text
