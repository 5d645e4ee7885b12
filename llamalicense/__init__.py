"""llamalicense: check a project against the Llama Community Licenses and Acceptable Use Policies.

Not legal advice. ``check()`` is the entry point; see docs/api.md.
"""

from __future__ import annotations

from llamalicense.api import check, load_project
from llamalicense.errors import LlamalicenseError, ManifestError, RuleError
from llamalicense.model.findings import ComponentInfo, Finding, Report
from llamalicense.tools.fix import FixPlan, fix
from llamalicense.version import __version__

__all__ = [
    "ComponentInfo",
    "Finding",
    "FixPlan",
    "LlamalicenseError",
    "ManifestError",
    "Report",
    "RuleError",
    "__version__",
    "check",
    "fix",
    "load_project",
]
