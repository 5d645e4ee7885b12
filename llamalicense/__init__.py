"""llamalicense: check a project against the Llama Community Licenses and Acceptable Use Policies.

Not legal advice. ``check()`` is the entry point; see docs/api.md.
"""

from __future__ import annotations

__version__ = "0.1.0"

from llamalicense.api import check, load_project  # noqa: E402  (after __version__, which engine reads)
from llamalicense.errors import LlamalicenseError, ManifestError, RuleError  # noqa: E402
from llamalicense.report import ComponentInfo, Finding, Report  # noqa: E402

__all__ = [
    "ComponentInfo",
    "Finding",
    "LlamalicenseError",
    "ManifestError",
    "Report",
    "RuleError",
    "__version__",
    "check",
    "load_project",
]
