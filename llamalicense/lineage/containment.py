"""What containment carries: a distributed product's contents leave with it, and a received
product's contents arrive with it.

* **Out.** Clause 1.b.i binds whoever distributes or makes available "the Llama Materials (or
  any derivative works thereof), or a product or service (including another AI model) that
  contains any of them". Copies of a product carry copies of what it contains; a hosted
  service makes what it contains available. So a component inside a distributed container is
  distributed (or made available) too, whatever it declares, and its copies go out with the
  container's attribution files.
* **In.** Clause 1.b.ii speaks of Llama Materials received "as part of an integrated end user
  product": what such a product contains is received that way too. The licensee is an *end
  user* of a received component (the AUP's EU paragraph) as long as nothing of its own derives
  from it, is trained on it or contains it; using its outputs (``generated_by``) is use.

Both are worked out once per lineage, in one pass from containers to contents (and one from
dependents to what they depend on), so a 100,000-component manifest stays linear.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import Any

from llamalicense.lineage.graph import Lineage
from llamalicense.model.project import Attribution, Component

INTEGRATED = "integrated-end-user-product"
_EVIDENCE = ("agreement", "notice", "built_with_llama", "ai_disclosure")


@dataclass(frozen=True)
class Carried:
    """How a component leaves the licensee's hands inside distributed containers."""

    by: tuple[str, ...]  # the containers that hold it directly and are distributed (sorted)
    delivery: str  # copies if any of them ships copies, else hosted
    attribution: Attribution  # the evidence those containers list, merged in that order


@dataclass(frozen=True)
class Containment:
    carried: dict[str, Carried]
    received: frozenset[str]  # received inside an integrated end-user product (or marked so)
    own_users: frozenset[str]  # something not received derives from, trains on or contains it

    def end_user(self, component_id: str) -> bool:
        """Whether the licensee is only an end user of this component."""
        return component_id in self.received and component_id not in self.own_users


_CACHE: weakref.WeakKeyDictionary[Lineage, Containment] = weakref.WeakKeyDictionary()


def containment(lineage: Lineage) -> Containment:
    """The containment facts of ``lineage``, worked out on first use."""
    found = _CACHE.get(lineage)
    if found is None:
        found = _CACHE[lineage] = _work_out(lineage)
    return found


def is_distributed(comp: Component, carried: Carried | None) -> bool:
    """Whether ``comp`` leaves the licensee's hands: declared so, or carried by a container."""
    return comp.distributed is True or carried is not None


def delivery_out(comp: Component, carried: Carried | None) -> str:
    """How ``comp``'s contents leave with it: copies if it ships copies or is carried inside
    a container that does, else hosted."""
    if comp.distributed is True and (comp.delivery or "copies") == "copies":
        return "copies"
    if carried is not None and carried.delivery == "copies":
        return "copies"
    return "hosted"


def evidence(comp: Component, carried: Carried | None) -> Attribution:
    """The attribution files that go out with ``comp``: its own, and, when it leaves only
    inside containers (it does not declare a distribution of its own), theirs."""
    if carried is None or comp.distributed is True:
        return comp.attribution
    return _merged([comp.attribution, carried.attribution])


def _work_out(lineage: Lineage) -> Containment:
    components = lineage.components
    # Containers come before their contents in the reversed dependency order, so each
    # component's carriers are all known when it is reached.
    carriers: dict[str, list[tuple[str, str, Attribution]]] = {}
    carried: dict[str, Carried] = {}
    received: set[str] = set()
    own_users: set[str] = set()
    for node in reversed(lineage.order):
        comp = components.get(node)
        if comp is None:  # only in a malformed project
            continue
        mine = carriers.pop(node, None)
        if mine:
            mine.sort(key=lambda item: item[0])
            carried[node] = Carried(
                by=tuple(container for container, _, _ in mine),
                delivery="copies" if any(d == "copies" for _, d, _ in mine) else "hosted",
                attribution=_merged([a for _, _, a in mine]),
            )
        if comp.received_as == INTEGRATED:
            received.add(node)
        here = carried.get(node)
        out = is_distributed(comp, here)
        used_as_own = node not in received or node in own_users
        for edge in lineage.out_edges(node):
            target = edge.target
            if edge.kind == "contains":
                if out:
                    files = evidence(comp, here)
                    entry = (node, delivery_out(comp, here), files)
                    carriers.setdefault(target, []).append(entry)
                if node in received:
                    received.add(target)
            if edge.kind != "generated_by" and used_as_own:
                own_users.add(target)
    return Containment(carried, frozenset(received), frozenset(own_users))


def _merged(parts: list[Attribution]) -> Attribution:
    """The paths of each kind of evidence, in order, each once."""
    fields: dict[str, Any] = {
        kind: tuple(dict.fromkeys(path for part in parts for path in getattr(part, kind)))
        for kind in _EVIDENCE
    }
    return Attribution(**fields)
