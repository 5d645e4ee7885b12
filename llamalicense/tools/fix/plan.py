"""Planning a fix: check the project, then for each open finding a fix can close, the edits.

Fixable obligations (``FIXABLE``):

* ``agreement-copy``: the official agreement written unchanged at ``LICENSES/LLAMA-<v>.txt``
  and listed under the component's ``attribution.agreement``;
* ``notice``: each missing Notice sentence added to the component's Notice file (``NOTICE``
  when none is listed), every line already there kept, none written twice; a line carrying
  the sentence of another version that no longer reaches any component is replaced;
* ``built-with``: one line with the version's "Built with" words added to the page the user
  names, or to the listed page, or to ``README.md``, in that file's markup;
* ``license-declaration``: a model card's ``license:`` set to the Hub id of the one Llama
  license its lineage reaches, the rest of the front matter kept byte for byte.

Without ``only``, each base a manifest's model card names that the check resolved to a Llama
release is also written into the manifest as a commented stub (:mod:`.bases`).

Everything else (a model's name, MAU, the Acceptable Use Policy, the EU paragraph, reviews)
is listed as not fixed, with the reason and the finding's own fix text.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from llamalicense.api import check, load_project
from llamalicense.catalog.data import load_catalog
from llamalicense.errors import InputError
from llamalicense.model.findings import Finding, Report
from llamalicense.model.project import Component, Project, is_url
from llamalicense.project.hub.settings import HubSettings
from llamalicense.tools.fix import bases, frontmatter, listing
from llamalicense.tools.fix.files import Refused, Text, Workspace, add_lines
from llamalicense.tools.fix.texts import (
    HUB_LICENSE_IDS,
    agreement_path,
    agreement_text,
    required_text,
)
from llamalicense.tools.stubs import stub_entry, stub_lines

FIXABLE = ("agreement-copy", "notice", "built-with", "license-declaration")
STUB = "manifest stub"  # the rule of a NotFixed that is a base not written into the manifest
OPEN = ("violation", "needs-review")
MARKDOWN = (".md", ".markdown", ".rst", ".txt", "")
HTML = (".html", ".htm")


@dataclass(frozen=True)
class Edit:
    """One file's change: ``old`` is None for a new file; ``closes`` the findings it answers
    (``RULE component``)."""

    path: str
    old: str | None
    new: str
    closes: tuple[str, ...]
    data: bytes = field(repr=False, default=b"")


@dataclass(frozen=True)
class NotFixed:
    """A finding left open (or, with ``rule`` ``manifest stub`` and no status, a base not
    written into the manifest), with the reason and what to do by hand."""

    rule: str
    component: str
    status: str
    reason: str
    how_to_fix: str


@dataclass(frozen=True)
class FixPlan:
    root: Path
    edits: tuple[Edit, ...]
    not_fixed: tuple[NotFixed, ...]


@dataclass
class _Planner:
    project: Project
    report: Report
    built_with_page: str | None
    files: Workspace
    closes: dict[str, list[str]] = field(default_factory=dict)
    not_fixed: list[NotFixed] = field(default_factory=list)
    # where the manifest's entries lie, kept between listings (see listing.Entries)
    _entries: listing.Entries | None = None

    def component(self, finding: Finding) -> Component | None:
        try:
            return self.project.component(finding.component)
        except KeyError:
            return None

    def closed(self, path: str, finding: Finding) -> None:
        self.closes.setdefault(path, []).append(f"{finding.rule} {finding.component}")

    def skip(self, finding: Finding, reason: str) -> None:
        self.not_fixed.append(
            NotFixed(finding.rule, finding.component, finding.status, reason, finding.how_to_fix)
        )

    def versions_of(self, component_id: str) -> tuple[str, ...]:
        for info in self.report.components:
            if info.id == component_id:
                return tuple(info.licenses)
        return ()

    # -- the manifest ---------------------------------------------------------------------

    def manifest(self) -> str | None:
        """The manifest's path relative to the root, when it is a YAML file a fix can edit."""
        manifest = Path(self.project.manifest)
        if not manifest.is_file() or manifest.suffix not in (".yaml", ".yml"):
            return None
        try:
            return manifest.resolve().relative_to(Path(self.project.root).resolve()).as_posix()
        except ValueError:
            return None

    def list_path(self, finding: Finding, kind: str, path: str) -> None:
        """Make sure ``path`` is listed under the component's ``attribution.<kind>``."""
        component = self.component(finding)
        if component is None or path in getattr(component.attribution, kind):
            return
        manifest = self.manifest()
        if manifest is None:
            raise Refused(
                f"the project has no YAML manifest to list {path} in (add it under "
                f"attribution.{kind} of {finding.component} by hand)"
            )
        text = self.files.get(manifest)
        self._entries = listing.add_path(
            text, component.id, kind, path, manifest, entries=self._entries
        )
        self.closed(manifest, finding)

    def stubs(self) -> None:
        """Write each base the manifest's cards name, resolved by the check, into the manifest
        (all of them, or none, with the reason)."""
        found = bases.resolved_bases(self.project, load_catalog())
        if not found:
            return
        saved = self.files.snapshot()
        manifest = self.manifest()
        try:
            if manifest is None:
                given = Path(self.project.manifest)
                raise Refused(
                    f"{given.name}: only a YAML manifest inside the project folder is edited"
                    if given.is_file()
                    else "the project has no manifest to write it in (`llamalicense init` "
                    "writes one; `fix` then adds the stub)"
                )
            text = self.files.get(manifest)
            listing.add_items(
                text,
                lambda indent: "".join(
                    line
                    for stub in found
                    for line in stub_lines(stub.base, why=stub.comments, indent=indent)
                ),
                manifest,
            )
            bases.same_lineage(self.project, text.content)
        except Refused as exc:
            self.files.restore(saved)
            for stub in found:
                entry = json.dumps(stub_entry(stub.base)[0], ensure_ascii=False)
                self.not_fixed.append(
                    NotFixed(
                        STUB,
                        stub.base.id,
                        "",
                        str(exc),
                        f"add {entry} to the manifest's components ({'; '.join(stub.why)})",
                    )
                )

    # -- obligations ----------------------------------------------------------------------

    def agreement(self, finding: Finding) -> None:
        version = finding.license or ""
        path = agreement_path(version)
        text = self.files.get(path)
        official = agreement_text(version)
        if text.original is not None and text.original != official:
            raise Refused(f"{path} exists and is not the official {version} agreement")
        text.content = official
        self.closed(path, finding)
        self.list_path(finding, "agreement", path)

    def notice(self, finding: Finding) -> None:
        version = finding.license or ""
        sentence = required_text("notice", version)
        if sentence is None:
            raise Refused(f"no Notice sentence is known for {version}")
        component = self.component(finding)
        listed = [p for p in (component.attribution.notice if component else ()) if not is_url(p)]
        path = listed[0] if listed else "NOTICE"
        text = self.files.get(path)
        self._add_notice(text, sentence, version, finding.component)
        self.closed(path, finding)
        self.list_path(finding, "notice", path)

    def _add_notice(self, text: Text, sentence: str, version: str, component: str) -> None:
        lines = text.content.splitlines()
        wanted = _loose(sentence)
        for index, line in enumerate(lines):
            if _loose(line) == wanted:
                if line.strip() != sentence:  # the same sentence with other capitals or stops
                    text.content = _replace_line(text, index, sentence)
                return
        stale = self._stale_notice_line(lines, version)
        if stale is not None:
            text.content = _replace_line(text, stale, sentence)
            return
        add_lines(text, [sentence], paragraph=False)

    def _stale_notice_line(self, lines: Sequence[str], version: str) -> int | None:
        """A line holding another version's Notice sentence that reaches no component."""
        reaching = {v for info in self.report.components for v in info.licenses}
        for other in HUB_LICENSE_IDS:
            if other == version or other in reaching:
                continue
            sentence = required_text("notice", other)
            if sentence is None:
                continue
            for index, line in enumerate(lines):
                if _loose(line) == _loose(sentence):
                    return index
        return None

    def built_with(self, finding: Finding) -> None:
        words = required_text("built-with", finding.license or "")
        if words is None:
            raise Refused(f'no "Built with" wording is known for {finding.license}')
        component = self.component(finding)
        listed = [
            p
            for p in (component.attribution.built_with_llama if component else ())
            if not is_url(p)
        ]
        path = self.built_with_page or (listed[0] if listed else "README.md")
        suffix = PurePosixPath(path).suffix.lower()
        text = self.files.get(path)
        if words.casefold() not in text.content.casefold():
            if suffix in MARKDOWN:
                add_lines(text, [words], paragraph=True)
            elif suffix in HTML:
                _add_html_paragraph(text, words)
            else:
                raise Refused(f"{path}: a page in a markup this fix does not write ({suffix})")
        self.closed(path, finding)
        self.list_path(finding, "built_with_llama", path)

    def declaration(self, finding: Finding) -> None:
        component = self.component(finding)
        if component is None or not component.card:
            raise Refused("the declared license is not in a model card this fix can edit")
        versions = self.versions_of(component.id)
        if len(versions) != 1:
            raise Refused(
                "the lineage reaches "
                + (", ".join(versions) if versions else "no Llama version")
                + "; choose the license to declare by hand"
            )
        card = _relative(Path(component.card), Path(self.project.root))
        text = self.files.get(card)
        frontmatter.set_license(text, HUB_LICENSE_IDS[versions[0]], card)
        self.closed(card, finding)


