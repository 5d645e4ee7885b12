"""``adapter_config.json``, the file PEFT writes beside a LoRA adapter.

``base_model_name_or_path`` names the model the adapter was trained on and must be loaded
with: a declared base, with the relation ``adapter``. ``peft_type`` (LORA, IA3, ...) is
kept in the fact's detail. A file with no base named is a review point: an adapter whose
base is unknown cannot be placed in any lineage.
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

FIELD = "base_model_name_or_path"


class AdapterConfigReader:
    name = "adapter-config"
    max_bytes = 1024 * 1024

    def reads(self, path: str) -> bool:
        return path.rsplit("/", 1)[-1] == "adapter_config.json"

    def read(self, blob: Blob) -> tuple[Fact, ...]:
        document = load(blob)
        if isinstance(document, Fact):
            return (document,)
        data = document.data
        if not isinstance(data, dict):
            return (review(blob, "an adapter config is a JSON object"),)
        value = data.get(FIELD)
        if not isinstance(value, str) or not value.strip():
            return (review(blob, f"no `{FIELD}`: the adapter's base model is not named"),)
        peft = data.get("peft_type")
        detail = "adapter" + (f" ({clean(peft)})" if isinstance(peft, str) and peft else "")
        source = Source(blob.path, line_of(document, FIELD), FIELD)
        return (Fact(BASE_MODEL, clean(value), source, DECLARED, detail),)


READER = AdapterConfigReader()
