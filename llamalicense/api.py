"""The library entry point for legal tooling: :func:`check` returns a typed :class:`Report`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from llamalicense.engine.evaluate import evaluate
from llamalicense.errors import InputError
from llamalicense.lineage.graph import Lineage, check_acyclic
from llamalicense.model.findings import Report
from llamalicense.model.project import Project
from llamalicense.policy.rules import load_rules
from llamalicense.project.depth import check_depth
from llamalicense.project.hub.settings import HubSettings
from llamalicense.project.manifest import load_manifest, project_from_mapping
from llamalicense.report.baseline import apply_baseline, load_fingerprints
from llamalicense.report.waivers import apply_waivers, default_waivers_file, load_waivers
from llamalicense.speed.gcpause import paused

if TYPE_CHECKING:
    from llamalicense.project.hub.chain import HubResolver


def load_project(
    source: str | Path | Mapping[str, Any],
    *,
    root: str | Path | None = None,
    hub: HubSettings | None = None,
) -> Project:
    """A validated :class:`Project` from a manifest path, a project folder or a mapping.

    ``hub`` (off by default: nothing leaves the machine without it) resolves base models
    nothing local places by reading their cards from the Hugging Face Hub (docs/inputs.md).

    Raises:
        LlamalicenseError: the manifest is malformed, refers to unknown components, has a
            dependency cycle, or points at evidence outside the project folder.
    """
    project = _load_project(source, root=root, hub=hub)
    check_acyclic(project)  # check() leaves this to the engine's graph, built once there
    return project


def _load_project(
    source: str | Path | Mapping[str, Any] | Project,
    *,
    root: str | Path | None = None,
    hub: HubSettings | None = None,
) -> Project:
    if isinstance(source, Project):
        if root is not None:
            raise InputError("`root=` is not for a Project: it carries its own root")
        return source
    if not isinstance(source, str | Path | Mapping):
        raise InputError(
            f"cannot check a {type(source).__name__}",
            hint="pass a manifest path, a project folder, a manifest as a mapping, or the "
            "Project that load_project() returns",
        )
    if isinstance(source, Mapping):
        if root is None:
            raise InputError("an in-memory manifest needs `root=` (the project folder)")
        return project_from_mapping(source, Path(root))
    if root is not None:
        raise InputError("`root=` is only for in-memory manifests; a file's folder is its root")
    return load_input(Path(source), hub=hub)


def load_input(path: Path, *, hub: HubSettings | None = None) -> Project:
    """A manifest, a folder (its manifest, or else the model cards under it), or a BOM."""
    from llamalicense.project.manifest import MANIFEST_NAMES

    resolver = _hub_resolver(hub)
    # The importers are imported only when needed: a project folder with a manifest (the
    # usual case, and a pre-commit hook's) starts faster without them.
    if path.is_dir() and not any((path / name).is_file() for name in MANIFEST_NAMES):
        from llamalicense.project import discover

        return discover.project_from_folder(path, hub=resolver)
    if path.is_file():
        from llamalicense.project.readers import bom

        if bom.is_bom_file(path):
            return bom.load_bom(path, hub=resolver)
    return load_manifest(path, hub=resolver)


def _hub_resolver(hub: HubSettings | None) -> HubResolver | None:
    """The Hub resolver for one load (``huggingface_hub`` checked before any work)."""
    if hub is None:
        return None
    from llamalicense.catalog.data import load_catalog
    from llamalicense.project.hub.chain import HubResolver

    return HubResolver(hub, load_catalog())


def check(
    source: str | Path | Mapping[str, Any] | Project,
    *,
    root: str | Path | None = None,
    rules: Sequence[str | Path] = (),
    include_not_applicable: bool = False,
    waivers: str | Path | bool | None = None,
    baseline: str | Path | None = None,
    today: dt.date | None = None,
    aup_cache: bool = True,
    max_waiver_days: int | None = None,
    hub: HubSettings | None = None,
) -> Report:
    """Check a project against the Llama license rules and return the report.

    Args:
        source: a manifest file, a folder holding ``llamalicense.yaml`` (or, without one,
            the model cards under it: docs/inputs.md), a CycloneDX / SPDX 3 BOM file, or a
            manifest as a mapping (then ``root`` names the folder evidence paths are
            relative to), or the :class:`Project` that :func:`load_project` returns.
        root: the project folder, for an in-memory manifest only.
        rules: extra rule folders (an organisation's own rules) added to the built-in ones.
        include_not_applicable: also list findings whose clause does not apply.
        waivers: a waivers file; ``None`` uses ``llamalicense-waivers.yaml`` beside the
            manifest when there is one; ``False`` ignores waivers.
        baseline: a previous JSON report; findings already in it are left out.
        today: the date waivers are judged against (default: today), for reproducible runs.
        aup_cache: reuse cached AUP classifications (the user cache directory).
        max_waiver_days: the longest a waiver may run: one that expires more than this
            many days after ``today`` is not applied, and is reported (docs/waivers.md).
        hub: resolve base models nothing local places through the Hugging Face Hub
            (:class:`HubSettings`: cache folder, endpoint, caps); ``None`` (the default)
            sends nothing anywhere. Needs ``pip install 'llamalicense[hub]'``.

    Raises:
        LlamalicenseError: bad input (manifest, rules, paths); the message names the file,
            the place and the fix.
    """
    with paused():
        project = _load_project(source, root=root, hub=hub)
        check_depth(project)  # the report's findings carry paths as long as the lineage
        rule_set = load_rules(Path(p) for p in rules)
        report = evaluate(
            project, rule_set, include_not_applicable=include_not_applicable, aup_cache=aup_cache
        )
    waiver_file: Path | None = None
    if isinstance(waivers, str | Path):
        waiver_file = Path(waivers)
    elif waivers is None and _read_from_disk(source, project):
        beside = Path(project.manifest)  # a discovered folder's waivers sit inside it
        waiver_file = default_waivers_file(str(beside / "-" if beside.is_dir() else beside))
    if waiver_file is not None:
        report = apply_waivers(
            report,
            load_waivers(waiver_file),
            today or dt.date.today(),
            max_days=max_waiver_days,
        )
    if baseline is not None:
        report = apply_baseline(report, load_fingerprints(Path(baseline)), str(baseline))
    return report


def _read_from_disk(source: object, project: Project) -> bool:
    """Whether the project came from a file or folder (so a waivers file may sit beside it),
    not from an in-memory manifest (whose ``manifest`` is a placeholder such as
    ``<memory>``, never to be looked up beside)."""
    if isinstance(source, Mapping):
        return False
    return not isinstance(source, Project) or Path(project.manifest).exists()


def lineage_of(project: Project) -> Lineage:
    """The lineage graph of a project (a ``networkx.DiGraph`` is at ``.graph``)."""
    from llamalicense.catalog.data import load_catalog

    return Lineage(project, load_catalog())
