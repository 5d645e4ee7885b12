"""Facts about one component under one Llama version: what rule predicates can ask.

Each fact is a small function in ``FACTS``, documented in ``docs/rules.md``. A fact the
project does not state is a :class:`~llamalicense.policy.explanation.Missing` with the reason, so
a rule that needs it answers "needs review", never a silent pass.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any

from llamalicense.catalog.data import LicenseVersion, eu_member_states
from llamalicense.errors import LlamalicenseError
from llamalicense.evidence.reader import EvidenceReader
from llamalicense.lineage.containment import INTEGRATED, containment
from llamalicense.lineage.graph import MATERIALS, OUTPUTS, Lineage
from llamalicense.model.findings import Edge
from llamalicense.model.project import Component, Project
from llamalicense.policy.distribution import delivery, distributed, evidence
from llamalicense.policy.explanation import Missing


class RuleContext:
    """Implements the predicate ``Context`` protocol for one (component, version) pair.

    The engine makes one per component and version of a 100,000-component manifest, so it
    is a plain slotted class, and it looks its component up once.
    """

    __slots__ = ("component", "component_id", "evidence", "facts", "lineage", "project", "version")

    def __init__(
        self,
        project: Project,
        lineage: Lineage,
        evidence: EvidenceReader,
        version: LicenseVersion,
        component_id: str,
        *,
        component: Component | None = None,
    ) -> None:
        self.project = project
        self.lineage = lineage
        self.evidence = evidence
        self.version = version
        self.component_id = component_id
        # The component, unless the caller has it at hand already.
        self.component: Component = component or lineage.components[component_id]
        # Facts are pure functions of (component, version), and rules share them: ask once.
        self.facts: dict[str, Any] = {}

    def fact(self, name: str) -> Any:
        facts = self.facts
        if name not in facts:
            facts[name] = FACTS[name][1](self)
        return facts[name]

    def switch(self, component_id: str) -> RuleContext:
        return RuleContext(self.project, self.lineage, self.evidence, self.version, component_id)

    def related(self, relation: str) -> list[str]:
        if relation == "depends_on":
            return self.lineage.depends_on(self.component_id)
        if relation == "dependents":
            return self.lineage.dependents(self.component_id)
        if relation == "contained_in":
            return self.lineage.contained_in(self.component_id)
        reach = self.lineage.best_reach(self.component_id, self.version.id)
        return list(reach.path[1:-1]) if reach else []

    def agreement_copy(self, paths: tuple[str, ...]) -> tuple[bool | None, str]:
        if not paths and self.component.attribution.unlisted:
            return False, self.component.attribution.unlisted
        try:
            judgement = self.evidence.agreement_copy(paths, self.version.id)
        except LlamalicenseError as exc:
            return None, f"cannot read evidence: {exc.message} ({exc.file})"
        return judgement.value, judgement.reason

    def shows_text(
        self, paths: tuple[str, ...], text: str, exact_case: bool
    ) -> tuple[bool | None, str]:
        if not paths and self.component.attribution.unlisted:
            return False, self.component.attribution.unlisted
        try:
            judgement = self.evidence.contains_phrase(paths, text, exact_case=exact_case)
        except LlamalicenseError as exc:
            return None, f"cannot read evidence: {exc.message} ({exc.file})"
        where = f" ({judgement.file}:{judgement.line})" if judgement.file else ""
        return judgement.value, judgement.reason + where


FactFn = Callable[[RuleContext], Any]


def _unstated(field: str, component: Component, fix: str) -> Missing:
    return Missing(f"the manifest does not say `{field}` for {component.id!r}; {fix}")


def _name(ctx: RuleContext) -> Any:
    comp = ctx.component
    if comp.name is None:
        return _unstated("name", comp, "add the name it is distributed or made available under")
    return comp.name


def _name_base(ctx: RuleContext) -> Any:
    name = _name(ctx)
    if isinstance(name, Missing):
        return name
    # "org/Llama-3.1-Acme" is named "Llama-3.1-Acme": the Hub namespace is not the model name.
    return str(name).rsplit("/", 1)[-1]


def _large_language_model(ctx: RuleContext) -> Any:
    comp = ctx.component
    if comp.large_language_model is None:
        return _unstated(
            "large_language_model", comp, "add `large_language_model: true` or `false`"
        )
    return comp.large_language_model


def _country(ctx: RuleContext) -> Any:
    country = ctx.project.licensee.country
    if country is None:
        return Missing("the manifest does not give `licensee.country`")
    return country


def _in_eu(ctx: RuleContext) -> Any:
    country = _country(ctx)
    if isinstance(country, Missing):
        return country
    return country in eu_member_states()


def _mau_entries(ctx: RuleContext) -> dict[str | None, int]:
    month = ctx.version.mau_month
    return {
        e.entity: e.count for e in ctx.project.licensee.monthly_active_users if e.month == month
    }


def _mau(ctx: RuleContext) -> Any:
    month = ctx.version.mau_month
    counts = _mau_entries(ctx)
    parties: list[str | None] = [None, *(a.name for a in ctx.project.licensee.affiliates)]
    absent = [p for p in parties if p not in counts]
    if absent:
        who = ", ".join("the licensee" if p is None else f"affiliate {p!r}" for p in absent)
        return Missing(f"no monthly_active_users count for {who} in {month}")
    return sum(counts.values())


def _mau_declared(ctx: RuleContext) -> Any:
    return sum(_mau_entries(ctx).values())


def _relations(ctx: RuleContext) -> Any:
    return tuple(sorted({d.relation for d in ctx.component.derived_from}))


def _end_user(ctx: RuleContext) -> Any:
    # An end user of a product that incorporates the model: received inside another
    # licensee's integrated end-user product (or marked so), and nothing of the licensee's own
    # derives from it, is trained on it or contains it (lineage.containment).
    return containment(ctx.lineage).end_user(ctx.component_id)


def _received_as(ctx: RuleContext) -> Any:
    # Clause 1.b.ii: what arrives "as part of an integrated end user product" is received
    # that way, whether the manifest marks the model itself or the product holding it.
    own = ctx.component.received_as
    if own is not None:
        return own
    if ctx.component_id in containment(ctx.lineage).received:
        return INTEGRATED
    return "direct"


def _reach_path(ctx: RuleContext) -> Any:
    reach = ctx.lineage.best_reach(ctx.component_id, ctx.version.id)
    return reach.path if reach else ()


# Per-lineage closures for the facts below, computed once per (version, kind) in one pass
# over the graph; keyed weakly so a lineage and its cache go away together.
_CLOSURES: weakref.WeakKeyDictionary[Lineage, dict[tuple[str, str], frozenset[str]]] = (
    weakref.WeakKeyDictionary()
)


def _follows(kind: str, edge: Edge) -> bool:
    if kind == "weights":
        # A distilled student learns from the teacher's outputs; it does not carry its weights.
        return edge.kind == "contains" or (
            edge.kind == "derived_from" and edge.relation != "distill"
        )
    return edge.kind == "derived_from"


def _closure(lineage: Lineage, license_id: str, kind: str) -> frozenset[str]:
    """Components that reach a release of ``license_id`` over the edges ``kind`` follows."""
    cache = _CLOSURES.setdefault(lineage, {})
    if (license_id, kind) not in cache:
        reached = {
            cid
            for cid, release in lineage.releases.items()
            if release.license == license_id
            and (kind == "weights" or release.modality == "multimodal")
        }
        for node in lineage.order:  # what a node depends on comes before it
            if node not in reached and any(
                edge.target in reached and _follows(kind, edge) for edge in lineage.out_edges(node)
            ):
                reached.add(node)
        cache[(license_id, kind)] = frozenset(reached)
    return cache[(license_id, kind)]


def _derivative(ctx: RuleContext) -> Any:
    return ctx.component_id in _closure(ctx.lineage, ctx.version.id, "weights")


def _other_parents(ctx: RuleContext) -> Any:
    # The models a merge, fine-tune or adapter builds on whose weights do not come from this
    # version: under clause 1.b.v (Llama 2 and 3) each is "any other large language model".
    ours = _closure(ctx.lineage, ctx.version.id, "weights")
    parents = ctx.component.derived_from
    return tuple(sorted(d.id for d in parents if d.relation != "distill" and d.id not in ours))


def _multimodal_release(ctx: RuleContext) -> Any:
    return ctx.component_id in _closure(ctx.lineage, ctx.version.id, "multimodal")


FACTS: dict[str, tuple[str, FactFn]] = {
    "component.id": ("the component's id", lambda c: c.component.id),
    "component.type": ("model, dataset or product", lambda c: c.component.type),
    "component.name": ("the name it is distributed or made available under", _name),
    "component.name_base": ("the name without a Hub namespace (`org/`)", _name_base),
    "component.ref": ("the Hub id it stands for, or null", lambda c: c.component.ref),
    "component.is_release": (
        "true if the component is an official release of this version, used as is",
        lambda c: (
            c.component_id in c.lineage.releases
            and c.lineage.releases[c.component_id].license == c.version.id
        ),
    ),
    "component.received_as": (
        "direct (default) or integrated-end-user-product; a component inside a product "
        "received as an integrated end-user product is received that way too",
        _received_as,
    ),
    "component.end_user": (
        "true if the licensee is only an end user of this component: received as an integrated "
        "end-user product (or inside one), and nothing of its own derives from it, is trained "
        "on it or contains it",
        _end_user,
    ),
    "component.distributed": (
        "true if distributed or made available to others, as declared or because a distributed "
        "container holds it; a `distributed: false` that a container contradicts is missing",
        distributed,
    ),
    "component.delivery": (
        "copies (default) or hosted; a component that leaves only inside containers takes "
        "theirs (copies if any ships copies)",
        delivery,
    ),
    "component.large_language_model": (
        "true if the model is a large language model",
        _large_language_model,
    ),
    "component.multimodal": (
        "true if the model derives from a multimodal release of this version (whatever its "
        "`modality` says), or is declared multimodal",
        lambda c: c.lineage.multimodal(c.component_id, c.version.id),
    ),
    "component.relations": ("relations of its derived_from entries", _relations),
    "component.folder": (
        "for a component found by discovery, the folder it looks in first for its evidence "
        "files (the card's, as `m/` or `the project folder`), or null",
        lambda c: c.component.attribution.folder or None,
    ),
    "project.manifest": (
        "true if a manifest (llamalicense.yaml) describes the project; false for a folder "
        "checked by discovery",
        lambda c: c.project.has_manifest,
    ),
    "lineage.materials": (
        "true if the Llama Materials of this version (or a derivative) reach the component",
        lambda c: c.lineage.reaches(c.component_id, c.version.id, MATERIALS),
    ),
    "lineage.outputs": (
        "true if outputs or results of this version reach the component (e.g. synthetic data)",
        lambda c: c.lineage.reaches(c.component_id, c.version.id, OUTPUTS),
    ),
    "lineage.path": ("the component ids down to the official release", _reach_path),
    "license.id": ("the Llama version of the rule", lambda c: c.version.id),
    "license.date": ("the version's release (or effective) date", lambda c: c.version.date),
    "license.mau_month": (
        "the calendar month before that date (clause 2)",
        lambda c: c.version.mau_month,
    ),
    "licensee.name": ("the licensee's name", lambda c: c.project.licensee.name),
    "licensee.country": ("the licensee's country (ISO 3166-1 alpha-2)", _country),
    "licensee.in_eu": ("true if that country is an EU member state (rules/data)", _in_eu),
    "licensee.mau": (
        "monthly active users of the licensee and all affiliates in license.mau_month",
        _mau,
    ),
    "licensee.mau_declared": (
        "the sum of the counts declared for license.mau_month",
        _mau_declared,
    ),
    "licensee.max_mau": (
        "the declared ceiling on monthly active users, or null",
        lambda c: c.project.licensee.max_monthly_active_users,
    ),
    "licensee.meta_license": (
        "true where Meta granted a separate license",
        lambda c: bool(c.project.licensee.meta_license),
    ),
    "attribution.agreement": (
        "evidence paths or URLs: agreement copies (with the containers' when it leaves only "
        "inside them)",
        evidence("agreement"),
    ),
    "attribution.notice": (
        "evidence paths or URLs: Notice files (with the containers', as above)",
        evidence("notice"),
    ),
    "attribution.built_with_llama": (
        'evidence paths or URLs: where "Built with ..." is displayed (with the containers\', '
        "as above)",
        evidence("built_with_llama"),
    ),
    "attribution.ai_disclosure": (
        "evidence paths or URLs: what end users are told (with the containers', as above)",
        evidence("ai_disclosure"),
    ),
    "lineage.derivative": (
        "true if the component is a release of this version or carries its weights "
        "(derived_from hops other than distill, and contains hops)",
        _derivative,
    ),
    "lineage.other_parents": (
        "ids of direct derived_from parents (not distill) that are not lineage.derivative",
        _other_parents,
    ),
    "lineage.multimodal_release": (
        "true if a multimodal release of this version reaches the component by derived_from",
        _multimodal_release,
    ),
}
