"""Facts on what leaves the licensee's hands: ``component.distributed``, ``component.delivery``
and the ``attribution.*`` evidence, with what containers carry (:mod:`llamalicense.lineage.
containment`).

A declaration that containment contradicts (``distributed: false`` on a model inside a
distributed product, ``delivery: hosted`` inside one shipped as copies) is not overridden in
silence: the fact is missing, with both facts named, so the rules that ask are needs-review.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from llamalicense.lineage.containment import (
    Carried,
    containment,
    delivery_out,
)
from llamalicense.lineage.containment import (
    evidence as carried_evidence,
)
from llamalicense.policy.explanation import Missing

if TYPE_CHECKING:
    from collections.abc import Callable

    from llamalicense.policy.facts import RuleContext


def distributed(ctx: RuleContext) -> Any:
    comp = ctx.component
    carried = containment(ctx.lineage).carried.get(comp.id)
    if carried is None:
        if comp.distributed is None:
            return Missing(
                f"the manifest does not say `distributed` for {comp.id!r}; add "
                "`distributed: true` or `distributed: false`"
            )
        return comp.distributed
    if comp.distributed is False:
        return Missing(
            f"{comp.id!r} is declared `distributed: false`, but {_carriers(ctx, carried)}: what "
            "a distributed product contains is distributed with it, or made available when the "
            "product is hosted (clause 1.b.i), so the two facts contradict each other; correct "
            "the one that is wrong"
        )
    return True


def delivery(ctx: RuleContext) -> Any:
    comp = ctx.component
    carried = containment(ctx.lineage).carried.get(comp.id)
    if carried is None:
        return comp.delivery or "copies"
    if comp.delivery == "hosted" and carried.delivery == "copies":
        return Missing(
            f"{comp.id!r} is declared `delivery: hosted`, but {_carriers(ctx, carried)}, and "
            "copies of a product carry copies of what it contains; correct the one that is wrong"
        )
    if comp.delivery is not None:
        return comp.delivery
    # Declared distributed on its own: its own channel, copies unless it says otherwise.
    return "copies" if comp.distributed is True else carried.delivery


def evidence(kind: str) -> Callable[[RuleContext], Any]:
    """The fact ``attribution.<kind>``: the component's files, and its containers' when it
    leaves only inside them."""

    def fact(ctx: RuleContext) -> Any:
        comp = ctx.component
        carried = containment(ctx.lineage).carried.get(comp.id)
        files: tuple[str, ...] = getattr(carried_evidence(comp, carried), kind)
        return files

    return fact


def _carriers(ctx: RuleContext, carried: Carried) -> str:
    """ "'app' (distributed: true, delivery: copies) contains it", for the messages above."""
    found = containment(ctx.lineage).carried
    shown = []
    for container in carried.by[:3]:
        comp = ctx.lineage.components[container]
        declared = "distributed: true" if comp.distributed is True else "inside a distributed one"
        how = delivery_out(comp, found.get(container))
        shown.append(f"{container!r} ({declared}, delivery: {how})")
    more = f" and {len(carried.by) - 3} more" if len(carried.by) > 3 else ""
    verb = " contains it" if len(carried.by) == 1 else " contain it"
    return ", ".join(shown) + more + verb
