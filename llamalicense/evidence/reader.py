"""Judge evidence files: agreement copies, Notice sentences and "Built with" displays.

Every check returns a :class:`Judgement`: ``True`` (shown), ``False`` (not shown) or
``None`` (cannot be decided by machine: URL-only evidence, a modified copy, a near miss),
with a reason a person can act on. Files are read once per run and cached by path.
URLs are recorded, never fetched.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from llamalicense.catalog.data import LICENSE_IDS, license_versions, rules_dir
from llamalicense.documents.loader import read_text
from llamalicense.errors import InputError, LlamalicenseError
from llamalicense.model.project import is_url

EVIDENCE_MAX_BYTES = 8 * 1024 * 1024
COPY_EXACT = 1.0
COPY_MODIFIED = 0.9
# A file compared word by word with an agreement may be at most this many times as long
# (a LICENSE file holding several licenses fits; the comparison grows with the product of
# the two lengths, so a 4 MB file took 37 s). A longer one is needs-review, not compared.
MAX_COMPARED_RATIO = 20

# Fixed, linear-time patterns (no nested quantifiers): markup removal and word splitting.
_TAG = re.compile(r"<[^<>]{0,4096}>")
_MD_LINK = re.compile(r"\[([^\[\]]{0,1000})\]\([^()\s]{0,2000}\)")
_WORD = re.compile(r"[a-z0-9]+")
_SPACE = re.compile(r"\s+")
_QUOTES = str.maketrans(
    {"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2018": "'", "\u2019": "'", "\u00a0": " "}
)
_EMPHASIS = re.compile(r"(\*\*|__|\*|`|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9]))")
_COPYRIGHT = re.compile(r"\((?:c|C)\)|&copy;|&#169;")


@dataclass(frozen=True)
class Judgement:
    value: bool | None
    reason: str
    file: str | None = None
    line: int | None = None
    similarity: float | None = None


BLOCK_QUOTE = re.compile(r"^ {0,3}(?:> ?){1,8}")  # Markdown block-quote markers


def strip_markup(text: str) -> str:
    """Plain text from Markdown, reStructuredText or HTML, for phrase search."""
    text = _MD_LINK.sub(r"\1", text)
    text = _TAG.sub(" ", text)
    text = html.unescape(text)
    return _EMPHASIS.sub("", text)


def normalize_phrase_text(text: str) -> str:
    """Markup removed, quotes unified, © and (c) made one, whitespace collapsed."""
    text = _COPYRIGHT.sub("©", strip_markup(text).translate(_QUOTES))
    return _SPACE.sub(" ", text).strip()


def words(text: str) -> list[str]:
    """Lower-case words: the unit of agreement comparison (punctuation and wrapping ignored)."""
    return _WORD.findall(text.lower().replace("©", " c "))


class EvidenceReader:
    """Reads evidence files under one project root, caching text per path."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._cache: dict[str, str | LlamalicenseError | None] = {}
        # Judgements depend only on the (cached) file texts and the arguments, so each is
        # made once per run: many components list the same NOTICE and agreement copy.
        self._phrases: dict[tuple[tuple[str, ...], str, bool], Judgement] = {}
        self._copies: dict[tuple[tuple[str, ...], str], Judgement] = {}

    def text(self, relative: str) -> str | None:
        """The file's text, or None when it does not exist. Raises for unreadable files."""
        if relative not in self._cache:
            self._cache[relative] = self._read(self.root / relative, relative)
        value = self._cache[relative]
        if isinstance(value, LlamalicenseError):
            raise value
        return value

    @staticmethod
    def _read(path: Path, relative: str) -> str | LlamalicenseError | None:
        try:
            if not path.is_file():
                return None
            return read_text(path, display=relative, max_bytes=EVIDENCE_MAX_BYTES)
        except OSError as exc:  # is_file() raises for a name too long for the file system
            return InputError(f"cannot read file: {exc.strerror}", file=relative)
        except LlamalicenseError as exc:
            return exc

    def contains_phrase(
        self, paths: tuple[str, ...], phrase: str, *, exact_case: bool
    ) -> Judgement:
        """Is ``phrase`` shown in one of ``paths``? Markup-aware; URLs give ``None``."""
        key = (paths, phrase, exact_case)
        judgement = self._phrases.get(key)
        if judgement is None:
            judgement = self._phrases[key] = self._contains_phrase(
                paths, phrase, exact_case=exact_case
            )
        return judgement

    def _contains_phrase(
        self, paths: tuple[str, ...], phrase: str, *, exact_case: bool
    ) -> Judgement:
        if not paths:
            return Judgement(False, "no evidence listed")
        wanted = normalize_phrase_text(phrase)
        near: Judgement | None = None
        missing: list[str] = []
        urls = [p for p in paths if is_url(p)]
        for relative in (p for p in paths if not is_url(p)):
            text = self.text(relative)
            if text is None:
                missing.append(relative)
                continue
            found = _find_phrase(text, wanted, exact_case=exact_case)
            if found is not None and found[1]:
                return Judgement(True, f"{phrase!r} found", relative, found[0])
            if found is not None and near is None:
                near = Judgement(
                    None,
                    f"found only with different capitals or punctuation: {found[2]!r}",
                    relative,
                    found[0],
                )
        if near is not None:
            return near
        return _absent(phrase, paths, missing, urls)

    def agreement_copy(self, paths: tuple[str, ...], license_id: str) -> Judgement:
        """Is one of ``paths`` a complete copy of the ``license_id`` agreement?"""
        key = (paths, license_id)
        judgement = self._copies.get(key)
        if judgement is None:
            judgement = self._copies[key] = self._agreement_copy(paths, license_id)
        return judgement

    def _agreement_copy(self, paths: tuple[str, ...], license_id: str) -> Judgement:
        if not paths:
            return Judgement(False, "no copy of the agreement is listed")
        best: Judgement | None = None
        missing: list[str] = []
        urls = [p for p in paths if is_url(p)]
        for relative in (p for p in paths if not is_url(p)):
            text = self.text(relative)
            if text is None:
                missing.append(relative)
                continue
            judgement = judge_agreement(text, license_id, relative)
            if judgement.value is True:
                return judgement
            if best is None or (judgement.similarity or 0) > (best.similarity or 0):
                best = judgement
        if best is not None and (best.value is None or not urls):
            return best
        if urls:
            return Judgement(
                None,
                "the agreement is only given as a URL, which is not fetched: "
                + ", ".join(urls)
                + " (a copy must be provided with the materials)",
            )
        return Judgement(False, "listed file(s) do not exist: " + ", ".join(missing))


