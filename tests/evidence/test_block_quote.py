"""A Notice sentence in a Markdown block quote over two lines is the Notice sentence."""

from __future__ import annotations

from pathlib import Path

from llamalicense.evidence.reader import EvidenceReader, find_phrase, notice_sentences
from llamalicense.project.readers.base import Blob
from llamalicense.project.readers.license_files import READER

QUOTED = (
    "# Licenses\n\n## Meta Llama 3\n\n### Required attribution\n\n"
    '> "Meta Llama 3 is licensed under the Meta Llama 3 Community License,\n'
    '> Copyright © Meta Platforms, Inc. All Rights Reserved."\n'
)


def test_a_two_line_block_quote_is_one_sentence() -> None:
    found = find_phrase(QUOTED, notice_sentences()["llama-3"], exact_case=True)
    assert found is not None
    line, exact, _ = found
    assert (line, exact) == (7, True)


def test_the_notice_rule_quotes_the_sentence_not_a_heading(tmp_path: Path) -> None:
    (tmp_path / "NOTICE.md").write_text(QUOTED, encoding="utf-8")
    judgement = EvidenceReader(tmp_path).contains_phrase(
        ("NOTICE.md",),
        "Meta Llama 3 is licensed under the Meta Llama 3 Community License, Copyright © Meta "
        "Platforms, Inc. All Rights Reserved.",
        exact_case=True,
    )
    assert judgement.value is True
    assert judgement.line == 7


def test_a_nested_quote_is_read_by_the_license_file_reader() -> None:
    text = "> > Llama 3.2 is licensed under the Llama 3.2 Community License, Copyright © Meta\n"
    text += "> > Platforms, Inc. All Rights Reserved.\n"
    facts = READER.read(Blob("NOTICE", text.encode(), len(text.encode()), truncated=False))
    notices = [(f.kind, f.value, f.source.line, f.strength) for f in facts if f.kind == "notice"]
    assert notices == [("notice", "llama-3.2", 1, "identified")]
