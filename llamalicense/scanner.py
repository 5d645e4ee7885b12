"""The evidence scanner: which Llama texts, Notice sentences and "Built with" displays a file holds.

* **Texts.** The file is cut where a Llama title line starts ("LLAMA 3.1 COMMUNITY LICENSE
  AGREEMENT", "Llama 3.2 Acceptable Use Policy"), so two texts in one file are named
  separately. Each part is compared with the 12 official texts shipped in
  ``rules/licenses/`` (six agreements, six Acceptable Use Policies, plus the AUP that Meta
  appended to the Llama 3 ``LICENSE``): word 6-gram containment picks the candidates, and
  the share of the official text's words found in order (the measure
  :func:`llamalicense.evidence.agreement_similarity` uses) decides. Whitespace, line
  wrapping, Markdown, HTML and reStructuredText markup do not count. A part is
  ``complete`` (every word), ``modified`` (90 % or more), ``truncated`` (it stops part way)
  or a ``stub`` (a title and a few lines); a truncated copy or a stub is not a copy.
* **The original LLaMA research license** (February 2023) is not shipped, so it is
  recognised by its distinctive phrases only: its title "LLaMA LICENSE AGREEMENT" and its
  grant "solely for your non-commercial research purposes". No similarity is given.
* **Notice sentences** (clause 1.b.iii) per version, with the forms seen in the wild judged:
  exact; "(c)" for "©" (the same, CLAUSES.md §1.4); a missing final period (accepted);
  different capitals (review); altered wording or a paraphrase (not the notice).
* **"Built with …"** ("Built with Meta Llama 3" for Llama 3, "Built with Llama" from 3.1 on)
  in Markdown, HTML, reStructuredText and plain text; not counted inside YAML front matter,
  HTML comments, ``<script>``/``<style>``, or a quoted license text.

Nothing here reads the network; all functions are pure given the shipped texts.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from llamalicense.catalog import LICENSE_IDS, license_versions, rules_dir
from llamalicense.evidence import normalize_phrase_text, strip_markup, words
from llamalicense.loader import read_text

SHINGLE = 6
COMPLETE = 1.0
MODIFIED = 0.9
CANDIDATE = 0.08  # containment at which a part is compared word by word
RESEARCH = "llama-1"
RESEARCH_TITLE = "LLaMA License Agreement (the original research license)"

_MARKUP_CHARS = re.compile(r"[<\[*_`&]")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_HIDDEN_BLOCK = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
_TITLE = re.compile(
    r"^(meta )?llama( [0-9]+)*( community license agreement| acceptable use policy"
    r"| license agreement)$"
)
_NOTICE_TRIGGER = re.compile(
    r"is licensed under|copyright © meta|©\s*meta platforms|community license, copyright",
    re.IGNORECASE,
)
_VERSION = re.compile(r"llama\s*([0-9]+(?:\.[0-9]+)?)", re.IGNORECASE)
_BUILT = re.compile(r"built\s+with\s+(meta\s+)?llama(\s*[0-9]+(?:\.[0-9]+)?)?", re.IGNORECASE)
_FRONT = re.compile(
    r"\A\ufeff?\s*(?:<!--+\s*\n)?---\s*\n.*?\n(?:---|\.\.\.)\s*(?:\n|\Z)", re.DOTALL
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


@dataclass(frozen=True)
class NoticeMatch:
    """A sentence that is, or tries to be, a version's Notice sentence."""

    license: str
    line: int
    status: str  # exact | missing-period | capitals | altered | paraphrase
    ok: bool | None  # True acceptable, None for review, False not the notice
    text: str
    reason: str
    in_license_text: bool = False


@dataclass(frozen=True)
class BuiltWith:
    """A "Built with …" phrase."""

    text: str
    line: int
    licenses: tuple[str, ...]  # versions whose display this satisfies
    displayed: bool  # False inside front matter, comments, scripts or a quoted license
    exact_case: bool
    reason: str