def _absent(phrase: str, paths: tuple[str, ...], missing: list[str], urls: list[str]) -> Judgement:
    files = [p for p in paths if not is_url(p) and p not in missing]
    if urls:
        return Judgement(
            None,
            f"{phrase!r} not found in files; URL evidence is not fetched: " + ", ".join(urls),
        )
    parts = []
    if files:
        parts.append(f"{phrase!r} not found in " + ", ".join(files))
    if missing:
        parts.append("missing file(s): " + ", ".join(missing))
    return Judgement(False, "; ".join(parts))


@cache
def notice_sentences() -> dict[str, str]:
    """The exact Notice sentence of each version (clause 1.b.iii), from the shipped
    agreements, where each quotes its own."""
    out: dict[str, str] = {}
    for license_id in LICENSE_IDS:
        text = normalize_phrase_text(
            read_text(rules_dir() / license_versions()[license_id].agreement)
        )
        match = re.search(r"copies:\s*\"([^\"]{20,200}?Reserved\.)\"", text)
        if match:
            out[license_id] = match.group(1)
    return out


def find_phrase(text: str, phrase: str, *, exact_case: bool) -> tuple[int, bool, str] | None:
    """Where ``phrase`` is shown in ``text``, as the Notice and "Built with" rules judge it:
    (line, exactly?, the text found), or None. The one phrase judgement of the package."""
    return _find_phrase(text, normalize_phrase_text(phrase), exact_case=exact_case)


def _find_phrase(text: str, wanted: str, *, exact_case: bool) -> tuple[int, bool, str] | None:
    """(line, exact?, matched text) for the first line window holding the phrase."""
    # A Markdown block quote over several lines is one quoted text: its "> " markers go.
    lines = [BLOCK_QUOTE.sub("", line) for line in text.splitlines()] or [text]
    loose_wanted = " ".join(words(wanted))
    for index in range(len(lines)):
        if not normalize_phrase_text(lines[index]):
            continue  # blank or markup only: the phrase cannot start on this line
        # Join a few lines so a phrase wrapped over lines is still found on its first line.
        window = normalize_phrase_text(" ".join(lines[index : index + 4]))
        start_hit = _starts_in_first_line(window, wanted, lines[index], exact_case=exact_case)
        if start_hit:
            return index + 1, True, wanted
    loose_text = " ".join(words(normalize_phrase_text(text)))
    if loose_wanted and loose_wanted in loose_text:
        for index, line in enumerate(lines):
            if words(line) and loose_wanted.split()[0] in words(line):
                return index + 1, False, _excerpt(line)
        return 1, False, loose_wanted
    return None


