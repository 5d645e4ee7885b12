"""Read a Hugging Face model card: YAML front matter plus a Markdown body.

Real cards are untidy, so the reader is forgiving about *where* the front matter is and
strict about *what* it holds:

* the front matter may follow blank lines or a byte-order mark, use CRLF or even CR CR LF
  line ends, or sit inside an HTML comment (``<!--- --- … --- -->``);
* it is parsed with :func:`llamalicense.documents.loader.load_yaml_text`: safe loading, duplicate
  keys are errors, YAML 1.2 booleans, and line numbers are those of the card file;
* ``license``, the misspelled ``licence``, ``license_name`` and ``license_link`` are all
  read, as strings or lists; ``base_model`` as a string, a list (duplicates dropped) or an
  empty list; the relation to each base from ``base_model_relation``, the
  ``base_model:<relation>:<id>`` tags, ``library_name: peft``, quantization names
  (GGUF, AWQ, GPTQ, bnb, …) and mergekit tags;
* the name comes from ``model_name``, ``model-index``, the first heading, or the folder.

``huggingface_hub``'s card parser is not used: it needs the front matter at byte 0, reads
YAML 1.1 booleans and accepts duplicate keys, and it would add a network client to the
dependencies (docs/inputs.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from llamalicense.catalog.licenses import Declared, classify
from llamalicense.documents.loader import DocumentError, load_yaml_text, read_text
from llamalicense.errors import InputError
from llamalicense.project.readers.card_names import card_name

CARD_MAX_BYTES = 4 * 1024 * 1024

# Keys only a model card has; `license` alone also makes a card unless dataset keys show.
MODEL_KEYS = frozenset(
    {
        "base_model",
        "base_model_relation",
        "library_name",
        "pipeline_tag",
        "model-index",
        "model_name",
        "model_creator",
        "model_type",
        "quantized_by",
        "extra_gated_prompt",
        "widget",
    }
)
LICENSE_KEYS = ("license", "licence", "license_name", "license_link")
DATASET_KEYS = frozenset(
    {"dataset_info", "configs", "task_categories", "size_categories", "task_ids", "pretty_name"}
)
HUB_RELATIONS = {
    "adapter": "adapter",
    "merge": "merge",
    "quantized": "quantized",
    "finetune": "finetune",
    "fine-tune": "finetune",
    "distill": "distill",
    "distillation": "distill",
}

# How sure a card's name is, by where it came from (card_names.card_name).
NAME_STRENGTH = {
    "model_name": "declared",
    "model-index": "declared",
    "heading": "prose",
    "folder": "fallback",
    "file name": "fallback",
    "none": "fallback",
}

_LINE_END = re.compile(r"\r*\n|\r")
_QUANT = re.compile(
    r"(gguf|ggml|awq|gptq|exl2|bnb|bitsandbytes|[0-9]-?bit|int4|int8|w4a16|w8a8|fp8|q[2-8]_k|"
    r"q4_0|q8_0|quantized|quantization|llama-cpp|gguf-my-repo|mlx)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class FrontMatter:
    """Where the YAML block is, in card-file lines (1-based)."""

    yaml: str | None  # padded with newlines so YAML line numbers are file line numbers
    start_line: int  # the line of the opening `---` (0 when there is none)
    body: str
    body_line: int  # the first line of the body
    in_comment: bool


@dataclass(frozen=True)
class Base:
    """One ``base_model`` entry and how the card relates to it."""

    id: str
    relation: str
    why: str  # how the relation was found
    source: str = "base_model"  # the field it was read from: base_model | tag | ...
    file: str = ""  # where it was read, when not the card itself
    line: int | None = None
    strength: str = "declared"  # declared | identified | prose | fallback


@dataclass(frozen=True)
class Card:
    path: str  # as shown in reports: relative to the project folder
    metadata: dict[str, Any]
    body: str
    body_line: int
    start_line: int
    in_comment: bool
    name: str | None
    name_source: str
    licenses: tuple[Declared, ...]
    bases: tuple[Base, ...]
    tags: tuple[str, ...]
    lines: dict[str, int] = field(default_factory=dict)  # top-level key -> its line

    def line_of(self, key: str) -> int | None:
        return self.lines.get(key)

    @property
    def is_model_card(self) -> bool:
        return is_model_card(self.metadata)


def split_front_matter(text: str) -> FrontMatter:
    """Find the front matter: at the top, after blank lines, or inside an HTML comment."""
    lines = _LINE_END.split(text.lstrip("\ufeff"))
    index = 0
    while index < len(lines) and not lines[index].strip():
        index += 1
    in_comment = False
    if index < len(lines) and lines[index].strip().startswith("<!--"):
        rest = lines[index].strip()[4:].strip().strip("-").strip()
        if rest:
            return _no_front_matter(lines)
        in_comment = True
        index += 1
        while index < len(lines) and not lines[index].strip():
            index += 1
    if index >= len(lines) or lines[index].strip() != "---":
        return _no_front_matter(lines)
    end = index + 1
    while end < len(lines) and lines[end].rstrip() not in ("---", "..."):
        end += 1
    if end >= len(lines):
        return _no_front_matter(lines)
    yaml_text = "\n" * (index + 1) + "\n".join(lines[index + 1 : end]) + "\n"
    body_start = end + 1
    if in_comment:
        for position in range(end + 1, min(end + 4, len(lines))):
            if "-->" in lines[position]:
                body_start = position + 1
                break
    return FrontMatter(
        yaml=yaml_text,
        start_line=index + 1,
        body="\n".join(lines[body_start:]),
        body_line=body_start + 1,
        in_comment=in_comment,
    )


def _no_front_matter(lines: list[str]) -> FrontMatter:
    return FrontMatter(None, 0, "\n".join(lines), 1, in_comment=False)


def looks_like_card_yaml(yaml_text: str) -> bool:
    """Before parsing: does this block use model-card keys at its top level?"""
    for line in yaml_text.splitlines():
        key = line.split(":", 1)[0].strip()
        if line[:1] not in (" ", "\t", "-", "#") and key in (MODEL_KEYS | set(LICENSE_KEYS)):
            return True
    return False


def is_model_card(metadata: Any) -> bool:
    """A mapping with model-card keys (and not a dataset card's)."""
    if not isinstance(metadata, dict):
        return False
    keys = set(metadata)
    if "sdk" in keys:
        return False  # a Space card: the Space reader lists the models it runs
    if keys & MODEL_KEYS:
        return True
    if keys & DATASET_KEYS:
        return False
    return bool(keys & set(LICENSE_KEYS))


def read_card(path: Path, display: str, *, strict: bool = True) -> Card | None:
    """Read the card at ``path``; None when it has no model-card front matter.

    With ``strict`` (a card named in a manifest), a file without front matter is an error;
    without it (discovery), such files are skipped. Front matter that uses model-card keys
    but is not valid YAML is an error either way: a model would silently go unchecked.

    Raises:
        LlamalicenseError: unreadable file, invalid YAML, duplicate keys.
    """
    text = read_text(path, display=display, max_bytes=CARD_MAX_BYTES)
    return parse_card(text, display, strict=strict, folder=path.parent.name, stem=path.stem)


def parse_card(
    text: str, display: str, *, strict: bool = True, folder: str = "", stem: str = ""
) -> Card | None:
    """Parse card text (see :func:`read_card`)."""
    front = split_front_matter(text)
    if front.yaml is None:
        if strict:
            raise InputError(
                "no YAML front matter found in this model card",
                file=display,
                line=1,
                hint="a model card starts with a `---` line, the card's YAML, and another "
                "`---` line (docs/inputs.md)",
            )
        return None
    try:
        metadata = load_yaml_text(front.yaml, display).data
    except DocumentError:
        if strict or looks_like_card_yaml(front.yaml):
            raise
        return None
    if not is_model_card(metadata):
        if strict:
            raise InputError(
                "the front matter holds no model-card keys",
                file=display,
                line=front.start_line,
                hint="expected keys such as license, base_model, library_name or model_name",
            )
        return None
    assert isinstance(metadata, dict)
    _check_types(metadata, display, front)
    name, name_source = card_name(metadata, front.body, folder=folder, stem=stem)
    tags = _strings(metadata.get("tags"))
    lines = _key_lines(front)
    return Card(
        path=display,
        metadata=metadata,
        body=front.body,
        body_line=front.body_line,
        start_line=front.start_line,
        in_comment=front.in_comment,
        name=name,
        name_source=name_source,
        licenses=declared_licenses(metadata),
        bases=tuple(
            replace(b, line=lines.get(b.source)) for b in base_models(metadata, name or stem, tags)
        ),
        tags=tags,
        lines=lines,
    )


def _check_types(metadata: dict[str, Any], display: str, front: FrontMatter) -> None:
    """``base_model``, the license keys and ``tags`` hold a string or a list of strings."""
    for key in ("base_model", *LICENSE_KEYS, "tags"):
        value = metadata.get(key)
        items = value if isinstance(value, list) else [value]
        if all(item is None or isinstance(item, str | int | float) for item in items):
            continue
        assert front.yaml is not None
        line = next(
            (n for n, text in enumerate(front.yaml.splitlines(), 1) if text.startswith(key + ":")),
            front.start_line,
        )
        raise InputError(
            f"`{key}` must be a string or a list of strings",
            file=display,
            line=line,
            hint="for example `base_model: meta-llama/Llama-3.1-8B` or a `- id` list",
        )


def _key_lines(front: FrontMatter) -> dict[str, int]:
    """The card-file line of each top-level key of the front matter."""
    lines: dict[str, int] = {}
    for number, text in enumerate((front.yaml or "").splitlines(), 1):
        if text[:1].isalnum() and ":" in text:
            lines.setdefault(text.split(":", 1)[0].strip(), number)
    return lines


def _strings(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, list):
        return tuple(str(v).strip() for v in value if v is not None and str(v).strip())
    text = str(value).strip()
    return (text,) if text else ()


# -- licenses ---------------------------------------------------------------------------


def declared_licenses(metadata: dict[str, Any]) -> tuple[Declared, ...]:
    """Every license the front matter declares, read (placeholders kept, marked)."""
    out: list[Declared] = []
    for key in LICENSE_KEYS:
        for value in _strings(metadata.get(key)):
            declared = classify(value, key)
            if key == "license_link" and declared.kind != "llama":
                continue  # a link to a local LICENSE file or an unrelated URL names nothing
            out.append(declared)
    return tuple(out)


# -- name -------------------------------------------------------------------------------


# -- base models and relations ----------------------------------------------------------


def base_models(metadata: dict[str, Any], name: str, tags: tuple[str, ...]) -> tuple[Base, ...]:
    """``base_model`` entries (and ``base_model:<relation>:<id>`` tags) with their relation."""
    ids: list[str] = []
    for value in _strings(metadata.get("base_model")):
        if value.lower() not in (i.lower() for i in ids):
            ids.append(value)
    tagged: dict[str, str] = {}
    for tag in tags:
        parts = tag.split(":", 2)
        if len(parts) == 3 and parts[0] == "base_model" and parts[1] in HUB_RELATIONS:
            tagged[parts[2].lower()] = HUB_RELATIONS[parts[1]]
            if parts[2].lower() not in (i.lower() for i in ids):
                ids.append(parts[2])
    general = _general_relation(metadata, name, tags, len(ids))
    bases: list[Base] = []
    for base_id in ids:
        if base_id.lower() in tagged:
            relation, why = tagged[base_id.lower()], f"tag base_model:{tagged[base_id.lower()]}"
        else:
            relation, why = general
        source = "base_model" if base_id in _strings(metadata.get("base_model")) else "tag"
        bases.append(Base(base_id, relation, why, source))
    return tuple(bases)


def _general_relation(
    metadata: dict[str, Any], name: str, tags: tuple[str, ...], count: int
) -> tuple[str, str]:
    declared = metadata.get("base_model_relation")
    if isinstance(declared, str) and declared.strip().lower() in HUB_RELATIONS:
        return HUB_RELATIONS[declared.strip().lower()], "base_model_relation"
    lowered = {t.lower() for t in tags}
    if str(metadata.get("library_name", "")).lower() == "peft":
        return "adapter", "library_name: peft"
    if lowered & {"peft", "lora", "qlora", "adapter"}:
        return "adapter", "tag " + sorted(lowered & {"peft", "lora", "qlora", "adapter"})[0]
    if metadata.get("quantized_by"):
        return "quantized", "quantized_by"
    quant = next((t for t in sorted(lowered) if _QUANT.search(t)), None)
    if quant is not None:
        return "quantized", f"tag {quant}"
    hit = _QUANT.search(name)
    if hit:
        return "quantized", f"name contains {hit.group(0)}"
    if lowered & {"mergekit", "merge", "lazymergekit"}:
        return "merge", "tag " + sorted(lowered & {"mergekit", "merge", "lazymergekit"})[0]
    if count > 1:
        return "merge", "several base models"
    return "finetune", "default (no relation declared)"
