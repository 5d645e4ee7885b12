"""The manifest's ``reviews:``: a person's record that they judged what no file can show.

Some duties cannot be read from any file: whether a product's uses keep to the Acceptable Use
Policy (the screen matches words, and misses paraphrases), whether the use of the Llama
Materials complies with applicable laws and trade controls (clause 1.b.iv), whether the
"Llama" and Meta marks are used only as clause 5.a allows, and whether "Built with Llama" is
displayed *prominently*. A review record names who judged which of these, when, and for which
use cases: it carries the digest of the project's use cases (:func:`use_cases_digest`), so when
the use cases change the record no longer applies and the question is asked again.
"""

from __future__ import annotations

import difflib
import hashlib
import json
from collections.abc import Iterable
from typing import Any

from llamalicense.model.project import Component, Review
from llamalicense.project.manifest_checks import Problems


def use_cases_digest(components: Iterable[Component]) -> str:
    """``sha256:<hex>`` of every component's use cases, by component id: what a review of the
    project's uses was a review of."""
    listed = sorted((c.id, list(c.use_cases)) for c in components if c.use_cases)
    text = json.dumps(listed, ensure_ascii=False, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def reviews_from(
    data: dict[str, Any], components: tuple[Component, ...], problems: Problems
) -> tuple[Review, ...]:
    """The records under ``reviews:`` (already schema-checked), their component ids checked
    (an unknown one noted in ``problems``)."""
    document = problems.document
    raws: list[dict[str, Any]] = data.get("reviews") or []
    ids = [c.id for c in components]
    known = set(ids)
    lines = document.item_lines(("reviews",), len(raws))
    records = []
    for index, raw in enumerate(raws):
        named = tuple(raw.get("components") or ())
        for position, cid in enumerate(named):
            if cid not in known:
                close = difflib.get_close_matches(cid, ids, n=1)
                problems.add(
                    ("reviews", index, "components", position),
                    f"unknown component {cid!r} in a review record",
                    (f"did you mean {close[0]!r}? " if close else "")
                    + "name components listed under `components:`, or leave `components` out "
                    "for all of them",
                )
        records.append(
            Review(
                by=raw["by"],
                date=raw["date"],
                obligations=tuple(dict.fromkeys(raw["obligations"])),
                use_cases=raw["use_cases"],
                components=named,
                note=raw.get("note"),
                line=lines[index],
            )
        )
    return tuple(records)
