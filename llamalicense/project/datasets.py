"""Dataset components from the datasets a training recipe names.

An axolotl ``datasets[].path``, a LLaMA-Factory ``dataset`` or an alignment-handbook
``dataset_mixer`` key is a ``training-input`` fact (declared). Each dataset becomes a
``dataset`` component (its Hub id or name as id, one per project however many recipes name
it) with the file, line and field it was first read from, and the recipe's model is
``trained_on`` it. What generated a dataset is not in a recipe: the dataset is given a
``generated_by`` edge only when a file of the project says so (``generators``, read by
:mod:`llamalicense.project.readers.dataset_sources`); otherwise it has none, and the model
card or a manifest must say it (nothing is invented).
"""

from __future__ import annotations

from llamalicense.model.project import Component, Evidence
from llamalicense.project.readers.base import OUTPUT_SOURCE, TRAINING_INPUT, Fact
from llamalicense.project.readers.cards import Base
from llamalicense.project.resolve import Resolved, Resolver


def generator_facts(facts: dict[str, tuple[Fact, ...]]) -> dict[str, list[Fact]]:
    """The ``output-source`` facts by the dataset they are about (``detail``, lower case),
    in file and line order."""
    out: dict[str, list[Fact]] = {}
    for path in sorted(facts):
        for fact in facts[path]:
            if fact.kind == OUTPUT_SOURCE and fact.detail:
                out.setdefault(fact.detail.lower(), []).append(fact)
    return out


def trained_on(
    owner: str,
    facts: list[Fact],
    resolver: Resolver,
    generators: dict[str, list[Fact]],
) -> tuple[list[str], list[Evidence]]:
    """The dataset components ``owner``'s recipe trains on (created once per project), and
    the evidence of each ``trained_on`` edge."""
    ids: list[str] = []
    found: list[Evidence] = []
    for fact in sorted(facts, key=lambda f: (f.source.path, f.source.line or 0, f.value)):
        if fact.kind != TRAINING_INPUT:
            continue
        dataset = _dataset(fact, resolver, generators)
        if dataset not in ids:
            ids.append(dataset)
            where = fact.source
            found.append(
                Evidence("trained_on", where.path, where.line, where.field, fact.strength, dataset)
            )
    return ids, found


def _dataset(fact: Fact, resolver: Resolver, generators: dict[str, list[Fact]]) -> str:
    dataset_id = resolver.claim_id(f"dataset:{fact.value}", fact.value)
    if dataset_id in resolver.created:
        return dataset_id
    where = fact.source
    made_by = Resolved([], [], [])
    said = generators.get(fact.value.lower(), [])
    if said:
        resolver.origin = said[0].source.path
        resolver.resolve_bases(
            dataset_id,
            [
                Base(
                    g.value,
                    "finetune",  # unused: an edge of generation, not of derivation
                    f"{g.source.field} in {g.source.path}",
                    g.source.field,
                    g.source.path,
                    g.source.line,
                    g.strength,
                )
                for g in said
            ],
            made_by,
            "",
        )
    resolver.created[dataset_id] = Component(
        id=dataset_id,
        type="dataset",
        name=fact.value,
        generated_by=tuple(dict.fromkeys(d.id for d in made_by.derived_from)),
        source=str(where.path),
        line=where.line or 1,
        notes=tuple(made_by.notes),
        evidence=(
            Evidence("component", where.path, where.line, where.field, fact.strength),
            *(
                Evidence("generated_by", e.file, e.line, e.field, e.strength, e.target)
                for e in made_by.evidence
            ),
        ),
    )
    return dataset_id
