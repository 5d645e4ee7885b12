"""Findings about what a component *says* it is: its declared license and its identity.

Called by :func:`llamalicense.engine.evaluate.evaluate` once per component.

* ``license-declaration``: the license a component is declared under (a model card's
  ``license``, a BOM's licenses, the manifest's ``license:``) against the Llama versions
  its lineage reaches. ``license: llama3`` on a Llama 3.1 derivative, ``apache-2.0`` on a
  Llama derivative, or ``llama2`` on a model with no Llama in its lineage, are reported
  for review. The lineage decides which license governs; the declaration never adds a
  Llama version (a label is not evidence of derivation) and never removes one.
* ``model-identity``: the notes an importer left on a component (a re-upload resolved, a
  "Llama"-named base that is not a known release, a base inferred from the card's text), and
  what its ``ref`` was read as (:mod:`llamalicense.lineage.refs`).
"""

from __future__ import annotations

from typing import Literal

from llamalicense.catalog.data import is_declared_release
from llamalicense.catalog.licenses import LLAMA, PLACEHOLDER, RESEARCH_LICENSE, classify
from llamalicense.catalog.model_ids import OTHER_FAMILIES
from llamalicense.lineage.graph import MATERIALS, Lineage
from llamalicense.model.findings import Finding, Status
from llamalicense.model.project import Component, Note, Project

DECLARATION_RULE = "LLAMALICENSE-LICENSE-DECLARATION"
_OTHER_FAMILIES = OTHER_FAMILIES


def identity_findings(comp: Component, lineage: Lineage, project: Project) -> list[Finding]:
    """Declaration and identity findings for one component (empty when there is nothing)."""
    ref_note = lineage.ref_notes.get(comp.id)
    if not comp.notes and not comp.license and ref_note is None:  # the usual: nothing to say
        return []
    notes = comp.notes if ref_note is None else (ref_note, *comp.notes)
    findings = [_note_finding(comp, note, project) for note in _merged(notes)]
    declaration = _declaration(comp, lineage, project)
    if declaration is not None:
        findings.append(declaration)
    return findings


def _merged(notes: tuple[Note, ...]) -> list[Note]:
    """One note per rule: fingerprints are per (rule, component)."""
    by_rule: dict[str, list[Note]] = {}
    for note in notes:
        by_rule.setdefault(note.rule, []).append(note)
    merged = []
    for rule, group in sorted(by_rule.items()):
        if len(group) == 1:
            merged.append(group[0])
            continue
        status: Literal["pass", "needs-review"] = (
            "needs-review" if any(n.status == "needs-review" for n in group) else "pass"
        )
        merged.append(
            Note(
                rule=rule,
                status=status,
                title=group[0].title,
                message=" ".join(n.message for n in group),
                how_to_fix=group[0].how_to_fix,
                subject=", ".join(n.subject for n in group),
            )
        )
    return merged


def _note_finding(comp: Component, note: Note, project: Project) -> Finding:
    return Finding(
        rule=note.rule,
        license=None,
        clause=None,
        obligation="model-identity",
        status=note.status,
        severity="warning" if note.status == "needs-review" else "note",
        component=comp.id,
        path=(comp.id, *(s.strip() for s in note.subject.split(",") if s.strip())),
        title=note.title,
        quote="",
        message=note.message,
        reason=note.message,
        how_to_fix=note.how_to_fix,
        explanation={
            "importer": {
                "op": note.rule,
                "result": True if note.status == "pass" else None,
                "detail": note.message,
            }
        },
        location=comp.source or project.manifest,
        line=comp.line,
    )


