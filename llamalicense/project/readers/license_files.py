"""LICENSE, NOTICE and USE_POLICY files, read on their own through the evidence scanner.

Files named like a license (``LICENSE``, ``LICENCE``, ``COPYING``, ``USE_POLICY``,
``LLAMA-LICENSE.md``, ``LICENSES.md``, ...) or a Notice file (``NOTICE``, ``Notice.txt``)
are scanned (:mod:`llamalicense.evidence.scanner`):

* each Llama agreement or Acceptable Use Policy found is a ``license-text`` fact,
  ``identified`` by its full text; the detail says whether it is a complete copy, a
  modified, truncated or stub one (a stub or placeholder is no copy, and only read as
  prose);
* each Notice sentence is a ``notice`` fact, ``identified`` when the scanner accepts it as
  the version's sentence, ``prose`` when it is only close (altered wording, capitals);
  whether the file is a Notice file is in the detail (clause 1.b.iii asks for a "Notice"
  text file);
* each "Built with …" phrase really displayed is a ``built-with`` fact.

A file that holds no Llama text yields nothing: an MIT LICENSE is not evidence about Llama.
"""

from __future__ import annotations

from llamalicense.project.readers.base import (
    BUILT_WITH,
    IDENTIFIED,
    LICENSE_TEXT,
    NOTICE,
    PROSE,
    Blob,
    Fact,
    Source,
    clean,
    decode,
)

LICENSE_WORDS = ("license", "licence", "copying", "use_policy", "use-policy", "acceptable")
NOTICE_WORD = "notice"
_TEXT_FILES = ("", ".txt", ".md", ".markdown", ".rst", ".html", ".htm")
_COPY_STATUSES = frozenset({"complete", "modified", "truncated", "identified"})


def is_notice_file(path: str) -> bool:
    return NOTICE_WORD in path.rsplit("/", 1)[-1].lower()


class LicenseFilesReader:
    name = "license-files"
    max_bytes = 2 * 1024 * 1024

    def reads(self, path: str) -> bool:
        name = path.rsplit("/", 1)[-1].lower()
        suffix = name[name.rfind(".") :] if "." in name else ""
        textual = suffix in _TEXT_FILES or any(c.isdigit() or c == "-" for c in suffix)
        return textual and any(word in name for word in (*LICENSE_WORDS, NOTICE_WORD))

    def read(self, blob: Blob) -> tuple[Fact, ...]:
        from llamalicense.evidence.reader import find_phrase, notice_sentences
        from llamalicense.evidence.scanner import scan_text

        text = decode(blob)
        if isinstance(text, Fact):
            return (text,)
        result = scan_text(text, blob.path)
        facts: list[Fact] = []
        for found in result.texts:
            strength = IDENTIFIED if found.status in _COPY_STATUSES else PROSE
            score = f" {found.similarity:.1%}" if found.similarity is not None else ""
            facts.append(
                Fact(
                    LICENSE_TEXT,
                    found.license,
                    Source(blob.path, found.start_line, found.kind),
                    strength,
                    clean(f"{found.kind} {found.status}{score}"),
                )
            )
        where = "Notice file" if is_notice_file(blob.path) else "not a Notice file"
        agreements = {f.license for f in result.texts if f.kind == "agreement"}
        for license_id, sentence in notice_sentences().items():
            if license_id in agreements:
                continue  # the sentence quoted inside the agreement's clause 1.b.iii
            hit = find_phrase(text, sentence, exact_case=True)
            if hit is None:
                continue
            line, exact, _ = hit
            facts.append(
                Fact(
                    NOTICE,
                    license_id,
                    Source(blob.path, line, "notice sentence"),
                    IDENTIFIED if exact else PROSE,
                    clean(f"{'exact' if exact else 'near miss'}; {where}"),
                )
            )
        for phrase in result.built_with:
            if phrase.displayed:
                source = Source(blob.path, phrase.line, "built-with")
                facts.append(Fact(BUILT_WITH, clean(phrase.text), source, PROSE))
        return tuple(facts)


READER = LicenseFilesReader()
