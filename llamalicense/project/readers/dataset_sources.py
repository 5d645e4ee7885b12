"""Documents that say which model generated a dataset: a line that links a Hub dataset and
names the model that made it.

Projects that synthesise training data often list their datasets with the model each was
made with: a table under a "Model | Dataset" header, or a sentence such as "1M
conversations built with Llama-3-70B-Instruct" next to the dataset's link. For every line of a
Markdown file that links one or more Hub datasets (``huggingface.co/datasets/org/name``) and
either sits in a table whose header names both a model and a dataset column or holds a
generation cue ("built with", "generated", "synthesized", "distilled", "responses from",
...), each model the line names (a Hub model link, or an official release named in words)
is an ``output-source`` fact of strength ``prose``: ``value`` the model, ``detail`` the
dataset. Discovery uses them only for the datasets a training recipe names
(:mod:`llamalicense.project.datasets`), as the ``generated_by`` edge of that dataset; a
finding that rests on such an edge is a review. One pass over the lines with plain string
search; files over 1 MiB are read up to there.
"""

from __future__ import annotations

from llamalicense.catalog.data import load_catalog
from llamalicense.project.prose import releases_in
from llamalicense.project.readers.base import OUTPUT_SOURCE, PROSE, Blob, Fact, Source

MAX_BYTES = 1024 * 1024
MAX_FACTS = 500
MAX_LINE = 4000
_HUB = "huggingface.co/"
_ID_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
_CUES = (
    "built with",
    "generated",
    "generate ",
    "synthesi",
    "distill",
    "responses from",
    "(response)",
    "created with",
    "produced by",
    "annotated by",
)


class DatasetSourcesReader:
    name = "dataset-sources"
    max_bytes = MAX_BYTES

    def reads(self, path: str) -> bool:
        return path.lower().endswith((".md", ".markdown"))

    def read(self, blob: Blob) -> tuple[Fact, ...]:
        if b"huggingface.co/datasets/" not in blob.data:
            return ()
        text = blob.data.decode("utf-8", errors="replace")
        if blob.truncated:
            text = text[: text.rfind("\n") + 1]
        facts: dict[tuple[str, str], Fact] = {}
        table = False  # inside a table whose header names a model and a dataset column
        previous_row = False
        in_fence = False
        for number, line in enumerate(text.splitlines(), start=1):
            stripped = line.strip()
            if stripped.startswith(("```", "~~~")):
                in_fence = not in_fence
                continue
            row = stripped.startswith("|")
            if row and not previous_row:
                header = stripped.lower()
                table = "model" in header and "dataset" in header
            previous_row = row
            if in_fence or "/datasets/" not in line:
                continue
            for model, dataset, field in _pairs(line[:MAX_LINE], row and table):
                key = (model.lower(), dataset.lower())
                if key not in facts and len(facts) < MAX_FACTS:
                    source = Source(blob.path, number, field)
                    facts[key] = Fact(OUTPUT_SOURCE, model, source, PROSE, dataset)
        return tuple(facts.values())


def _pairs(line: str, in_table: bool) -> list[tuple[str, str, str]]:
    """(model, dataset, how the line says it) for each model and dataset the line names."""
    lower = line.lower()
    cue = next((c.strip() for c in _CUES if c in lower), None)
    if not in_table and cue is None:
        return []
    datasets: list[str] = []
    models: list[str] = []
    for kind, found in _hub_links(line):
        (datasets if kind == "datasets" else models).append(found)
    if not datasets:
        return []
    if not models and cue is not None:  # "built with Meta Llama 3 70B", in words
        models = [release.id for release in releases_in(line, load_catalog())]
    field = "table row" if in_table else f"text ({cue})"
    return [(m, d, field) for d in dict.fromkeys(datasets) for m in dict.fromkeys(models)]


def _hub_links(line: str) -> list[tuple[str, str]]:
    """Each ``huggingface.co/...`` address on ``line`` as (``datasets``, ``spaces`` or
    ``models``; ``org/name``)."""
    out: list[tuple[str, str]] = []
    start = line.find(_HUB)
    while start >= 0:
        rest = start + len(_HUB)
        kind = "models"
        for prefix in ("datasets/", "spaces/"):
            if line.startswith(prefix, rest):
                kind, rest = prefix[:-1], rest + len(prefix)
        owner, after = _word(line, rest)
        name, end = _word(line, after + 1) if line.startswith("/", after) else ("", after)
        if owner and name and kind != "spaces":
            out.append((kind, f"{owner}/{name}"))
        start = line.find(_HUB, max(end, start + 1))
    return out


def _word(line: str, start: int) -> tuple[str, int]:
    """The run of Hub id characters at ``start``, and where it ends."""
    end = start
    while end < len(line) and end - start < 96 and line[end] in _ID_CHARS:
        end += 1
    return line[start:end].rstrip("."), end


READER = DatasetSourcesReader()
