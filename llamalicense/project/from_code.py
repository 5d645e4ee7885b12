"""The project's code as a product that uses the Llama models its scripts name.

The ``code-mentions`` reader finds Hub ids in scripts and notebooks (``named-in-code``
facts, strength ``prose``). Those that stand for something Llama (an official release, a
known re-upload or derivative, an unknown id in Meta's namespace, a "Llama" name) make one
product component, the project's code, that **contains** each of them: the edge of an
inference dependency, the weakest lineage a mention supports. A script that runs a model may
serve it, evaluate it, or generate training data with it (Magpie-style synthesis), and the
mention alone cannot say which, nor whether the model is shipped; so the component's
``distributed`` is unknown, it carries a review note saying what to state in a manifest
(``generated_by`` on the dataset a model produced, ``contains`` with ``distributed`` for a
model the product ships), and every finding that rests on it is a review. Ids that say
nothing of Llama are left out (a script names many models: embedders, rerankers, other
families).
"""

from __future__ import annotations

from llamalicense.catalog.model_ids import id_meaning
from llamalicense.model.project import Component, Evidence, Note
from llamalicense.project.evidence_index import EvidenceIndex
from llamalicense.project.readers.base import NAMED_IN_CODE, Fact
from llamalicense.project.readers.cards import Base
from llamalicense.project.resolve import Resolved, Resolver

CODE_RULE = "LLAMALICENSE-NAMED-IN-CODE"
_LLAMA_KINDS = frozenset({"release", "reupload", "derivative", "unknown-meta", "llama-named"})


def code_mentions(facts: dict[str, tuple[Fact, ...]], resolver: Resolver) -> list[Fact]:
    """The ``named-in-code`` facts that name something Llama, in file and line order, each
    id once (its first mention)."""
    found: dict[str, Fact] = {}
    for path in sorted(facts):
        for fact in sorted(facts[path], key=lambda f: (f.source.line or 0, f.value)):
            if fact.kind != NAMED_IN_CODE or fact.value.lower() in found:
                continue
            if id_meaning(fact.value, resolver.catalog).kind in _LLAMA_KINDS:
                found[fact.value.lower()] = fact
    return list(found.values())


def code_component(
    component_id: str,
    name: str,
    mentions: list[Fact],
    resolver: Resolver,
    evidence: EvidenceIndex,
) -> Component | None:
    """The product the project's code is, containing the models its scripts name."""
    if not mentions:
        return None
    head = mentions[0]
    resolver.origin = head.source.path
    used = Resolved([], [], [])
    bases = [
        Base(
            f.value,
            "finetune",  # unused: a mention is a containment, not a derivation
            f"{f.source.field} in {f.source.path}",
            f.source.field,
            f.source.path,
            f.source.line,
            f.strength,
        )
        for f in mentions
    ]
    resolver.resolve_bases(component_id, bases, used, "")
    contains = tuple(dict.fromkeys(d.id for d in used.derived_from))
    if not contains:
        return None
    listed = ", ".join(f"{f.value} ({f.source.path}:{f.source.line})" for f in mentions)
    note = Note(
        rule=CODE_RULE,
        status="needs-review",
        title="Llama models named only in the project's code",
        message=(
            f"The project's scripts or notebooks name {listed}. A script that names a model "
            "may run it, evaluate it or generate training data with it, and may or may not "
            "ship it; a mention cannot say which, so the code is taken as a product that uses "
            "these models, whether it is distributed is unknown, and every duty found through "
            "them is a review."
        ),
        how_to_fix=(
            "Describe in llamalicense.yaml what the code does with each model: a product that "
            "`contains` it (with `distributed:`), or a dataset `generated_by` it that a model "
            "is `trained_on`; or remove the mention if the model is not used."
        ),
        subject=head.value,
    )
    return Component(
        id=component_id,
        type="product",
        name=name,
        contains=contains,
        attribution=evidence.attribution_for(head.source.path, own=False),
        source=str(evidence.root / head.source.path),
        line=head.source.line or 1,
        notes=(note, *used.notes),
        evidence=(
            Evidence(
                "component", head.source.path, head.source.line, "named in code", head.strength
            ),
            Evidence("name", ".", None, "folder name", "fallback"),
            *(
                Evidence("contains", e.file, e.line, e.field, e.strength, e.target)
                for e in used.evidence
            ),
        ),
    )