def _declaration(comp: Component, lineage: Lineage, project: Project) -> Finding | None:
    if not comp.license:
        return None
    declared = [classify(value, "license") for value in comp.license]
    llama = sorted({d.version for d in declared if d.kind == LLAMA and d.version})
    others = [d.raw for d in declared if d.kind not in (LLAMA, PLACEHOLDER)]
    placeholders = [d.raw for d in declared if d.kind == PLACEHOLDER]
    # The versions whose *materials* reach the component govern it; outputs alone (synthetic
    # data) bring duties such as the name prefix, but not the license of the weights.
    reached = list(lineage.licenses(comp.id))
    governing = [v for v in reached if lineage.reaches(comp.id, v, MATERIALS)]
    outputs_only = [v for v in reached if v not in governing]
    shown = ", ".join(comp.license)
    where = f" ({comp.card})" if comp.card else ""
    path = _path(comp, lineage, governing)

    def finding(
        status: Status, severity: str, message: str, fix: str, license_id: str | None
    ) -> Finding:
        return Finding(
            rule=DECLARATION_RULE,
            license=license_id,
            clause=None,
            obligation="license-declaration",
            status=status,
            severity=severity,
            component=comp.id,
            path=path,
            title="The declared license agrees with the lineage",
            quote="",
            message=message,
            reason=message,
            how_to_fix=fix,
            explanation={
                "declared": {
                    "op": "declared license agrees with the lineage",
                    "result": status == "pass",
                    "detail": shown,
                    "values": {"declared": list(comp.license), "lineage": governing},
                },
            },
            location=comp.source or project.manifest,
            line=comp.line,
        )

    names = " and ".join(_title(v) for v in governing)
    if RESEARCH_LICENSE in llama:
        return finding(
            "needs-review",
            "warning",
            f"{comp.id} is declared under the original LLaMA research license ({shown}){where}, "
            "a non-commercial research license that llamalicense does not check.",
            "Confirm which license governs the weights; the research license allows no "
            "commercial use.",
            governing[0] if governing else None,
        )
    if governing:
        first = governing[0]
        if llama and llama == governing and _declared_only(comp, lineage, governing):
            return finding(
                "needs-review",
                "warning",
                f"{comp.id} declares {shown}{where}, and no base model of it leads to an official "
                f"release: the base is unknown. The publisher's declaration is taken as the "
                f"statement that the {names} license governs it, so its duties apply.",
                "Name the base model (`base_model:` with the Hub id of the release it is built "
                "on, or `derived_from` in llamalicense.yaml) so the lineage is known, not only "
                "declared.",
                first,
            )
        if llama and llama == governing:
            return finding(
                "pass",
                "note",
                f"{comp.id} declares {shown}{where}, which matches its lineage ({names}).",
                "",
                first,
            )
        if llama:
            wrong = [v for v in llama if v not in governing]
            missing = [v for v in governing if v not in llama]
            parts = []
            if wrong:
                parts.append("names " + " and ".join(_title(v) for v in wrong))
            if missing:
                parts.append("leaves out " + " and ".join(_title(v) for v in missing))
            return finding(
                "needs-review",
                "warning",
                f"{comp.id} declares {shown}{where}, but it derives from {names} through "
                f"{' -> '.join(path)}: the declaration {' and '.join(parts)}. The duties follow "
                "the lineage, and the versions differ (name prefix, \u201cBuilt with\u201d "
                "wording, clause 1.b.v).",
                f"Declare the license of the release it derives from ({names}); on a Hugging "
                f"Face card, `license: {_hub_id(first)}`.",
                first,
            )
        if others:
            return finding(
                "needs-review",
                "error",
                f"{comp.id} declares {', '.join(others)}{where}, but it derives from {names} "
                f"through {' -> '.join(path)}. The Llama materials in it stay under the {names} "
                "Community License; another license may cover your own additions but cannot "
                "replace it, and recipients must get the Llama agreement.",
                f"Declare the Llama license ({_hub_id(first)} on a Hugging Face card), or both "
                "licenses with a note saying which covers what.",
                first,
            )
        return finding(
            "needs-review",
            "warning",
            f"{comp.id} declares only {', '.join(placeholders)!s}{where} (no license named), "
            f"and it derives from {names}.",
            f"Name the license: on a Hugging Face card, `license: {_hub_id(first)}`, or "
            "`license: other` with `license_name`.",
            first,
        )
    if llama and outputs_only:
        return finding(
            "needs-review",
            "warning",
            f"{comp.id} declares {shown}{where}; it is trained on outputs of "
            f"{' and '.join(_title(v) for v in outputs_only)} but holds no Llama materials, so "
            "it is not a derivative of the Llama weights and that license does not govern it "
            "(the output duties still apply).",
            "Declare the license that covers its own weights; keep the Llama duties for outputs "
            "(such as the name prefix from 3.1 on) in mind.",
            outputs_only[0],
        )
    if llama:
        family = _OTHER_FAMILIES.search(f"{comp.name or ''} {comp.id}")
        hint = (
            f" Its name points to another model family ({family.group(1)}), so the label looks "
            "wrong."
            if family
            else ""
        )
        return finding(
            "needs-review",
            "warning",
            f"{comp.id} declares {shown}{where}, but nothing in its lineage is a Llama release, so "
            "it is not treated as a Llama derivative and no Llama duty is assigned. A license "
            f"label alone is not evidence of derivation.{hint}",
            "If it is built on Llama, name the base (`base_model:` on the card, or "
            "`derived_from` in llamalicense.yaml); if not, correct the declared license.",
            None,
        )
    return None


def _declared_only(comp: Component, lineage: Lineage, governing: list[str]) -> bool:
    """Does every governing version reach the component only through a declared stand-in?"""
    for version in governing:
        reach = lineage.best_reach(comp.id, version)
        if reach is None or not is_declared_release(reach.release):
            return False
    return True


def _path(comp: Component, lineage: Lineage, governing: list[str]) -> tuple[str, ...]:
    if not governing:
        return (comp.id,)
    reach = lineage.best_reach(comp.id, governing[0])
    return reach.path if reach else (comp.id,)


def _title(version: str) -> str:
    return "Llama " + version.removeprefix("llama-")


def _hub_id(version: str) -> str:
    return version.replace("-", "")