@dataclass(frozen=True)
class ScanResult:
    path: str
    texts: tuple[TextMatch, ...]
    notices: tuple[NoticeMatch, ...]
    built_with: tuple[BuiltWith, ...]

    def best(self) -> TextMatch | None:
        """The strongest text found (highest similarity; research license last)."""
        if not self.texts:
            return None
        return max(self.texts, key=lambda t: (t.similarity or 0.0, t.kind != "research-license"))

    def summary(self) -> str:
        """One line naming each text found, for people and benchmarks."""
        if not self.texts:
            return "no Llama license text"
        parts = []
        for text in self.texts:
            score = f" {text.similarity:.1%}" if text.similarity is not None else ""
            parts.append(
                f"{text.title}: {text.status}{score} (lines {text.start_line}-{text.end_line})"
            )
        return "; ".join(parts)


# -- tokens ----------------------------------------------------------------------------


def _visible(text: str) -> str:
    """Text with comments and script/style blocks blanked (line numbers kept)."""

    def blank(match: re.Match[str]) -> str:
        return "\n" * match.group(0).count("\n")

    return _HIDDEN_BLOCK.sub(blank, _COMMENT.sub(blank, text))


def tokens(text: str) -> tuple[list[str], list[int]]:
    """Words (as :func:`llamalicense.evidence.words` splits them) and the line of each."""
    out: list[str] = []
    lines: list[int] = []
    for number, line in enumerate(_visible(text).splitlines(), start=1):
        found = words(strip_markup(line) if _MARKUP_CHARS.search(line) else line)
        out.extend(found)
        lines.extend([number] * len(found))
    return out, lines


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


def similarity(official: Sequence[str], given: Sequence[str]) -> tuple[float, list[difflib.Match]]:
    """Share of ``official`` found in order in ``given``, and the matching blocks."""
    if not official or not given:
        return 0.0, []
    if list(official) == list(given):
        return 1.0, [difflib.Match(0, 0, len(official))]
    matcher = difflib.SequenceMatcher(None, official, given, autojunk=False)
    blocks = matcher.get_matching_blocks()
    return sum(b.size for b in blocks) / len(official), blocks


# -- texts -----------------------------------------------------------------------------


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


# -- notices ---------------------------------------------------------------------------


@cache
def notice_sentences() -> dict[str, str]:
    """The exact Notice sentence of each version, from the shipped agreements."""
    out: dict[str, str] = {}
    for license_id in LICENSE_IDS:
        text = normalize_phrase_text(
            read_text(rules_dir() / license_versions()[license_id].agreement)
        )
        match = re.search(r"copies:\s*\"([^\"]{20,200}?Reserved\.)\"", text)
        if match:
            out[license_id] = match.group(1)
    return out


def find_notices(text: str, license_lines: frozenset[int] = frozenset()) -> tuple[NoticeMatch, ...]:
    """Notice sentences (exact or imperfect) in ``text``; ``license_lines`` are quoted texts."""
    lines = _visible(text).splitlines()
    out: dict[tuple[str, int], NoticeMatch] = {}
    for index, line in enumerate(lines):
        lowered = line.lower()
        if "licensed" not in lowered and "\u00a9" not in line and "copyright" not in lowered:
            continue  # a cheap test first: most lines are not notices
        if not _NOTICE_TRIGGER.search(normalize_phrase_text(line)):
            continue
        start = index
        before = lines[index - 1].strip().rstrip("\"'\u201d*_ ") if index > 0 else ""
        if before and not before.endswith((".", ":")):
            start = index - 1  # a wrapped sentence may begin on the line before
        window, offsets = _window(lines[start : index + 3])
        for match in _judge_notice(window, offsets, start + 1):
            if (match.license, match.line) in out or match.line > index + 1:
                continue
            out[(match.license, match.line)] = _quoted(match, license_lines)
    return tuple(sorted(out.values(), key=lambda m: (m.line, m.license)))


