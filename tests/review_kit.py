"""A person's review record (`reviews:`) for test manifests that mean a compliant verdict.

Duties no file can show (the AUP screen, "Built with Llama" prominence, clause 1.b.iv, clause
5.a) are needs-review until a review record covers them (llamalicense.engine.reviews); a test
project meant to be compliant carries one, made for its use cases as they are.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from llamalicense.model.project import REVIEWED, Component
from llamalicense.project.reviews import use_cases_digest


def digest(manifest: Mapping[str, Any]) -> str:
    """The digest of the manifest's use cases, as a review record carries it."""
    return use_cases_digest(
        Component(id=c["id"], type=c["type"], use_cases=tuple(c.get("use_cases", ())))
        for c in manifest["components"]
    )


def reviewed(
    manifest: Mapping[str, Any], obligations: tuple[str, ...] = REVIEWED
) -> dict[str, Any]:
    """``manifest`` with a review record covering ``obligations`` for every component."""
    record = {
        "by": "Dana Whitfield, legal@acme.example",
        "date": "2026-11-30",
        "obligations": list(obligations),
        "use_cases": digest(manifest),
    }
    return {**manifest, "reviews": [*manifest.get("reviews", []), record]}
