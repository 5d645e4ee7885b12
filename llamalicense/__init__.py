"""llamalicense: check a project against the Llama Community Licenses and Acceptable Use Policies.

Not legal advice. ``check()`` is the entry point; see docs/api.md.

The public names are imported when first used, so ``llamalicense --version`` (and any
import of a submodule alone) does not load the engine.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from llamalicense.version import __version__

if TYPE_CHECKING:
    from llamalicense.api import check, load_project
    from llamalicense.errors import LlamalicenseError, ManifestError, RuleError
    from llamalicense.model.findings import ComponentInfo, Finding, Report
    from llamalicense.project.hub.settings import HubSettings
    from llamalicense.tools.fix import FixPlan, fix

_HOMES = {
    "check": "llamalicense.api",
    "HubSettings": "llamalicense.project.hub.settings",
    "load_project": "llamalicense.api",
    "LlamalicenseError": "llamalicense.errors",
    "ManifestError": "llamalicense.errors",
    "RuleError": "llamalicense.errors",
    "ComponentInfo": "llamalicense.model.findings",
    "Finding": "llamalicense.model.findings",
    "Report": "llamalicense.model.findings",
    "FixPlan": "llamalicense.tools.fix",
    "fix": "llamalicense.tools.fix",
}

__all__ = [
    "ComponentInfo",
    "Finding",
    "FixPlan",
    "HubSettings",
    "LlamalicenseError",
    "ManifestError",
    "Report",
    "RuleError",
    "__version__",
    "check",
    "fix",
    "load_project",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'llamalicense' has no attribute {name!r}")
    value = getattr(import_module(home), name)
    globals()[name] = value  # found directly from now on
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_HOMES])
