"""Fixes worded for a project checked without a manifest (a folder found by discovery).

The fixes of the rules, the reviews and the Acceptable Use Policy findings are written for a
project a manifest describes: "list it under attribution.notice", "declare the counts in
the manifest". A folder checked by discovery has no manifest, so such a fix cannot be
followed as written. Where discovery itself can find what a fix asks for (a Notice file
beside a model's card), the rules say so with a case of their own (the ``project.manifest``
and ``component.folder`` facts, docs/rules.md "Fixes that fit the failure"). Every other
fix that needs a manifest is worded here, in one step: it first says how to write one.
"""

from __future__ import annotations

import re
from dataclasses import replace

from llamalicense.model.findings import Finding

INIT = (
    "First write a manifest: `llamalicense init` writes llamalicense.yaml from the "
    "project's files. "
)
# What only a manifest holds: its fields and evidence lists, or the manifest named. (A fix
# that names llamalicense.yaml as one place among others, beside a card's front matter,
# can be followed without one.)
_NEEDS_MANIFEST = re.compile(
    r"manifest|attribution\.|licensee\.|\blist it\b|`reviews:`|\buse_cases\b"
    r"|\blarge_language_model\b|\breceived_as\b|`distributed|`delivery"
)


def manifest_first(fix: str) -> str:
    """``fix``, led by how to write a manifest when following it needs one."""
    if "llamalicense init" in fix or not _NEEDS_MANIFEST.search(fix):
        return fix
    return INIT + fix


def without_manifest(findings: list[Finding]) -> list[Finding]:
    """``findings`` with every fix that needs a manifest worded as :func:`manifest_first`
    says (findings share fixes: each text is worded once)."""
    worded: dict[str, str] = {}
    out: list[Finding] = []
    for finding in findings:
        fix = finding.how_to_fix
        if fix not in worded:
            worded[fix] = manifest_first(fix)
        new = worded[fix]
        out.append(finding if new == fix else replace(finding, how_to_fix=new))
    return out
