"""A cap on how deep a project's lineage goes (docs/security.md, Limits).

Every finding carries the path from its component down to the Llama release it comes from,
so a chain of ``n`` models, each derived from the one before, makes findings whose paths
add up to about ``n²/2`` names: a 5,000-model chain wrote an 879 MB report. No real project
has a lineage hundreds of generations deep; a deeper one is an input error naming where.
"""

from __future__ import annotations

from llamalicense.errors import InputError
from llamalicense.model.project import Component, Project

MAX_DEPTH = 256


def check_depth(project: Project) -> None:
    """Raise when a chain of ``derived_from`` / ``trained_on`` / ``generated_by`` /
    ``contains`` links is longer than :data:`MAX_DEPTH`. Linear in the links; a cycle is
    left to the lineage check, which words it.

    Raises:
        InputError: the lineage is deeper than MAX_DEPTH; the message names a component
            at the end of such a chain.
    """
    below = {c.id: _links(c) for c in project.components}
    depth: dict[str, int] = {}
    for start in below:
        if start in depth:
            continue
        stack: list[tuple[str, int]] = [(start, 0)]
        on_path: set[str] = set()
        while stack:  # an iterative depth-first walk: no recursion on deep input
            node, index = stack.pop()
            links = [n for n in below.get(node, ()) if n in below]
            if index == 0:
                on_path.add(node)
            if index < len(links):
                stack.append((node, index + 1))
                child = links[index]
                if child not in depth and child not in on_path:
                    stack.append((child, 0))
                continue
            on_path.discard(node)
            depth[node] = 1 + max((depth.get(n, 0) for n in links), default=0)
            if depth[node] > MAX_DEPTH:
                component = next(c for c in project.components if c.id == node)
                raise InputError(
                    f"the lineage of {node!r} is more than {MAX_DEPTH} components deep",
                    file=component.source or project.manifest,
                    line=component.line,
                    hint="no project's models derive from each other that many times over; "
                    "check the derived_from / contains links",
                )


def _links(component: Component) -> tuple[str, ...]:
    return (
        *(d.id for d in component.derived_from),
        *component.trained_on,
        *component.generated_by,
        *component.contains,
    )
