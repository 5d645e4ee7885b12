"""``llamalicense fix``: the attribution a project is missing, planned as reviewable edits.

:func:`plan_fixes` checks the project and returns a :class:`FixPlan`: the edits that close
the mechanical findings (agreement copy, Notice sentence, "Built with" line, a model card's
declared license, the manifest's evidence lists) and the findings it leaves, with the
reason. :func:`apply_plan` writes a plan. Nothing is written by planning. See docs/fix.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from llamalicense.project.hub.settings import HubSettings
from llamalicense.tools.fix.apply import apply_plan
from llamalicense.tools.fix.plan import FIXABLE, Edit, FixPlan, NotFixed, plan_fixes

__all__ = ["FIXABLE", "Edit", "FixPlan", "NotFixed", "apply_plan", "fix", "plan_fixes"]


def fix(
    source: str | Path,
    *,
    apply: bool = False,
    only: Sequence[str] = (),
    built_with_page: str | None = None,
    rules: Sequence[str | Path] = (),
    hub: HubSettings | None = None,
) -> FixPlan:
    """Plan the edits that close the project's fixable findings, and write them if ``apply``.

    Returns the plan: each :class:`Edit` has the file's path (relative to the project
    folder), its old content (None for a new file), its new content and the findings it
    closes; :attr:`FixPlan.not_fixed` lists what was left, with the reason.

    Raises:
        LlamalicenseError: the project cannot be loaded, an option is wrong, or (with
            ``apply``) a file cannot be written safely; then no file is changed.
    """
    plan = plan_fixes(source, only=only, built_with_page=built_with_page, rules=rules, hub=hub)
    if apply:
        apply_plan(plan)
    return plan