def _quoted(match: NoticeMatch, license_lines: frozenset[int]) -> NoticeMatch:
    if match.line in license_lines:
        return NoticeMatch(
            match.license,
            match.line,
            match.status,
            False,
            match.text,
            "quoted inside a license text (clause 1.b.iii itself), which is not a Notice file",
            in_license_text=True,
        )
    return match


def _window(lines: Sequence[str]) -> tuple[str, list[int]]:
    """Lines normalized and joined, with the offset where each line starts."""
    parts: list[str] = []
    offsets: list[int] = []
    position = 0
    for line in lines:
        offsets.append(position)
        part = normalize_phrase_text(line)
        parts.append(part)
        position += len(part) + 1
    return " ".join(parts), offsets


def _line_offset(offsets: Sequence[int], position: int) -> int:
    return max(0, sum(1 for start in offsets if start <= position) - 1)


def _judge_notice(window: str, offsets: list[int], first_line: int) -> list[NoticeMatch]:
    sentences = notice_sentences()
    lowered = window.lower()
    hits = []
    for license_id, sentence in sentences.items():
        position = lowered.find(sentence[:-1].lower())
        if position >= 0 and not (position > 0 and lowered[position - 1].isalnum()):
            hits.append((position, license_id, sentence))
    out: list[NoticeMatch] = []
    for position, license_id, sentence in sorted(hits):
        body = sentence[:-1]
        found = window[position : position + len(body)]
        has_period = window[position + len(body) : position + len(body) + 1] == "."
        line = first_line + _line_offset(offsets, position)
        if found != body:
            out.append(
                NoticeMatch(
                    license_id,
                    line,
                    "capitals",
                    None,
                    found,
                    f"the {_short(license_id)} notice with different capitals; Meta's text reads "
                    f"\u201c{sentence}\u201d",
                )
            )
        elif not has_period:
            out.append(
                NoticeMatch(
                    license_id,
                    line,
                    "missing-period",
                    True,
                    found,
                    f"the {_short(license_id)} notice, accepted: only the final period is missing",
                )
            )
        else:
            out.append(
                NoticeMatch(
                    license_id,
                    line,
                    "exact",
                    True,
                    sentence,
                    f"the exact {_short(license_id)} notice",
                )
            )
    if out:
        return out
    imperfect = _imperfect_notice(window, offsets, first_line)
    return [imperfect] if imperfect else []


def _imperfect_notice(window: str, offsets: list[int], first_line: int) -> NoticeMatch | None:
    version = _VERSION.search(window)
    if version is None:
        return None
    license_id = "llama-" + version.group(1)
    sentences = notice_sentences()
    if license_id not in sentences:
        return None
    official = words(sentences[license_id])
    given = words(window)
    value, blocks = similarity(official, given)
    real = [b for b in blocks if b.size]
    excerpt = " ".join(window.split())[:200]
    line = first_line + _line_offset(offsets, version.start())
    if value >= 0.75 and real:
        missing, added = _word_diff(official, given[real[0].b : real[-1].b + real[-1].size])
        detail = "; ".join(
            part
            for part in (
                f"missing {', '.join(repr(w) for w in missing)}" if missing else "",
                f"adds {', '.join(repr(w) for w in added)}" if added else "",
            )
            if part
        )
        return NoticeMatch(
            license_id,
            line,
            "altered",
            False,
            excerpt,
            f"altered wording of the {_short(license_id)} notice ({detail}); clause 1.b.iii "
            f"requires \u201c{sentences[license_id]}\u201d",
        )
    if "meta platforms" in window.lower() or "community license" in window.lower():
        return NoticeMatch(
            license_id,
            line,
            "paraphrase",
            False,
            excerpt,
            f"a paraphrase that names {_short(license_id)} and Meta but is not the notice; "
            f"clause 1.b.iii requires \u201c{sentences[license_id]}\u201d",
        )
    return None


