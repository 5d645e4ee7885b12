"""Which Llama texts a file holds: the official agreements and policies, and the research license.

* **Texts.** The file is cut where a Llama title line starts ("LLAMA 3.1 COMMUNITY LICENSE
  AGREEMENT", "Llama 3.2 Acceptable Use Policy"), so two texts in one file are named
  separately. Each part is compared with the 12 official texts shipped in
  ``rules/licenses/`` (six agreements, six Acceptable Use Policies, plus the AUP that Meta
  appended to the Llama 3 ``LICENSE``): word 6-gram containment picks the candidates, and
  the share of the official text's words found in order (the measure
  :func:`llamalicense.evidence.reader.agreement_similarity` uses) decides. Whitespace, line
  wrapping, Markdown, HTML and reStructuredText markup do not count. A part is
  ``complete`` (every word), ``modified`` (90 % or more), ``truncated`` (it stops part way)
  or a ``stub`` (a title and a few lines); a truncated copy or a stub is not a copy.
* **The original LLaMA research license** (February 2023) is not shipped, so it is
  recognised by its distinctive phrases only: its title "LLaMA LICENSE AGREEMENT" and its
  grant "solely for your non-commercial research purposes". No similarity is given.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from llamalicense.catalog.data import LICENSE_IDS, license_versions, rules_dir
from llamalicense.documents.loader import read_text
from llamalicense.evidence.tokens import similarity, tokens

SHINGLE = 6
COMPLETE = 1.0
MODIFIED = 0.9
CANDIDATE = 0.08  # containment at which a part is compared word by word
RESEARCH = "llama-1"
RESEARCH_TITLE = "LLaMA License Agreement (the original research license)"

_TITLE = re.compile(
    r"^(meta )?llama( [0-9]+)*( community license agreement| acceptable use policy"
    r"| license agreement)$"
)


@dataclass(frozen=True)
class Reference:
    """One official text."""

    key: str  # e.g. llama-3.1/agreement
    kind: str  # agreement | aup
    license: str
    title: str
    words: tuple[str, ...]
    shingles: frozenset[int]  # hashes of word 6-grams (stable within one process)
    heading: tuple[str, ...]
    variant: str = ""


@dataclass(frozen=True)
class TextMatch:
    """A Llama text found in (part of) a file."""

    kind: str  # agreement | aup | research-license
    license: str  # llama-2 … llama-4, or llama-1 for the research license
    title: str
    status: str  # complete | modified | truncated | stub | partial | identified
    similarity: float | None  # share of the official text's words found, in order
    start_line: int
    end_line: int
    reason: str
    extra_words: int = 0

    @property
    def is_copy(self) -> bool:
        """A complete copy (modified copies need a person; truncated ones and stubs are not)."""
        return self.status == "complete"


# -- the official texts ----------------------------------------------------------------


def _shingle_list(seq: Sequence[str]) -> list[int]:
    return [hash(tuple(seq[i : i + SHINGLE])) for i in range(max(0, len(seq) - SHINGLE + 1))]


def _shingles(seq: Sequence[str]) -> frozenset[int]:
    return frozenset(_shingle_list(seq))


def _reference(
    key: str, kind: str, license_id: str, text: str, *, title: str, variant: str = ""
) -> Reference:
    found, lines = tokens(text)
    first = lines[0] if lines else 1
    heading = tuple(w for w, n in zip(found, lines, strict=True) if n == first)
    return Reference(key, kind, license_id, title, tuple(found), _shingles(found), heading, variant)


@cache
def references() -> tuple[Reference, ...]:
    """The official texts, tokenized once per process."""
    refs: list[Reference] = []
    versions = license_versions()
    for license_id in LICENSE_IDS:
        version = versions[license_id]
        agreement = read_text(rules_dir() / version.agreement)
        policy = read_text(rules_dir() / version.use_policy)
        marker = "Meta Llama 3 Acceptable Use Policy"
        appended = ""
        if license_id == "llama-3" and marker in agreement:
            appended = agreement[agreement.index(marker) :]
            agreement = agreement[: agreement.index(marker)]
        short = "Meta Llama 3" if license_id == "llama-3" else version.short_name
        refs.append(
            _reference(
                f"{license_id}/agreement", "agreement", license_id, agreement, title=version.title
            )
        )
        refs.append(
            _reference(
                f"{license_id}/aup",
                "aup",
                license_id,
                policy,
                title=f"{short} Acceptable Use Policy",
            )
        )
        if appended:
            refs.append(
                _reference(
                    f"{license_id}/aup-appended",
                    "aup",
                    license_id,
                    appended,
                    title=f"{short} Acceptable Use Policy",
                    variant="as appended to the Llama 3 LICENSE",
                )
            )
    return tuple(refs)


# -- the texts in a file ---------------------------------------------------------------


def _segments(found: list[str], lines: list[int]) -> list[tuple[int, int, tuple[str, ...]]]:
    """(start, end, heading words) word ranges, cut where a Llama title line starts."""
    starts: list[tuple[int, tuple[str, ...]]] = []
    index = 0
    while index < len(found):
        line = lines[index]
        end = index
        while end < len(found) and lines[end] == line:
            end += 1
        heading = tuple(found[index:end])
        if len(heading) <= 10 and _TITLE.match(" ".join(heading)):
            starts.append((index, heading))
        index = end
    if not starts or starts[0][0] > 0:
        starts.insert(0, (0, ()))
    out = []
    for position, (start, heading) in enumerate(starts):
        stop = starts[position + 1][0] if position + 1 < len(starts) else len(found)
        if stop > start:
            out.append((start, stop, heading))
    return out


def find_texts(text: str) -> tuple[TextMatch, ...]:
    """Every Llama agreement, AUP or research license in ``text``, in file order."""
    found, lines = tokens(text)
    matches: list[TextMatch] = []
    for start, stop, heading in _segments(found, lines):
        part = found[start:stop]
        match = _identify(part, heading, lines[start:stop])
        if match is not None:
            matches.append(match)
    return tuple(matches)


def _identify(part: list[str], heading: tuple[str, ...], lines: list[int]) -> TextMatch | None:
    first_line, last_line = lines[0], lines[-1]
    research = _research_license(part, heading, first_line, last_line)
    if research is not None:
        return research
    listed = _shingle_list(part)
    own = frozenset(listed)
    scored = []
    for ref in references():
        containment = len(ref.shingles & own) / len(ref.shingles) if ref.shingles else 0.0
        titled = bool(heading) and heading == ref.heading
        if containment >= CANDIDATE or titled:
            scored.append((containment + (0.5 if titled else 0.0), ref))
    if not scored:
        return None
    scored.sort(key=lambda item: -item[0])
    top = scored[0][0]
    best: tuple[float, Reference, list[difflib.Match], int, int] | None = None
    for score, ref in scored[:6]:
        if score < top - 0.03:
            break
        low, high = _span(listed, len(part), ref)
        value, blocks = similarity(ref.words, part[low:high])
        if best is None or value > best[0]:
            best = (value, ref, blocks, low, high)
    assert best is not None
    value, ref, blocks, low, high = best
    return _judge(
        ref, part[low:high], value, blocks, first_line=lines[low], last_line=lines[high - 1]
    )


def _span(listed: list[int], size: int, ref: Reference) -> tuple[int, int]:
    """The stretch of a part where the reference's 6-grams occur (all of it if few do)."""
    hits = [i for i, shingle in enumerate(listed) if shingle in ref.shingles]
    if len(hits) < 3:
        return 0, size
    low = max(0, hits[0] - SHINGLE)
    high = min(size, hits[-1] + 2 * SHINGLE)
    return low, high


