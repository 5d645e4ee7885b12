"""What every reader shares: the evidence fact, where it came from, how sure it is.

A reader looks at one kind of file a Llama project keeps (an ``adapter_config.json``, an
Ollama ``Modelfile``, a GGUF header, a LICENSE file, ...) and turns it into a tuple of
:class:`Fact` values. A fact never decides anything: it says *what* the file states
(``kind`` and ``value``), *where* (:class:`Source`: file, line, field) and *how sure* we
can be (``strength``):

* ``declared``: structured metadata a tool or person filled in (front matter, a config
  file, a training recipe, a GGUF header, a BOM);
* ``identified``: a license file recognised by its full text;
* ``prose``: read from a sentence or a script (a README line, a model id in code);
* ``fallback``: a name taken from a folder or file name.

Findings that rest only on ``prose`` or ``fallback`` facts are reviews, never violations.
A file a reader cannot make sense of yields one ``needs-review`` fact naming the problem:
a reader never raises on a file it did not ask the user to write.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Protocol

from llamalicense.documents.loader import Document, load_json_text, load_yaml_text
from llamalicense.errors import LlamalicenseError

# -- strengths, strongest first ------------------------------------------------------------
DECLARED = "declared"
IDENTIFIED = "identified"
PROSE = "prose"
FALLBACK = "fallback"
STRENGTHS = (DECLARED, IDENTIFIED, PROSE, FALLBACK)

# -- kinds of fact ---------------------------------------------------------------------------
BASE_MODEL = "base-model"  # value: a Hub id, an Ollama name or a path; detail: the relation
TRAINING_INPUT = "training-input"  # value: a dataset id or path
OUTPUT_SOURCE = "output-source"  # value: a model whose outputs were used (synthetic data)
USES_MODEL = "uses-model"  # value: a model a Space card lists (the Space runs it)
NAMED_IN_CODE = "named-in-code"  # value: a Hub id a script or notebook names (a mention)
DECLARED_LICENSE = "declared-license"  # value: the license as written
LICENSE_TEXT = "license-text"  # value: llama-3.1 ...; detail: "agreement complete 100.0%"
NOTICE = "notice"  # value: llama-3.1 ...; detail: how the sentence was judged
BUILT_WITH = "built-with"  # value: the phrase as displayed
NAME = "name"  # value: the name a model is published or shown under
PUBLISHED_AS = "published-as"  # value: the Hub id a recipe pushes its model to
WEIGHTS = "weights"  # value: the weights file; detail: size, or "Git LFS pointer, N bytes"
REVIEW = "needs-review"  # value: what could not be read, and why

KINDS = (
    BASE_MODEL,
    TRAINING_INPUT,
    OUTPUT_SOURCE,
    USES_MODEL,
    NAMED_IN_CODE,
    DECLARED_LICENSE,
    LICENSE_TEXT,
    NOTICE,
    BUILT_WITH,
    NAME,
    PUBLISHED_AS,
    WEIGHTS,
    REVIEW,
)

MAX_VALUE = 300  # characters of a value kept in a fact (ids are shorter; junk is cut)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


@dataclass(frozen=True, order=True)
class Source:
    """Where a fact was read: a path relative to the project folder, a line, a field."""

    path: str
    line: int | None = None
    field: str = ""

    def shown(self) -> str:
        """``path:line (field)`` as far as it is known."""
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where} ({self.field})" if self.field else where


@dataclass(frozen=True, order=True)
class Fact:
    """One piece of evidence a file holds."""

    kind: str
    value: str
    source: Source
    strength: str
    detail: str = ""


@dataclass(frozen=True)
class Blob:
    """A file handed to a reader: at most the reader's ``max_bytes`` of it."""

    path: str  # relative to the project folder, POSIX style
    data: bytes
    size: int  # the whole file's size in bytes
    truncated: bool  # True when ``data`` is only the start of the file

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]


class Reader(Protocol):
    """One kind of file: which files it reads and what evidence it finds in them."""

    name: str  # short and stable: adapter-config, modelfile, gguf, ...
    max_bytes: int  # how much of a file the reader is given, at most

    def reads(self, path: str) -> bool:
        """Does this reader want the file at ``path`` (relative, POSIX style)?"""
        ...

    def read(self, blob: Blob) -> tuple[Fact, ...]:
        """The facts in ``blob``; a ``needs-review`` fact, never an exception, when malformed."""
        ...


# -- helpers shared by the readers ----------------------------------------------------------


def clean(value: Any) -> str:
    """A value as it goes into a fact: a string, one line, control characters out, capped."""
    text = _CONTROL.sub(" ", str(value)).strip()
    return text if len(text) <= MAX_VALUE else text[: MAX_VALUE - 1] + "\u2026"


def review(blob: Blob, message: str, *, line: int | None = None, field: str = "") -> Fact:
    """The one fact a reader gives for a file it cannot read."""
    return Fact(REVIEW, clean(message), Source(blob.path, line, field), DECLARED)


def decode(blob: Blob) -> str | Fact:
    """The text of a UTF-8 file, or a needs-review fact saying why it is not text."""
    if blob.truncated:
        return review(blob, f"file is {blob.size} bytes, over the {len(blob.data)}-byte limit")
    try:
        return blob.data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = blob.data[: exc.start].count(b"\n") + 1
        return review(blob, f"not valid UTF-8 (byte {exc.start})", line=line)


def strings(value: Any) -> list[str]:
    """A string or a list of strings (other values and blanks dropped), as a list."""
    items = value if isinstance(value, list) else [value]
    return [str(v).strip() for v in items if isinstance(v, str | int | float) and str(v).strip()]


def error_fact(blob: Blob, error: LlamalicenseError) -> Fact:
    """A loader's error (invalid JSON or YAML, duplicate keys) as a needs-review fact."""
    return review(blob, error.message, line=error.line)


def parse(blob: Blob, text: str) -> Document | Fact:
    """JSON (``.json``) or YAML text as a document with locations, or a needs-review fact."""
    try:
        if blob.path.lower().endswith(".json"):
            return load_json_text(text, blob.path)
        return load_yaml_text(text, blob.path)
    except LlamalicenseError as exc:
        return error_fact(blob, exc)


def load(blob: Blob) -> Document | Fact:
    """A JSON or YAML file as a document, or the needs-review fact saying why it is not one
    (not text, too large, not valid): what the configuration readers start from."""
    text = decode(blob)
    return text if isinstance(text, Fact) else parse(blob, text)


def line_of(document: Document, *path: str | int) -> int | None:
    """The line of the value at ``path`` in ``document``, when the loader can find it."""
    located = document.locate(path)
    return located[0] if located else None
