"""``--format json``: the whole report, stable and sorted, byte-identical for the same input.

Its JSON Schema ships in the package (``schemas/report.schema.json``).
"""

from __future__ import annotations

import json

from llamalicense.formats import RenderOptions
from llamalicense.report import Report


def render(report: Report, options: RenderOptions) -> str:
    del options  # the JSON report always carries the explanation trees
    return (
        json.dumps(report.to_dict(explain=True), indent=2, sort_keys=True, ensure_ascii=False)
        + "\n"
    )