def _judge(
    ref: Reference,
    part: list[str],
    value: float,
    blocks: list[difflib.Match],
    *,
    first_line: int,
    last_line: int,
) -> TextMatch:
    matched = sum(b.size for b in blocks)
    extra = len(part) - matched
    title = ref.title + (f" ({ref.variant})" if ref.variant else "")
    total = len(ref.words)
    if value >= COMPLETE:
        status = "complete"
        reason = f"a complete copy of the {title}"
        if extra > max(20, total // 20):
            reason += f", with {extra} words of other text"
    elif value >= MODIFIED:
        status = "modified"
        reason = f"modified text: {value:.1%} of the {title} is there; " + _first_difference(
            ref.words, part, blocks
        )
    else:
        real = [b for b in blocks if b.size]
        first_ref = real[0].a if real else total
        last_ref = real[-1].a + real[-1].size if real else 0
        contiguous = bool(real) and first_ref <= total // 20 and matched >= 0.9 * last_ref
        if value < 0.2:
            status = "stub"
            reason = (
                f"a stub naming the {title}: only {value:.0%} of its words; a title, link or "
                "summary is not a copy of the agreement"
            )
        elif contiguous:
            status = "truncated"
            reason = (
                f"a truncated copy of the {title}: it stops after {last_ref} of its {total} "
                f"words ({value:.0%}); a truncated copy is not a copy"
            )
        else:
            status = "partial"
            reason = f"parts of the {title} ({value:.0%} of its words); not a copy"
    return TextMatch(
        ref.kind, ref.license, title, status, round(value, 4), first_line, last_line, reason, extra
    )


def _first_difference(
    official: Sequence[str], given: Sequence[str], blocks: list[difflib.Match]
) -> str:
    position = 0
    for block in blocks:
        if block.a > position:
            missing = " ".join(official[position : min(block.a, position + 8)])
            return f"the first difference is where it should read \u201c{missing}\u201d"
        position = block.a + block.size
    if position < len(official):
        return (
            "it ends early, before \u201c" + " ".join(official[position : position + 8]) + "\u201d"
        )
    return "it adds words to the official text"


def _research_license(
    part: list[str], heading: tuple[str, ...], first_line: int, last_line: int
) -> TextMatch | None:
    joined = " ".join(part)
    titled = heading == ("llama", "license", "agreement")
    grant = "solely for your non commercial research purposes" in joined
    if not (titled or (grant and "llama" in part)):
        return None
    phrases = [p for p, hit in (("its title", titled), ("its research-only grant", grant)) if hit]
    return TextMatch(
        "research-license",
        RESEARCH,
        RESEARCH_TITLE,
        "identified",
        None,
        first_line,
        last_line,
        "the original LLaMA research license, recognised by "
        + " and ".join(phrases)
        + " (its text is not shipped with llamalicense, so no similarity is computed; it is "
        "not a Llama Community License and its terms are not checked)",
    )
