"""Training recipes: axolotl, LLaMA-Factory and alignment-handbook YAML.

A recipe says which model is trained (the base), on what, and where the result goes:

* axolotl: the base in ``base_model``, inputs in ``datasets[].path``, the Hub id in
  ``hub_model_id``;
* LLaMA-Factory: ``model_name_or_path``, ``dataset`` (comma-separated), ``hub_model_id``
  or ``export_hub_model_id``;
* alignment-handbook: ``model_name_or_path``, the keys of ``dataset_mixer`` (or the ids of
  ``dataset_mixture.datasets``), ``hub_model_id``.

A file is taken as a recipe only when a base key comes with a key only training recipes
have (``datasets``, ``sequence_len``, ``micro_batch_size``, ``finetuning_type``, ``stage``,
``dataset_mixer``, ...), so an unrelated YAML file that happens to hold ``base_model`` is
not. The relation is ``adapter`` when the recipe trains a LoRA (``adapter: lora``,
``finetuning_type: lora``, ``use_peft: true``), else ``finetune``. ``push_to_hub: true``
(or a Hub id) makes the result published. YAML that is not valid is skipped unless it
looks like a recipe (a base key at the top level), which is then a review point.
"""

from __future__ import annotations

import re
from typing import Any

from llamalicense.documents.loader import Document
from llamalicense.project.readers.base import (
    BASE_MODEL,
    DECLARED,
    PUBLISHED_AS,
    TRAINING_INPUT,
    Blob,
    Fact,
    Source,
    clean,
    line_of,
    load,
)

BASE_KEYS = ("base_model", "model_name_or_path")
RECIPE_KEYS = frozenset(
    {
        "datasets",
        "dataset",
        "dataset_mixer",
        "dataset_mixture",
        "sequence_len",
        "micro_batch_size",
        "gradient_accumulation_steps",
        "num_epochs",
        "num_train_epochs",
        "finetuning_type",
        "stage",
        "learning_rate",
        "lora_r",
    }
)
HUB_KEYS = ("hub_model_id", "export_hub_model_id")
MAX_INPUTS = 1000
_TOP_BASE = re.compile(rb"^(base_model|model_name_or_path)\s*:", re.MULTILINE)


class TrainingRecipeReader:
    name = "training-recipe"
    max_bytes = 1024 * 1024

    def reads(self, path: str) -> bool:
        return path.lower().endswith((".yaml", ".yml"))

    def read(self, blob: Blob) -> tuple[Fact, ...]:
        if not _TOP_BASE.search(blob.data):
            return ()
        document = load(blob)
        if isinstance(document, Fact):
            return (document,)
        data = document.data
        if not isinstance(data, dict) or not (set(data) & RECIPE_KEYS):
            return ()
        return recipe_facts(document, blob.path)


def recipe_facts(document: Document, path: str) -> tuple[Fact, ...]:
    """The base, inputs and Hub id of one recipe (already known to be one)."""
    data: dict[str, Any] = document.data
    facts: list[Fact] = []
    relation = _relation(data)
    for key in BASE_KEYS:
        value = data.get(key)
        if isinstance(value, str) and value.strip():
            source = Source(path, line_of(document, key), key)
            facts.append(Fact(BASE_MODEL, clean(value), source, DECLARED, relation))
    facts.extend(_inputs(document, path))
    published = data.get("push_to_hub") is True
    for key in HUB_KEYS:
        value = data.get(key)
        if isinstance(value, str) and value.strip():
            detail = "push_to_hub: true" if published else "Hub id set"
            source = Source(path, line_of(document, key), key)
            facts.append(Fact(PUBLISHED_AS, clean(value), source, DECLARED, detail))
    return tuple(facts)


def _relation(data: dict[str, Any]) -> str:
    lora = {str(data.get("adapter", "")).lower(), str(data.get("finetuning_type", "")).lower()}
    if lora & {"lora", "qlora"} or data.get("use_peft") is True:
        return "adapter"
    return "finetune"


def _inputs(document: Document, path: str) -> list[Fact]:
    data: dict[str, Any] = document.data
    found: list[tuple[str, tuple[str | int, ...]]] = []
    datasets = data.get("datasets")
    if isinstance(datasets, list):
        for index, entry in enumerate(datasets):
            if isinstance(entry, dict) and isinstance(entry.get("path"), str):
                found.append((entry["path"], ("datasets", index, "path")))
            elif isinstance(entry, str):
                found.append((entry, ("datasets", index)))
    if isinstance(data.get("dataset"), str):
        found.extend((name, ("dataset",)) for name in data["dataset"].split(","))
    for key in ("dataset_mixer", "dataset_mixture"):
        mixer = data.get(key)
        if isinstance(mixer, dict):
            inner = mixer.get("datasets")
            if isinstance(inner, list):  # the newer dataset_mixture: {datasets: [{id: ...}]}
                found.extend(
                    (e["id"], (key, "datasets", i, "id"))
                    for i, e in enumerate(inner)
                    if isinstance(e, dict) and isinstance(e.get("id"), str)
                )
            else:
                found.extend((name, (key, name)) for name in mixer if isinstance(name, str))
    facts: dict[str, Fact] = {}
    for name, where in found[:MAX_INPUTS]:
        value = name.strip()
        if value and value.lower() not in facts:
            field = ".".join(str(p) for p in where)
            source = Source(path, line_of(document, *where), field)
            facts[value.lower()] = Fact(TRAINING_INPUT, clean(value), source, DECLARED)
    return list(facts.values())


READER = TrainingRecipeReader()