def _word_diff(official: Sequence[str], given: Sequence[str]) -> tuple[list[str], list[str]]:
    missing: list[str] = []
    added: list[str] = []
    matcher = difflib.SequenceMatcher(None, official, given, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op in ("delete", "replace"):
            missing.extend(official[a1:a2])
        if op in ("insert", "replace"):
            added.extend(given[b1:b2])
    return missing, added


def _short(license_id: str) -> str:
    return "Llama " + license_id.removeprefix("llama-")


# -- built with ------------------------------------------------------------------------


def find_built_with(
    text: str, license_lines: frozenset[int] = frozenset()
) -> tuple[BuiltWith, ...]:
    """ "Built with …" phrases, and whether each is really displayed."""
    front = _FRONT.match(text)
    front_lines = front.group(0).count("\n") if front else 0
    raw_lines = text.splitlines()
    visible = _visible(text).splitlines()
    out: list[BuiltWith] = []
    plain: dict[int, str] = {}

    def normalized(index: int) -> str:
        if index not in plain:
            line = raw_lines[index] if index < len(raw_lines) else ""
            plain[index] = normalize_phrase_text(line.replace("<!--", " ").replace("-->", " "))
        return plain[index]

    for index, line in enumerate(raw_lines):
        if "built" not in line.lower():
            continue  # a cheap test first
        shown = visible[index] if index < len(visible) else ""
        window = normalized(index) + " " + normalized(index + 1)  # a phrase may wrap
        for match in _BUILT.finditer(window):
            if match.start() >= len(normalized(index)):
                continue
            phrase = " ".join(match.group(0).split())
            number = index + 1
            where = _hidden_reason(number, front_lines, shown, line, license_lines)
            out.append(_built(phrase, number, where, window, match.start()))
    return tuple(out)


def _hidden_reason(
    number: int, front_lines: int, shown: str, line: str, license_lines: frozenset[int]
) -> str | None:
    if number <= front_lines:
        return "inside the YAML front matter, which is not displayed as the page"
    if "built" not in shown.lower() and "built" in line.lower():
        return "inside an HTML comment or a script, which is not displayed"
    if number in license_lines:
        return "inside a copy of the license text, which quotes the duty rather than meeting it"
    return None


def _built(phrase: str, number: int, hidden: str | None, line: str, start: int) -> BuiltWith:
    lowered = phrase.lower()
    version = re.search(r"[0-9]+(?:\.[0-9]+)?$", lowered)
    if lowered.startswith("built with meta llama"):
        licenses: tuple[str, ...] = ("llama-3",) if version and version.group(0) == "3" else ()
        wanted = "Built with Meta Llama 3"
    else:
        licenses = ("llama-3.1", "llama-3.2", "llama-3.3", "llama-4")
        wanted = "Built with Llama"
    exact = phrase.startswith(wanted)
    if "display" in line[:start].lower()[-60:]:
        hidden = (
            hidden or "a quotation of the clause (\u201cprominently display …\u201d), not a display"
        )
    if hidden:
        reason = f"\u201c{phrase}\u201d {hidden}"
    elif not licenses:
        reason = f"\u201c{phrase}\u201d is not the wording any version asks for"
    else:
        case = "" if exact else " (capitals differ from \u201c" + wanted + "\u201d)"
        reason = f"\u201c{phrase}\u201d displayed{case}"
    return BuiltWith(phrase, number, licenses, hidden is None and bool(licenses), exact, reason)


# -- whole files -----------------------------------------------------------------------


def scan_text(text: str, path: str = "<text>") -> ScanResult:
    """Scan one file's text."""
    texts = find_texts(text)
    license_lines = frozenset(
        n for t in texts if t.status != "stub" for n in range(t.start_line, t.end_line + 1)
    )
    return ScanResult(
        path, texts, find_notices(text, license_lines), find_built_with(text, license_lines)
    )


def scan_file(path: Path, display: str | None = None) -> ScanResult:
    """Scan one file (UTF-8; errors name the file)."""
    name = display or str(path)
    return scan_text(read_text(path, display=name), name)
