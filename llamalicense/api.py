"""The library entry point for legal tooling: :func:`check` returns a typed :class:`Report`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from llamalicense.engine import evaluate
from llamalicense.errors import InputError
from llamalicense.lineage import Lineage
from llamalicense.manifest import load_manifest, project_from_mapping
from llamalicense.model import Project
from llamalicense.report import Report
from llamalicense.rules import load_rules


def load_project(
    source: str | Path | Mapping[str, Any], *, root: str | Path | None = None
) -> Project:
    """A validated :class:`Project` from a manifest path, a project folder or a mapping.

    Raises:
        LlamalicenseError: the manifest is malformed, refers to unknown components, has a
            dependency cycle, or points at evidence outside the project folder.
    """
    if isinstance(source, Mapping):
        if root is None:
            raise InputError("an in-memory manifest needs `root=` (the project folder)")
        return project_from_mapping(source, Path(root))
    if root is not None:
        raise InputError("`root=` is only for in-memory manifests; a file's folder is its root")
    return load_manifest(Path(source))


def check(
    source: str | Path | Mapping[str, Any],
    *,
    root: str | Path | None = None,
    rules: Sequence[str | Path] = (),
    include_not_applicable: bool = False,
) -> Report:
    """Check a project against the Llama license rules and return the report.

    Args:
        source: a manifest file, a folder holding ``llamalicense.yaml``, or a manifest as a
            mapping (then ``root`` names the folder evidence paths are relative to).
        root: the project folder, for an in-memory manifest only.
        rules: extra rule folders (an organisation's own rules) added to the built-in ones.
        include_not_applicable: also list findings whose clause does not apply.

    Raises:
        LlamalicenseError: bad input (manifest, rules, paths); the message names the file,
            the place and the fix.
    """
    project = load_project(source, root=root)
    rule_set = load_rules(Path(p) for p in rules)
    return evaluate(project, rule_set, include_not_applicable=include_not_applicable)


def lineage_of(project: Project) -> Lineage:
    """The lineage graph of a project (a ``networkx.DiGraph`` is at ``.graph``)."""
    from llamalicense.catalog import load_catalog

    return Lineage(project, load_catalog())
