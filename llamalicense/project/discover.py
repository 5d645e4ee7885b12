"""Find model cards under a folder and build a project from them (no manifest needed).

Each Markdown file whose front matter holds model-card keys becomes a model component that
is made available (``distributed: true``: a card is what the Hub shows for a published
model), named as the card names it, with the lineage of its ``base_model`` (see
:mod:`llamalicense.project.resolve`). Licensee facts a card cannot give (country,
monthly active users) stay unknown, so the rules that need them answer needs-review.

Evidence is taken from the files beside the card and in the folders above it, up to the
project folder, and judged by :mod:`llamalicense.evidence.scanner`:

* ``agreement``: files named like a license (LICENSE, LICENCE, COPYING, USE_POLICY, …)
  that hold a Llama agreement, complete or not (the rule then says whether it is a copy);
* ``notice``: files named like a Notice file (NOTICE, NOTICE.txt, …);
* ``built_with_llama``: the card and READMEs / about pages that really display
  "Built with …" (not inside YAML front matter, an HTML comment or a quoted license).
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from llamalicense.catalog.data import Catalog, load_catalog
from llamalicense.documents.loader import read_text
from llamalicense.errors import InputError, LlamalicenseError
from llamalicense.model.project import Attribution, Component, Derivation, Licensee, Note, Project
from llamalicense.project.readers.cards import Card, read_card
from llamalicense.project.resolve import Resolver

SKIP_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        "node_modules",
        ".venv",
        "venv",
        ".tox",
        "__pycache__",
        ".ipynb_checkpoints",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        "site-packages",
        ".cache",
    }
)
CARD_SUFFIXES = frozenset({".md", ".markdown"})
MAX_FILES = 50_000
# Folders deeper than this are an input error (discovery would otherwise recurse without end).
MAX_DEPTH = 64
EVIDENCE_MAX_BYTES = 2 * 1024 * 1024
_LICENSE_WORDS = ("license", "licence", "copying", "use_policy", "use-policy", "acceptable")
_DOC_WORDS = ("readme", "about")
_ID_JUNK = re.compile(r"[^A-Za-z0-9._:/-]+")
_MULTIMODAL_TASKS = frozenset(
    {
        "image-text-to-text",
        "video-text-to-text",
        "visual-question-answering",
        "image-to-text",
        "any-to-any",
        "audio-text-to-text",
        "document-question-answering",
    }
)
_LLM_TASKS = frozenset({"text-generation", "text2text-generation", "conversational"})
_NOT_LLM_TASKS = frozenset(
    {
        "text-classification",
        "token-classification",
        "feature-extraction",
        "sentence-similarity",
        "zero-shot-classification",
    }
)


@dataclass(frozen=True)
class Discovered:
    """What a walk over a folder found."""

    root: Path
    cards: tuple[tuple[str, Card], ...]  # (path relative to root, POSIX style; card)
    files: tuple[str, ...]  # candidate evidence files, relative to root


def walk(root: Path) -> Iterator[str]:
    """Files under ``root`` (relative POSIX paths, sorted), skipping tool and VCS folders.

    Only regular files inside the project are given (a link out of it, a FIFO or a device
    is skipped); folders deeper than :data:`MAX_DEPTH` are an input error rather than a
    crash (``os.walk`` recurses)."""
    count = 0
    real_root = root.resolve()
    for folder, dirs, files in os.walk(root):
        base = PurePosixPath(Path(folder).relative_to(root).as_posix())
        if len(base.parts) >= MAX_DEPTH and dirs:
            raise InputError(
                f"folders nested more than {MAX_DEPTH} deep",
                file=str(Path(folder) / dirs[0]),
                hint="model cards and evidence sit near the top of a project; write a "
                "manifest (docs/manifest.md) instead of relying on discovery",
            )
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
        for name in sorted(files):
            count += 1
            if count > MAX_FILES:
                return
            if _regular_inside(Path(folder) / name, real_root):
                yield str(base / name) if str(base) != "." else name


def _regular_inside(path: Path, real_root: Path) -> bool:
    """A regular file whose real path is under the project (a symlink out of it is not the
    project's evidence; a FIFO would block the run)."""
    try:
        real = path.resolve()
        return real.is_relative_to(real_root) and stat.S_ISREG(real.stat().st_mode)
    except (OSError, RuntimeError):
        return False


def discover(root: Path) -> Discovered:
    """Find model cards and evidence files under ``root``.

    Raises:
        LlamalicenseError: a card's front matter uses model-card keys but is not valid YAML
            (or has duplicate keys): that model would otherwise go unchecked.
    """
    cards: list[tuple[str, Card]] = []
    files: list[str] = []
    for relative in walk(root):
        path = root / relative
        lowered = PurePosixPath(relative).name.lower()
        if PurePosixPath(relative).suffix.lower() in CARD_SUFFIXES:
            card = _try_card(path, _display(root, relative))
            if card is not None:
                cards.append((relative, card))
        if any(w in lowered for w in (*_LICENSE_WORDS, "notice", *_DOC_WORDS)):
            files.append(relative)
    return Discovered(root, tuple(cards), tuple(files))


def _try_card(path: Path, display: str) -> Card | None:
    """A card, or None; unreadable Markdown that does not start like a card is skipped."""
    try:
        return read_card(path, display=display, strict=False)
    except InputError:
        try:
            with path.open("rb") as handle:
                head = handle.read(4096)
        except OSError:
            return None
        if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith((b"---", b"<!--")):
            raise  # it looks like a card: say why it cannot be read
        return None


def _display(root: Path, relative: str) -> str:
    return str(root / relative)


def component_id(relative: str, root: Path) -> str:
    """``models/acme/README.md`` -> ``models/acme``; ``docs/card.md`` -> ``docs/card``."""
    pure = PurePosixPath(relative)
    if pure.stem.lower() == "readme":
        raw = str(pure.parent) if str(pure.parent) != "." else (root.resolve().name or "model")
    else:
        raw = str(pure.with_suffix(""))
    cleaned = _ID_JUNK.sub("-", raw).strip("-./") or "model"
    if not cleaned[0].isalnum():
        cleaned = "m" + cleaned
    return cleaned[:200]


def project_from_cards(
    discovered: Discovered, *, catalog: Catalog | None = None, manifest: str | None = None
) -> Project:
    """A project with one made-available model per card, plus the bases they name."""
    catalog = catalog or load_catalog()
    root = discovered.root
    ids: dict[str, str] = {}
    used: set[str] = set()
    for relative, _card in discovered.cards:
        candidate = component_id(relative, root)
        while candidate in used:
            candidate += "-2"
        used.add(candidate)
        ids[relative] = candidate
    local = _local_names(discovered, ids)
    resolver = Resolver(catalog, reserved=used)
    evidence = _EvidenceIndex(root, discovered.files)
    components: list[Component] = []
    for relative, card in discovered.cards:
        own = ids[relative]
        resolver.local = {k: v for k, v in local.items() if v != own}
        resolved = resolver.resolve_card(own, card)
        components.append(
            card_component(
                card,
                own,
                derived_from=tuple(resolved.derived_from),
                trained_on=tuple(resolved.trained_on),
                notes=tuple(resolved.notes),
                attribution=evidence.attribution_for(relative),
            )
        )
    components.extend(resolver.components())
    return Project(
        root=str(root),
        manifest=manifest or str(root),
        licensee=Licensee(),
        components=tuple(components),
    )


def _local_names(discovered: Discovered, ids: dict[str, str]) -> dict[str, str]:
    """Hub-like keys under which another card's model may be named as a base."""
    names: dict[str, str] = {}
    for relative, card in discovered.cards:
        pure = PurePosixPath(relative)
        keys = {pure.parent.name if pure.stem.lower() == "readme" else pure.stem}
        if card.name_source == "model_name" and card.name:
            keys.add(card.name)
        for key in keys:
            if key:
                names[key.lower()] = ids[relative]
    return names


def card_component(
    card: Card,
    component_id: str,
    *,
    derived_from: tuple[Derivation, ...] = (),
    trained_on: tuple[str, ...] = (),
    notes: tuple[Note, ...] = (),
    attribution: Attribution | None = None,
) -> Component:
    """The model component a card describes (made available, with the card's facts)."""
    task = str(card.metadata.get("pipeline_tag") or "").lower()
    llm: bool | None = True if task in _LLM_TASKS else False if task in _NOT_LLM_TASKS else None
    return Component(
        id=component_id,
        type="model",
        name=card.name,
        derived_from=derived_from,
        trained_on=trained_on,
        distributed=True,
        large_language_model=llm,
        modality="multimodal" if task in _MULTIMODAL_TASKS else None,
        attribution=attribution or Attribution(),
        source=card.path,
        line=card.start_line or 1,
        card=card.path,
        license=card_license_values(card),
        notes=notes,
    )


def card_license_values(card: Card) -> tuple[str, ...]:
    """The license values a card declares, as written (``other`` dropped when named)."""
    named = [d for d in card.licenses if d.kind != "placeholder"]
    chosen = named or list(card.licenses)
    return tuple(dict.fromkeys(d.raw for d in chosen))


class _EvidenceIndex:
    """Evidence files per folder, judged once each by the scanner."""

    def __init__(self, root: Path, files: tuple[str, ...]) -> None:
        self.root = root
        self.files = files
        self._verdicts: dict[str, tuple[bool, bool, bool]] = {}

    def attribution_for(self, card_relative: str) -> Attribution:
        folders = _folders_up(PurePosixPath(card_relative).parent)
        scope = [f for f in self.files if PurePosixPath(f).parent in folders]
        agreement, notice, built = [], [], []
        for relative in [*scope, card_relative]:
            has_agreement, is_notice, shows = self._judge(relative)
            if has_agreement:
                agreement.append(relative)
            if is_notice:
                notice.append(relative)
            if shows:
                built.append(relative)
        return Attribution(
            agreement=tuple(dict.fromkeys(agreement)),
            notice=tuple(dict.fromkeys(notice)),
            built_with_llama=tuple(dict.fromkeys(built)),
        )

    def _judge(self, relative: str) -> tuple[bool, bool, bool]:
        if relative in self._verdicts:
            return self._verdicts[relative]
        from llamalicense.evidence.scanner import scan_text

        name = PurePosixPath(relative).name.lower()
        try:
            text = read_text(self.root / relative, display=relative, max_bytes=EVIDENCE_MAX_BYTES)
        except LlamalicenseError:
            self._verdicts[relative] = (False, False, False)
            return self._verdicts[relative]
        result = scan_text(text, relative)
        licensed = any(w in name for w in _LICENSE_WORDS)
        verdict = (
            licensed and any(t.kind == "agreement" for t in result.texts),
            "notice" in name,
            any(b.displayed for b in result.built_with),
        )
        self._verdicts[relative] = verdict
        return verdict


def _folders_up(folder: PurePosixPath) -> set[PurePosixPath]:
    out = {folder}
    while str(folder) not in (".", ""):
        folder = folder.parent
        out.add(folder)
    out.add(PurePosixPath("."))
    return out


def project_from_folder(root: Path) -> Project:
    """Discover the model cards under ``root`` and build the project; error if there are none.

    Raises:
        InputError: no manifest and no model card in the folder.
        LlamalicenseError: a card's front matter is malformed.
    """
    discovered = discover(root)
    if not discovered.cards:
        raise InputError(
            "no manifest and no model cards found in this folder",
            file=str(root),
            hint="create llamalicense.yaml (docs/manifest.md), or add a model card (a README.md "
            "with YAML front matter such as `license:` and `base_model:`), then run "
            "`llamalicense init` to write a starter manifest",
        )
    return project_from_cards(discovered)