def _starts_in_first_line(window: str, wanted: str, first_line: str, *, exact_case: bool) -> bool:
    haystack, needle = (window, wanted) if exact_case else (window.lower(), wanted.lower())
    position = haystack.find(needle)
    if position < 0:
        return False
    first_len = len(normalize_phrase_text(first_line))
    return position < max(first_len, 1)


def _excerpt(line: str) -> str:
    text = _SPACE.sub(" ", line).strip()
    return text if len(text) <= 120 else text[:117] + "..."


@cache
def official_words(license_id: str) -> tuple[str, ...]:
    """The words of the official agreement (for Llama 3, without the appended AUP)."""
    version = license_versions()[license_id]
    path = rules_dir() / version.agreement
    text = read_text(path)
    marker = "Meta Llama 3 Acceptable Use Policy"
    if license_id == "llama-3" and marker in text:
        text = text[: text.index(marker)]
    return tuple(words(text))


def agreement_similarity(text: str, license_id: str) -> float:
    """Share of the official agreement's words found, in order, in ``text``."""
    return _similarity(words(text), license_id)


def _similarity(given: list[str], license_id: str) -> float:
    official = official_words(license_id)
    if not official or not given:
        return 0.0
    if len(given) == len(official) and tuple(given) == official:
        return 1.0  # an unchanged copy: what the matcher below finds, without its cost
    import difflib  # only for copies that differ

    matcher = difflib.SequenceMatcher(None, official, given, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    return matched / len(official)


@cache
def _official_counts(license_id: str) -> Counter[str]:
    return Counter(official_words(license_id))


def _similarity_bound(counts: Counter[str], license_id: str) -> float:
    """An upper bound of :func:`_similarity`: the official words found in ``text`` counted
    without their order (words matched in order are among them), as a share of the same
    length, so the two floats compare exactly."""
    official = _official_counts(license_id)
    total = len(official_words(license_id))
    if not total:
        return 0.0
    return sum(min(n, counts[word]) for word, n in official.items()) / total


def closer_agreement(text: str, license_id: str, score: float) -> tuple[str, float] | None:
    """The official agreement closest to ``text`` (the first in version order among equals),
    when it is not ``license_id``, whose similarity ``score`` it beats, and is at least
    COPY_MODIFIED close; else None.

    Word-by-word matching costs about 10 ms per version, so a version is matched only when
    its bound (:func:`_similarity_bound`) could still change the answer: most cannot, and a
    check that judges a copy of one version against the others stays fast (0.2 s less at
    10k components). Same answer as matching every version."""
    given = words(text)
    counts = Counter(given)
    order = list(license_versions())
    bounds = {v: _similarity_bound(counts, v) for v in order if v != license_id}
    best: tuple[str, float] | None = None
    for other in sorted(bounds, key=lambda v: (-bounds[v], order.index(v))):
        bound = bounds[other]
        if bound < COPY_MODIFIED or bound <= score or (best is not None and bound < best[1]):
            break  # visited by falling bound: no later version can change the answer either
        other_score = _similarity(given, other)
        if other_score < COPY_MODIFIED or other_score <= score:
            continue
        if (
            best is None
            or other_score > best[1]
            or (other_score == best[1] and order.index(other) < order.index(best[0]))
        ):
            best = (other, other_score)
    return best


def judge_agreement(text: str, license_id: str, relative: str) -> Judgement:
    name = license_versions()[license_id].title
    given, official = len(words(text)), len(official_words(license_id))
    if given > MAX_COMPARED_RATIO * official:
        return Judgement(
            None,
            f"{relative} is too long to compare with the {name} ({given} words, over "
            f"{MAX_COMPARED_RATIO} times the agreement's {official}); a person should check "
            "that it holds a complete copy",
            relative,
            1,
        )
    score = agreement_similarity(text, license_id)
    if score >= COPY_EXACT:
        return Judgement(True, f"complete copy of the {name}", relative, 1, score)
    closer = closer_agreement(text, license_id, score)
    if closer is not None:
        closest, closest_score = closer
        other = license_versions()[closest].title
        return Judgement(
            False,
            f"{relative} is the {other} ({closest_score:.0%}), not the {name}",
            relative,
            1,
            score,
        )
    if score >= COPY_MODIFIED:
        return Judgement(
            None,
            f"modified text: {score:.1%} of the {name} found in {relative}; a person should "
            "check whether the differences matter",
            relative,
            1,
            score,
        )
    return Judgement(
        False,
        f"{relative} is not a copy of the {name} ({score:.0%} of its words; a stub, link or "
        "truncated copy is not a copy)",
        relative,
        1,
        score,
    )