def _loose(line: str) -> str:
    """A line as Notice sentences are compared for near misses: letters and digits only."""
    folded = line.replace("©", "(c)").casefold()
    return "".join(ch for ch in folded if ch.isalnum())


def _replace_line(text: Text, index: int, new: str) -> str:
    lines = text.content.splitlines(keepends=True)
    old = lines[index]
    ending = old[len(old.rstrip("\r\n")) :]
    lines[index] = new + ending
    return "".join(lines)


def _add_html_paragraph(text: Text, words: str) -> None:
    paragraph = f"<p>{words}</p>"
    at = text.content.lower().rfind("</body>")
    if at < 0:
        add_lines(text, [paragraph], paragraph=False)
    else:
        text.content = text.content[:at] + paragraph + text.newline + text.content[at:]


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        raise Refused(f"{path}: outside the project folder") from None


def plan_fixes(
    source: str | Path,
    *,
    only: Sequence[str] = (),
    built_with_page: str | None = None,
    rules: Sequence[str | Path] = (),
    hub: HubSettings | None = None,
) -> FixPlan:
    """Check the project and plan the edits that close its fixable findings.

    Args:
        source: the project folder or manifest, as for :func:`llamalicense.check`.
        only: limit the fixes to these obligations (any of ``FIXABLE``).
        built_with_page: the page (relative to the project folder) that gets "Built with".
        rules: extra rule folders, as for :func:`llamalicense.check`.
        hub: resolve unplaced base models through the Hub, as for :func:`llamalicense.check`.

    Raises:
        InputError: an unknown obligation in ``only``, or a page outside the project.
        LlamalicenseError: the project cannot be loaded (as for ``check``).
    """
    unknown = sorted(set(only) - set(FIXABLE))
    if unknown:
        raise InputError(
            f"fix --only: {', '.join(unknown)} is not an obligation fix can close",
            hint=f"choose from {', '.join(FIXABLE)}",
        )
    project = load_project(source, hub=hub)
    report = check(project, rules=rules)  # the project read once, for the plan and the check
    root = Path(project.root)
    planner = _Planner(project, report, built_with_page, Workspace(root))
    actions = {
        "agreement-copy": planner.agreement,
        "notice": planner.notice,
        "built-with": planner.built_with,
        "license-declaration": planner.declaration,
    }
    for finding in report.findings:
        if finding.status not in OPEN or (only and finding.obligation not in only):
            continue
        action = actions.get(finding.obligation)
        if action is None:
            planner.skip(finding, "not a mechanical fix: " + _why_not(finding.obligation))
            continue
        saved = planner.files.snapshot()
        closes = {path: list(items) for path, items in planner.closes.items()}
        try:
            action(finding)
        except Refused as exc:  # the finding's edits go together, or not at all
            planner.files.restore(saved)
            planner.closes = closes
            planner.skip(finding, str(exc))
    if not only:
        planner.stubs()
    edits = tuple(
        Edit(path, text.original, text.content, tuple(planner.closes.get(path, ())), text.encoded())
        for path, text in planner.files.changed()
    )
    return FixPlan(root, edits, tuple(planner.not_fixed))


_REASONS = {
    "model-name": "renaming a published model is a release decision",
    "mau": "monthly active users are facts only the licensee can state, and a license from "
    "Meta is a negotiation",
    "eu-multimodal": "where the licensee is established and what it ships are facts, not text",
    "other-llms": "what a model is used to improve is a design decision",
    "aup": "an Acceptable Use Policy finding is about what the product does",
    "review": "a review record needs a named person",
}


def _why_not(obligation: str) -> str:
    return _REASONS.get(obligation, f"the {obligation} obligation needs a person's decision")
