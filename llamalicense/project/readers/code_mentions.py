"""Model ids named in code: Python and shell scripts, and the code cells of notebooks.

A repository often says which models it runs only in its scripts:
``AutoModelForCausalLM.from_pretrained("meta-llama/Llama-3.1-8B-Instruct")``,
``model_path=${1:-"meta-llama/Meta-Llama-3-70B-Instruct"}``, ``--model meta-llama/...``,
``model = "meta-llama/Llama-2-13b-chat-hf"`` in a notebook. Such a line is a *mention*, not
a declaration: the script may serve the model, evaluate it, or generate training data with
it, and a default on the command line may never be used. Each mention is a
``named-in-code`` fact of strength ``prose`` (the weakest strength a file's own words get),
so a finding that rests on it alone is a review, never a violation.

A line is read when it holds a model cue (``model``, ``from_pretrained``, ``pipeline(``,
``repo_id``, ``LLM(``, ``snapshot_download``, ``hf_hub_download``); its quoted strings, and
the word after a ``--model…`` flag, are kept when they have the shape of a Hub id
(``org/name``, or a ``huggingface.co/org/name/...`` address cut to ``org/name``) and are not
a file, a local folder or a Llama code repository (``meta-llama/llama-recipes``,
``ggerganov/llama.cpp``). On a line without a cue (``teacher="org/Hermes-3-Llama-…"``),
only a quoted id that says "Llama" is kept. Comment lines are skipped. The scan is one pass
over the lines with plain string operations (no pattern that can backtrack); scripts are read up to
:data:`MAX_BYTES` (a longer script is scanned up to there), notebooks are parsed as JSON
only when whole.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from llamalicense.project.readers.base import NAMED_IN_CODE, PROSE, Blob, Fact, Source

SUFFIXES = (".py", ".sh", ".bash", ".ipynb")
MAX_BYTES = 2 * 1024 * 1024
MAX_LINE = 2000  # characters of a line scanned (minified or generated code is cut there)
MAX_FACTS = 200  # mentions kept per file
_CUES = (
    "model",
    "from_pretrained",
    "pipeline(",
    "repo_id",
    "llm(",
    "snapshot_download",
    "hf_hub_download",
)
_HUB_PREFIXES = ("https://huggingface.co/", "http://huggingface.co/", "huggingface.co/", "hf.co/")
# Linear: a fixed-length class on each side of one slash, anchored at both ends.
_HUB_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,95}/[A-Za-z0-9][A-Za-z0-9._-]{0,95}")
# Folders a script writes to or reads from, never a Hub organisation of a model.
_LOCAL_OWNERS = frozenset(
    {
        "data",
        "dataset",
        "datasets",
        "output",
        "outputs",
        "out",
        "model",
        "models",
        "checkpoint",
        "checkpoints",
        "ckpt",
        "ckpts",
        "logs",
        "log",
        "results",
        "runs",
        "src",
        "tmp",
        "cache",
        "configs",
        "config",
        "scripts",
        "weights",
        "saved",
        "exp",
    }
)
# Source repositories named like Llama (GitHub, pip), never a model's weights.
_CODE_REPOSITORIES = frozenset(
    {
        "llama",
        "llama3",
        "llama-models",
        "llama-recipes",
        "llama-cookbook",
        "llama-stack",
        "llama.cpp",
        "llama-cpp-python",
        "llama_index",
        "llama-index",
        "llamaindex",
        "codellama",
        "purplellama",
    }
)
_FILE_ENDINGS = (
    ".json",
    ".jsonl",
    ".py",
    ".sh",
    ".txt",
    ".yaml",
    ".yml",
    ".csv",
    ".md",
    ".bin",
    ".pt",
    ".pth",
    ".safetensors",
    ".gguf",
    ".log",
    ".parquet",
)


class CodeMentionsReader:
    name = "code-mentions"
    max_bytes = MAX_BYTES

    def reads(self, path: str) -> bool:
        return path.lower().endswith(SUFFIXES)

    def read(self, blob: Blob) -> tuple[Fact, ...]:
        if b"/" not in blob.data:
            return ()
        text = blob.data.decode("utf-8", errors="replace")
        if blob.path.lower().endswith(".ipynb"):
            if blob.truncated:
                return ()  # half a notebook is not JSON; said in docs/inputs.md
            lines = list(_notebook_lines(text))
        else:
            if blob.truncated:  # the last line may be cut: drop it
                text = text[: text.rfind("\n") + 1]
            lines = list(enumerate(text.splitlines(), start=1))
        facts: dict[str, Fact] = {}
        for number, line in lines:
            for value, cue in mentions(line):
                key = value.lower()
                if key not in facts and len(facts) < MAX_FACTS:
                    source = Source(blob.path, number, cue)
                    facts[key] = Fact(NAMED_IN_CODE, value, source, PROSE, "named in code")
        return tuple(facts.values())


def mentions(line: str) -> list[tuple[str, str]]:
    """The Hub ids ``line`` names as models, each with the cue that made the line count."""
    line = line[:MAX_LINE]
    stripped = line.lstrip()
    if not stripped or stripped.startswith(("#", "//")):
        return []
    lower = line.lower()
    cue = next((c for c in _CUES if c in lower), None)
    if cue is None and "llama" not in lower:
        return []
    found: list[tuple[str, str]] = []
    for candidate in (*_quoted(line), *(_flag_values(line) if cue else ())):
        value = hub_id(candidate)
        if value is None or value in (f[0] for f in found):
            continue
        if cue is not None:
            found.append((value, cue.rstrip("(")))
        elif "llama" in value.lower():  # no cue: only a quoted id that names Llama
            found.append((value, "quoted id"))
    return found


def hub_id(candidate: str) -> str | None:
    """``candidate`` as ``org/name`` when it has that shape (an address on the Hub is cut to
    it), else None (a path, a file, a URL elsewhere, a template)."""
    text = candidate.strip()
    for prefix in _HUB_PREFIXES:
        if text.lower().startswith(prefix):
            rest = text[len(prefix) :].split("/")
            if rest and rest[0] in ("datasets", "spaces"):
                return None
            text = "/".join(rest[:2])
            break
    if not _HUB_ID.fullmatch(text):
        return None
    owner, name = text.split("/")
    if owner.lower() in _LOCAL_OWNERS or name.lower().endswith(_FILE_ENDINGS):
        return None
    if name.lower() in _CODE_REPOSITORIES:
        return None
    return text


def _quoted(line: str) -> Iterator[str]:
    """The strings between matching quotes on ``line`` (one pass; escapes end nothing)."""
    index = 0
    while index < len(line):
        quote = line[index]
        if quote not in "\"'":
            index += 1
            continue
        end = line.find(quote, index + 1)
        if end < 0:
            return
        yield line[index + 1 : end]
        index = end + 1


def _flag_values(line: str) -> Iterator[str]:
    """The word after each ``--model…`` flag (``--model x``, ``--model_path=x``)."""
    words = line.split()
    for position, word in enumerate(words):
        if not word.startswith("--") or "model" not in word.lower():
            continue
        if "=" in word:
            yield word.split("=", 1)[1].strip("\"'")
        elif position + 1 < len(words):
            yield words[position + 1].strip("\"'")


def _notebook_lines(text: str) -> Iterator[tuple[int, str]]:
    """The lines of a notebook's code cells, numbered as lines of the JSON file (the line
    a cell's source item starts on), or nothing when the text is not a notebook."""
    try:
        notebook = json.loads(text)
    except ValueError:
        return
    cells = notebook.get("cells") if isinstance(notebook, dict) else None
    if not isinstance(cells, list):
        return
    file_lines = text.splitlines()
    cursor = 0
    for cell in cells:
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get("source")
        items = source if isinstance(source, list) else [source]
        for item in items:
            if not isinstance(item, str):
                continue
            for piece in item.splitlines():
                cursor = _line_of(file_lines, piece, cursor)
                yield cursor + 1, piece


def _line_of(file_lines: list[str], piece: str, start: int) -> int:
    """The index of the next file line at or after ``start`` that holds ``piece`` as JSON
    writes it (a bounded forward search: the cursor only moves forward), else ``start``."""
    probe = json.dumps(piece)[1:-1][:60]
    if not probe:
        return start
    for index in range(start, min(len(file_lines), start + 200)):
        if probe in file_lines[index]:
            return index
    return start


READER = CodeMentionsReader()
