"""``config.json``, the Transformers model configuration.

Only ``_name_or_path`` is evidence: Transformers records there the model the weights were
loaded from before they were saved, which for a fine-tune is its base. The architecture
(``LlamaForCausalLM``, ``model_type: llama``) is *not* evidence of Meta's weights: TinyLlama,
Yi, DeciLM, OpenLLaMA and many others use the Llama architecture with weights of their own,
so it yields nothing. A config that is not JSON, or not an object, is a review point.
"""

from __future__ import annotations

from llamalicense.project.readers.base import (
    BASE_MODEL,
    DECLARED,
    Blob,
    Fact,
    Source,
    clean,
    line_of,
    load,
    review,
)

FIELD = "_name_or_path"


class ModelConfigReader:
    name = "model-config"
    max_bytes = 1024 * 1024

    def reads(self, path: str) -> bool:
        return path.rsplit("/", 1)[-1] == "config.json"

    def read(self, blob: Blob) -> tuple[Fact, ...]:
        document = load(blob)
        if isinstance(document, Fact):
            return (document,)
        data = document.data
        if not isinstance(data, dict):
            return (review(blob, "a model config is a JSON object"),)
        value = data.get(FIELD)
        if not isinstance(value, str) or not value.strip():
            return ()  # a config without it says nothing about lineage (the usual case)
        source = Source(blob.path, line_of(document, FIELD), FIELD)
        return (Fact(BASE_MODEL, clean(value), source, DECLARED, "loaded from"),)


READER = ModelConfigReader()
