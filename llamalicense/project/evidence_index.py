"""The evidence files beside a model, found by folder: agreement, Notice, "Built with".

Discovery looks at the files in a model's folder and every folder above it, up to the
project folder. The files are indexed by folder once, so finding a model's evidence costs
the files of its few folders, not every file of the project (with 10,000 cards, filtering
every file for every card was quadratic). Each file is judged once by the evidence
scanner and the verdict is kept:

* ``agreement``: files named like a license (LICENSE, LICENCE, COPYING, USE_POLICY, ...)
  that hold a Llama agreement, complete or not (the rule then says whether it is a copy);
* ``notice``: files named like a Notice file (NOTICE, NOTICE.txt, ...);
* ``built_with_llama``: READMEs / about pages (and the card) that really display
  "Built with ..." (not inside YAML front matter, an HTML comment or a quoted license).
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from llamalicense.documents.loader import read_text
from llamalicense.errors import LlamalicenseError
from llamalicense.model.project import Attribution

EVIDENCE_MAX_BYTES = 2 * 1024 * 1024
LICENSE_WORDS = ("license", "licence", "copying", "use_policy", "use-policy", "acceptable")
DOC_WORDS = ("readme", "about")


def is_evidence_file(relative: str) -> bool:
    """Is the file named like a license, a Notice, a README or an about page?"""
    lowered = PurePosixPath(relative).name.lower()
    return any(w in lowered for w in (*LICENSE_WORDS, "notice", *DOC_WORDS))


class EvidenceIndex:
    """Evidence files per folder, judged once each by the scanner."""

    def __init__(self, root: Path, files: tuple[str, ...]) -> None:
        self.root = root
        self.by_folder: dict[PurePosixPath, list[tuple[int, str]]] = {}
        for order, relative in enumerate(files):
            parent = PurePosixPath(relative).parent
            self.by_folder.setdefault(parent, []).append((order, relative))
        self._verdicts: dict[str, tuple[bool, bool, bool]] = {}

    def scope(self, folder: PurePosixPath) -> list[str]:
        """The evidence files in ``folder`` and the folders above it, in walk order."""
        found: list[tuple[int, str]] = []
        for up in folders_up(folder):
            found.extend(self.by_folder.get(up, ()))
        return [relative for _, relative in sorted(found)]

    def attribution_for(self, relative: str, *, own: bool = True) -> Attribution:
        """What the files around ``relative`` (and, with ``own``, the file itself) show."""
        scope = self.scope(PurePosixPath(relative).parent)
        agreement, notice, built = [], [], []
        for path in [*scope, relative] if own else scope:
            has_agreement, is_notice, shows = self.judge(path)
            if has_agreement:
                agreement.append(path)
            if is_notice:
                notice.append(path)
            if shows:
                built.append(path)
        return Attribution(
            agreement=tuple(dict.fromkeys(agreement)),
            notice=tuple(dict.fromkeys(notice)),
            built_with_llama=tuple(dict.fromkeys(built)),
            unlisted=_searched(folders_up(PurePosixPath(relative).parent)),
            folder=_shown_folder(PurePosixPath(relative).parent),
        )

    def judge(self, relative: str) -> tuple[bool, bool, bool]:
        """(holds a Llama agreement, is a Notice file, displays "Built with") for one file."""
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
        licensed = any(w in name for w in LICENSE_WORDS)
        verdict = (
            licensed and any(t.kind == "agreement" for t in result.texts),
            "notice" in name,
            any(b.displayed for b in result.built_with),
        )
        self._verdicts[relative] = verdict
        return verdict


def _shown_folder(folder: PurePosixPath) -> str:
    """A folder as findings name it: ``m/``, or the project folder."""
    return "the project folder" if str(folder) in (".", "") else f"{folder}/"


def _searched(folders: list[PurePosixPath]) -> str:
    """Where discovery looked, as a finding's reason says it when it found nothing."""
    named = [_shown_folder(f) for f in folders]
    where = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
    return (
        f"no manifest lists evidence, and discovery found none for this duty in {where} "
        "(it reads the license, Notice, README and about-page files there)"
    )


def folders_up(folder: PurePosixPath) -> list[PurePosixPath]:
    """``folder`` and every folder above it, up to ``.``."""
    out = [folder]
    while str(folder) not in (".", ""):
        folder = folder.parent
        out.append(folder)
    if out[-1] != PurePosixPath("."):
        out.append(PurePosixPath("."))
    return out
