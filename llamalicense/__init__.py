"""llamalicense: check a project against the Llama Community Licenses and Acceptable Use Policies.

Not legal advice. See docs/api.md for the library API.
"""

from __future__ import annotations

__version__ = "0.1.0"
